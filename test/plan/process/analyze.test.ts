/**
 * The offline runner: start-up, fail-closed behaviour, clean shutdown and timing. Policy behaviour
 * itself is tested per concern under test/policies/.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyPackStartError, runPolicyPack, startPolicyPack } from "../../../plan/analyze";
import type { Plan } from "../../../plan/types";
import { planned } from "../../policies/harness";
import { isAlive } from "../../support/processes";

const FIXTURES = path.join(__dirname, "../..", "fixtures", "policy-packs");

/**
 * This process's children whose command line or folder mentions `needle` (Linux /proc), to prove
 * nothing it started is left running. Children only: another suite may run a pack of the same
 * fixture at the same time.
 */
function processesMentioning(needle: string): number[] {
  const parentOf = (pid: string) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        if (parentOf(pid) !== process.pid) return false;
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle) || fs.readlinkSync(`/proc/${pid}/cwd`).includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}


const tinyPlan = (...names: string[]): Plan => ({
  project: "launch-ready",
  stack: "test",
  config: {},
  outputs: {},
  resources: names.map((n) => planned("test:index/thing:Thing", n, { value: n })),
});

describe("fail closed", () => {
  // One pack process for both plans: a pack that caught a throw still judges the next plan.
  test("a throwing policy becomes a mandatory violation, through the runner or the pack's wrapper; a plan where nothing throws passes the same pack", async () => {
    const pack = await startPolicyPack({ packDir: path.join(FIXTURES, "throwing") });
    try {
      const v = await pack.analyze(tinyPlan("fine", "explode", "explode-raw"));
      const explodeUrn = tinyPlan("explode").resources[0]!.urn;
      const explodeRawUrn = tinyPlan("explode-raw").resources[0]!.urn;
      expect(v).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ policyName: "throws-on-resource", enforcementLevel: "mandatory", urn: explodeRawUrn, message: expect.stringContaining("boom from a resource policy") }),
          expect.objectContaining({ policyName: "helper-throws", enforcementLevel: "mandatory", urn: explodeUrn, message: expect.stringContaining("boom from a helper policy") }),
          expect.objectContaining({ policyName: "helper-stack-throws", enforcementLevel: "mandatory", message: expect.stringContaining("boom from a stack policy") }),
        ]),
      );
      expect(v).toHaveLength(3);
      expect(await pack.analyze(tinyPlan("fine"))).toEqual([]);
      expect(isAlive(pack.pid)).toBe(true);
    } finally {
      await pack.close();
    }
    expect(isAlive(pack.pid)).toBe(false);
  }, 60_000);

  // runPolicyPack (start, analyze, close in one call) answers with violations in
  // test/plan/process/inProcess.test.ts and with start-up errors below: no pack start of its own here.
});

describe("start-up errors", () => {
  test("a pack that fails while loading is a clear error carrying what it said, and leaves no process", async () => {
    const packDir = path.join(FIXTURES, "broken");
    const err = await runPolicyPack(tinyPlan(), { packDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PolicyPackStartError);
    expect((err as Error).message).toMatch(/exited \(exit code \d+\) before printing its analyzer port/);
    expect((err as Error).message).toContain("fixture pack fails while loading");
    expect(processesMentioning(packDir)).toEqual([]);
  }, 60_000);

  test("a pack that does not answer in time is stopped", async () => {
    const packDir = path.join(FIXTURES, "throwing");
    const err = await runPolicyPack(tinyPlan(), { packDir, timeoutMs: 50 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/did not print its analyzer port within 50 ms/);
    expect(processesMentioning(packDir)).toEqual([]);
  }, 60_000);

  test("a missing pack folder is a clear error", async () => {
    await expect(runPolicyPack(tinyPlan(), { packDir: path.join(FIXTURES, "no-such-pack") })).rejects.toThrow(/no policy pack at .*no-such-pack: a folder with a PulumiPolicy.yaml is expected/);
  }, 60_000);
});

// The repository pack's own start, description, config refusal and a prod-sized plan: inProcess.test.ts,
// on the real pack it compares the in-process one with (one start of that pack per run).
