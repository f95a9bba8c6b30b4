/**
 * CAA (RFC 8659): when a zone publishes CAA, only the CAs it names may issue for it. The check
 * compares the relevant CAA set of each host with the CA that actually issued the certificate in
 * use, so a CAA record that would refuse the next renewal is found while the current one still works.
 */
import type * as packet from "dns-packet";
import { caaIdentifiersFor } from "../../kernel/certificateAuthorities";
import { check } from "../check";
import type { JobContext } from "../context";
import type { Check } from "../types";
import { answersOf } from "./resolver";

export interface CaaSet {
  /** The name whose CAA records apply (the host or the closest ancestor that has any). */
  at: string;
  records: Array<{ tag: string; value: string }>;
}

export interface IssuerFacts {
  /** The issuer's organisation (O) as the certificate names it. */
  org?: string;
  /** The certificate covers a wildcard name: `issuewild` governs it when present. */
  wildcard: boolean;
  /** The chain leads to a CA given with --ca-file: a private CA, which CAA does not bind. */
  privateCa: boolean;
}

/**
 * The relevant CAA set (RFC 8659 3): the CAA records at `host`, else at its parent, and so on up
 * to the zone apex (above it is the registry's, never the stack's). The resolver follows CNAMEs.
 */
export async function relevantCaa(ctx: JobContext, host: string): Promise<CaaSet | undefined> {
  const apex = ctx.target.apex;
  for (let name = host; ; name = name.slice(name.indexOf(".") + 1)) {
    const res = await ctx.resolver.query(name, "CAA", ctx.signal);
    const records = answersOf(res, "CAA").map((a) => a.data as packet.CaaData).map((d) => ({ tag: String(d.tag).toLowerCase(), value: String(d.value ?? "") }));
    if (records.length) return { at: name, records };
    if (name === apex || !name.endsWith(`.${apex}`)) return undefined;
  }
}

/** The CA identifier of an `issue` value: "letsencrypt.org; validationmethods=dns-01" -> "letsencrypt.org"; "" or ";" -> "". */
const identifierOf = (value: string) => value.split(";")[0]!.trim().toLowerCase();

export function judgeCaa(host: string, set: CaaSet | undefined, issuer: IssuerFacts): Check {
  if (!set) return check("dns.caa", host, "pass", "no CAA records: any public CA may issue");
  const wild = set.records.filter((r) => r.tag === "issuewild");
  const governing = issuer.wildcard && wild.length ? wild : set.records.filter((r) => r.tag === "issue");
  const tag = issuer.wildcard && wild.length ? "issuewild" : "issue";
  if (governing.length === 0) return check("dns.caa", host, "pass", `CAA at ${set.at} has no ${tag} property: any public CA may issue`);
  const allowed = [...new Set(governing.map((r) => identifierOf(r.value)).filter(Boolean))];
  const ids = caaIdentifiersFor(issuer.org);
  const who = issuer.org ?? "an issuer without an organisation name";
  if (!ids) {
    if (issuer.privateCa) return check("dns.caa", host, "pass", `issued by ${who}, a private CA from --ca-file: CAA binds public CAs only`);
    return check("dns.caa", host, "warn", `issued by ${who}, which kernel/certificateAuthorities.ts does not know: cannot tell whether CAA at ${set.at} (${allowed.join(", ") || "no CA"}) allows it; add its CAA identifier there`);
  }
  if (ids.some((id) => allowed.includes(id))) return check("dns.caa", host, "pass", `CAA at ${set.at} allows ${who} (${ids.find((id) => allowed.includes(id))})`);
  return check("dns.caa", host, "fail", `CAA ${tag} at ${set.at} allows ${allowed.join(", ") || "no CA at all"}, but the certificate in use comes from ${who} (${ids.join(", ")}): its next renewal will be refused; add ${tag} "${ids[0]}" or change CA`);
}
