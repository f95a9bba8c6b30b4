/** Policy violations new in HEAD (and those HEAD resolved), compared by policy, resource and message. */
import type { Plan, PolicyViolation } from "../plan/types";
import { asArray } from "../plan/read/values";

const keyOf = (v: PolicyViolation) => JSON.stringify([v.policyName, v.urn ?? "", v.message]);

function violationsOf(plan: Plan): PolicyViolation[] {
  return asArray(plan.violations).filter((v): v is PolicyViolation => typeof v === "object" && v !== null && typeof (v as PolicyViolation).policyName === "string");
}

export function violationChanges(base: Plan, head: Plan): { added: PolicyViolation[]; resolved: PolicyViolation[] } {
  const before = new Set(violationsOf(base).map(keyOf));
  const after = new Set(violationsOf(head).map(keyOf));
  return {
    added: violationsOf(head).filter((v) => !before.has(keyOf(v))),
    resolved: violationsOf(base).filter((v) => !after.has(keyOf(v))),
  };
}
