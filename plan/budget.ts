/**
 * The rule budget of a rendered plan: rules used per phase by the planned Rulesets against the
 * zone plan's limits (components/constants/cloudflare.ts). Read from the plan, not from the config,
 * so it also counts rules that did not come from our builders.
 */
import { EDGE_PHASES, PHASE_LABELS } from "../components/constants/cloudflare";
import { cloudflarePlanOf, isOverBudget, phaseBudget, type PhaseBudget } from "../kernel/ruleBudget";
import type { CloudflarePlan } from "../components/schema/context";
import { reveal, type Plan, type PlannedResource } from "./types";
import { TYPES } from "./model/tokens";

export const RULESET_TYPE = TYPES.ruleset;

export type RuleBudgetLine = PhaseBudget;

/** The zone plan a rendered plan was made for ("free" when the config does not say). */
export function zonePlanOf(plan: Pick<Plan, "config">): CloudflarePlan {
  return cloudflarePlanOf(plan.config.cloudflarePlan);
}

/** The planned zone Rulesets by phase. */
export function rulesetsByPhase(plan: Plan): Map<string, PlannedResource[]> {
  const out = new Map<string, PlannedResource[]>();
  for (const r of plan.resources) {
    if (r.type !== RULESET_TYPE) continue;
    const phase = String(reveal(r.inputs.phase));
    out.set(phase, [...(out.get(phase) ?? []), r]);
  }
  return out;
}

/** The plan's `ruleBudget` section: rules per phase in the planned Rulesets, against the zone plan's limits. */
export function planRuleBudget(plan: Plan): RuleBudgetLine[] {
  const zonePlan = zonePlanOf(plan);
  const byPhase = rulesetsByPhase(plan);
  return EDGE_PHASES.map((phase) => {
    const rules = (byPhase.get(phase) ?? []).flatMap((r) => {
      const list = reveal(r.inputs.rules);
      return Array.isArray(list) ? list : [];
    });
    return phaseBudget(phase, rules.length, zonePlan);
  });
}

/** Phases over their limit, as messages naming the plan and the count. */
export function overBudget(plan: Plan): string[] {
  const zonePlan = zonePlanOf(plan);
  return planRuleBudget(plan)
    .filter(isOverBudget)
    .map((l) => `${l.phase}: ${l.used} ${PHASE_LABELS[l.phase]}, the ${zonePlan} plan allows ${l.limit}`);
}

/** The short table `plan` prints after the resources. */
export function formatRuleBudget(lines: RuleBudgetLine[], zonePlan: CloudflarePlan): string {
  const width = Math.max(...lines.map((l) => l.phase.length));
  const rows = lines.map((l) => `  ${l.phase.padEnd(width)}  ${String(l.used).padStart(3)} / ${String(l.limit).padEnd(4)}${isOverBudget(l) ? "  OVER" : ""}`);
  return [`Rule budget (${zonePlan} plan): rules used / allowed per phase`, ...rows].join("\n");
}
