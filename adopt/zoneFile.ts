/**
 * Reads the BIND zone file the Cloudflare dashboard exports (DNS > Records > Import and Export).
 * Cloudflare marks proxied records with a `cf_tags=cf-proxied:true` comment on the record's line
 * (https://developers.cloudflare.com/dns/manage-dns-records/how-to/import-and-export/), and
 * general-purpose parsers (dns-zonefile) drop comments, so this small reader keeps them: one
 * record a line as the export writes it, `$ORIGIN`/`$TTL`, quoted strings, and parentheses
 * (the SOA) joined.
 */
import { AdoptInputError, isCloudflareNameServer, normalizeContent, normalizeName, type ExistingRecord, type ZoneSnapshot } from "./model";

const CLASSES = new Set(["IN", "CH", "HS"]);
const KNOWN_TYPES = new Set(["A", "AAAA", "CNAME", "MX", "TXT", "SPF", "CAA", "SRV", "NS", "DS", "DNSKEY", "CDS", "CDNSKEY", "SOA", "PTR", "HTTPS", "SVCB", "TLSA", "SSHFP", "NAPTR", "LOC", "URI", "CERT", "SMIMEA", "DNAME", "OPENPGPKEY"]);

interface Line {
  tokens: string[];
  comment: string;
  number: number;
  /** The line began with white space: the owner is the previous record's. */
  inheritsOwner: boolean;
}

/** Splits text into logical lines: tokens (quoted strings kept whole), the comment, parentheses joined. */
function logicalLines(text: string, file: string): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  let depth = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!current) current = { tokens: [], comment: "", number: index + 1, inheritsOwner: /^[ \t]/.test(raw) };
    let i = 0;
    while (i < raw.length) {
      const c = raw[i]!;
      if (c === ";") {
        current.comment += (current.comment ? " " : "") + raw.slice(i + 1).trim();
        break;
      }
      if (c === " " || c === "\t") {
        i++;
        continue;
      }
      if (c === "(") {
        depth++;
        i++;
        continue;
      }
      if (c === ")") {
        depth--;
        if (depth < 0) throw new AdoptInputError(`${file}:${index + 1}: ")" without "("; a BIND zone file is expected`);
        i++;
        continue;
      }
      if (c === '"') {
        let j = i + 1;
        while (j < raw.length && raw[j] !== '"') j += raw[j] === "\\" ? 2 : 1;
        if (j >= raw.length) throw new AdoptInputError(`${file}:${index + 1}: a quoted string is not closed; a BIND zone file is expected`);
        current.tokens.push(raw.slice(i, j + 1));
        i = j + 1;
        continue;
      }
      let j = i;
      while (j < raw.length && !" \t;()".includes(raw[j]!)) j++;
      current.tokens.push(raw.slice(i, j));
      i = j;
    }
    if (depth === 0) {
      if (current.tokens.length > 0) lines.push(current);
      current = undefined;
    }
  });
  if (depth !== 0) throw new AdoptInputError(`${file}: a "(" is never closed; a BIND zone file is expected`);
  return lines;
}

function absolute(name: string, origin: string | undefined, file: string, line: number): string {
  if (name === "@") {
    if (!origin) throw new AdoptInputError(`${file}:${line}: "@" before any $ORIGIN; a zone file with $ORIGIN or full names is expected`);
    return origin;
  }
  if (name.endsWith(".")) return normalizeName(name);
  // Cloudflare's export writes the SOA owner without the final dot and no $ORIGIN: with no origin
  // to be relative to, a name can only be absolute.
  if (!origin) return normalizeName(name);
  return normalizeName(`${name}.${origin}`);
}

/**
 * Parses an export into the zone's records. `expectedDomain` (from --zone or the stack) must be
 * the zone's apex: a file of another domain is refused. The SOA and Cloudflare's own apex NS
 * records are set aside, not adopted.
 */
