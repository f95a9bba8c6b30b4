/**
 * SPF records from terms: parse and check each term, count the DNS lookups a receiver will spend
 * (RFC 7208 §4.6.4, nested includes counted from the table in providers.ts), and build the record.
 */
import * as ipaddr from "ipaddr.js";
import { SPF_MAX_DNS_LOOKUPS, SPF_RECORD_MAX_BYTES, SPF_RECORD_WARN_BYTES } from "../constants/email";
import { isSpfRecord } from "../../kernel/spf";
import { SPF_INCLUDES, type SpfIncludeFact } from "./providers";

export type SpfMechanism = "include" | "a" | "mx" | "ptr" | "exists" | "ip4" | "ip6" | "all" | "redirect" | "exp";

export interface SpfTerm {
  raw: string;
  mechanism: SpfMechanism;
  qualifier: "+" | "-" | "~" | "?";
  /** The domain or network after ":" / "=" (absent for bare a, mx, ptr, all). */
  target?: string;
}

/** Mechanisms and modifiers that make the receiver query DNS (RFC 7208 §4.6.4). */
const QUERYING: ReadonlySet<SpfMechanism> = new Set(["include", "a", "mx", "ptr", "exists", "redirect"]);

function isCidr(value: string, family: "ipv4" | "ipv6"): boolean {
  try {
    const [addr] = ipaddr.parseCIDR(value.includes("/") ? value : `${value}/${family === "ipv4" ? 32 : 128}`);
    return addr.kind() === family;
  } catch {
    return false;
  }
}

/** An SPF label: unlike host names, SPF targets often start with "_" (_spf.google.com). */
const SPF_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?$/i;

/** Why `spec` is not a domain-spec (RFC 7208 §7.1); macros (%{i}) are allowed and not expanded. */
function domainSpecProblem(spec: string): string | undefined {
  if (spec.includes("%")) return /^[%{}a-zA-Z0-9._-]+$/.test(spec) ? undefined : "is not a valid domain-spec";
  if (spec.length > 253) return "is longer than 253 characters";
  const labels = spec.replace(/\.$/, "").split(".");
  if (labels.length < 2) return "needs at least two labels";
  const bad = labels.find((l) => !SPF_LABEL.test(l));
  return bad === undefined ? undefined : `has an invalid label "${bad}"`;
}

/** Parses one SPF term, or returns why it is not one. */
export function parseSpfTerm(raw: string): SpfTerm | string {
  const text = raw.trim();
  const modifier = /^(redirect|exp)=(.+)$/i.exec(text);
  if (modifier) {
    const mechanism = modifier[1]!.toLowerCase() as "redirect" | "exp";
    const problem = domainSpecProblem(modifier[2]!);
    return problem ? `"${raw}": the ${mechanism} target ${problem}` : { raw: text, mechanism, qualifier: "+", target: modifier[2]! };
  }
  const m = /^([+?~-]?)([a-z0-9]+)(?:[:/](.*))?$/i.exec(text);
  if (!m) return `"${raw}" is not an SPF term (expected e.g. "include:_spf.google.com", "ip4:192.0.2.0/24", "mx")`;
  const qualifier = (m[1] || "+") as SpfTerm["qualifier"];
  const mechanism = m[2]!.toLowerCase();
  const rest = text.slice(m[1]!.length + m[2]!.length);
  const target = rest.startsWith(":") ? rest.slice(1) : undefined;
  switch (mechanism) {
    case "ip4":
    case "ip6": {
      const family = mechanism === "ip4" ? "ipv4" : "ipv6";
      if (!target || !isCidr(target, family)) return `"${raw}": ${mechanism} needs an ${family === "ipv4" ? "IPv4" : "IPv6"} address or network, like "${mechanism === "ip4" ? "ip4:192.0.2.0/24" : "ip6:2001:db8::/32"}"`;
      return { raw: text, mechanism, qualifier, target };
    }
    case "include":
    case "exists": {
      if (!target) return `"${raw}": ${mechanism} needs a domain, like "${mechanism}:spf.example.net"`;
      const problem = domainSpecProblem(target);
      return problem ? `"${raw}": the domain ${problem}` : { raw: text, mechanism, qualifier, target };
    }
    case "a":
    case "mx":
    case "ptr": {
      // a and mx may carry a domain and/or a CIDR length ("a:host/24", "mx/24").
      const domainPart = target?.split("/")[0];
      if (domainPart) {
        const problem = domainSpecProblem(domainPart);
        if (problem) return `"${raw}": the domain ${problem}`;
      }
      return { raw: text, mechanism, qualifier, target: domainPart || undefined };
    }
    case "all":
      return { raw: text, mechanism: "all", qualifier };
    default:
      return `"${raw}" has an unknown SPF mechanism "${mechanism}" (known: include, a, mx, ptr, exists, ip4, ip6, redirect=, exp=)`;
  }
}

export interface LookupCost {
  term: string;
  /** Lookups this term costs, its nested includes counted. */
  cost: number;
  /** False when the term is an include the table does not know and the operator gave no cost for. */
  known: boolean;
}

export interface LookupCount {
  total: number;
  perTerm: LookupCost[];
  unknownIncludes: string[];
}

/**
 * Lookups behind `domain` reached by include or redirect: 1 for its own query plus its nested
 * includes (recursively) and other querying terms. Unknown domains cost 1 (their own query) and
 * are flagged. A loop in the table is a bug in the table and throws.
 */
