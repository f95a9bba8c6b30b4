/**
 * Security headers and cookies, judged as MDN HTTP Observatory grades them, and HSTS as declared
 * (RFC 6797). Pure judges over received headers, plus the jobs that fetch them.
 */
import { HSTS_MIN_MAX_AGE, HSTS_PRELOAD_MIN_MAX_AGE } from "../../kernel/hsts";
import { NON_PRODUCTION_ROBOTS, ROBOTS_HEADER } from "../../components/edge/headers";
import { fail, pass, warn } from "../check";
import type { JobContext } from "../context";
import type { Check, HstsExpectation, VerifyHost } from "../types";
import { headerValues, type FetchResponse } from "./client";
import { describeRule } from "../ratelimit";
import { rateLimited } from "./smoke";
import { fetchVia, limitedBy } from "./via";

/** Referrer policies that do not leak full URLs cross-origin (MDN Observatory). */
export const SAFE_REFERRER_POLICIES = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

type Headers = Pick<FetchResponse, "rawHeaders">;

export function parseHsts(value: string): { maxAge?: number; includeSubDomains: boolean; preload: boolean } {
  const parts = value.split(";").map((p) => p.trim().toLowerCase());
  const ma = parts.map((p) => /^max-age\s*=\s*"?(\d+)"?$/.exec(p)).find(Boolean);
  return { maxAge: ma ? Number(ma[1]) : undefined, includeSubDomains: parts.includes("includesubdomains"), preload: parts.includes("preload") };
}

export function judgeHsts(target: string, res: Headers, https: boolean, exp: HstsExpectation): Check {
  const values = headerValues(res, "strict-transport-security");
  if (!https) {
    return values.length
      ? warn("headers.hsts", target, "HSTS sent over plain http, where browsers ignore it (RFC 6797 7.2); send it over https only")
      : pass("headers.hsts", target, "no HSTS over plain http");
  }
  if (values.length === 0) return fail("headers.hsts", target, "no Strict-Transport-Security header");
  if (values.length > 1) return fail("headers.hsts", target, `${values.length} Strict-Transport-Security headers; browsers use only the first (RFC 6797 8.1), send exactly one`);
  const h = parseHsts(values[0]!);
  const problems: string[] = [];
  let shortAsDeclared = false;
  if (h.maxAge === undefined) problems.push(`"${values[0]}" has no max-age`);
  else {
    if (h.maxAge < HSTS_MIN_MAX_AGE) {
      if (exp.shortDeclaredAllowed && exp.maxAge === h.maxAge) shortAsDeclared = true;
      else problems.push(`max-age=${h.maxAge} is under ${HSTS_MIN_MAX_AGE} (6 months)`);
    }
    if (exp.maxAge !== undefined && h.maxAge !== exp.maxAge) problems.push(`max-age=${h.maxAge}, declared ${exp.maxAge}`);
  }
  if (exp.includeSubDomains !== undefined && h.includeSubDomains !== exp.includeSubDomains) problems.push(`includeSubDomains ${h.includeSubDomains ? "present" : "missing"}, declared ${exp.includeSubDomains ? "on" : "off"}`);
  if (exp.preload !== undefined && h.preload !== exp.preload) problems.push(`preload ${h.preload ? "present" : "missing"}, declared ${exp.preload ? "on" : "off"}`);
  if (h.preload && ((h.maxAge ?? 0) < HSTS_PRELOAD_MIN_MAX_AGE || !h.includeSubDomains)) problems.push(`preload needs max-age >= ${HSTS_PRELOAD_MIN_MAX_AGE} and includeSubDomains`);
  if (problems.length) return fail("headers.hsts", target, problems.join("; "));
  if (shortAsDeclared) {
    return warn("headers.hsts", target, `max-age=${h.maxAge} as declared, under ${HSTS_MIN_MAX_AGE} (6 months): fine while this non-production stack rolls HSTS out, raise it before it serves members`);
  }
  return pass("headers.hsts", target, values[0]!);
}

