/**
 * `launch-ready handover` as a user runs it: writes the document and the zone file beside it. The
 * stacks render in this process through main(), the entry bin.js runs; the real bin.js for a usage
 * error (exit 2, the message without a stack trace, nothing written).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, runMain, STACK_TRACE } from "../support/cli";
import { stackArgs } from "../support/stacks";
import { HANDOVER_SECTIONS } from "../../handover";

const headings = (md: string) => [...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]);

describe("launch-ready handover", () => {
  test.each(["prod", "staging"] as const)("--stack %s renders the plan and writes the document and zone file", async (stack) => {
    const dir = mkdtempSync(join(tmpdir(), "handover-"));
    const out = join(dir, "docs", "HANDOVER.md");
    const r = await runMain(["handover", ...stackArgs(stack), "--out", out]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    const apex = stack === "prod" ? "example.com" : "example-staging.com";
    expect(r.stdout).toBe(`wrote ${out}\nwrote ${join(dir, "docs", `${apex}.zone`)}\n`);
    expect(headings(readFileSync(out, "utf8"))).toEqual(HANDOVER_SECTIONS);
    expect(readFileSync(join(dir, "docs", `${apex}.zone`), "utf8")).toContain(`$ORIGIN ${apex}.`);
  });

  test("--plan uses an existing plan JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "handover-"));
    const r = await runMain(["handover", "--plan", join(__dirname, "../fixtures/diff/base-staging.json"), "--out", join(dir, "H.md")]);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, "H.md"), "utf8")).toContain("| `launch-ready/staging/stripe-webhook-secret` |");
  });

  test("a usage error from the real bin: exit 2, the message, no stack trace, nothing written", () => {
    const dir = mkdtempSync(join(tmpdir(), "handover-"));
    const out = join(dir, "HANDOVER.md");
    const r = runCli(["handover", "--plan", "/nonexistent/plan.json", "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^launch-ready: cannot read plan \/nonexistent\/plan\.json: no such file/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    ["an unknown stack", ["--stack", "nope"], /cannot read .*Pulumi\.nope\.yaml: no such file/],
    ["a missing plan file", ["--plan", "/nonexistent/plan.json"], /cannot read plan \/nonexistent\/plan\.json: no such file/],
    ["--plan with --stack", ["--plan", "x.json", "--stack", "prod"], /--plan cannot be combined with --stack or --config-file/],
  ])("%s: clear message, exit 2, nothing written", async (_label, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), "handover-"));
    const out = join(dir, "HANDOVER.md");
    const r = await runMain(["handover", ...args, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(out)).toBe(false);
  });
});
