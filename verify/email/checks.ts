/** The live email-authentication checks: SPF and its lookup limits per sending name, DMARC, DKIM, MX, no-mail. */
import { check, fail, pass, warn } from "../check";
import type { JobContext } from "../context";
import { addressesOf, answersOf, normalizeName, txtStrings } from "../dns/resolver";
import type { Check, CheckStatus, DkimExpectation } from "../types";
import { judgeDkim } from "./dkim";
import { parseTagList } from "../../kernel/tagList";
import { isNoMailSpf } from "../../kernel/spf";
import { isDmarc, judgeDmarc } from "./dmarc";
import { judgeSpfRanges } from "./spfRanges";
import { evaluateSpf, isSpf, parseSpf, spfSizeFindings, SPF_MAX_LOOKUPS, SPF_MAX_VOID_LOOKUPS, type Finding } from "./spf";

const worst = (fs: Array<{ level: string }>): CheckStatus => (fs.some((f) => f.level === "fail") ? "fail" : fs.some((f) => f.level === "warn") ? "warn" : "pass");
const join = (fs: Finding[]) => fs.map((f) => f.message).join("; ");

/**
 * SPF at one name (the apex, or a MAIL FROM / return-path name the stack declares SPF at): one
 * record (else dns.conflict), valid syntax and size, and its live lookup counts.
 */
export async function checkSpf(ctx: JobContext, name: string): Promise<Check[]> {
  const res = await ctx.resolver.query(name, "TXT", ctx.signal);
  const spf = txtStrings(res, name).filter((t) => isSpf(t.text));
  const out: Check[] = [];
  if (spf.length === 0) {
    if (ctx.target.email.spfDeclared.includes(name)) return [fail("email.spf", name, "no v=spf1 record live, but the stack declares one")];
    return [warn("email.spf", name, "no SPF record: receivers cannot tell which servers may send as this domain (one that sends none publishes \"v=spf1 -all\")")];
  }
  if (spf.length > 1) {
    out.push(fail("dns.conflict", `${name} TXT`, `${spf.length} SPF records (${spf.map((s) => `"${s.text}"`).join(", ")}); RFC 7208 3.2 makes that a permerror: SPF fails for all mail`));
    out.push(fail("email.spf", name, `${spf.length} SPF records: permerror`));
    return out;
  }
  out.push(pass("dns.conflict", `${name} TXT`, "one SPF record"));
  const record = spf[0]!;
  const findings = [...parseSpf(record.text).findings, ...spfSizeFindings(record.parts)];
  out.push(check("email.spf", name, worst(findings), findings.length ? join(findings) : `"${record.text}"`));
  out.push(judgeSpfRanges(name, record.text));

  const ev = await evaluateSpf(ctx.resolver, name, ctx.signal);
  const problems: string[] = [];
  if (ev.lookups > SPF_MAX_LOOKUPS) problems.push(`${ev.lookups} DNS lookups, more than ${SPF_MAX_LOOKUPS} (permerror): ${ev.trail.map((t) => t.trim()).join(", ")}`);
  if (ev.voids > SPF_MAX_VOID_LOOKUPS) problems.push(`${ev.voids} void lookups, more than ${SPF_MAX_VOID_LOOKUPS} (permerror)`);
  for (const loop of ev.loops) problems.push(`include loop ${loop}`);
  problems.push(...ev.errors);
  out.push(problems.length
    ? fail("email.spf.lookups", name, problems.join("; "))
    : pass("email.spf.lookups", name, `${ev.lookups} of ${SPF_MAX_LOOKUPS} lookups, ${ev.voids} of ${SPF_MAX_VOID_LOOKUPS} void`));
  return out;
}

/** DMARC at _dmarc.<apex>: exactly one record, the declared policy, usable reporting. */
export async function checkDmarc(ctx: JobContext): Promise<Check[]> {
  const { apex, email, isProduction } = ctx.target;
  const name = `_dmarc.${apex}`;
  const res = await ctx.resolver.query(name, "TXT", ctx.signal);
  const records = txtStrings(res, name).filter((t) => isDmarc(t.text));
  if (records.length === 0) {
    if (email.dmarcPolicy || email.noMail) return [fail("email.dmarc", name, "no DMARC record live, but the stack declares one")];
    return [warn("email.dmarc", name, "no DMARC record: required of bulk senders by Gmail, Yahoo and Outlook since 2024")];
  }
  if (records.length > 1) return [fail("email.dmarc", name, `${records.length} DMARC records: receivers ignore them all (RFC 7489 6.6.3)`)];
  const judged = judgeDmarc(records[0]!.text, email.dmarcPolicy, isProduction, apex);
  const findings = [...judged.findings];
  for (const domain of judged.externalRua) {
    const auth = `${apex}._report._dmarc.${domain}`;
    const ar = await ctx.resolver.query(auth, "TXT", ctx.signal);
    if (!txtStrings(ar, auth).some((t) => isDmarc(t.text))) findings.push({ level: "warn", message: `reports go to ${domain}, which does not authorise them (no ${auth} TXT "v=DMARC1")` });
  }
  return [check("email.dmarc", name, worst(findings), findings.length ? findings.map((f) => f.message).join("; ") : `p=${judged.policy}`)];
}

