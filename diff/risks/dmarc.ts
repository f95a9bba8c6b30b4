/**
 * DMARC weakening, compared per `_dmarc.<domain>` record: policy (p, sp) lowered along
 * reject > quarantine > none, pct lowered, aggregate reports (rua) dropped, alignment relaxed, or
 * the record removed (then receivers apply no policy at all). RFC 7489 section 6.3 defaults:
 * sp = p, pct = 100, adkim = aspf = r.
 */
import { dnsRecords } from "../../plan/read/resources";
import { txtText } from "../../kernel/txt";
import { parseDmarc } from "../../kernel/dmarc";
import type { Plan } from "../../plan/types";
import type { Risk } from "../types";
import type { RiskRule } from "./context";

export const DMARC_POLICY_RANK: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };


export function dmarcRecords(plan: Plan): Map<string, { urn: string; tags: Record<string, string> }> {
  const out = new Map<string, { urn: string; tags: Record<string, string> }>();
  for (const r of dnsRecords(plan)) {
    if (r.type !== "TXT" || !r.name?.startsWith("_dmarc.") || r.content === undefined) continue;
    const tags = parseDmarc(txtText(r.content));
    if (tags) out.set(r.name, { urn: r.urn, tags });
  }
  return out;
}

function rank(policy: string | undefined): number | undefined {
  return policy === undefined ? undefined : DMARC_POLICY_RANK[policy.toLowerCase()];
}

export const dmarcRisks: RiskRule = ({ base, head }) => {
  const before = dmarcRecords(base);
  const after = dmarcRecords(head);
  const risks: Risk[] = [];
  for (const [name, b] of before) {
    const add = (urn: string, message: string) => risks.push({ kind: "dmarc-weakened", subject: name, urn, message });
    const h = after.get(name);
    if (!h) {
      add(b.urn, `DMARC record ${name} (p=${b.tags.p ?? "?"}) is removed: receivers apply no policy to mail spoofing the domain.`);
      continue;
    }
    const p0 = rank(b.tags.p);
    const p1 = rank(h.tags.p);
    if (p0 !== undefined && p1 !== undefined && p1 < p0) add(h.urn, `DMARC policy of ${name} is lowered from p=${b.tags.p} to p=${h.tags.p}.`);
    const sp0 = rank(b.tags.sp ?? b.tags.p);
    const sp1 = rank(h.tags.sp ?? h.tags.p);
    if (sp0 !== undefined && sp1 !== undefined && sp1 < sp0 && b.tags.sp !== undefined) add(h.urn, `DMARC subdomain policy of ${name} is lowered from sp=${b.tags.sp} to sp=${h.tags.sp ?? h.tags.p}.`);
    const pct0 = Number(b.tags.pct ?? 100);
    const pct1 = Number(h.tags.pct ?? 100);
    if (pct1 < pct0) add(h.urn, `DMARC pct of ${name} is lowered from ${pct0} to ${pct1}: the policy applies to fewer messages.`);
    if (b.tags.rua && !h.tags.rua) add(h.urn, `DMARC aggregate reports (rua=${b.tags.rua}) of ${name} are no longer requested: spoofing and misconfigured senders go unseen.`);
    for (const tag of ["adkim", "aspf"]) {
      if (b.tags[tag]?.toLowerCase() === "s" && (h.tags[tag] ?? "r").toLowerCase() === "r") add(h.urn, `DMARC ${tag} of ${name} is relaxed from strict to relaxed alignment.`);
    }
  }
  return risks;
};
