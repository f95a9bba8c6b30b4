/**
 * Your stacks: every Pulumi.<stack>.yaml at the top of the repository, checked as your CI would
 * before a deploy. Whatever stacks exist and however you edited them (domain, zone, hosts, mail),
 * each must load, plan with no mandatory policy violation and no failed API contract, be judged by
 * policy settings in step with it, and keep the URNs pinned in urns/<stack>.json when a pin is
 * committed. Nothing here names a domain: the facts come from your files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { checkContracts } from "../contracts";
import type { RunningPolicyPack } from "../plan/analyze";
import { startInProcessPolicyPack } from "../plan/analyzer/inProcess";
import { policyFactsOf, policySettingsForPlan } from "../plan/policySettings";
import { PROJECT_DIR } from "../plan/projectDir";
import type { RenderResult } from "../plan/render";
import { checkUrnPin, readUrnPin, refreshUrnsCommand, urnPinFile } from "../plan/urnPin";
import { mandatoryViolations } from "../plan/violations";
import { renderIsolated } from "./support/render";

/** The stacks the repository holds now: Pulumi.<stack>.yaml beside Pulumi.yaml. */
const STACKS = fs
  .readdirSync(PROJECT_DIR)
  .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ stack: m[1]!, file: path.join(PROJECT_DIR, m[0]) }));

const rendered = new Map<string, RenderResult | Error>();
let pack: RunningPolicyPack;
beforeAll(async () => {
  const started = startInProcessPolicyPack();
  for (const { stack, file } of STACKS) {
    try {
      rendered.set(stack, await renderIsolated({ stack, configFile: file, projectDir: PROJECT_DIR }));
    } catch (err) {
      rendered.set(stack, err as Error);
    }
  }
  pack = await started;
}, 300_000);
afterAll(() => pack?.close());

const renderOf = (stack: string): RenderResult => {
  const result = rendered.get(stack);
  if (result instanceof Error) throw new Error(`Pulumi.${stack}.yaml does not plan: ${result.message}`);
  return result!;
};

test("the repository has at least one stack file", () => {
  expect(STACKS.length).toBeGreaterThan(0);
});

describe.each(STACKS.map((s) => [s.stack]))("your stack %s", (stack) => {
  test("loads and renders", () => {
    expect(renderOf(stack).plan.resources.length).toBeGreaterThan(0);
  });

  test("plans with no mandatory policy violation, judged by settings in step with the stack file", async () => {
    const result = renderOf(stack);
    // Throws, naming both files and `npm run policy-config`, when policies/config/<stack>.json is stale.
    const settings = policySettingsForPlan(result.config, stack, result.stackFile.file);
    const violations = await pack.analyze(result.plan, settings, policyFactsOf(result.config));
    expect(mandatoryViolations(violations).map((v) => `${v.policyName}: ${v.message}`)).toEqual([]);
  }, 60_000);

  test("no value an API would reject (contracts)", () => {
    const report = checkContracts(renderOf(stack).plan);
    expect(report.checked.filter((c) => c.status === "failed")).toEqual([]);
  });

  test("keeps its pinned URNs (urns/<stack>.json, when committed)", () => {
    const pinned = readUrnPin(urnPinFile(stack));
    if (pinned === undefined) return; // no pin committed for this stack: nothing promised yet
    const { lost, unpinned } = checkUrnPin(renderOf(stack).plan, pinned);
    // A lost URN is a delete on the next deploy: alias it, or refresh the pin if the delete is meant.
    expect({ lost, unpinned, fix: refreshUrnsCommand(stack) }).toEqual({ lost: [], unpinned: [], fix: refreshUrnsCommand(stack) });
  });
});
