/**
 * DNS record deletes and replacements. A replacement is either the same resource with an input
 * the provider cannot update in place (zone, name, type: Pulumi deletes and re-creates it), or a
 * record dropped under one URN and declared again under another with the same name (a logical
 * name changed without an alias). Both leave the name without an answer for a while.
 */
import type { PlannedResource } from "../../plan/types";
import { displayValue } from "../../plan/read/mask";
import { dnsRecords, TYPES, type DnsRecordView } from "../../plan/read/resources";
import type { Risk } from "../types";
import type { RiskRule } from "./context";

/** DnsRecord inputs whose change forces a replacement (cloudflare-and-pulumi-facts.md: type under the same name needs delete-first). */
export const REPLACE_ON_CHANGE = ["zoneId", "name", "type"] as const;

const isDnsRecord = (r: PlannedResource) => r.type === TYPES.dnsRecord || r.type === TYPES.legacyRecord;

export function describeRecord(r: DnsRecordView): string {
  const content = r.content ?? (r.data ? JSON.stringify(r.data) : undefined);
  const shown = content === undefined ? "" : ` ${displayValue(content, ["content"])}`;
  return `${r.name ?? r.logicalName} ${r.type ?? "?"}${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}`;
}

export const dnsRecordRisks: RiskRule = ({ base, head, matching }) => {
  const risks: Risk[] = [];
  const baseViews = new Map(dnsRecords(base).map((v) => [v.urn, v]));
  const headViews = new Map(dnsRecords(head).map((v) => [v.urn, v]));

  for (const pair of matching.pairs) {
    if (!isDnsRecord(pair.base) || !isDnsRecord(pair.head)) continue;
    const changed = REPLACE_ON_CHANGE.filter((k) => JSON.stringify(pair.base.inputs[k]) !== JSON.stringify(pair.head.inputs[k]));
    if (changed.length === 0) continue;
    const b = baseViews.get(pair.base.urn)!;
    const h = headViews.get(pair.head.urn)!;
    const what = changed.map((k) => `${k} ${displayValue(pair.base.inputs[k], [k])} -> ${displayValue(pair.head.inputs[k], [k])}`).join(", ");
    risks.push({
      kind: "dns-record-replaced",
      subject: b.name ?? b.logicalName,
      urn: pair.head.urn,
      message: `DNS record ${describeRecord(b)} is replaced (${what}): Pulumi deletes it and creates ${describeRecord(h)}, so the name has no such answer in between.`,
    });
  }

  const addedViews = matching.added.filter(isDnsRecord).map((r) => headViews.get(r.urn)!);
  for (const removed of matching.removed.filter(isDnsRecord)) {
    const b = baseViews.get(removed.urn)!;
    const sameName = b.name ? addedViews.filter((h) => h.name === b.name) : [];
    const successor = sameName.find((h) => h.type === b.type) ?? sameName[0];
    if (successor) {
      risks.push({
        kind: "dns-record-replaced",
        subject: b.name ?? b.logicalName,
        urn: successor.urn,
        message: `DNS record ${describeRecord(b)} is deleted and re-created as ${describeRecord(successor)} under a new URN (logical name "${b.logicalName}" -> "${successor.logicalName}" without an alias): the name has no answer in between.`,
      });
    } else {
      risks.push({
        kind: "dns-record-deleted",
        subject: b.name ?? b.logicalName,
        urn: removed.urn,
        message: `DNS record ${describeRecord(b)} is deleted.`,
      });
    }
  }
  return risks;
};
