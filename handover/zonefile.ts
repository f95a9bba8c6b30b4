/**
 * A BIND zone file of the records the plan declares: what the zone would hold if Cloudflare were
 * a plain DNS server. Proxied records are written with their declared content (the origin) and a
 * comment, because Cloudflare's edge answers them with its own addresses. SOA and NS are
 * Cloudflare's: the file carries an SOA shaped like Cloudflare's and the zone's assigned
 * nameservers when the plan knows them (else `.invalid` placeholders, RFC 6761), because a DNS
 * server refuses a zone without them. Records whose name or content is only known after deploy
 * are listed as comments.
 *
 * The file must load in BIND (named-checkzone). A CNAME may not share its owner name with any
 * other record (RFC 1034 section 3.6.2, RFC 2181 section 10.1), and the apex always holds SOA and
 * NS, so an apex CNAME is written as a comment: Cloudflare serves it by CNAME flattening (it
 * answers A/AAAA queries at the apex with the target's addresses, or the edge's when proxied,
 * developers.cloudflare.com/dns/cname-flattening/, checked 2026-12), which a plain DNS server
 * cannot do. The same holds for a CNAME beside other records at any name.
 */
import type { Plan } from "../plan/types";
import { dnsRecords, zoneApex, type DnsRecordView } from "../plan/read/resources";
import { displayValue } from "../plan/read/mask";
import { bareToken, characterStrings, comment, domainName, txtRdata } from "../encode/zonefile";

/** Cloudflare's "automatic" TTL (ttl 1) is 300 seconds (developers.cloudflare.com/dns/manage-dns-records/reference/ttl/, checked 2026-11). */
export const AUTOMATIC_TTL_SECONDS = 300;
/** $TTL of the file: the most common TTL the stack declares for DNS-only records. */
export const DEFAULT_FILE_TTL = 3600;

/**
 * Cloudflare's SOA for a zone: MNAME one of its assigned nameservers, RNAME dns.cloudflare.com,
 * refresh 10000, retry 2400, expire 604800, minimum 1800 (developers.cloudflare.com/dns/zone-setups/
 * reference/soa-record/ defaults, checked 2026-12). Serial 1: Cloudflare keeps its own.
 */
export const CLOUDFLARE_SOA = { rname: "dns.cloudflare.com.", serial: 1, refresh: 10000, retry: 2400, expire: 604800, minimum: 1800 } as const;
/** Stand-ins for the two nameservers Cloudflare assigns when the plan does not know them yet. */
export const PLACEHOLDER_NAMESERVERS = ["cloudflare-assigned-ns-1.invalid", "cloudflare-assigned-ns-2.invalid"];

/** The zone's nameservers from the plan's `nameServers` output, when they are known. */
function nameServersOf(plan: Plan): string[] | undefined {
  const ns = (plan.outputs as Record<string, unknown> | undefined)?.nameServers;
  if (!Array.isArray(ns) || ns.length === 0) return undefined;
  return ns.every((n) => typeof n === "string" && /^[a-z0-9.-]+$/i.test(n)) ? (ns as string[]) : undefined;
}

export interface ZoneFile {
  /** The zone apex ("example.com"). */
  zone: string;
  text: string;
  /** How many records were written as resource records. */
  written: number;
  /** Records left as comments (name or content unknown before deploy). */
  pending: string[];
  /** CNAMEs left as comments because no DNS server can hold them there (the apex, beside other records). */
  flattened: string[];
}

/** An absolute domain name, encoded for the zone file (encode/zonefile.ts). */
const fqdn = (name: string) => domainName(name.endsWith(".") ? name : `${name}.`);

/** The RDATA of a record, or undefined when it cannot be written before deploy. */
export function rdata(r: DnsRecordView): string | undefined {
  switch (r.type) {
    case "CAA": {
      const d = r.data ?? {};
      if (d.tag === undefined || d.value === undefined) return undefined;
      const flags = Number(d.flags ?? 0);
      // RFC 8659 section 4.1: flags 0-255, the tag letters and digits; the value is a character-string.
      if (!Number.isInteger(flags) || flags < 0 || flags > 255 || !/^[A-Za-z0-9]{1,15}$/.test(String(d.tag))) return undefined;
      return `${flags} ${String(d.tag)} ${characterStrings(String(d.value))}`;
    }
    case "MX":
      return r.content === undefined ? undefined : `${Number.isInteger(Number(r.priority ?? 10)) ? Number(r.priority ?? 10) : 10} ${fqdn(r.content)}`;
    case "CNAME":
    case "NS":
    case "PTR":
      return r.content === undefined ? undefined : fqdn(r.content);
    case "TXT":
    case "SPF":
      return r.content === undefined ? undefined : txtRdata(displayValue(r.content, ["content"]));
    default:
      // A, AAAA and the like: an address or name, never quoted text; anything else is escaped, never raw.
      return r.content === undefined ? undefined : bareToken(r.content);
  }
}

