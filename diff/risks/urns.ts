/**
 * Production URN changes: in a production plan, any base URN that no head resource has, not even
 * in its `options.aliases`. For Pulumi that is a delete (and, if the resource moved or was
 * renamed, a create under the new URN): for a DNS record, an outage; for a secret or key, data
 * loss. Component resources are left out: they exist only in the program, and their children's
 * URNs, which change with them, are reported one by one.
 */
import { isProductionPlan } from "../../plan/read/resources";
import type { Risk } from "../types";
import type { RiskRule } from "./context";

export const urnRisks: RiskRule = ({ head, matching }) => {
  if (!isProductionPlan(head)) return [];
  const risks: Risk[] = [];
  for (const removed of matching.removed) {
    if (removed.custom === false) continue;
    const successor = matching.added.find((a) => a.type === removed.type && a.name === removed.name) ?? matching.added.find((a) => a.type === removed.type && a.parent === removed.parent && JSON.stringify(a.inputs) === JSON.stringify(removed.inputs));
    risks.push({
      kind: "production-urn-changed",
      subject: removed.name,
      urn: removed.urn,
      message: successor
        ? `Production URN changes without an alias: ${removed.urn} -> ${successor.urn}. Pulumi deletes the ${removed.type} and creates a new one; add \`aliases: ["${removed.urn}"]\` to keep it.`
        : `Production resource ${removed.type} "${removed.name}" is removed from the program: \`pulumi up\` deletes it (${removed.urn}).`,
    });
  }
  return risks;
};