export function includeCost(
  domain: string,
  table: Readonly<Record<string, SpfIncludeFact>> = SPF_INCLUDES,
  declared: Readonly<Record<string, number>> = {},
  path: string[] = [],
): { cost: number; known: boolean } {
  if (path.includes(domain)) throw new Error(`SPF include loop in the provider table: ${[...path, domain].join(" -> ")}`);
  if (declared[domain] !== undefined) return { cost: 1 + declared[domain]!, known: true };
  const fact = table[domain.toLowerCase()];
  if (!fact) return { cost: 1, known: false };
  let cost = 1 + (fact.otherLookups ?? 0);
  let known = true;
  for (const nested of fact.nested) {
    const inner = includeCost(nested, table, declared, [...path, domain]);
    cost += inner.cost;
    known &&= inner.known;
  }
  return { cost, known };
}

/** Counts the DNS lookups a receiver spends on `terms` (each already parsed). */
export function countSpfLookups(
  terms: SpfTerm[],
  declared: Readonly<Record<string, number>> = {},
  table: Readonly<Record<string, SpfIncludeFact>> = SPF_INCLUDES,
): LookupCount {
  const perTerm: LookupCost[] = [];
  const unknownIncludes: string[] = [];
  for (const term of terms) {
    if (!QUERYING.has(term.mechanism)) {
      perTerm.push({ term: term.raw, cost: 0, known: true });
    } else if ((term.mechanism === "include" || term.mechanism === "redirect") && term.target) {
      const { cost, known } = includeCost(term.target, table, declared);
      if (!known) unknownIncludes.push(term.target);
      perTerm.push({ term: term.raw, cost, known });
    } else {
      // a, mx, ptr, exists: one query each. (mx then resolves each MX host's address; RFC 7208
      // §4.6.4 limits those separately to 10 and does not count them against the budget.)
      perTerm.push({ term: term.raw, cost: 1, known: true });
    }
  }
  return { total: perTerm.reduce((s, t) => s + t.cost, 0), perTerm, unknownIncludes };
}

/**
 * The record for `terms`, ending in `all` unless a redirect= is present (a redirect is only used
 * when no `all` is, RFC 7208 §6.1, so it goes last and `all` is left out). Duplicate terms are dropped.
 */
export function buildSpfRecord(terms: SpfTerm[], all: "-all" | "~all"): string {
  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const key = t.raw.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const mechanisms = unique.filter((t) => t.mechanism !== "redirect" && t.mechanism !== "exp");
  const modifiers = unique.filter((t) => t.mechanism === "exp");
  const redirect = unique.find((t) => t.mechanism === "redirect");
  const tail = redirect ? [redirect.raw] : [all];
  return ["v=spf1", ...mechanisms.map((t) => t.raw), ...modifiers.map((t) => t.raw), ...tail].join(" ");
}

export interface SpfProblem {
  level: "error" | "warning";
  message: string;
}

/** Everything wrong with the SPF record of `name` built from `rawTerms` (errors and warnings). */
export function analyzeSpf(
  name: string,
  rawTerms: string[],
  all: "-all" | "~all",
  declared: Readonly<Record<string, number>> = {},
): { record?: string; lookups?: LookupCount; problems: SpfProblem[] } {
  const problems: SpfProblem[] = [];
  const terms: SpfTerm[] = [];
  for (const raw of rawTerms) {
    if (isSpfRecord(raw)) {
      problems.push({ level: "error", message: `"${raw}" is a whole SPF record; list its terms instead, the stack builds the one record for ${name}` });
      continue;
    }
    const parsed = parseSpfTerm(raw);
    if (typeof parsed === "string") problems.push({ level: "error", message: parsed });
    else if (parsed.mechanism === "all") problems.push({ level: "error", message: `"${raw}": the record's "all" comes from spf.all ("-all" or "~all"); remove it from the terms` });
    else terms.push(parsed);
  }
  if (problems.some((p) => p.level === "error")) return { problems };

  const redirects = terms.filter((t) => t.mechanism === "redirect");
  if (redirects.length > 1) problems.push({ level: "error", message: `${name} has ${redirects.length} redirect= modifiers; SPF allows one` });
  for (const t of terms) {
    if (t.mechanism === "ptr") problems.push({ level: "warning", message: `"${t.raw}": ptr is slow and unreliable, and RFC 7208 §5.5 says not to use it` });
  }
  if (redirects.length > 0) {
    problems.push({ level: "warning", message: `${name} ends in ${redirects[0]!.raw}: the final qualifier comes from that record, not from spf.all` });
  }

  const lookups = countSpfLookups(terms, declared);
  for (const domain of lookups.unknownIncludes) {
    problems.push({
      level: "warning",
      message: `include:${domain} is not in the provider table; counted as 1 lookup, but its nested includes are unknown (declare them in includeLookups, verify measures them live)`,
    });
  }
  if (lookups.total > SPF_MAX_DNS_LOOKUPS) {
    const costly = lookups.perTerm.filter((t) => t.cost > 0).map((t) => `${t.term} (${t.cost})`);
    problems.push({
      level: "error",
      message: `the SPF record of ${name} needs ${lookups.total} DNS lookups, more than the ${SPF_MAX_DNS_LOOKUPS} RFC 7208 allows (receivers then fail SPF with permerror): ${costly.join(", ")}; move a sender to its own subdomain or drop a provider`,
    });
  }
  const record = buildSpfRecord(terms, all);
  const bytes = Buffer.byteLength(record);
  if (bytes > SPF_RECORD_MAX_BYTES) {
    problems.push({ level: "error", message: `the SPF record of ${name} is ${bytes} bytes, over ${SPF_RECORD_MAX_BYTES} (answers may be truncated over UDP)` });
  } else if (bytes > SPF_RECORD_WARN_BYTES) {
    problems.push({ level: "warning", message: `the SPF record of ${name} is ${bytes} bytes, close to the ${SPF_RECORD_MAX_BYTES}-byte limit` });
  }
  return { record, lookups, problems };
}
