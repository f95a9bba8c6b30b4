/**
 * Rule budget per Ruleset phase: rules used in base and head, and the plan's limit (the plan
 * reading itself is plan/read/budget.ts, shared with handover).
 */
import type { Plan } from "../plan/types";
import { budgetOf } from "../plan/read/budget";
import type { BudgetRow } from "./types";

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
