/** DMARC (RFC 7489, RFC 9989): tag parsing and judgement of one published record. */

import { isDmarcRecord, DMARC_POLICIES, type DmarcPolicy } from "../../kernel/dmarc";
import { parseTagList } from "../../kernel/tagList";
import { DMARC_MAX_RUA } from "../../components/constants/email";

export type { DmarcPolicy };
export const isDmarc = isDmarcRecord;

/** RFC 7489 7.1: many receivers honour at most 2 report URIs (components/constants/email.ts). */
export { DMARC_MAX_RUA };
/** Tags removed by RFC 9989 (DMARCbis): receivers ignore them. */
export const DMARC_REMOVED_TAGS = ["pct", "rf", "ri"] as const;

export interface DmarcFinding {
  level: "fail" | "warn";
  message: string;
}

/**
 * Judges one DMARC record against the declared policy. `isProduction`: p=none is a failure, as a
 * launched production domain must be enforced; elsewhere it is a rollout step (warn).
 */
export function judgeDmarc(text: string, declared: DmarcPolicy | undefined, isProduction: boolean, apex: string): { policy?: string; findings: DmarcFinding[]; externalRua: string[] } {
  const findings: DmarcFinding[] = [];
  const { order, tags } = parseTagList(text);
  if (order[0] !== "v") findings.push({ level: "fail", message: `"v=DMARC1" must come first` });
  if (order[1] !== "p") findings.push({ level: "fail", message: order.includes("p") ? `"p" must follow "v"` : `no "p" tag: receivers ignore the record` });
  const policy = tags.p?.toLowerCase();
  if (policy !== undefined && !DMARC_POLICIES.has(policy)) findings.push({ level: "fail", message: `p=${policy} is not none, quarantine or reject` });
  if (declared && policy && policy !== declared) findings.push({ level: "fail", message: `live p=${policy}, declared p=${declared}` });
  if (policy === "none") {
    findings.push(isProduction
      ? { level: "fail", message: "p=none does not protect a launched production domain; move to quarantine, then reject" }
      : { level: "warn", message: "p=none is monitoring only (fine while rolling out)" });
  }
  const externalRua: string[] = [];
  if (!tags.rua) findings.push({ level: "warn", message: "no rua: nobody sees aggregate reports of spoofing or failing mail" });
  else {
    const uris = tags.rua.split(",").map((u) => u.trim()).filter(Boolean);
    if (uris.length > DMARC_MAX_RUA) findings.push({ level: "warn", message: `${uris.length} rua URIs; receivers may honour only ${DMARC_MAX_RUA}` });
    for (const u of uris) {
      const m = /^mailto:[^@]+@([^!]+)/i.exec(u);
      if (!m) findings.push({ level: "warn", message: `rua "${u}" is not a mailto: URI` });
      else {
        const domain = m[1]!.toLowerCase();
        if (domain !== apex && !domain.endsWith(`.${apex}`)) externalRua.push(domain);
      }
    }
  }
  for (const t of DMARC_REMOVED_TAGS) if (t in tags) findings.push({ level: "warn", message: `"${t}" is removed by RFC 9989 and ignored` });
  return { policy, findings, externalRua };
}
