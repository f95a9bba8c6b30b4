/**
 * Hostile config values (issue 17) fail the config, exit 2 with each key path, never a policy
 * (exit 1): redirect targets a browser rewrites, special-use origins, 254-character names.
 * One CLI spawn; the messages themselves are asserted in test/components/{config,edge/config}.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { runCli, STACK_TRACE } from "../support/cli";
import { testStackFile } from "../support/stacks";

test("plan exits 2 naming every hostile key, with no stack trace", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-hostile-config-"));
  const doc = YAML.parse(fs.readFileSync(testStackFile("prod"), "utf8")) as { config: Record<string, any> };
  const hosts = doc.config["launch-ready:hosts"] as Array<Record<string, unknown>>;
  hosts.push({ name: "stage", origin: { cname: "origin.test" } });
  hosts.push({ name: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(50)}`, origin: { cname: "x.fly.dev" } });
  const edge = (doc.config["launch-ready:edge"] ??= {}) as Record<string, unknown>;
  edge.redirects = [
    { from: "/old-a", to: "/\t/evil.example/" },
  ];
  const file = path.join(dir, "Pulumi.prod.yaml");
  fs.writeFileSync(file, YAML.stringify(doc));
  const { status, stderr } = runCli(["plan", "--stack", "prod", "--config-file", file, "--json"]);
  expect(status).toBe(2);
  expect(stderr).toMatch(new RegExp(`launch-ready:hosts\\[${hosts.length - 2}\\]\\.origin\\.cname: "origin\\.test" is a private-network name`));
  expect(stderr).toMatch(new RegExp(`launch-ready:hosts\\[${hosts.length - 1}\\]\\.name: .*makes 254 characters`));
  expect(stderr).toMatch(/launch-ready:edge\.redirects\[0\]\.to: whitespace, control characters and backslashes are not allowed/);
  expect(stderr).not.toMatch(STACK_TRACE);
}, 180_000);
