/**
 * `verify --message FILE.eml`: judge a saved received message (the "show original" download of
 * Gmail, Outlook or Apple Mail) the way its receiver did: SPF, DKIM and DMARC with alignment to the
 * From domain (mailauth does the RFC work), the provider that sent it, and whether the receiver's
 * own Authentication-Results header says the same. DMARC not passing aligned is NO-GO: Gmail,
 * Yahoo and Outlook send such mail to spam or reject it.
 */
import { authenticate, type AuthenticateResult, type DNSResolver } from "mailauth";
import { parse as parseDomain } from "tldts";
import { check, fail, pass, warn } from "../check";
import type { Check } from "../types";
import { answersOf, DnsQueryError, txtStrings, type QueryType, type Resolver } from "../dns/resolver";
import { PROVIDER_DOCS, providerOfDomain } from "../../components/email/providers";

export type MailResolver = DNSResolver;

/** Text of a resolver error the way node:dns reports it, so mailauth tells "no record" from a failure. */
function dnsError(code: "ENOTFOUND" | "ENODATA", name: string, rrtype: string): Error {
  return Object.assign(new Error(`query${rrtype} ${code} ${name}`), { code });
}

/**
 * A resolver answering from a map (tests, offline use): key "name TYPE" (lower case, no trailing
 * dot); TXT values are one string each. A missing key answers ENOTFOUND, as a missing name would.
 */
export function mapResolver(records: Record<string, string[]>): MailResolver {
  return async (name, rrtype) => {
    const values = records[`${name.toLowerCase().replace(/\.$/, "")} ${rrtype.toUpperCase()}`];
    if (!values) throw dnsError("ENOTFOUND", name, rrtype);
    if (values.length === 0) throw dnsError("ENODATA", name, rrtype);
    return rrtype.toUpperCase() === "TXT" ? values.map((v) => [v]) : values;
  };
}

/**
 * mailauth's resolver over verify's own (the `--resolver` server, its timeout and cache): answers
 * shaped as node:dns gives them, NXDOMAIN as ENOTFOUND, no data as ENODATA, a failed query as
 * ESERVFAIL (mailauth's temperror). Types verify does not query (PTR) answer ENODATA.
 */
export function mailResolver(resolver: Resolver): MailResolver {
  return async (name, rrtype) => {
    const type = rrtype.toUpperCase();
    if (!["A", "AAAA", "CNAME", "MX", "TXT", "NS"].includes(type)) throw dnsError("ENODATA", name, rrtype);
    let res;
    try {
      res = await resolver.query(name, type as QueryType);
    } catch (e) {
      throw Object.assign(new Error((e as Error).message), { code: e instanceof DnsQueryError ? "ESERVFAIL" : "ETIMEOUT" });
    }
    if (res.rcode === "NXDOMAIN") throw dnsError("ENOTFOUND", name, rrtype);
    if (type === "TXT") {
      const txt = txtStrings(res, name).map((t) => t.parts);
      if (!txt.length) throw dnsError("ENODATA", name, rrtype);
      return txt;
    }
    // A/AAAA behind a CNAME chain carry the chain's last name, not the one asked.
    const answers = answersOf(res, type as QueryType, type === "A" || type === "AAAA" ? undefined : name);
    if (!answers.length) throw dnsError("ENODATA", name, rrtype);
    return answers.map((a) => (type === "MX" ? (a.data as { exchange: string; preference: number }) : String(a.data))).map((d) =>
      typeof d === "string" ? d : ({ exchange: d.exchange, priority: d.preference } as never));
  };
}

const orgDomain = (host: string) => parseDomain(host).domain ?? host.toLowerCase();
const aligned = (a: string, b: string) => orgDomain(a) === orgDomain(b);
const domainOf = (address: string | false | undefined) => (address ? address.replace(/^.*@/, "").replace(/>$/, "").toLowerCase() : undefined);