/** Directives of the first enforced CSP; report-only counts as missing (MDN Observatory). */
function cspDirectives(res: Headers): Map<string, string> | undefined {
  const v = headerValues(res, "content-security-policy");
  if (v.length === 0) return undefined;
  const map = new Map<string, string>();
  for (const d of v.join(";").split(";")) {
    const [name, ...rest] = d.trim().split(/\s+/);
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), rest.join(" "));
  }
  return map;
}

/**
 * `reportOnlyAsDeclared`: a non-production stack whose edge declares a report-only CSP for this
 * host, so a report-only header is the declared rollout step and warns; production holds an
 * enforced CSP on the canonical pages.
 */
export function judgePageHeaders(target: string, res: Headers, options: { reportOnlyAsDeclared?: boolean } = {}): Check[] {
  const out: Check[] = [];
  const csp = cspDirectives(res);
  if (!csp) {
    const ro = headerValues(res, "content-security-policy-report-only").length > 0;
    if (ro && options.reportOnlyAsDeclared) {
      out.push(warn("headers.csp", target, "only Content-Security-Policy-Report-Only, as this non-production stack declares: it enforces nothing; enforce it before the stack serves members"));
    } else out.push(fail("headers.csp", target, ro ? "only Content-Security-Policy-Report-Only, which enforces nothing" : "no Content-Security-Policy header"));
  } else {
    const script = csp.get("script-src") ?? csp.get("default-src");
    const unsafe = ["'unsafe-inline'", "'unsafe-eval'"].filter((u) => script?.includes(u) && !(u === "'unsafe-inline'" && /'(nonce-|sha(256|384|512)-|strict-dynamic)/.test(script)));
    if (script === undefined) out.push(warn("headers.csp", target, "CSP has no script-src or default-src: scripts are unrestricted"));
    else if (unsafe.length) out.push(warn("headers.csp", target, `script-src allows ${unsafe.join(" and ")}, which defeats most XSS protection`));
    else out.push(pass("headers.csp", target, "CSP restricts scripts"));
  }
  const xfo = headerValues(res, "x-frame-options").map((v) => v.trim().toUpperCase());
  const fa = csp?.get("frame-ancestors");
  if (fa !== undefined) out.push(pass("headers.frame", target, `frame-ancestors ${fa}`));
  else if (xfo.length && xfo.every((v) => v === "DENY" || v === "SAMEORIGIN")) out.push(pass("headers.frame", target, `X-Frame-Options ${xfo[0]}`));
  else out.push(fail("headers.frame", target, xfo.length ? `X-Frame-Options "${xfo.join(", ")}" is not DENY or SAMEORIGIN` : "no frame-ancestors and no X-Frame-Options: pages can be framed"));
  const nosniff = headerValues(res, "x-content-type-options").map((v) => v.trim().toLowerCase());
  out.push(nosniff.length === 1 && nosniff[0] === "nosniff" ? pass("headers.nosniff", target, "nosniff") : fail("headers.nosniff", target, nosniff.length ? `X-Content-Type-Options "${nosniff.join(", ")}", expected "nosniff"` : "no X-Content-Type-Options: nosniff"));
  // The last recognised token of a comma list is the effective policy (W3C Referrer Policy 11.1).
  const rp = headerValues(res, "referrer-policy").join(",").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const effective = rp[rp.length - 1];
  if (!effective) out.push(warn("headers.referrer", target, "no Referrer-Policy (browsers default to strict-origin-when-cross-origin; set it explicitly)"));
  else if (SAFE_REFERRER_POLICIES.includes(effective)) out.push(pass("headers.referrer", target, effective));
  else out.push(fail("headers.referrer", target, `Referrer-Policy ${effective} leaks full URLs; use one of ${SAFE_REFERRER_POLICIES.join(", ")}`));
  return out;
}

/** Cookie names that carry a session, besides those declared in config. */
const SESSION_NAME = /sess|sid|auth|token|jwt|login|remember|csrf|xsrf/i;

export interface CookieFacts {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
}

export function parseSetCookie(value: string): CookieFacts {
  const [pair, ...attrs] = value.split(";");
  const name = (pair ?? "").split("=")[0]!.trim();
  const a = attrs.map((x) => x.trim().toLowerCase());
  const ss = a.find((x) => x.startsWith("samesite="));
  return { name, secure: a.includes("secure"), httpOnly: a.includes("httponly"), sameSite: ss?.slice("samesite=".length) };
}

export function judgeCookies(target: string, setCookies: string[], sessionNames: string[]): Check[] {
  if (setCookies.length === 0) return [pass("headers.cookies", target, "no cookies set anonymously")];
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const c of setCookies.map(parseSetCookie)) {
    const session = sessionNames.includes(c.name) || SESSION_NAME.test(c.name) || c.name.startsWith("__Host-") || c.name.startsWith("__Secure-");
    const missing = [!c.secure && "Secure", !c.httpOnly && "HttpOnly", !(c.sameSite === "lax" || c.sameSite === "strict") && `SameSite=Lax/Strict${c.sameSite ? ` (is ${c.sameSite})` : ""}`].filter(Boolean);
    if (session && missing.length) problems.push(`session cookie ${c.name} lacks ${missing.join(", ")}`);
    else if (!session && !c.secure) warnings.push(`cookie ${c.name} lacks Secure`);
  }
  if (problems.length) return [fail("headers.cookies", target, [...problems, ...warnings].join("; "))];
  if (warnings.length) return [warn("headers.cookies", target, warnings.join("; "))];
  return [pass("headers.cookies", target, `${setCookies.length} cookie(s) flagged Secure, HttpOnly, SameSite`)];
}

/** A foreign Origin reflected with credentials allowed lets any site read members' responses. */
export function judgeCors(target: string, res: Pick<FetchResponse, "headers">, probeOrigin: string): Check {
  const acao = String(res.headers["access-control-allow-origin"] ?? "");
  const creds = String(res.headers["access-control-allow-credentials"] ?? "").toLowerCase() === "true";
  if (creds && (acao === "*" || acao === probeOrigin || acao === "null")) return fail("headers.cors", target, `Access-Control-Allow-Origin "${acao}" with credentials for a foreign origin`);
  return pass("headers.cors", target, acao ? `Access-Control-Allow-Origin "${acao}"${creds ? " with credentials, not reflected" : ""}` : "no CORS for a foreign origin");
}

/** HSTS on each host: over https as declared (first response, before any redirect), absent over http. */
export async function checkHostHsts(ctx: JobContext, host: VerifyHost): Promise<Check[]> {
  const path = "/";
  const [https, http] = await Promise.allSettled([fetchVia(ctx, new URL(path, `https://${host.fqdn}`)), fetchVia(ctx, new URL(path, `http://${host.fqdn}`))]);
  const out: Check[] = [];
  if (https.status === "rejected") throw https.reason;
  if (host.proxied) out.push(judgeHsts(`https://${host.fqdn}`, https.value, true, ctx.target.hsts));
  else {
    // The zone's HSTS setting applies at the edge only: an unproxied host's origin sets its own.
    const c = judgeHsts(`https://${host.fqdn}`, https.value, true, {});
    out.push(c.status === "fail" ? { ...c, status: "warn", message: `${c.message} (unproxied: the origin must send it)` } : c);
  }
  if (http.status === "fulfilled") out.push(judgeHsts(`http://${host.fqdn}`, http.value, false, ctx.target.hsts));
  return out;
}

const squash = (v: string) => v.trim().replace(/\s+/g, " ");

/**
 * The headers the edge declares for a host, against the live response: a set header must be
 * present with exactly the declared value, a removed one absent. A declared report-only CSP warns:
 * it is as declared, and it enforces nothing (MDN Observatory counts it as missing).
 */
export function judgeDeclaredHeaders(target: string, res: Headers, declared: Record<string, string | null>): Check[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(declared).sort(([a], [b]) => a.localeCompare(b))) {
    const live = headerValues(res, name);
    if (want === null) {
      if (live.length) problems.push(`${name} is sent ("${live.join(", ")}"), but the edge declares it removed`);
    } else if (live.length === 0) problems.push(`${name} missing, declared "${want}"`);
    else if (!live.some((v) => squash(v) === squash(want))) problems.push(`${name} is "${live.join(", ")}", declared "${want}"`);
  }
  const out = [problems.length ? fail("headers.declared", target, problems.join("; ")) : pass("headers.declared", target, `${Object.keys(declared).length} declared header(s) as declared`)];
  if (declared["content-security-policy-report-only"] && !declared["content-security-policy"]) {
    out.push(warn("headers.csp", target, "Content-Security-Policy-Report-Only, as declared: it enforces nothing; set reportOnly false once the reports are clean"));
  }
  return out;
}

