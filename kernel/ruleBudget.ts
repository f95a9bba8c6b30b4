/**
 * The rule budget: how many rules a Cloudflare plan allows per Ruleset phase
 * (components/constants/cloudflare.ts RULE_LIMITS, dated and sourced there) and whether a count
 * fits. The edge builders, the API contracts, the policy pack, `plan` and diff each count rules
 * from what they hold; they judge the count here.
 */
import { EDGE_PHASES, RULE_LIMITS, type EdgePhase } from "../components/constants/cloudflare";
import type { CloudflarePlan } from "../components/schema/context";

/** Plans from the smallest up. */
export const CLOUDFLARE_PLANS: readonly CloudflarePlan[] = ["free", "pro", "business", "enterprise"];

export function isEdgePhase(phase: unknown): phase is EdgePhase {
  return (EDGE_PHASES as readonly unknown[]).includes(phase);
}

/** A zone plan named in config, or "free" (the smallest budget) when it names none or an unknown one. */
export function cloudflarePlanOf(value: unknown): CloudflarePlan {
  return (CLOUDFLARE_PLANS as readonly unknown[]).includes(value) ? (value as CloudflarePlan) : "free";
}

/** How many rules `plan` allows in `phase`. */
export function ruleLimit(phase: EdgePhase, plan: CloudflarePlan): number {
  return RULE_LIMITS[phase][plan];
}

export interface PhaseBudget {
  phase: EdgePhase;
  used: number;
  limit: number;
}

/** The budget line of one phase. */
export function phaseBudget(phase: EdgePhase, used: number, plan: CloudflarePlan): PhaseBudget {
  return { phase, used, limit: ruleLimit(phase, plan) };
}

export function isOverBudget(line: Pick<PhaseBudget, "used" | "limit">): boolean {
  return line.used > line.limit;
}

/** The smallest plan that allows more than `count` rules in `phase`, if any. */
export function smallestPlanAllowingMoreThan(phase: EdgePhase, count: number): CloudflarePlan | undefined {
  return CLOUDFLARE_PLANS.find((p) => ruleLimit(phase, p) > count);
}
