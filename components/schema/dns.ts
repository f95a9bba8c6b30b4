/**
 * The `dns` section: records the stack manages exactly as declared, beside the ones it builds
 * itself (hosts, CAA, mail). It exists so a zone adopted from the dashboard keeps every record
 * the stack does not model (a search-console TXT, a third-party CNAME, an SRV): `adopt` fills it.
 *
 * Example (under `launch-ready:dns`):
 *   records:
 *     - { name: "@", type: TXT, content: "google-site-verification=abc" }
 *     - { name: _sip._tcp, type: SRV, priority: 10, content: "5 5060 sip.example.net" }
 *     - { name: "@", type: CAA, content: '0 issue "letsencrypt.org"' }   (only when caa is not managed)
 *
 * Content is written as a zone file shows it, without trailing dots: A/AAAA an address, CNAME/NS/MX
 * a host name, TXT the plain value (split into 255-octet strings on render), CAA "flags tag value",
 * SRV "weight port target" (priority apart), DS "keytag algorithm digesttype digest".
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { addressFamily, ipv6Text } from "../../kernel/ipAddress";
import { DNS_TTL_AUTOMATIC, DNS_TTL_DEFAULT_UNPROXIED, DNS_TTL_MAX, DNS_TTL_MIN } from "../constants/cloudflare";
import type { ReportIssue, SectionContext } from "./context";
import { isLabel } from "./validators";

/** The record types this section can declare (each maps to a Cloudflare DnsRecord shape below). */
export const MANAGED_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "CAA", "SRV", "NS", "DS"] as const;
export type ManagedRecordType = (typeof MANAGED_RECORD_TYPES)[number];

/** Only A, AAAA and CNAME records can be proxied (developers.cloudflare.com/dns/proxy-status/). */
const PROXIABLE: ReadonlySet<string> = new Set(["A", "AAAA", "CNAME"]);

export const dnsRecordSchema = z.strictObject({
  /** "@" for the apex, a name inside the zone ("_sip._tcp", "*.cdn"), or the full name. */
  name: z.string().min(1, { error: 'a name such as "@", "www" or "_sip._tcp" is expected' }),
  type: z.enum(MANAGED_RECORD_TYPES, { error: `one of ${MANAGED_RECORD_TYPES.join(", ")} is expected` }),
  content: z.string().min(1, { error: "the record's value is expected" }),
  /** @default 1 (automatic) when proxied, else 300. */
  ttl: z.number().int().optional(),
  /** @default false: records kept as found are not put behind the edge by surprise. */
  proxied: z.boolean().default(false),
  /** Required for MX and SRV. */
  priority: z.number().int().min(0).max(65535).optional(),
});

export const dnsSchema = z.strictObject({
  records: z.array(dnsRecordSchema).default([]),
});

export type DnsConfig = z.output<typeof dnsSchema>;
export type DnsRecordConfig = z.output<typeof dnsRecordSchema>;

/** A record of the section resolved against the apex, in the shape DnsRecord takes. */
export interface ManagedRecordSpec {
  /** Stable logical name: `record-<host>-<type>-<hash of name, type, content>` (order-independent). */
  key: string;
  name: string;
  type: ManagedRecordType;
  content?: string;
  data?: Record<string, string | number>;
  proxied: boolean;
  ttl: number;
  priority?: number;
}

