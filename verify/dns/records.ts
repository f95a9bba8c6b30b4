/**
 * DNS checks of declared records against live answers: content as declared, proxied hosts on the
 * edge, no stale extras, no record beside a CNAME, no private addresses in public names.
 */
import * as ipaddr from "ipaddr.js";
import type * as packet from "dns-packet";
import { txtText } from "../../kernel/txt";
import { fail, pass } from "../check";
import type { JobContext } from "../context";
import { CLOUDFLARE_CAA, CLOUDFLARE_CAA_DATE } from "../../kernel/certificateAuthorities";
import { compileRanges, inRanges, type Cidr } from "../edge";
import type { Check, DeclaredRecord } from "../types";
import { addressesOf, answersOf, normalizeName, txtStrings, type DnsAnswer, type RR } from "./resolver";

/** Canonical text of a live answer, comparable with `canonicalDeclared`. */
export function canonicalLive(a: RR): string {
  switch (a.type) {
    case "A":
    case "AAAA":
      return ipaddr.parse(String(a.data)).toNormalizedString();
    case "CNAME":
      return normalizeName(String(a.data));
    case "MX": {
      const d = a.data as packet.MxData;
      return `${d.preference ?? 0} ${normalizeName(d.exchange) || "."}`;
    }
    case "CAA": {
      const d = a.data as packet.CaaData;
      return `${d.flags ?? 0} ${d.tag} ${d.value}`;
    }
    default:
      return JSON.stringify(a.data);
  }
}

/** Canonical text of a declared record's content (Cloudflare accepts quoted TXT and CAA values). */
export function canonicalDeclared(r: DeclaredRecord): string {
  const c = (r.content ?? "").trim();
  switch (r.type) {
    case "A":
    case "AAAA":
      return ipaddr.isValid(c) ? ipaddr.parse(c).toNormalizedString() : c;
    case "CNAME":
      return normalizeName(c);
    case "MX":
      return `${r.priority ?? 0} ${normalizeName(c) || "."}`;
    case "TXT":
      return txtText(c);
    case "CAA": {
      const m = /^(\d+)\s+(\S+)\s+"?(.*?)"?$/.exec(c);
      return m ? `${m[1]} ${m[2]} ${m[3]}` : c;
    }
  }
}


/** A live CAA answer (canonical text) that Cloudflare itself publishes beside the zone's. */
export const isCloudflareCaa = (canonical: string) => CLOUDFLARE_CAA.includes(canonical);

/** Why an address must not be in public DNS, or undefined when it is public unicast. */
export function privateAddressReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  let addr = ipaddr.parse(address);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  return range === "unicast" ? undefined : range;
}

function liveSet(res: DnsAnswer, type: string, name: string): string[] {
  if (type === "TXT") return txtStrings(res, name).map((t) => t.text);
  return answersOf(res, type, name).map(canonicalLive);
}

const list = (xs: string[]) => (xs.length ? xs.map((x) => (x.length > 60 ? `"${x.slice(0, 57)}..."` : `"${x}"`)).join(", ") : "nothing");

/**
 * One declared (name, type) group, unproxied: the live set must contain every declared value, and
 * (except TXT, where providers add verification strings) nothing else.
 */
export async function checkRecordGroup(ctx: JobContext, name: string, type: DeclaredRecord["type"], declared: DeclaredRecord[]): Promise<Check[]> {
  const target = `${name} ${type}`;
  // An unproxied CNAME's chain ends in addresses too: asked for at once, beside the CNAME itself.
  const checkPrivate = ctx.options.allowPrivateAddresses !== true;
  const allowed = compileRanges(ctx.options.privateAddressRanges ?? []);
  const chainEnd = type === "CNAME" && checkPrivate ? Promise.all([ctx.resolver.query(name, "A", ctx.signal), ctx.resolver.query(name, "AAAA", ctx.signal)]) : undefined;
  chainEnd?.catch(() => undefined); // awaited below; a failure there is reported once, as the job's
  const res = await ctx.resolver.query(name, type, ctx.signal);
  const live = liveSet(res, type, name);
  const want = declared.map(canonicalDeclared);
  const missing = want.filter((w) => !live.includes(w));
  const beyond = type === "TXT" ? [] : live.filter((l) => !want.includes(l));
  // Cloudflare's own CAA records answer beside the zone's (see CLOUDFLARE_CAA): expected, not stale.
  const cloudflares = type === "CAA" ? beyond.filter(isCloudflareCaa) : [];
  const extra = beyond.filter((l) => !cloudflares.includes(l));
  const out: Check[] = [];
  if (missing.length) out.push(fail("dns.record", target, `declared ${list(missing)} not found live; live answer: ${list(live)}${res.rcode === "NXDOMAIN" ? " (NXDOMAIN)" : ""}`));
  else if (extra.length) out.push(fail("dns.record", target, `live answer has ${list(extra)} beyond the declared ${list(want)}: a stale record?`));
  else out.push(pass("dns.record", target, `${want.length} record(s) as declared${cloudflares.length ? `, beside ${cloudflares.length} Cloudflare publishes for its CAs (its CAA FAQ, list of ${CLOUDFLARE_CAA_DATE})` : ""}`));
  if ((type === "A" || type === "AAAA") && checkPrivate) {
    const bad = privateAddresses(live, allowed);
    const accepted = privateAddresses(live).length - bad.length;
    if (bad.length) out.push(fail("dns.private", target, bad.map(([a, kind]) => `${a} is a ${kind} address`).join("; ")));
    else out.push(pass("dns.private", target, accepted ? `public addresses, and ${accepted} private one(s) inside --allow-private-addresses` : "only public addresses"));
  }
  // The resolver answers each (name, type) once a run, so these cost no second query.
  if (chainEnd) out.push(...judgeChainEnd(target, (await chainEnd).flatMap(addressesOf), allowed));
  return out;
}

