/**
 * MTA-STS (RFC 8461): when a stack declares `_mta-sts.<domain>`, senders that support it fetch
 * https://mta-sts.<domain>/.well-known/mta-sts.txt, and a policy that is missing, untrusted or
 * wrong either protects nothing or (in enforce mode) makes them refuse to deliver. Checked as a
 * sender would fetch it: over HTTPS with a valid certificate, no redirects, 200, text/plain.
 */
import { mxMatchesPattern } from "../../components/email/mtasts";
import { check, fail } from "../check";
import type { JobContext } from "../context";
import { answersOf, DnsQueryError, normalizeName, txtStrings } from "../dns/resolver";
import { fetchVia } from "../http/via";
import type { Check, MtaStsExpectation } from "../types";

/** RFC 8461 3.2: max_age is at most 31557600 seconds (about a year). */
export const MTA_STS_MAX_AGE_LIMIT = 31557600;
/** RFC 8461 3.3: senders should not read policies longer than 64 KiB. */
export const MTA_STS_MAX_BYTES = 64 * 1024;
export const MTA_STS_PATH = "/.well-known/mta-sts.txt";
const MODES = ["enforce", "testing", "none"] as const;
type Mode = (typeof MODES)[number];

export interface ParsedPolicy {
  version?: string;
  mode?: Mode;
  maxAge?: number;
  mx: string[];
  problems: string[];
}

/** Parses a policy file: "key: value" lines, CRLF (LF accepted, as RFC 8461 3.2 asks of senders). */
export function parseMtaStsPolicy(text: string): ParsedPolicy {
  const out: ParsedPolicy = { mx: [], problems: [] };
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const i = line.indexOf(":");
    if (i < 0) {
      out.problems.push(`line "${line}" is not "key: value"`);
      continue;
    }
    const key = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (key === "version") out.version = value;
    else if (key === "mode") {
      if ((MODES as readonly string[]).includes(value)) out.mode = value as Mode;
      else out.problems.push(`mode "${value}" is not enforce, testing or none`);
    } else if (key === "max_age") {
      if (/^\d{1,10}$/.test(value) && Number(value) <= MTA_STS_MAX_AGE_LIMIT) out.maxAge = Number(value);
      else out.problems.push(`max_age "${value}" is not a number of seconds up to ${MTA_STS_MAX_AGE_LIMIT}`);
    } else if (key === "mx") out.mx.push(value.toLowerCase());
  }
  if (out.version !== "STSv1") out.problems.push(out.version === undefined ? `no "version: STSv1" line` : `version "${out.version}" is not STSv1`);
  if (out.mode === undefined && !out.problems.some((p) => p.startsWith("mode"))) out.problems.push(`no "mode" line`);
  if (out.maxAge === undefined && !out.problems.some((p) => p.startsWith("max_age"))) out.problems.push(`no "max_age" line`);
  if (out.mode !== undefined && out.mode !== "none" && out.mx.length === 0) out.problems.push(`mode ${out.mode} without any "mx" line matches no MX host`);
  return out;
}

export interface PolicyFetch {
  status?: number;
  contentType?: string;
  body?: string;
  /** The request failed (untrusted certificate, name mismatch, refused, timeout). */
  error?: string;
}

/**
 * Pure judgement of one MTA-STS domain. `txt`: the live `_mta-sts` TXT strings; `liveMx`: the
 * domain's live MX hosts. Fails on anything that makes senders ignore the policy or differ from
 * the declared one; an MX the policy does not cover fails in enforce mode and warns in testing.
 */
