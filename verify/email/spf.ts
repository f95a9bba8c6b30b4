/**
 * SPF (RFC 7208): a pure parser that judges one record, and a live evaluator that follows include
 * and redirect through the resolver to count DNS-querying terms and void lookups recursively.
 */
import { SPF_MAX_DNS_LOOKUPS, SPF_MAX_VOID_LOOKUPS, SPF_RECORD_MAX_BYTES, SPF_RECORD_WARN_BYTES, TXT_STRING_MAX } from "../../components/constants/email";
import { isSpfRecord } from "../../kernel/spf";
import type { Resolver } from "../dns/resolver";
import { answersOf, normalizeName, txtStrings } from "../dns/resolver";

/** RFC 7208 4.6.4 limits and sizes: components/constants/email.ts, shared with the stack's SPF check. */
export { SPF_MAX_VOID_LOOKUPS };
export const SPF_MAX_LOOKUPS = SPF_MAX_DNS_LOOKUPS;
/** RFC 7208 4.6.4: an `mx` mechanism may look up addresses for at most 10 MX names. */
export const SPF_MAX_MX_NAMES = 10;
const SPF_WARN_BYTES = SPF_RECORD_WARN_BYTES;
const SPF_MAX_BYTES = SPF_RECORD_MAX_BYTES;
/** Stop following includes past this many lookups: the verdict is already a failure. */
const EVALUATION_CAP = 30;

export type Qualifier = "+" | "-" | "~" | "?";
const MECHANISMS = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"] as const;
type Mechanism = (typeof MECHANISMS)[number];
/** Terms that cost one DNS lookup each (RFC 7208 4.6.4). */
const LOOKUP_TERMS = new Set(["include", "a", "mx", "ptr", "exists", "redirect"]);

export interface SpfTerm {
  raw: string;
  qualifier: Qualifier;
  mechanism?: Mechanism;
  modifier?: string;
  /** The domain-spec or address after ":" (or "=" for modifiers). */
  value?: string;
}

export interface Finding {
  level: "fail" | "warn";
  message: string;
}

export interface ParsedSpf {
  terms: SpfTerm[];
  findings: Finding[];
  /** Qualifier of `all`, if present. */
  all?: Qualifier;
  redirect?: string;
}

export const isSpf = isSpfRecord;

/** Parses and judges one SPF record's text (without the DNS-dependent limits). */
export function parseSpf(text: string): ParsedSpf {
  const findings: Finding[] = [];
  const terms: SpfTerm[] = [];
  if (!isSpf(text)) return { terms, findings: [{ level: "fail", message: `"${text}" does not start with "v=spf1 "` }] };
  let all: Qualifier | undefined;
  let redirect: string | undefined;
  for (const raw of text.split(/ +/).slice(1).filter(Boolean)) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(raw);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      terms.push({ raw, qualifier: "+", modifier: name, value: modifier[2] });
      if (name === "redirect") redirect = modifier[2];
      continue;
    }
    const m = /^([+\-~?]?)([a-z0-9]+)(?:[:/](.*))?$/i.exec(raw);
    const mech = m?.[2]?.toLowerCase() as Mechanism | undefined;
    if (!m || !mech || !MECHANISMS.includes(mech)) {
      findings.push({ level: "fail", message: `unknown term "${raw}" (a permerror for every receiver)` });
      continue;
    }
    const qualifier = (m[1] || "+") as Qualifier;
    const value = raw.includes(":") ? raw.slice(raw.indexOf(":") + 1) : undefined;
    if ((mech === "include" || mech === "exists") && !value) findings.push({ level: "fail", message: `"${raw}" needs a domain` });
    if ((mech === "ip4" || mech === "ip6") && !value) findings.push({ level: "fail", message: `"${raw}" needs an address` });
    if (all !== undefined) findings.push({ level: "warn", message: `"${raw}" after "all" is never evaluated` });
    if (mech === "all") all = qualifier;
    if (mech === "ptr") findings.push({ level: "warn", message: `"${raw}": ptr is slow and deprecated (RFC 7208 5.5); list the senders' addresses instead` });
    terms.push({ raw, qualifier, mechanism: mech, value });
  }
  if (all === "+") findings.push({ level: "fail", message: `"+all" lets every host on the internet send as this domain` });
  else if (all === "?") findings.push({ level: "warn", message: `"?all" is neutral: receivers treat unlisted senders as unknown; use "~all" or "-all"` });
  else if (all === undefined && redirect === undefined) findings.push({ level: "warn", message: `no "all" term and no redirect: unlisted senders get a neutral result; end with "~all" or "-all"` });
  if (all !== undefined && redirect !== undefined) findings.push({ level: "warn", message: `redirect=${redirect} is ignored because the record has "all"` });
  return { terms, findings, all, redirect: all === undefined ? redirect : undefined };
}

