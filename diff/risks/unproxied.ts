/**
 * A host that was proxied and is not any more: its origin's address becomes public, and nothing
 * the edge does (TLS mode, HSTS, redirects, rate limits, cache rules, WAF, Access) applies to it.
 * Judged per host name, so a record replaced by an unproxied one is caught too.
 */
import { dnsRecords, ofType, TYPES } from "../../plan/read/resources";
import { knownString } from "../../plan/read/values";
import type { Plan } from "../../plan/types";
import type { Risk } from "../types";
import type { RiskRule } from "./context";

const WEB_TYPES = new Set(["A", "AAAA", "CNAME"]);

function proxiedByHost(plan: Plan): Map<string, { proxied: boolean; urn: string }> {
  const out = new Map<string, { proxied: boolean; urn: string }>();
  for (const r of dnsRecords(plan)) {
    if (!r.name || !r.type || !WEB_TYPES.has(r.type)) continue;
    const prev = out.get(r.name);
    out.set(r.name, { proxied: (prev?.proxied ?? false) || r.proxied, urn: prev?.urn ?? r.urn });
  }
  return out;
}

export const unproxiedRisks: RiskRule = ({ base, head }) => {
  const before = proxiedByHost(base);
  const after = proxiedByHost(head);
  const accessDomains = new Set(ofType(head, TYPES.accessApplication).flatMap((a) => (knownString(a.inputs.domain) ? [knownString(a.inputs.domain)!.toLowerCase().split("/")[0]!] : [])));
  const risks: Risk[] = [];
  for (const [host, b] of before) {
    const h = after.get(host);
    if (!b.proxied || !h || h.proxied) continue;
    const access = accessDomains.has(host) ? " Its Cloudflare Access application stops protecting it (Access only works on proxied hosts)." : "";
    risks.push({
      kind: "host-unproxied",
      subject: host,
      urn: h.urn,
      message: `${host} is no longer proxied: its origin's address becomes public and the edge's TLS settings, redirects, rate limits, cache rules and WAF no longer apply to it.${access}`,
    });
  }
  return risks;
};
