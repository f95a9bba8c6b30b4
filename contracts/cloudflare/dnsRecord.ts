/**
 * `cloudflare:index/dnsRecord:DnsRecord`: against the SDK's create params for the record's type
 * (ARecord, CNAMERecord, MXRecord, CAARecord...), then the value rules the SDK states only in its
 * doc comments (dns/records.d.ts, cloudflare 7.3.0) or Cloudflare's docs, as listed below.
 */
import { DNS_RECORD_WIRE_MAX_BYTES, DNS_RRSET_CONTENT_MAX_CHARS, DNS_TTL_AUTOMATIC, DNS_TTL_MAX, DNS_TTL_MIN, DNS_TTL_MIN_ENTERPRISE } from "../../components/constants/cloudflare";
import { TXT_STRING_MAX } from "../../components/constants/email";
import type { PlannedResource } from "../../plan/types";
import type { ResourceCheck } from "../context";
import type { ContractFailure } from "../types";
import { toPlain } from "../wire";
import { addressFamily } from "../../kernel/ipAddress";
import { schemaFailures } from "./schemaCheck";
import { cloudflareSchema } from "./schemaIndex";

const RECORDS_BY_TYPE = cloudflareSchema.membersByConst(cloudflareSchema.definition("CfDnsRecordCreate"), "type");
export const DNS_RECORD_TYPES: readonly string[] = [...RECORDS_BY_TYPE.keys()].sort();

/** Only A, AAAA and CNAME records can be proxied (developers.cloudflare.com/dns/proxy-status/, checked 2026-11-28). */
export const PROXIABLE_TYPES: readonly string[] = ["A", "AAAA", "CNAME"];
/** MX/URI priority: "Required for MX and URI records"; a 16-bit value (RFC 1035 PREFERENCE). */
export const PRIORITY_MAX = 65535;
/** CAA: flags is one octet; tags the CAs act on (RFC 8659 section 4). */
export const CAA_FLAGS_MAX = 255;
export const CAA_TAGS: readonly string[] = ["issue", "issuewild", "iodef"];
/** Host names (RFC 1035 2.3.4): labels of 1..63 letters, digits, hyphens (and _ for service labels), 253 characters in all. */
const HOSTNAME = /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.?$/;
const HOSTNAME_CONTENT_TYPES: readonly string[] = ["CNAME", "MX", "NS", "PTR"];

export const checkDnsRecord: ResourceCheck = (resource, context) => {
  const inputs = toPlain(resource.inputs).value as Record<string, unknown>;
  const type = inputs.type;
  if (type === undefined) return "type" in resource.inputs ? [] : [{ field: "type", message: `is required (one of ${DNS_RECORD_TYPES.join(", ")})` }];
  const member = typeof type === "string" ? RECORDS_BY_TYPE.get(type) : undefined;
  if (!member || typeof type !== "string") return [{ field: "type", message: `must be one of ${DNS_RECORD_TYPES.join(", ")}; got ${JSON.stringify(type)}` }];
  const failures = schemaFailures(member, resource.inputs);
  const fail = (field: string, message: string): void => void failures.push({ field, message });

  const { ttl, proxied, content, priority, name } = inputs;
  const enterprise = context.cloudflarePlan === "enterprise";
  const min = enterprise ? DNS_TTL_MIN_ENTERPRISE : DNS_TTL_MIN;
  if (typeof ttl === "number" && ttl !== DNS_TTL_AUTOMATIC && (ttl < min || ttl > DNS_TTL_MAX || !Number.isInteger(ttl))) {
    fail("ttl", `must be 1 (automatic) or a whole number of seconds from ${min} to ${DNS_TTL_MAX}; got ${ttl}`);
  }
  if (proxied === true) {
    if (!PROXIABLE_TYPES.includes(type)) fail("proxied", `only ${PROXIABLE_TYPES.join(", ")} records can be proxied; this is ${type}`);
    else if (typeof ttl === "number" && ttl !== DNS_TTL_AUTOMATIC) fail("ttl", `a proxied record's TTL is automatic: set 1 (the API stores 1 whatever is sent, so ${ttl} would show as a change on every run)`);
  }
  if (typeof content === "string") {
    if (type === "A" && addressFamily(content) !== "ipv4") fail("content", `an A record holds an IPv4 address; got ${JSON.stringify(content)}`);
    if (type === "AAAA" && addressFamily(content) !== "ipv6") fail("content", `an AAAA record holds an IPv6 address; got ${JSON.stringify(content)}`);
    // RFC 7505 null MX ("MX 0 ."): the one MX whose content is not a host name; the API takes "." (no-mail mode).
    const nullMx = type === "MX" && content === "." && priority === 0;
    if (HOSTNAME_CONTENT_TYPES.includes(type) && !HOSTNAME.test(content) && !nullMx) fail("content", `a ${type} record holds a host name (no scheme, path or spaces); got ${JSON.stringify(content)}`);
  }
  if (type === "MX" || type === "URI") {
    if (priority === undefined && !("priority" in resource.inputs)) fail("priority", `is required for ${type} records`);
    else if (typeof priority === "number" && (!Number.isInteger(priority) || priority < 0 || priority > PRIORITY_MAX)) fail("priority", `must be a whole number from 0 to ${PRIORITY_MAX}; got ${priority}`);
  }
  if (type === "TXT" && typeof content === "string") failures.push(...txtFailures(content, name, resource, context.resources));
  if (type === "CAA") failures.push(...caaFailures(inputs.data));
  if (typeof name === "string" && context.domain) {
    const fqdn = name.replace(/\.$/, "").toLowerCase();
    const zone = context.domain.toLowerCase();
    if (fqdn !== zone && !fqdn.endsWith(`.${zone}`)) fail("name", `must be the full name inside the zone ${zone} (a short name drifts after refresh); got ${JSON.stringify(name)}`);
  }
  return failures;
};