/** Size findings for a record published as `parts` (its TXT character-strings). */
export function spfSizeFindings(parts: string[]): Finding[] {
  const out: Finding[] = [];
  parts.forEach((p, i) => {
    if (Buffer.byteLength(p) > TXT_STRING_MAX) out.push({ level: "fail", message: `TXT string ${i + 1} is ${Buffer.byteLength(p)} bytes; at most ${TXT_STRING_MAX} a string` });
  });
  const total = Buffer.byteLength(parts.join(""));
  if (total > SPF_MAX_BYTES) out.push({ level: "fail", message: `record is ${total} bytes; more than ${SPF_MAX_BYTES} does not fit a plain DNS answer` });
  else if (total > SPF_WARN_BYTES) out.push({ level: "warn", message: `record is ${total} bytes; above ${SPF_WARN_BYTES} it leaves little room under ${SPF_MAX_BYTES}` });
  return out;
}

export interface SpfEvaluation {
  lookups: number;
  voids: number;
  /** Each loop as "a -> b -> a". */
  loops: string[];
  /** Problems met on the way (missing include targets, broken included records, too many MX names). */
  errors: string[];
  /** Each lookup term, indented by depth, for the message: "include:_spf.x (3)". */
  trail: string[];
}

/** Domain-specs with macros ("%{i}") depend on the sender: they are counted but not resolved. */
const hasMacro = (d: string) => d.includes("%");

/**
 * Follows an SPF policy live from `domain`, counting lookups as a receiver would (RFC 7208 4.6.4).
 * Includes at one level are resolved in parallel; evaluation stops past EVALUATION_CAP lookups.
 */
export async function evaluateSpf(resolver: Resolver, domain: string, signal?: AbortSignal): Promise<SpfEvaluation> {
  const ev: SpfEvaluation = { lookups: 0, voids: 0, loops: [], errors: [], trail: [] };

  async function isVoid(name: string, type: "A" | "MX"): Promise<boolean> {
    const res = await resolver.query(name, type, signal);
    return res.rcode === "NXDOMAIN" || answersOf(res, type).length === 0;
  }

  async function visit(name: string, path: string[], depth: number): Promise<void> {
    const res = await resolver.query(name, "TXT", signal);
    const records = txtStrings(res, name).filter((t) => isSpf(t.text));
    if (path.length > 0) {
      if (res.rcode === "NXDOMAIN" || records.length === 0) {
        ev.voids += res.rcode === "NXDOMAIN" || txtStrings(res, name).length === 0 ? 1 : 0;
        ev.errors.push(`${name} has no SPF record (an include or redirect to it is a permerror)`);
        return;
      }
      if (records.length > 1) ev.errors.push(`${name} has ${records.length} SPF records (permerror)`);
    }
    if (records.length === 0) return;
    const parsed = parseSpf(records[0]!.text);
    for (const f of parsed.findings) if (f.level === "fail" && path.length > 0) ev.errors.push(`${name}: ${f.message}`);
    const here = [...path, name];
    const tasks: Array<Promise<void>> = [];
    const terms = parsed.terms.filter((t) => LOOKUP_TERMS.has(t.mechanism ?? t.modifier ?? ""));
    for (const t of terms) {
      if (t.modifier === "redirect" && parsed.redirect === undefined) continue; // ignored beside "all"
      if (ev.lookups >= EVALUATION_CAP) break;
      ev.lookups += 1;
      ev.trail.push(`${"  ".repeat(depth)}${t.raw} (${ev.lookups})`);
      const kind = t.mechanism ?? t.modifier;
      const target = normalizeName(t.value?.split("/")[0] || name);
      if (hasMacro(target)) continue;
      if (kind === "include" || kind === "redirect") {
        if (here.includes(target)) {
          ev.loops.push([...here, target].join(" -> "));
          continue;
        }
        tasks.push(visit(target, here, depth + 1));
      } else if (kind === "a" || kind === "exists") {
        tasks.push(isVoid(target, "A").then((v) => void (v && (ev.voids += 1))));
      } else if (kind === "mx") {
        tasks.push(
          resolver.query(target, "MX", signal).then((mx) => {
            const names = answersOf(mx, "MX");
            if (mx.rcode === "NXDOMAIN" || names.length === 0) ev.voids += 1;
            if (names.length > SPF_MAX_MX_NAMES) ev.errors.push(`"${t.raw}" finds ${names.length} MX names; at most ${SPF_MAX_MX_NAMES} are looked up`);
          }),
        );
      }
      // ptr: its queries depend on the sender's address, so only the term's cost is counted.
    }
    await Promise.all(tasks);
  }

  await visit(normalizeName(domain), [], 0);
  return ev;
}
