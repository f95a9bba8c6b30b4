/**
 * `diffPlans(base, head)`: what a pull request changes in the infrastructure, and what is risky
 * about it, from two offline plans. Pure: no file, network or clock.
 */
import type { Plan } from "../plan/types";
import { assertComparable } from "../plan/model/load";
import { matchResources } from "./match";
import { RISK_RULES } from "./risks";
import { resourceChanges } from "./changes";
import { violationChanges } from "./violations";
import { ruleBudgetChanges } from "./budget";
import { edgeDiagram, mailDiagram } from "./mermaid";
import { scrubber } from "../plan/read/mask";
import type { DiffReport, Risk } from "./types";

export function diffPlans(base: Plan, head: Plan): DiffReport {
  assertComparable(base, head);
  const matching = matchResources(base, head);
  const notes: string[] = [];
  const note = (m: string) => {
    if (!notes.includes(m)) notes.push(m);
  };
  const risks: Risk[] = [];
  for (const { name, rule } of RISK_RULES) {
    try {
      risks.push(...rule({ base, head, matching, note }));
    } catch (err) {
      // Fail closed: a check that crashed must be visible, never silently "no risk".
      note(`The ${name} check failed (${(err as Error).message}): review those changes by hand.`);
    }
  }
  const { changes, unchanged } = resourceChanges(base, head, matching);
  const report: DiffReport = {
    project: head.project,
    stack: head.stack,
    risks,
    counts: {
      added: changes.filter((c) => c.kind === "added").length,
      changed: changes.filter((c) => c.kind === "changed").length,
      removed: changes.filter((c) => c.kind === "removed").length,
      unchanged,
    },
    changes,
    violations: violationChanges(base, head),
    ruleBudget: ruleBudgetChanges(base, head),
    diagrams: { edge: edgeDiagram(head), mail: mailDiagram(head) },
    notes,
  };
  return scrubDeep(report, scrubber(base, head));
}

/** Applies the last-line secret scrubber to every string of the report. */
function scrubDeep<T>(value: T, scrub: (s: string) => string): T {
  if (typeof value === "string") return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)])) as T;
  }
  return value;
}

export { toMarkdown } from "./markdown";
export { loadPlanFile, parsePlanText, toPlan, assertComparable, PlanInputError } from "../plan/model/load";
export type * from "./types";