/** `method=result` pairs of the receiver's Authentication-Results header (RFC 8601), by method. */
export function receiverResults(header: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  // Comments (parenthesised) may hold "dkim=pass"-like text of their own: drop them first.
  const text = header.replace(/\([^()]*\)/g, " ");
  for (const m of text.matchAll(/(?:^|[\s;])(spf|dkim|dmarc|arc)\s*=\s*([a-z]+)/gi)) (out[m[1]!.toLowerCase()] ??= []).push(m[2]!.toLowerCase());
  return out;
}

/** The topmost Authentication-Results header: the one the final receiver added (RFC 8601 section 5). */
function receiverHeader(result: AuthenticateResult): string | undefined {
  const line = result.dkim.headers?.parsed.find((h) => h.key === "authentication-results")?.line;
  // mailauth keeps header lines as Buffers.
  return line === undefined ? undefined : String(line).replace(/^[^:]*:\s*/, "").replace(/\r?\n[ \t]+/g, " ");
}

/**
 * What a valid ARC chain (RFC 8617) vouches for: the last sealer (a mailing list, a forwarder) saw
 * the message arrive with DMARC passing for the From domain, before it changed the message (a
 * subject tag, a footer) and broke DKIM. Receivers that trust the sealer (Gmail, Outlook and Yahoo
 * for lists they know) deliver it on that evidence; mailauth validates the chain
 * (`result.arc`, node_modules/mailauth/docs/arc.md: `authenticationResults` is the last ARC set's).
 */
export interface ArcVouch {
  /** d= of the last ARC-Message-Signature. */
  sealer: string;
  /** The last instance, i=. */
  instance: number;
  /** The MTA named in that ARC-Authentication-Results. */
  mta: string;
}

export function arcVouch(result: Pick<AuthenticateResult, "arc">, fromDomain: string): ArcVouch | undefined {
  const arc = result.arc;
  if (!arc || arc.status.result !== "pass" || typeof arc.i !== "number") return undefined;
  const ar = arc.authenticationResults as { mta?: string; dmarc?: { result?: string; header?: { from?: string } } } | undefined;
  const sawFrom = ar?.dmarc?.header?.from?.toLowerCase();
  if (ar?.dmarc?.result !== "pass" || !sawFrom || !aligned(sawFrom, fromDomain)) return undefined;
  const sealer = arc.signature ? arc.signature.signingDomain : "?";
  return { sealer, instance: arc.i, mta: ar.mta ?? sealer };
}

/** The ARC chain's own result, reported when a message carries one. */
function arcCheck(target: string, result: AuthenticateResult, vouch: ArcVouch | undefined): Check[] {
  const arc = result.arc;
  if (!arc || arc.status.result === "none") return [];
  const ar = arc.authenticationResults as { dmarc?: { result?: string } } | undefined;
  if (arc.status.result !== "pass") return [warn("message.arc", target, `ARC chain ${arc.status.result}${arc.status.comment ? ` (${arc.status.comment})` : ""}: receivers ignore it, and a forwarded message is judged on its own DKIM and SPF alone`)];
  const seen = `sealed by ${arc.signature ? arc.signature.signingDomain : "?"} (i=${arc.i}), which saw dmarc=${ar?.dmarc?.result ?? "none"}`;
  return [vouch ? pass("message.arc", target, `valid chain ${seen} for the From domain on arrival`) : warn("message.arc", target, `valid chain ${seen}: it does not vouch for the From domain's DMARC`)];
}

