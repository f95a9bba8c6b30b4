/**
 * What a zone holds today, whichever source it was read from (a zone file export, saved API
 * answers, the API itself): one model every step of `adopt` and `plan --existing` reads.
 */
import { txtText } from "../kernel/txt";
import { addressFamily, ipv6Text } from "../kernel/ipAddress";

export interface ExistingRecord {
  /** The record's id, when the source has one (API answers); a zone file export has none. */
  id?: string;
  /** Fully qualified, lower case, no trailing dot. */
  name: string;
  type: string;
  /**
   * The value as `dns.records` declares it: addresses, host names without the trailing dot, TXT
   * as its plain value, CAA "flags tag value", SRV "weight port target", DS "tag alg type digest".
   */
  content: string;
  /** 1 means automatic. */
  ttl: number;
  proxied: boolean;
  /** MX and SRV priority. */
  priority?: number;
}

export interface ExistingRule {
  id?: string;
  ref?: string;
  description?: string;
  expression: string;
  action: string;
  enabled: boolean;
  /** The API's `action_parameters`, as found (snake_case). */
  actionParameters?: Record<string, unknown>;
}

/** An entry-point ruleset of the zone (one per phase: what a second create collides with, 20217). */
export interface ExistingRuleset {
  id?: string;
  phase: string;
  kind: string;
  name?: string;
  rules: ExistingRule[];
}

export interface ExistingSetting {
  /** The setting id ("ssl", "min_tls_version", "security_header"...). */
  id: string;
  value: unknown;
}

export interface ZoneSnapshot {
  domain: string;
  zoneId?: string;
  records: ExistingRecord[];
  /** Undefined when the source did not include rulesets (a zone file alone). */
  rulesets?: ExistingRuleset[];
  /** Undefined when the source did not include settings. */
  settings?: ExistingSetting[];
  /** Records the source held that the zone does not own (the SOA, Cloudflare's own NS). */
  skipped: Array<{ record: ExistingRecord; reason: string }>;
  /** Where each part came from (file names, "the API"). */
  sources: string[];
}

/** The input cannot be used at all: the command exits 2 with this message and writes nothing. */
export class AdoptInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdoptInputError";
  }
}

/** The types whose content is a host name (written without the trailing dot). */
const HOST_CONTENT = new Set(["CNAME", "MX", "NS", "PTR", "DNAME"]);

export function normalizeName(name: string): string {
  return name.trim().replace(/\.$/, "").toLowerCase();
}

/**
 * A record's content in the model's form, from the text a zone file or the API's `content` holds
 * (API `data` is preferred by the JSON reader where it exists).
 */
export function normalizeContent(type: string, content: string): string {
  const text = content.trim();
  if (HOST_CONTENT.has(type)) return text === "." ? "." : text.replace(/\.$/, "").toLowerCase();
  if (type === "AAAA" && addressFamily(text) === "ipv6") return ipv6Text(text);
  if (type === "TXT" || type === "SPF") return txtText(text);
  if (type === "CAA") {
    const m = /^(\d+)\s+(\S+)\s+(.*)$/.exec(text);
    return m ? `${m[1]} ${m[2]!.toLowerCase()} ${m[3]!.replace(/^"(.*)"$/, "$1")}` : text;
  }
  if (type === "SRV") {
    const m = /^(\d+)\s+(\d+)\s+(\S+)$/.exec(text);
    return m ? `${m[1]} ${m[2]} ${m[3]!.replace(/\.$/, "").toLowerCase() || "."}` : text;
  }
  if (type === "DS") return text.replace(/^(\d+\s+\d+\s+\d+)\s+([\s\S]+)$/, (_, head: string, digest: string) => `${head.replace(/\s+/g, " ")} ${digest.replace(/\s+/g, "").toUpperCase()}`);
  return text;
}

/** "name TYPE content" for messages and matching. */
export function describeRecord(r: Pick<ExistingRecord, "name" | "type" | "content" | "priority">): string {
  return `${r.name} ${r.type} ${r.priority !== undefined ? `${r.priority} ` : ""}${r.content}`;
}

/** Cloudflare's own name servers answer for the zone; their NS records at the apex are not the user's. */
export function isCloudflareNameServer(host: string): boolean {
  return /\.ns\.cloudflare\.com$/.test(host);
}