function caaFailures(data: unknown): ContractFailure[] {
  if (typeof data !== "object" || data === null) return [{ field: "data", message: "a CAA record needs data: {flags, tag, value}" }];
  const { flags, tag, value } = data as Record<string, unknown>;
  const out: ContractFailure[] = [];
  if (typeof flags === "number" && (!Number.isInteger(flags) || flags < 0 || flags > CAA_FLAGS_MAX)) out.push({ field: "data.flags", message: `must be a whole number from 0 to ${CAA_FLAGS_MAX}; got ${flags}` });
  if (typeof tag === "string" && !CAA_TAGS.includes(tag)) out.push({ field: "data.tag", message: `must be one of ${CAA_TAGS.join(", ")}; got ${JSON.stringify(tag)}` });
  if (value !== undefined && (typeof value !== "string" || value === "")) out.push({ field: "data.value", message: `must name a CA (issue/issuewild) or a mailto:/https: URL (iodef); got ${JSON.stringify(value)}` });
  return out;
}

/**
 * TXT `content` the way the API takes it (SDK doc comment of TXTRecord.content): quoted
 * character-strings (`"part1" "part2"`) of at most TXT_STRING_MAX bytes each; the whole record
 * at most DNS_RECORD_WIRE_MAX_BYTES on the wire; all TXT records of one name at most
 * DNS_RRSET_CONTENT_MAX_CHARS of content together. Unquoted content of up to one string is
 * accepted (Cloudflare quotes it); longer unquoted content is split by Cloudflare itself and read
 * back in the split form, so the provider reports a change on every refresh: it fails here.
 */
function txtFailures(content: string, name: unknown, self: PlannedResource, resources: readonly PlannedResource[]): ContractFailure[] {
  const out: ContractFailure[] = [];
  const fail = (message: string) => out.push({ field: "content", message });
  const parsed = parseTxtStrings(content);
  if (typeof parsed === "string") {
    fail(parsed);
    return out;
  }
  parsed.forEach((bytes, i) => {
    if (bytes > TXT_STRING_MAX) {
      fail(
        parsed.length === 1 && !content.trimStart().startsWith('"')
          ? `is one unquoted string of ${bytes} bytes; send quoted strings of at most ${TXT_STRING_MAX} bytes each ("part1" "part2"), as Cloudflare stores them, or every refresh shows a change`
          : `string ${i + 1} of ${parsed.length} is ${bytes} bytes; a TXT character-string holds at most ${TXT_STRING_MAX} (split it: "part1" "part2")`,
      );
    }
  });
  const owner = typeof name === "string" ? name.replace(/\.$/, "") : "";
  const wire = (owner === "" ? 1 : owner.length + 2) + 10 + parsed.reduce((sum, bytes) => sum + 1 + bytes, 0);
  if (wire > DNS_RECORD_WIRE_MAX_BYTES) fail(`makes a record of ${wire} bytes on the wire; Cloudflare accepts at most ${DNS_RECORD_WIRE_MAX_BYTES}`);
  if (owner !== "") {
    const same = resources.filter((r) => r.type === self.type && r.custom && isTxtNamed(r, owner));
    const total = same.reduce((sum, r) => sum + (typeof r.inputs.content === "string" ? r.inputs.content.length : 0), 0);
    if (total > DNS_RRSET_CONTENT_MAX_CHARS) fail(`the ${same.length} TXT records of ${owner} hold ${total} characters of content together; Cloudflare accepts at most ${DNS_RRSET_CONTENT_MAX_CHARS}`);
  }
  return out;
}

function isTxtNamed(r: PlannedResource, owner: string): boolean {
  return r.inputs.type === "TXT" && typeof r.inputs.name === "string" && r.inputs.name.replace(/\.$/, "").toLowerCase() === owner.toLowerCase();
}

/**
 * The byte length of each character-string of TXT content in zone-file form (RFC 1035 §5.1:
 * `\"`, `\\` and `\DDD` escapes), or why it cannot be read. Unquoted content is one string.
 */
export function parseTxtStrings(content: string): number[] | string {
  const text = content.trim();
  if (!text.startsWith('"')) {
    if (text.includes('"')) return `mixes quoted and unquoted text; quoted strings separated by spaces ("part1" "part2") are expected; got ${JSON.stringify(content.slice(0, 60))}`;
    return [Buffer.byteLength(content, "utf8")];
  }
  const sizes: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') return `has text outside its quoted strings at character ${i + 1}; quoted strings separated by spaces ("part1" "part2") are expected`;
    let bytes = 0;
    let j = i + 1;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === "\\") {
        if (/^\d{3}$/.test(text.slice(j + 1, j + 4))) j += 3;
        else j += 1;
        bytes += 1;
      } else bytes += Buffer.byteLength(text[j]!, "utf8");
    }
    if (j >= text.length) return `has a quoted string that never closes (string ${sizes.length + 1}); every " needs its closing " (escape a quote inside as \\")`;
    sizes.push(bytes);
    i = j + 1;
    i += /^\s*/.exec(text.slice(i))![0].length;
  }
  return sizes;
}