/** Judges one message; `label` names it in every check (the file name). */
export async function judgeMessage(label: string, raw: Buffer | string, resolver?: MailResolver): Promise<Check[]> {
  let result: AuthenticateResult;
  try {
    // trustReceived: the client IP and MAIL FROM come from the receiver's Received line and
    // Return-Path, as they were when the message arrived. disableBimi: not a launch question.
    result = await authenticate(raw, { ...(resolver ? { resolver } : {}), trustReceived: true, disableBimi: true, mta: "launch-ready.verify" });
  } catch (e) {
    return [fail("message.dmarc", label, `cannot read it as a message (${(e as Error).message}); the receiver's "show original" download (.eml) is expected`)];
  }
  const fromDomain = result.dkim.headerFrom?.[0] ? domainOf(result.dkim.headerFrom[0]) : undefined;
  if (!fromDomain) return [fail("message.dmarc", label, "no From address in it: DMARC has no domain to judge; a received message with a From header is expected")];
  const target = `${label} (From ${fromDomain})`;
  const checks: Check[] = [];
  const vouch = arcVouch(result, fromDomain);
  const rescued = vouch ? ` after forwarding: the valid ARC chain sealed by ${vouch.sealer} (i=${vouch.instance}) shows DMARC passed aligned when ${vouch.mta} received it, and receivers that trust that sealer deliver it; mail sent straight to members is judged by the messages that were not forwarded` : "";

  // SPF: the Return-Path domain checked against the connecting IP; only aligned it counts for DMARC.
  const spf = result.spf;
  const spfDomain = spf ? spf.domain : undefined;
  if (!spf) checks.push(warn("message.spf", target, "no SPF result: no Received line with the sending IP; DMARC rests on DKIM alone"));
  else if (spf.status.result === "pass" && aligned(spf.domain, fromDomain)) checks.push(pass("message.spf", target, `pass for ${spf.domain} (client ${spf["client-ip"]}), aligned with ${fromDomain}`));
  else if (spf.status.result === "pass")
    checks.push(warn("message.spf", target, `pass for ${spf.domain}, not aligned with ${fromDomain}: set a custom Return-Path (MAIL FROM) domain under ${fromDomain} at the provider`));
  else checks.push(warn("message.spf", target, `${spf.status.result} for ${spf.domain} (client ${spf["client-ip"]}): forwarding breaks SPF; DMARC then rests on aligned DKIM`));

  // DKIM: at least one valid signature of the From domain (or its organisation).
  const sigs = result.dkim.results ?? [];
  const valid = sigs.filter((s) => s.status.result === "pass");
  const validAligned = valid.filter((s) => aligned(s.signingDomain, fromDomain));
  const broken = sigs.filter((s) => s.status.result !== "pass" && s.status.result !== "none");
  const describe = (s: (typeof sigs)[number]) => `d=${s.signingDomain} s=${s.selector ?? "?"} ${s.status.result}${s.status.comment ? ` (${s.status.comment})` : ""}`;
  if (validAligned.length) checks.push(pass("message.dkim", target, `valid aligned signature: ${validAligned.map(describe).join("; ")}`));
  else if (valid.length)
    checks.push(warn("message.dkim", target, `valid only for ${valid.map((s) => s.signingDomain).join(", ")}, not aligned with ${fromDomain}: publish the provider's DKIM key for ${fromDomain} (domain authentication)`));
  else if (broken.length && vouch) checks.push(warn("message.dkim", target, `no valid signature (${broken.map(describe).join("; ")})${rescued}`));
  else if (broken.length) checks.push(fail("message.dkim", target, `no valid signature: ${broken.map(describe).join("; ")}`));
  else checks.push(fail("message.dkim", target, "not signed: without an aligned DKIM signature, forwarded mail fails DMARC"));

  // DMARC: the verdict receivers act on.
  const dmarc = result.dmarc;
  if (!dmarc || dmarc.status.result === "none") checks.push(fail("message.dmarc", target, `no DMARC record for ${fromDomain}: Gmail and Yahoo require one of bulk senders`));
  else if (dmarc.status.result === "pass") {
    const by = [dmarc.alignment.dkim.result ? `DKIM (${dmarc.alignment.dkim.result})` : "", dmarc.alignment.spf.result ? `SPF (${dmarc.alignment.spf.result})` : ""].filter(Boolean).join(" and ");
    checks.push(pass("message.dmarc", target, `pass, aligned by ${by}; policy p=${dmarc.policy}`));
  } else if (vouch) checks.push(warn("message.dmarc", target, `${dmarc.status.result} here${rescued}`));
  else
    checks.push(fail("message.dmarc", target, `${dmarc.status.result} for ${fromDomain} (policy p=${dmarc.policy ?? "?"}): neither SPF (${spfDomain ?? "none"}) nor DKIM (${valid.map((s) => s.signingDomain).join(", ") || "no valid signature"}) passes aligned with the From domain`));

  checks.push(providerCheck(target, result, fromDomain));
  checks.push(...arcCheck(target, result, vouch));
  checks.push(receiverCheck(target, result, vouch, { spf: spf ? spf.status.result : "none", dkim: valid.length ? "pass" : sigs.length ? "fail" : "none", dmarc: dmarc ? dmarc.status.result : "none" }));
  return checks;
}