export function judgeMtaSts(exp: MtaStsExpectation, txt: string[], fetched: PolicyFetch, liveMx: string[]): Check {
  const target = `https://${exp.policyHost}${MTA_STS_PATH}`;
  const failures: string[] = [];
  const warnings: string[] = [];
  const sts = txt.filter((t) => /^v=STSv1\s*(;|$)/.test(t));
  if (sts.length !== 1) failures.push(`${sts.length} "v=STSv1" TXT records at _mta-sts.${exp.domain}; senders need exactly one`);
  else if (!/(^|;)\s*id=[A-Za-z0-9]{1,32}\s*(;|$)/.test(sts[0]!)) failures.push(`_mta-sts.${exp.domain} "${sts[0]}" has no id of 1 to 32 letters and digits`);

  let policy: ParsedPolicy | undefined;
  if (fetched.error) failures.push(`policy not fetched: ${fetched.error} (the stack publishes only the TXT; serve its EmailAuth mtaStsPolicy output at this URL)`);
  else if (fetched.status !== 200) failures.push(`policy answers ${fetched.status}; senders need 200 and follow no redirect (RFC 8461 3.3)`);
  else {
    if (!/^text\/plain\b/i.test(fetched.contentType ?? "")) failures.push(`policy served as "${fetched.contentType ?? "no content type"}"; RFC 8461 3.2 requires text/plain`);
    policy = parseMtaStsPolicy(fetched.body ?? "");
    failures.push(...policy.problems);
  }
  if (policy && exp.policy) {
    const d = exp.policy;
    if (policy.mode !== undefined && policy.mode !== d.mode) failures.push(`live mode ${policy.mode}, declared ${d.mode}`);
    if (policy.maxAge !== undefined && policy.maxAge !== d.maxAge) failures.push(`live max_age ${policy.maxAge}, declared ${d.maxAge}`);
    const want = [...d.mx].sort().join(", ");
    const got = [...policy.mx].sort().join(", ");
    if (want !== got) failures.push(`live mx ${got || "none"}, declared ${want || "none"}`);
  }
  if (policy?.mode && policy.mode !== "none") {
    const uncovered = liveMx.filter((h) => !policy!.mx.some((p) => mxMatchesPattern(h, p)));
    if (uncovered.length) {
      const msg = `MX host(s) ${uncovered.join(", ")} match no policy mx (${policy.mx.join(", ") || "none"})`;
      if (policy.mode === "enforce") failures.push(`${msg}: senders refuse to deliver to them`);
      else warnings.push(`${msg}: in enforce mode senders would refuse to deliver to them`);
    }
  }
  if (failures.length) return check("email.mtasts", target, "fail", [...failures, ...warnings].join("; "));
  if (warnings.length) return check("email.mtasts", target, "warn", warnings.join("; "));
  return check("email.mtasts", target, "pass", `mode ${policy!.mode}, mx ${policy!.mx.join(", ") || "none"}, max_age ${policy!.maxAge}`);
}

export async function checkMtaSts(ctx: JobContext, exp: MtaStsExpectation): Promise<Check[]> {
  const url = new URL(MTA_STS_PATH, `https://${exp.policyHost}`);
  const [txtRes, mxRes] = await Promise.all([ctx.resolver.query(`_mta-sts.${exp.domain}`, "TXT", ctx.signal), ctx.resolver.query(exp.domain, "MX", ctx.signal)]);
  let fetched: PolicyFetch;
  try {
    const res = await fetchVia(ctx, url, { verifyTls: true, maxBytes: MTA_STS_MAX_BYTES });
    fetched = res.truncated ? { error: `the policy is larger than ${MTA_STS_MAX_BYTES} bytes` } : { status: res.status, contentType: res.headers["content-type"], body: res.body };
  } catch (e) {
    if (ctx.signal.aborted || e instanceof DnsQueryError) throw e;
    fetched = { error: `${url.href}: ${(e as Error).message}` };
  }
  const liveMx = answersOf(mxRes, "MX", exp.domain).map((a) => normalizeName((a.data as { exchange: string }).exchange)).filter((h) => h !== "" && h !== ".");
  const txt = txtStrings(txtRes, `_mta-sts.${exp.domain}`).map((t) => t.text);
  if (txtRes.rcode === "NXDOMAIN" && txt.length === 0) return [fail("email.mtasts", url.href, `_mta-sts.${exp.domain} does not exist (NXDOMAIN), but the stack declares it`)];
  return [judgeMtaSts(exp, txt, fetched, liveMx)];
}