/**
 * X-Robots-Tag on a page: a non-production stack's must carry noindex (the stack declares it,
 * components/edge/headers.ts); production's canonical pages must carry none.
 */
export function judgeRobots(target: string, res: Headers, isProduction: boolean): Check {
  const live = headerValues(res, ROBOTS_HEADER.toLowerCase());
  // Directives, each value optionally for one crawler ("googlebot: noindex"); "none" implies noindex.
  const directives = live.flatMap((v) => v.toLowerCase().replace(/^\s*[a-z0-9_-]+\s*:\s*(?=[a-z])/, "").split(",").map((d) => d.trim()));
  const noindex = directives.includes(NON_PRODUCTION_ROBOTS) || directives.includes("none");
  if (isProduction) return noindex ? fail("headers.noindex", target, `${ROBOTS_HEADER}: ${live.join(", ")} on a production page: search engines drop the real site`) : pass("headers.noindex", target, `no noindex (${live.length ? `${ROBOTS_HEADER}: ${live.join(", ")}` : `no ${ROBOTS_HEADER}`})`);
  return noindex ? pass("headers.noindex", target, `${ROBOTS_HEADER}: ${live.join(", ")}: not indexed`) : fail("headers.noindex", target, `${live.length ? `${ROBOTS_HEADER}: ${live.join(", ")}` : `no ${ROBOTS_HEADER}`} on a non-production stack: its pages get indexed as a duplicate of the real site`);
}