/**
 * One DKIM key record by full name: a strong key (the resolver follows provider CNAMEs). A key
 * declared revoked (empty `p=`, the no-mail wildcard) passes when it is revoked live.
 */
export async function checkDkim(ctx: JobContext, exp: DkimExpectation): Promise<Check[]> {
  const name = exp.name;
  const selector = name.slice(0, name.indexOf("._domainkey."));
  const res = await ctx.resolver.query(name, "TXT", ctx.signal);
  // A recursive resolver answers for the CNAME target; the key is the TXT at the chain's end.
  const txts = res.answers.filter((a) => a.type === "TXT").length ? txtStrings(res, res.answers.filter((a) => a.type === "TXT")[0]!.name) : [];
  const keys = txts.filter((t) => "p" in parseTagList(t.text).tags);
  if (keys.length === 0) return [fail("email.dkim", name, `no DKIM key record${res.rcode === "NXDOMAIN" ? " (NXDOMAIN)" : ""}: mail signed with selector "${selector}" fails DKIM`)];
  if (keys.length > 1) return [fail("email.dkim", name, `${keys.length} key records at one selector: verifiers may pick either`)];
  if (exp.revoked) {
    const p = parseTagList(keys[0]!.text).tags.p?.trim();
    return [p === "" ? pass("email.dkim", name, "revoked (empty p=), as declared: no signature with this selector validates") : fail("email.dkim", name, `declared revoked (empty p=), but a key is published live`)];
  }
  const findings = judgeDkim(keys[0]!.text);
  return [check("email.dkim", name, worst(findings), findings.map((f) => f.message).join("; "))];
}

/** Every live MX host of `name` resolves (a null MX "0 ." is a deliberate no-mail marker). */
export async function checkMx(ctx: JobContext, name: string): Promise<Check[]> {
  const res = await ctx.resolver.query(name, "MX", ctx.signal);
  const mx = answersOf(res, "MX", name).map((a) => a.data as { preference?: number; exchange: string });
  const hosts = mx.map((m) => normalizeName(m.exchange)).filter((h) => h !== "" && h !== ".");
  if (hosts.length === 0) return [];
  const dead: string[] = [];
  await Promise.all(hosts.map(async (h) => {
    const [a, aaaa] = await Promise.all([ctx.resolver.query(h, "A", ctx.signal), ctx.resolver.query(h, "AAAA", ctx.signal)]);
    if (addressesOf(a).length + addressesOf(aaaa).length === 0) dead.push(h);
  }));
  return [dead.length ? fail("email.mx", name, `MX host(s) ${dead.join(", ")} have no address: mail to them bounces`) : pass("email.mx", name, `${hosts.length} MX host(s) resolve`)];
}

/** A domain that sends no mail: exactly "v=spf1 -all", a null MX and DMARC p=reject (RFC 7505, M3AAWG). */
export async function checkNoMail(ctx: JobContext): Promise<Check[]> {
  const apex = ctx.target.apex;
  const [txt, mx, dmarc] = await Promise.all([
    ctx.resolver.query(apex, "TXT", ctx.signal),
    ctx.resolver.query(apex, "MX", ctx.signal),
    ctx.resolver.query(`_dmarc.${apex}`, "TXT", ctx.signal),
  ]);
  const problems: string[] = [];
  const spf = txtStrings(txt, apex).filter((t) => isSpf(t.text));
  if (spf.length !== 1 || !isNoMailSpf(spf[0]!.text)) problems.push(`SPF is ${spf.map((s) => `"${s.text}"`).join(", ") || "missing"}, expected exactly "v=spf1 -all"`);
  const mxs = answersOf(mx, "MX", apex).map((a) => a.data as { preference?: number; exchange: string });
  if (!(mxs.length === 1 && (mxs[0]!.preference ?? 0) === 0 && ["", "."].includes(normalizeName(mxs[0]!.exchange)))) problems.push(`MX is ${mxs.map((m) => `${m.preference} ${m.exchange || "."}`).join(", ") || "missing"}, expected the null MX "0 ." (RFC 7505)`);
  const d = txtStrings(dmarc, `_dmarc.${apex}`).filter((t) => isDmarc(t.text));
  if (d.length !== 1 || parseTagList(d[0]!.text).tags.p?.toLowerCase() !== "reject") problems.push("DMARC must be p=reject");
  return [problems.length ? fail("email.nomail", apex, problems.join("; ")) : pass("email.nomail", apex, "SPF -all, null MX and DMARC reject")];
}