/** Each private, loopback or link-local address with its kind ("private", "linkLocal"...), except those inside `allowed`. */
function privateAddresses(addresses: string[], allowed: Cidr[] = []): Array<[address: string, kind: string]> {
  return addresses.flatMap((a) => {
    const kind = privateAddressReason(a);
    return kind && !inRanges(a, allowed) ? [[a, kind] as [string, string]] : [];
  });
}

/**
 * Where an unproxied CNAME's chain ends (the addresses a resolver hands members): a private,
 * loopback or link-local address there is as unreachable as one in an A record, only better hidden.
 * No address at the end says nothing here (dns.record judges the CNAME itself).
 */
export function judgeChainEnd(target: string, addresses: string[], allowed: Cidr[] = []): Check[] {
  const addrs = [...new Set(addresses)];
  if (addrs.length === 0) return [];
  const bad = privateAddresses(addrs, allowed);
  if (bad.length) return [fail("dns.private", target, `the CNAME chain ends at ${bad.map(([a, kind]) => `${a}, a ${kind} address`).join("; ")}`)];
  return [pass("dns.private", target, `the CNAME chain ends at public addresses only (${addrs.join(", ")})`)];
}

/** A proxied host: every A/AAAA answer inside the edge ranges, and at least one answer. */
export async function checkProxiedHost(ctx: JobContext, name: string): Promise<Check[]> {
  const [a, aaaa] = await Promise.all([ctx.resolver.query(name, "A", ctx.signal), ctx.resolver.query(name, "AAAA", ctx.signal)]);
  const addrs = [...addressesOf(a), ...addressesOf(aaaa)];
  if (addrs.length === 0) return [fail("dns.edge", name, `proxied host has no A or AAAA answer${a.rcode === "NXDOMAIN" ? " (NXDOMAIN)" : ""}`)];
  const outside = addrs.filter((x) => !inRanges(x, ctx.edge));
  if (outside.length) return [fail("dns.edge", name, `proxied host answers ${outside.join(", ")}, outside the edge ranges: the origin is exposed or the record is not proxied`)];
  return [pass("dns.edge", name, `answers ${addrs.join(", ")}, all on the edge`)];
}

/** Follow a CNAME chain this far inside the zone before calling it too long. */
export const CNAME_CHAIN_LIMIT = 8;

/**
 * RFC 1034 3.6.2: a name with a CNAME has no other data (resolvers disagree on what they return
 * otherwise). And the chain from it must end: a loop (a -> b -> a) makes the name unresolvable.
 * The chain is followed while it stays inside the zone; beyond it is the provider's.
 */
export async function checkCnameConflict(ctx: JobContext, name: string): Promise<Check[]> {
  const cname = await ctx.resolver.query(name, "CNAME", ctx.signal);
  const own = answersOf(cname, "CNAME", name);
  if (own.length === 0) return [];
  if (own.length > 1) return [fail("dns.conflict", name, `${own.length} CNAME records at one name`)];
  const out: Check[] = [];
  const beside: string[] = [];
  for (const type of ["A", "AAAA", "TXT", "MX"] as const) {
    const res = await ctx.resolver.query(name, type, ctx.signal);
    const mine = answersOf(res, type, name);
    if (mine.length) beside.push(`${type} ${mine.map(canonicalLive).join(", ")}`);
  }
  const loop = await cnameLoop(ctx, name, canonicalLive(own[0]!));
  if (loop) out.push(fail("dns.conflict", name, `CNAME loop ${loop}: the name never resolves`));
  if (beside.length) out.push(fail("dns.conflict", name, `CNAME to ${canonicalLive(own[0]!)} has other records beside it: ${beside.join("; ")}`));
  if (out.length === 0) out.push(pass("dns.conflict", name, `CNAME to ${canonicalLive(own[0]!)} alone at its name`));
  return out;
}

/** The loop as "a -> b -> a" when the chain from `name` (first hop `first`) comes back on itself inside the zone. */
async function cnameLoop(ctx: JobContext, name: string, first: string): Promise<string | undefined> {
  const apex = ctx.target.apex;
  const chain = [normalizeName(name)];
  let next = normalizeName(first);
  for (let i = 0; i < CNAME_CHAIN_LIMIT; i++) {
    if (chain.includes(next)) return [...chain, next].join(" -> ");
    if (next !== apex && !next.endsWith(`.${apex}`)) return undefined;
    chain.push(next);
    const res = await ctx.resolver.query(next, "CNAME", ctx.signal);
    const hop = answersOf(res, "CNAME", next)[0];
    if (!hop) return undefined;
    next = canonicalLive(hop);
  }
  return `${[...chain, next].join(" -> ")} (more than ${CNAME_CHAIN_LIMIT} hops)`;
}
