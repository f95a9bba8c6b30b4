/**
 * Hostile config values (issue 17) fail the config, exit 2 with each key path, never a policy
 * (exit 1): redirect targets a browser rewrites, special-use origins, 254-character names.
 * The command's entry in this process (the real entry's exit 2 is test/cli/plan.test.ts's failing
 * program); --no-policies: a config that let these through would exit 0 or 1 either way, and the
 * pack's start-up is not what this checks. The messages themselves are asserted in
 * test/components/{config,edge/config}.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { runMain, STACK_TRACE } from "../support/cli";
import { testStackFile } from "../support/stacks";

test("plan exits 2 naming every hostile key, with no stack trace", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-hostile-config-"));
  const doc = YAML.parse(fs.readFileSync(testStackFile("prod"), "utf8")) as { config: Record<string, any> };
  const hosts = doc.config["launch-ready:hosts"] as Array<Record<string, unknown>>;
  hosts.push({ name: "stage", origin: { cname: "origin.test" } });
  hosts.push({ name: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(50)}`, origin: { cname: "x.fly.dev" } });
  const edge = (doc.config["launch-ready:edge"] ??= {}) as Record<string, unknown>;
  edge.redirects = [
    { from: "/old-a", to: "/\t/evil.example/" },
  ];
  // The test-owned prod stack, edited, in a folder of its own (the file's name gives the stack's).
  const file = path.join(dir, "Pulumi.prod.yaml");
  fs.writeFileSync(file, YAML.stringify(doc));
  const { status, stdout, stderr } = await runMain(["plan", "--stack", "prod", "--config-file", file, "--json", "--no-policies"]);
  expect(status).toBe(2);
  expect(stdout).toBe("");
  expect(stderr).toMatch(new RegExp(`launch-ready:hosts\\[${hosts.length - 2}\\]\\.origin\\.cname: "origin\\.test" is a private-network name`));
  expect(stderr).toMatch(new RegExp(`launch-ready:hosts\\[${hosts.length - 1}\\]\\.name: .*makes 254 characters`));
  expect(stderr).toMatch(/launch-ready:edge\.redirects\[0\]\.to: whitespace, control characters and backslashes are not allowed/);
  expect(stderr).not.toMatch(STACK_TRACE);
});
