/**
 * A BIND zone file of the records the plan declares: what the zone would hold if Cloudflare were
 * a plain DNS server. Proxied records are written with their declared content (the origin) and a
 * comment, because Cloudflare's edge answers them with its own addresses. SOA and NS are
 * Cloudflare's and are not declared here; records whose name or content is only known after
 * deploy are listed as comments.
 */
import type { Plan } from "../plan/types";
import { dnsRecords, zoneApex, type DnsRecordView } from "../diff/model/resources";
import { displayValue } from "../diff/mask";

/** Cloudflare's "automatic" TTL (ttl 1) is 300 seconds (developers.cloudflare.com/dns/manage-dns-records/reference/ttl/, checked 2026-11). */
export const AUTOMATIC_TTL_SECONDS = 300;
/** $TTL of the file: the most common TTL the stack declares for DNS-only records. */
export const DEFAULT_FILE_TTL = 3600;
/** RFC 1035 section 3.3.14: a TXT character-string is at most 255 octets. */
const TXT_CHUNK = 255;

export interface ZoneFile {
  /** The zone apex ("example.com"). */
  zone: string;
  text: string;
  /** How many records were written as resource records. */
  written: number;
  /** Records left as comments (name or content unknown before deploy). */
  pending: string[];
}

const fqdn = (name: string) => (name.endsWith(".") ? name : `${name}.`);

function quoteTxt(content: string): string {
  if (/^\s*".*"\s*$/s.test(content)) return content.trim();
  const chunks: string[] = [];
  for (let i = 0; i < content.length; i += TXT_CHUNK) chunks.push(content.slice(i, i + TXT_CHUNK));
  return (chunks.length ? chunks : [""]).map((c) => `"${c.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(" ");
}

/** The RDATA of a record, or undefined when it cannot be written before deploy. */
export function rdata(r: DnsRecordView): string | undefined {
  switch (r.type) {
    case "CAA": {
      const d = r.data ?? {};
      if (d.tag === undefined || d.value === undefined) return undefined;
      return `${Number(d.flags ?? 0)} ${String(d.tag)} "${String(d.value)}"`;
    }
    case "MX":
      return r.content === undefined ? undefined : `${r.priority ?? 10} ${fqdn(r.content)}`;
    case "CNAME":
    case "NS":
    case "PTR":
      return r.content === undefined ? undefined : fqdn(r.content);
    case "TXT":
    case "SPF":
      return r.content === undefined ? undefined : quoteTxt(displayValue(r.content, ["content"]));
    default:
      return r.content;
  }
}

export function zoneFile(plan: Plan): ZoneFile {
  const zone = zoneApex(plan) ?? "zone";
  const lines = [
    `; Zone ${zone}: the records launch-ready declares for stack ${plan.stack}, generated from the plan.`,
    "; Do not edit: change the stack config and regenerate (npm run handover).",
    "; SOA and NS records are served by Cloudflare and are not declared by the stack.",
    `$ORIGIN ${fqdn(zone)}`,
    `$TTL ${DEFAULT_FILE_TTL}`,
  ];
  const pending: string[] = [];
  let written = 0;
  const records = dnsRecords(plan).sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~") || (a.type ?? "").localeCompare(b.type ?? ""));
  for (const r of records) {
    const data = rdata(r);
    if (!r.name || !r.type || data === undefined) {
      pending.push(`${r.logicalName} (${r.type ?? "?"})`);
      lines.push(`; known after deploy: ${r.type ?? "?"} record "${r.logicalName}" (${r.name ? "content" : "name"} comes from the provider)`);
      continue;
    }
    const ttl = r.ttl === undefined || r.ttl === 1 ? AUTOMATIC_TTL_SECONDS : r.ttl;
    const notes: string[] = [];
    if (r.proxied) notes.push("proxied: Cloudflare's edge answers with its own addresses");
    if (r.type === "CNAME" && r.name === zone) notes.push("CNAME at the apex: Cloudflare flattens it");
    lines.push(`${fqdn(r.name)}\t${ttl}\tIN\t${r.type}\t${data}${notes.length ? `\t; ${notes.join("; ")}` : ""}`);
    written++;
  }
  return { zone, text: lines.join("\n") + "\n", written, pending };
}
