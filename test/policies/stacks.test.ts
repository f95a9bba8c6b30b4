/**
 * Acceptance: both example stacks, rendered from the real program, pass the pack with their config
 * files; and each config file states the same facts as its stack file, so a stack moved to another
 * plan, domain or environment cannot keep being judged by the old ones.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startPolicyPack, type RunningPolicyPack } from "../../plan/analyze";
import type { Plan } from "../../plan/types";
import { renderIsolated } from "../support/render";

const STACKS = ["prod", "staging"] as const;
const policyConfigOf = (stack: string): Record<string, Record<string, unknown>> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "config", `${stack}.json`), "utf8"));

let pack: RunningPolicyPack;
const plans = new Map<string, Plan>();
beforeAll(async () => {
  const started = startPolicyPack();
  // One render at a time, each from a fresh module registry: a second renderPlan in the same
  // registry registers no resources at all (and would pass any policy).
  for (const stack of STACKS) plans.set(stack, (await renderIsolated({ stack })).plan);
  pack = await started;
}, 120_000);
afterAll(() => pack?.close());

test.each(STACKS)("the %s stack has no violation at any level", async (stack) => {
  const plan = plans.get(stack)!;
  expect(plan.resources.length).toBeGreaterThan(50);
  const violations = await pack.analyze(plan, policyConfigOf(stack));
  expect(violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
  // Advisories too: a new one on an example stack is either a real finding or a policy to tune.
  expect(violations).toEqual([]);
}, 60_000);

test.each(STACKS)("config/%s.json states the stack file's own facts", (stack) => {
  const config = plans.get(stack)!.config;
  const facts: Record<string, unknown> = {
    zoneName: config.domain,
    environment: config.environment,
    cloudflarePlan: config.cloudflarePlan,
    sensitiveHosts: (config.hosts as Array<{ name: string; sensitive: boolean }>).filter((h) => h.sensitive).map((h) => h.name),
  };
  for (const [policy, settings] of Object.entries(policyConfigOf(stack))) {
    for (const [key, value] of Object.entries(settings)) {
      if (key in facts) expect({ policy, key, value }).toEqual({ policy, key, value: facts[key] });
    }
  }
});