export function parseZoneFile(text: string, file: string, expectedDomain?: string): ZoneSnapshot {
  if (text.includes("\u0000")) throw new AdoptInputError(`${file} is a binary file; the zone file the dashboard exports (BIND text) is expected`);
  let origin: string | undefined;
  let defaultTtl: number | undefined;
  let lastOwner: string | undefined;
  let soaOwner: string | undefined;
  const records: ExistingRecord[] = [];
  const skipped: ZoneSnapshot["skipped"] = [];

  for (const line of logicalLines(text, file)) {
    const at = `${file}:${line.number}`;
    const [first, ...rest] = line.tokens;
    if (first === "$ORIGIN") {
      origin = normalizeName(rest[0] ?? "");
      continue;
    }
    if (first === "$TTL") {
      defaultTtl = Number(rest[0]);
      if (!Number.isInteger(defaultTtl)) throw new AdoptInputError(`${at}: $TTL ${JSON.stringify(rest[0])} is not a number of seconds`);
      continue;
    }
    if (first?.startsWith("$")) throw new AdoptInputError(`${at}: the directive ${first} is not supported; the dashboard's export uses $ORIGIN and $TTL only`);
    const tokens = [...line.tokens];
    const owner = line.inheritsOwner ? lastOwner : absolute(tokens.shift()!, origin, file, line.number);
    if (!owner) throw new AdoptInputError(`${at}: a record without an owner name`);
    lastOwner = owner;
    let ttl = defaultTtl;
    let type: string | undefined;
    while (tokens.length > 0 && type === undefined) {
      const token = tokens.shift()!;
      if (/^\d+$/.test(token)) ttl = Number(token);
      else if (CLASSES.has(token.toUpperCase())) continue;
      else if (KNOWN_TYPES.has(token.toUpperCase())) type = token.toUpperCase();
      else throw new AdoptInputError(`${at}: ${JSON.stringify(token)} is not a TTL, class or record type; lines like "www.example.com. 300 IN A 192.0.2.1" are expected`);
    }
    if (!type || tokens.length === 0) throw new AdoptInputError(`${at}: a record without a type and value; lines like "www.example.com. 300 IN A 192.0.2.1" are expected`);
    if (ttl === undefined) throw new AdoptInputError(`${at}: no TTL and no $TTL before it`);
    const proxied = /cf_tags=[^\s]*cf-proxied:true/.test(line.comment);
    let priority: number | undefined;
    if (type === "MX" || type === "SRV") {
      priority = Number(tokens.shift());
      if (!Number.isInteger(priority)) throw new AdoptInputError(`${at}: ${type} without a numeric priority`);
    }
    const content = normalizeContent(type, type === "TXT" || type === "SPF" ? tokens.join(" ") : tokens.join(" "));
    const record: ExistingRecord = { name: owner, type, content, ttl, proxied, ...(priority !== undefined ? { priority } : {}) };
    if (type === "SOA") {
      soaOwner = owner;
      skipped.push({ record, reason: "the SOA is Cloudflare's" });
    } else records.push(record);
  }

  const domain = expectedDomain ?? origin ?? soaOwner;
  if (!domain) throw new AdoptInputError(`${file} names no zone ($ORIGIN or SOA); pass --zone DOMAIN`);
  if ((origin ?? soaOwner) && (origin ?? soaOwner) !== domain) {
    throw new AdoptInputError(`${file} is the zone file of ${origin ?? soaOwner}, not of ${domain}; export the zone of ${domain}`);
  }
  const outside = records.filter((r) => r.name !== domain && !r.name.endsWith(`.${domain}`));
  if (outside.length > 0) throw new AdoptInputError(`${file} holds records outside ${domain} (${outside.slice(0, 3).map((r) => r.name).join(", ")}); the export of the zone ${domain} is expected`);
  if (records.length === 0) throw new AdoptInputError(`${file} holds no records; the zone file the dashboard exports is expected`);
  const kept = records.filter((r) => {
    if (r.type === "NS" && r.name === domain && isCloudflareNameServer(r.content)) {
      skipped.push({ record: r, reason: "Cloudflare's own name server" });
      return false;
    }
    return true;
  });
  // The export gives proxied records TTL 1 (automatic) already; keep what the file says otherwise.
  return { domain, records: kept, skipped, sources: [file] };
}