/** Names the provider from the evidence a message carries: DKIM d=, Return-Path, the sending host. */
function providerCheck(target: string, result: AuthenticateResult, fromDomain: string): Check {
  const evidence: Array<[string, string | undefined]> = [
    ...(result.dkim.results ?? []).map((s): [string, string] => [`DKIM d=${s.signingDomain}`, s.signingDomain]),
    [`Return-Path ${domainOf(result.dkim.envelopeFrom) ?? ""}`, domainOf(result.dkim.envelopeFrom)],
    [`sent from ${result.receivedChain?.find((r) => r.from?.value)?.from?.value ?? ""}`, result.receivedChain?.find((r) => r.from?.value)?.from?.value],
  ];
  for (const [what, domain] of evidence) {
    const provider = domain ? providerOfDomain(domain) : undefined;
    if (provider) return pass("message.provider", target, `sent by ${PROVIDER_DOCS[provider].name} (${what})`);
  }
  return warn("message.provider", target, `sending provider not recognised from DKIM, Return-Path or Received (From ${fromDomain}); a provider preset of components/email documents the records it needs`);
}

/** Does the receiver's own verdict agree with ours? Its DMARC not passing is how the mail arrived. */
function receiverCheck(target: string, result: AuthenticateResult, vouch: ArcVouch | undefined, ours: Record<"spf" | "dkim" | "dmarc", string>): Check {
  const header = receiverHeader(result);
  if (!header) return warn("message.receiver", target, "no Authentication-Results header: not a received message, or its headers were stripped; save the receiver's \"show original\"");
  const theirs = receiverResults(header);
  const said = (m: "spf" | "dkim" | "dmarc") => (theirs[m]?.includes("pass") ? "pass" : theirs[m]?.[0]);
  const differ = (["spf", "dkim", "dmarc"] as const).filter((m) => said(m) !== undefined && said(m) !== ours[m]).map((m) => `${m}: receiver ${said(m)}, here ${ours[m]}`);
  const receiverDmarc = said("dmarc");
  // The receiver's dmarc=fail beside its arc=pass is the ARC case: its local policy may deliver on the seal.
  if (receiverDmarc !== undefined && receiverDmarc !== "pass" && vouch && theirs.arc?.includes("pass")) return warn("message.receiver", target, `the receiver's Authentication-Results says dmarc=${receiverDmarc} and arc=pass: delivered on the ARC seal of ${vouch.sealer} if the receiver trusts it`);
  if (receiverDmarc !== undefined && receiverDmarc !== "pass") return fail("message.receiver", target, `the receiver's Authentication-Results says dmarc=${receiverDmarc}${differ.length ? ` (${differ.join("; ")})` : ""}`);
  if (differ.length) return warn("message.receiver", target, `the receiver judged otherwise (${differ.join("; ")}): DNS changed since it arrived, or the message was altered after`);
  return pass("message.receiver", target, `the receiver's Authentication-Results agree (${(["spf", "dkim", "dmarc"] as const).filter((m) => said(m)).map((m) => `${m}=${said(m)}`).join(" ") || "no results"})`);
}