export function zoneFile(plan: Plan): ZoneFile {
  const zone = zoneApex(plan) ?? "zone";
  const lines = [
    comment(`Zone ${zone}: the records launch-ready declares for stack ${plan.stack}, generated from the plan.`),
    "; Do not edit: change the stack config and regenerate (npm run handover).",
    `$ORIGIN ${fqdn(zone)}`,
    `$TTL ${DEFAULT_FILE_TTL}`,
  ];
  // SOA and NS are Cloudflare's, not the stack's; without them no DNS server loads the zone.
  const known = nameServersOf(plan);
  const nameServers = (known ?? PLACEHOLDER_NAMESERVERS).map(fqdn);
  lines.push(
    known
      ? "; SOA and NS: served by Cloudflare (not declared by the stack), with the nameservers it assigned to the zone."
      : "; SOA and NS: served by Cloudflare (not declared by the stack). The nameservers it assigns are known after deploy (`pulumi stack output nameServers`, or the dashboard): replace the .invalid placeholders before loading this file elsewhere.",
  );
  const soa = CLOUDFLARE_SOA;
  lines.push(`${fqdn(zone)}\t${soa.minimum}\tIN\tSOA\t${nameServers[0]} ${soa.rname} ${soa.serial} ${soa.refresh} ${soa.retry} ${soa.expire} ${soa.minimum}`);
  for (const ns of nameServers) lines.push(`${fqdn(zone)}\t86400\tIN\tNS\t${ns}`);
  const pending: string[] = [];
  const flattened: string[] = [];
  let written = 0;
  const records = dnsRecords(plan).sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~") || (a.type ?? "").localeCompare(b.type ?? ""));
  // Owner names that hold something besides a CNAME (the apex always does: SOA and NS).
  const otherThanCname = new Set([zone, ...records.filter((r) => r.name && r.type && r.type !== "CNAME").map((r) => r.name!)]);
  for (const r of records) {
    const data = rdata(r);
    if (!r.name || !r.type || data === undefined) {
      pending.push(`${r.logicalName} (${r.type ?? "?"})`);
      lines.push(comment(`known after deploy: ${r.type ?? "?"} record "${r.logicalName}" (${r.name ? "content" : "name"} comes from the provider)`));
      continue;
    }
    const ttl = r.ttl === undefined || r.ttl === 1 || !Number.isInteger(r.ttl) || r.ttl < 0 ? AUTOMATIC_TTL_SECONDS : r.ttl;
    const notes: string[] = [];
    if (r.proxied) notes.push("proxied: Cloudflare's edge answers with its own addresses");
    if (!/^[A-Z0-9]{1,10}$/.test(r.type)) {
      pending.push(`${r.logicalName} (${r.type})`);
      lines.push(comment(`not written: record "${r.logicalName}" has no valid type (${r.type})`));
      continue;
    }
    const record = `${fqdn(r.name)}\t${ttl}\tIN\t${r.type}\t${data}`;
    if (r.type === "CNAME" && otherThanCname.has(r.name)) {
      flattened.push(r.name);
      const why = r.name === zone
        ? "a CNAME cannot sit at the apex beside SOA/NS; Cloudflare's CNAME flattening answers A/AAAA here with the target's addresses"
        : "a CNAME cannot share its name with other records; Cloudflare resolves it by CNAME flattening";
      lines.push(comment(`flattened by Cloudflare, not a record a plain DNS server can hold: ${why}${r.proxied ? " (the edge's, as the record is proxied)" : ""}.`));
      lines.push(comment(record));
      continue;
    }
    lines.push(`${record}${notes.length ? `\t; ${notes.join("; ")}` : ""}`);
    written++;
  }
  return { zone, text: lines.join("\n") + "\n", written, pending, flattened };
}
