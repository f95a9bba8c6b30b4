/**
 * Rule budget per Ruleset phase: rules used in base and head, and the plan's limit. The limit
 * comes from the plan's `ruleBudget` section (written by the stage that knows the Cloudflare plan's
 * quotas); without it, usage is counted from the Rulesets and the limit is left blank.
 */
import type { Plan } from "../plan/types";
import { rulesets } from "./model/resources";
import { asArray, asRecord, knownNumber, knownString } from "./model/values";
import type { BudgetRow } from "./types";

interface Usage {
  used: number;
  limit?: number;
}

export function budgetOf(plan: Plan): Map<string, Usage> {
  const out = new Map<string, Usage>();
  for (const raw of asArray(plan.ruleBudget)) {
    const row = asRecord(raw);
    const phase = knownString(row?.phase);
    const used = knownNumber(row?.used);
    if (phase && used !== undefined) out.set(phase, { used, limit: knownNumber(row?.limit) });
  }
  // Several rulesets of one phase (a mistake the policies catch) are summed when counted here.
  const counted = new Map<string, number>();
  for (const set of rulesets(plan)) if (set.phase) counted.set(set.phase, (counted.get(set.phase) ?? 0) + set.rules.length);
  for (const [phase, used] of counted) if (!out.has(phase)) out.set(phase, { used });
  return out;
}

/** Rules used per phase in base and head (the report's `ruleBudget` rows). */
export function ruleBudgetChanges(base: Plan, head: Plan): BudgetRow[] {
  const b = budgetOf(base);
  const h = budgetOf(head);
  return [...new Set([...b.keys(), ...h.keys()])].sort().map((phase) => {
    const limit = h.get(phase)?.limit ?? b.get(phase)?.limit;
    return {
      phase,
      ...(b.has(phase) ? { baseUsed: b.get(phase)!.used } : {}),
      ...(h.has(phase) ? { headUsed: h.get(phase)!.used } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
  });
}