/** The full name of a record name of this section, or why it is not one inside the zone. */
export function recordFqdn(name: string, apex: string): string | { problem: string } {
  const lower = name.replace(/\.$/, "");
  if (lower !== lower.toLowerCase()) return { problem: `${JSON.stringify(name)} must be lower case` };
  if (lower === "@" || lower === apex) return apex;
  const relative = lower.endsWith(`.${apex}`) ? lower.slice(0, -(apex.length + 1)) : lower;
  if (name.endsWith(".") && !lower.endsWith(`.${apex}`)) return { problem: `${JSON.stringify(name)} is outside the zone ${apex}` };
  const labels = relative.split(".");
  const ok = labels.every((l, i) => (i === 0 && l === "*") || isLabel(l) || /^_[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(l));
  if (!ok) return { problem: `${JSON.stringify(name)} is not a name inside the zone ${apex} (labels of letters, digits, hyphens; "_" service labels; a leading "*")` };
  return `${relative}.${apex}`;
}

/** The label of a full name ("@" for the apex), for logical names. */
function labelOf(fqdn: string, apex: string): string {
  return fqdn === apex ? "apex" : fqdn.slice(0, -(apex.length + 1)).replace(/\*/g, "wildcard").replace(/_/g, "").replace(/\./g, "-");
}

/**
 * The logical name of a declared record. Records kept as declared have no role to key them by,
 * and several may share a name and type (TXT), so the content is part of the key: reordering the
 * list keeps every URN, and a content change is a replace (delete first) of that one record.
 */
export function managedRecordKey(fqdn: string, type: string, content: string, priority: number | undefined, apex: string): string {
  const hash = createHash("sha256").update(`${fqdn}\u0000${type}\u0000${content}\u0000${priority ?? ""}`).digest("hex").slice(0, 8);
  return `record-${labelOf(fqdn, apex)}-${type.toLowerCase()}-${hash}`;
}

const HOST = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?$/i;

/** Parses a record's content into what Cloudflare is sent, or says what is expected. */
export function recordShape(type: ManagedRecordType, content: string): { content?: string; data?: Record<string, string | number> } | { problem: string } {
  const host = content.replace(/\.$/, "");
  switch (type) {
    case "A":
      return addressFamily(content) === "ipv4" ? { content } : { problem: `${JSON.stringify(content)} is not an IPv4 address; an A record holds one` };
    case "AAAA":
      return addressFamily(content) === "ipv6" ? { content: ipv6Text(content) } : { problem: `${JSON.stringify(content)} is not an IPv6 address; an AAAA record holds one` };
    case "CNAME":
    case "NS":
      return HOST.test(host) ? { content: host } : { problem: `${JSON.stringify(content)} is not a host name; a ${type} record holds one` };
    case "MX":
      return host === "" || content === "." || HOST.test(host) ? { content: host === "" ? "." : host } : { problem: `${JSON.stringify(content)} is not a mail host name` };
    case "TXT":
      return { content };
    case "CAA": {
      const m = /^(\d{1,3})\s+([a-z0-9]+)\s+"?(.*?)"?$/i.exec(content.trim());
      if (!m || Number(m[1]) > 255) return { problem: `${JSON.stringify(content)} is not a CAA value; "<flags> <tag> <value>" such as '0 issue "letsencrypt.org"' is expected` };
      return { data: { flags: Number(m[1]), tag: m[2]!.toLowerCase(), value: m[3]! } };
    }
    case "SRV": {
      const m = /^(\d+)\s+(\d+)\s+(\S+)$/.exec(content.trim());
      if (!m || Number(m[1]) > 65535 || Number(m[2]) > 65535) return { problem: `${JSON.stringify(content)} is not an SRV value; "<weight> <port> <target>" (priority apart) is expected` };
      return { data: { weight: Number(m[1]), port: Number(m[2]), target: m[3]!.replace(/\.$/, "") || "." } };
    }
    case "DS": {
      const m = /^(\d+)\s+(\d+)\s+(\d+)\s+([0-9a-f\s]+)$/i.exec(content.trim());
      if (!m) return { problem: `${JSON.stringify(content)} is not a DS value; "<key tag> <algorithm> <digest type> <hex digest>" is expected` };
      return { data: { keyTag: Number(m[1]), algorithm: Number(m[2]), digestType: Number(m[3]), digest: m[4]!.replace(/\s+/g, "").toUpperCase() } };
    }
  }
}

/** The section's records as DnsRecord specs; records with problems are left out (checkDns reports them). */
export function managedRecords(section: DnsConfig | undefined, apex: string): ManagedRecordSpec[] {
  const out: ManagedRecordSpec[] = [];
  for (const record of section?.records ?? []) {
    const fqdn = recordFqdn(record.name, apex);
    if (typeof fqdn !== "string") continue;
    const shape = recordShape(record.type, record.content);
    if ("problem" in shape) continue;
    const ttl = record.proxied ? DNS_TTL_AUTOMATIC : record.ttl ?? DNS_TTL_DEFAULT_UNPROXIED;
    const priority = record.type === "SRV" && shape.data ? undefined : record.priority;
    const data = record.type === "SRV" && shape.data ? { priority: record.priority ?? 0, ...shape.data } : shape.data;
    out.push({
      key: managedRecordKey(fqdn, record.type, record.content, record.priority, apex),
      name: fqdn,
      type: record.type,
      ...(shape.content !== undefined ? { content: shape.content } : {}),
      ...(data ? { data } : {}),
      proxied: record.proxied,
      ttl,
      ...(priority !== undefined ? { priority } : {}),
    });
  }
  return out;
}

/** A record the stack builds itself (a host, CAA, a mail record), as far as collisions go. */
export interface GeneratedRecord {
  name: string;
  type: string;
  /** For TXT: the plain value (its kind, SPF or DMARC, decides a collision). */
  value?: string;
  /** Which part of the config declares it, for the message ("hosts", "caa", "email"). */
  owner: string;
}

/** The kind of a TXT value that only one record of a name may carry (spf1, dmarc1, dkim1, stsv1, tlsrptv1). */
export function txtKind(value: string): string | undefined {
  const m = /^v=(spf1|DMARC1|DKIM1|STSv1|TLSRPTv1)(\s|;|$)/i.exec(value.trim().replace(/^"|"$/g, ""));
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * Why a declared record would collide with one the stack builds, or undefined: a CNAME beside any
 * record, a second address or alias at a host the stack declares, a second MX or CAA set where the
 * stack owns that set, a second SPF/DMARC/DKIM/MTA-STS/TLS-RPT TXT at the name (RFC 7208 §4.5,
 * RFC 1034 §3.6.2). Cloudflare refuses some of these (81053/81058) and silently adds others.
 */
export function collisionWithGenerated(record: { name: string; type: string; content: string }, generated: readonly GeneratedRecord[], apex: string): string | undefined {
  const here = generated.filter((g) => g.name === record.name);
  if (here.length === 0) return undefined;
  const alias = new Set(["A", "AAAA", "CNAME"]);
  // Cloudflare flattens a CNAME at the apex (developers.cloudflare.com/dns/cname-flattening/), so
  // the apex may hold MX and TXT beside it; below the apex a CNAME must be alone.
  const flattened = record.name === apex;
  for (const g of here) {
    if (!flattened && (record.type === "CNAME" || g.type === "CNAME")) return `${record.name} already has a ${g.type} record from ${g.owner}; a CNAME must be alone at its name`;
    if (alias.has(record.type) && alias.has(g.type)) return `${record.name} is a host the stack declares (${g.owner}); change its origin there instead`;
    if ((record.type === "MX" || record.type === "CAA") && g.type === record.type) return `${record.name} ${record.type} records come from ${g.owner}; declare them there`;
    if (record.type === "TXT" && g.type === "TXT") {
      const kind = txtKind(record.content);
      if (kind !== undefined && kind === txtKind(g.value ?? "")) return `${record.name} already publishes a ${kind.toUpperCase()} TXT from ${g.owner}; a name may carry only one`;
    }
  }
  return undefined;
}

/**
 * Shape rules of each record (name inside the zone, content for its type, proxying, TTL, priority),
 * duplicates, and collisions with the records the stack builds (`generated`).
 */
export function checkDns(section: DnsConfig, context: Pick<SectionContext, "apex">, generated: readonly GeneratedRecord[], report: ReportIssue): void {
  const seen = new Map<string, number>();
  section.records.forEach((record, i) => {
    const at = (...path: Array<string | number>) => ["records", i, ...path];
    const fqdn = recordFqdn(record.name, context.apex);
    if (typeof fqdn !== "string") return report(at("name"), `${fqdn.problem}; "@", a label such as "www" or a full name under ${context.apex} is expected`);
    const shape = recordShape(record.type, record.content);
    if ("problem" in shape) report(at("content"), shape.problem);
    if (record.proxied && !PROXIABLE.has(record.type)) report(at("proxied"), `true on a ${record.type} record; only A, AAAA and CNAME records can be proxied`);
    if (record.proxied && record.ttl !== undefined && record.ttl !== DNS_TTL_AUTOMATIC) report(at("ttl"), `${record.ttl} on a proxied record; proxied records use automatic TTL (remove ttl)`);
    if (!record.proxied && record.ttl !== undefined && record.ttl !== DNS_TTL_AUTOMATIC && (record.ttl < DNS_TTL_MIN || record.ttl > DNS_TTL_MAX)) {
      report(at("ttl"), `${record.ttl} is outside ${DNS_TTL_MIN}..${DNS_TTL_MAX} (or 1 for automatic)`);
    }
    const needsPriority = record.type === "MX" || record.type === "SRV";
    if (needsPriority && record.priority === undefined) report(at("priority"), `is missing; ${record.type} records need a priority`);
    if (!needsPriority && record.priority !== undefined) report(at("priority"), `is set on a ${record.type} record; only MX and SRV records take a priority`);
    const identity = `${fqdn}\u0000${record.type}\u0000${record.content}`;
    const previous = seen.get(identity);
    if (previous !== undefined) report(at(), `duplicates records[${previous}] (${fqdn} ${record.type}); Cloudflare refuses an identical record (81058)`);
    else seen.set(identity, i);
    const collision = collisionWithGenerated({ name: fqdn, type: record.type, content: record.content }, generated, context.apex);
    if (collision) report(at(), collision);
  });
}
