/**
 * DMARC from intent: the record at `_dmarc.<domain>`, the checks on its report URIs, and the
 * external-report authorization records (RFC 7489 §7.1).
 *
 * Authorization, thought through: a receiver sends reports for example.com to an address on
 * another domain only if `example.com._report._dmarc.<report-domain>` holds "v=DMARC1". It is
 * needed when the report domain's organizational domain differs from ours. A report address
 * inside our own zone (dmarc@example.com, reports@dmarc.example.com) shares our organizational
 * domain, so it needs none. A report address on another domain is outside this zone, so this
 * stack cannot publish that record; but the stack managing that other zone can, which is what
 * `dmarc.acceptReportsFor` is for: the prod zone lists the staging domain, and publishes
 * `staging-example.com._report._dmarc.example.com`.
 */
import type { DmarcConfig } from "../schema/email";

export type DmarcPolicy = "none" | "quarantine" | "reject";

export interface DmarcIntent {
  p: DmarcPolicy;
  sp?: DmarcPolicy;
  adkim?: "r" | "s";
  aspf?: "r" | "s";
  rua?: string[];
  ruf?: string[];
  fo?: string;
}

/** The policy the record publishes now: the rollout step while there is one, else the target. */
export function publishedPolicy(dmarc: Pick<DmarcConfig, "p" | "rollout">): DmarcPolicy {
  return dmarc.rollout?.policy ?? dmarc.p;
}

/** The DMARC record: v=DMARC1 first, then p (RFC 7489 §6.4), then the tags that are set. */
export function buildDmarcValue(intent: DmarcIntent): string {
  const tags: string[] = ["v=DMARC1", `p=${intent.p}`];
  if (intent.sp && intent.sp !== intent.p) tags.push(`sp=${intent.sp}`);
  if (intent.adkim) tags.push(`adkim=${intent.adkim}`);
  if (intent.aspf) tags.push(`aspf=${intent.aspf}`);
  if (intent.rua && intent.rua.length > 0) tags.push(`rua=${intent.rua.join(",")}`);
  if (intent.ruf && intent.ruf.length > 0) tags.push(`ruf=${intent.ruf.join(",")}`);
  if (intent.fo && intent.fo !== "0") tags.push(`fo=${intent.fo}`);
  return tags.join("; ");
}

/** mailto:local@domain, with an optional size limit ("!10m"); commas must be %-encoded inside a URI. */
const MAILTO = /^mailto:([^@\s,;!]+)@([a-z0-9.-]+\.[a-z]{2,63})(![0-9]+[kmgt]?)?$/i;

/** Why `uri` is not a usable DMARC report URI, or undefined. */
export function reportUriProblem(uri: string): string | undefined {
  if (!/^mailto:/i.test(uri)) {
    return `"${uri}" is not a mailto: URI; DMARC reports are sent by mail, so a "mailto:" address like "mailto:dmarc@example.com" is expected`;
  }
  if (!MAILTO.test(uri)) return `"${uri}" is not a valid mailto: address (expected "mailto:name@domain", optionally "!10m")`;
  return undefined;
}

/** The domain a mailto: report URI delivers to (lower case), or undefined when it is not one. */
export function reportDomain(uri: string): string | undefined {
  return MAILTO.exec(uri)?.[2]?.toLowerCase();
}

/** True when `domain` is `apex` or inside it, so shares its organizational domain. */
export function insideZone(domain: string, apex: string): boolean {
  return domain === apex || domain.endsWith(`.${apex}`);
}

/** The authorization record name a report domain must publish for reports about `domain`. */
export function reportAuthorizationName(domain: string, reportDomainName: string): string {
  return `${domain}._report._dmarc.${reportDomainName}`;
}

/** Report domains of `uris` outside the zone of `apex`: each needs an authorization record there. */
export function externalReportDomains(uris: string[], apex: string): string[] {
  const domains = uris.map(reportDomain).filter((d): d is string => d !== undefined && !insideZone(d, apex));
  return [...new Set(domains)];
}
