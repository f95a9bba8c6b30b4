/**
 * Rules used per Ruleset phase in a plan, and the plan's limit. The limit comes from the plan's
 * `ruleBudget` section (written by the stage that knows the Cloudflare plan's quotas); without it,
 * usage is counted from the Rulesets and the limit is left blank. Diff compares two of these;
 * handover lists one.
 */
import type { Plan } from "../types";
import { rulesets } from "./resources";
import { asArray, asRecord, knownNumber, knownString } from "./values";

export interface PhaseUsage {
  used: number;
  limit?: number;
}

export function budgetOf(plan: Plan): Map<string, PhaseUsage> {
  const out = new Map<string, PhaseUsage>();
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
