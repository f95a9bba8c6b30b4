/**
 * Acceptance: both test-owned example stacks, rendered from the real program, pass the pack with
 * the settings `policy-config` derives from their stack files (plan/policySettings.test.ts covers
 * the derivation itself).
 */
import type { RunningPolicyPack } from "../../plan/analyze";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import type { Plan } from "../../plan/types";
import { renderedStack } from "../support/render";
import { testPolicySettings } from "../support/stacks";

const STACKS = ["prod", "staging"] as const;

let pack: RunningPolicyPack;
const plans = new Map<string, Plan>();
beforeAll(async () => {
  const started = startInProcessPolicyPack();
  // The run's renders of the test-owned stacks (test/support/globalSetup.ts).
  for (const stack of STACKS) plans.set(stack, (await renderedStack(stack)).plan);
  pack = await started;
}, 120_000);
afterAll(() => pack?.close());

test.each(STACKS)("the %s stack has no violation at any level", async (stack) => {
  const plan = plans.get(stack)!;
  expect(plan.resources.length).toBeGreaterThan(50);
  const violations = await pack.analyze(plan, testPolicySettings(stack));
  expect(violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  // Advisories too: a new one on an example stack is either a real finding or a policy to tune.
  expect(violations).toEqual([]);
}, 60_000);
