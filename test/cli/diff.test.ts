/**
 * `launch-ready diff` as a user (and the PR workflow) runs it. The real bin.js for what only a
 * process shows (the exit status, stdout and stderr apart, no stack trace); the other cases run
 * the same entry, main(), in this process.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, runMain, STACK_TRACE } from "../support/cli";

const FIXTURES = join(__dirname, "../fixtures/diff");
const base = join(FIXTURES, "base-prod.json");
const head = join(FIXTURES, "head-prod-risky.json");

describe("launch-ready diff", () => {
  test("prints Markdown with the risky changes first", async () => {
    const r = await runMain(["diff", base, head]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("#### ⚠️ Risky changes (")).toBe(true);
    expect(r.stdout).toContain("**Host no longer proxied**: admin.example.com");
    expect(r.stdout).toContain("**SSL/TLS/HSTS downgrade**: SSL mode is lowered from strict to full");
  });

  test("--format json gives the same content as data", async () => {
    const r = await runMain(["diff", base, head, "--format", "json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.stack).toBe("prod");
    expect(report.risks.map((x: { kind: string }) => x.kind)).toEqual(expect.arrayContaining(["host-unproxied", "tls-downgrade", "dmarc-weakened", "rate-limit-removed"]));
    expect(Object.keys(report)).toEqual(["project", "stack", "risks", "counts", "changes", "violations", "ruleBudget", "diagrams", "notes"]);
  });

  const dir = mkdtempSync(join(tmpdir(), "diff-cli-"));
  const notJson = join(dir, "not.json");
  writeFileSync(notJson, "> launch-ready plan\n{");
  const notPlan = join(dir, "notplan.json");
  writeFileSync(notPlan, JSON.stringify({ steps: [] }));
  const empty = join(dir, "empty.json");
  writeFileSync(empty, "");

  test.each([
    ["a missing file", [join(dir, "missing.json"), head], /cannot read BASE plan .*missing\.json: no such file; expected a plan as printed by `launch-ready plan --stack <name> --json`/],
    ["a file that is not JSON", [base, notJson], /HEAD plan .*not\.json is not JSON \(.*\); expected a plan/],
    ["JSON that is not a plan", [notPlan, head], /BASE plan .*notplan\.json is not a launch-ready plan .*\n {2}project: .*\n {2}stack: /],
    ["an empty file (a failed plan run)", [empty, head], /BASE plan .*empty\.json is empty; expected .* \(did the plan command fail\?\)/],
    ["different stacks", [join(FIXTURES, "base-staging.json"), head], /cannot compare different stacks: base is "staging", head is "prod"/],
  ])("%s: clear message, exit 2, no stack trace", async (_label, files, message) => {
    const r = await runMain(["diff", ...files]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test("a bad plan file from the real bin: exit 2, nothing on stdout, the message without a stack trace", () => {
    const r = runCli(["diff", join(dir, "missing.json"), head]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^launch-ready: cannot read BASE plan .*missing\.json: no such file/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test("an unknown --format is a usage error", async () => {
    const r = await runMain(["diff", base, head, "--format", "html"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format "html" is not supported; expected one of markdown, json');
  });
});