/** A proxied host's homepage against the response headers its edge rules declare. */
export async function checkDeclaredHeaders(ctx: JobContext, host: VerifyHost): Promise<Check[]> {
  const url = new URL(ctx.target.smoke.homepage, `https://${host.fqdn}`);
  const res = await fetchVia(ctx, url);
  return [...judgeDeclaredHeaders(url.href, res, host.declaredHeaders ?? {}), ...(ctx.target.isProduction ? [] : [judgeRobots(url.href, res, false)])];
}

/** Probe origin for the CORS check: reserved for documentation (RFC 2606), never resolved. */
export const CORS_PROBE_ORIGIN = "https://cors-probe.example";

/** Page headers, cookies and CORS on the canonical host's homepage and login page. */
export async function checkPageHeaders(ctx: JobContext): Promise<Check[]> {
  const { canonicalHost, smoke, sessionCookies } = ctx.target;
  const home = new URL(smoke.homepage, `https://${canonicalHost}`);
  const login = new URL(smoke.login, `https://${canonicalHost}`);
  const [h, l] = await Promise.all([fetchVia(ctx, home, { headers: { origin: CORS_PROBE_ORIGIN } }), fetchVia(ctx, login)]);
  const limited = [h, l].map((r, i) => [limitedBy(r), [home, login][i]!] as const).filter(([rule]) => rule !== undefined);
  const cookies = [...headerValues(h, "set-cookie"), ...headerValues(l, "set-cookie")];
  const cookieCheck = limited.length
    ? rateLimited("headers.cookies", `https://${canonicalHost}`, `${describeRule(limited[0]![0]!)} at ${limited[0]![1].pathname}`)
    : judgeCookies(`https://${canonicalHost}`, cookies, sessionCookies)[0]!;
  return [
    ...judgePageHeaders(home.href, h, { reportOnlyAsDeclared: ctx.target.cspReportOnlyAllowed === true }),
    judgeRobots(home.href, h, ctx.target.isProduction),
    cookieCheck,
    judgeCors(home.href, h, CORS_PROBE_ORIGIN),
  ];
}
