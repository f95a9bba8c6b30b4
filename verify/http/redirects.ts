/**
 * Redirect chains: followed by hand (each hop through our resolver and ports), then judged against
 * the canonical URL. Rules: final URL is https://<canonical><same path and query>, at most 3
 * redirects, no loop, http upgrades to https on the same host first, no http hop after https,
 * 301/308 only (live-check-rules.md, hstspreload).
 */
import { fail, pass } from "../check";
import type { JobContext } from "../context";
import type { Check, DeclaredRedirect, VerifyHost } from "../types";
import { DnsQueryError } from "../dns/resolver";
import { describeRule } from "../ratelimit";
import { fetchVia, limitedBy } from "./via";

/** At most this many redirects before the canonical URL (live-check-rules.md). */
export const MAX_REDIRECTS = 3;
/** Stop following after this many, to report a long chain without walking it forever. */
export const FOLLOW_LIMIT = 8;
export const PERMANENT = new Set([301, 308]);

export interface Hop {
  url: string;
  status: number;
  /** The absolute URL the Location header points to. */
  location?: string;
  /** The body's text (its first 64 KiB), on the final hop only. */
  body?: string;
  /** A 429 from the stack's own rate limiting rule (its description): the rule working. */
  limitedBy?: string;
}

export interface Chain {
  hops: Hop[];
  loop: boolean;
  /** A request that failed (connection refused, timeout), with the URL it was for. */
  error?: string;
}

const isRedirect = (s: number) => s >= 300 && s < 400;

/**
 * Follows redirects from `start` by hand. `stopAt(next)` true ends the walk at a hop whose target
 * is not to be requested (a login on someone else's host): that hop keeps its `location`.
 */
export async function followRedirects(ctx: JobContext, start: URL, stopAt?: (next: URL) => boolean): Promise<Chain> {
  const hops: Hop[] = [];
  const seen = new Set<string>();
  let url = start;
  while (hops.length <= FOLLOW_LIMIT) {
    if (seen.has(url.href)) return { hops, loop: true };
    seen.add(url.href);
    let res;
    try {
      res = await fetchVia(ctx, url);
    } catch (e) {
      if (e instanceof DnsQueryError) throw e;
      return { hops, loop: false, error: `${url.href}: ${(e as Error).message}` };
    }
    const loc = res.headers.location;
    if (!isRedirect(res.status) || !loc) {
      const rule = limitedBy(res);
      hops.push({ url: url.href, status: res.status, body: res.body, ...(rule ? { limitedBy: describeRule(rule) } : {}) });
      return { hops, loop: false };
    }
    let next: URL;
    try {
      next = new URL(loc, url);
    } catch {
      hops.push({ url: url.href, status: res.status });
      return { hops, loop: false, error: `${url.href}: Location "${loc}" is not a URL` };
    }
    hops.push({ url: url.href, status: res.status, location: next.href });
    if (stopAt?.(next)) return { hops, loop: false };
    url = next;
  }
  return { hops, loop: false };
}

const arrow = (chain: Chain) => [...chain.hops.map((h) => `${h.url} [${h.status}]`), ...(chain.loop ? [chain.hops[chain.hops.length - 1]?.location ?? ""] : [])].join(" -> ");

/** What any followed chain must not do: fail, loop, or take more than MAX_REDIRECTS redirects. */
function chainProblems(chain: Chain, redirects: Chain["hops"]): string[] {
  const problems: string[] = [];
  if (chain.error) problems.push(`request failed: ${chain.error}`);
  if (chain.loop) problems.push(`redirect loop: ${arrow(chain)}`);
  else if (redirects.length > MAX_REDIRECTS) problems.push(`${redirects.length >= FOLLOW_LIMIT ? `more than ${FOLLOW_LIMIT - 1}` : redirects.length} redirects, at most ${MAX_REDIRECTS} allowed: ${arrow(chain)}`);
  return problems;
}

/** Pure judgement of a followed chain. */
export function judgeRedirects(start: string, chain: Chain, canonical: string): Check[] {
  const out: Check[] = [];
  const redirects = chain.hops.filter((h) => h.location !== undefined);
  const problems = chainProblems(chain, redirects);
  const downgrade = chain.hops.findIndex((h, i) => i > 0 && h.url.startsWith("http:") && chain.hops.slice(0, i).some((p) => p.url.startsWith("https:")));
  if (downgrade >= 0) problems.push(`goes back to plain http at ${chain.hops[downgrade]!.url}`);
  // hstspreload.org's rule: http://host upgrades on the same host first, so the browser sees HSTS for it.
  const first = chain.hops[0];
  if (first && first.url.startsWith("http:") && first.location !== undefined) {
    const from = new URL(first.url);
    const to = new URL(first.location);
    if (to.protocol !== "https:" || to.hostname !== from.hostname) problems.push(`first redirect goes to ${first.location}; http://${from.hostname} must first go to https://${from.hostname} (same host), then to the canonical host`);
  }
  const last = chain.hops[chain.hops.length - 1];
  if (!chain.loop && !chain.error && last && last.location === undefined) {
    const want = new URL(canonical);
    const got = new URL(last.url);
    if (got.href !== want.href) {
      if (got.origin === want.origin && got.pathname === want.pathname) problems.push(`query string changed: ends at ${got.href}, expected ${want.href}`);
      else if (got.origin === want.origin) problems.push(`path changed: ends at ${got.href}, expected ${want.href}`);
      else problems.push(`ends at ${got.href}, expected the canonical ${want.href}`);
    }
  }
  out.push(problems.length ? fail("redirect.chain", start, problems.join("; ")) : pass("redirect.chain", start, redirects.length ? `${redirects.length} redirect(s): ${arrow(chain)}` : "already canonical"));
  if (redirects.length) {
    const temporary = redirects.filter((h) => !PERMANENT.has(h.status));
    out.push(temporary.length
      ? fail("redirect.permanent", start, `temporary or non-permanent redirect(s): ${temporary.map((h) => `${h.status} at ${h.url}`).join(", ")}; use 301 or 308`)
      : pass("redirect.permanent", start, `all ${redirects.length} redirect(s) permanent`));
  }
  return out;
}

export function canonicalUrl(canonicalHost: string, samplePath: string): string {
  return new URL(samplePath, `https://${canonicalHost}`).href;
}

/** An access-gated host over http: only the upgrade to https on the same host is judged (the https side is judgeGated's). */
export function judgeUpgrade(start: string, chain: Chain): Check[] {
  const first = chain.hops[0];
  const want = new URL(start);
  want.protocol = "https:";
  if (chain.error && !first) return [fail("redirect.chain", start, `request failed: ${chain.error}`)];
  if (!first?.location) return [fail("redirect.chain", start, `answers ${first?.status} over plain http instead of redirecting to ${want.href}`)];
  if (first.location !== want.href) return [fail("redirect.chain", start, `first redirect goes to ${first.location}, expected ${want.href}`)];
  return [
    pass("redirect.chain", start, `upgrades to ${want.href} (access-gated host: later hops not judged)`),
    PERMANENT.has(first.status) ? pass("redirect.permanent", start, `${first.status}`) : fail("redirect.permanent", start, `${first.status} at ${first.url}; use 301 or 308`),
  ];
}

/** Cloudflare Access sends anonymous visitors to the team's login at `<team>.cloudflareaccess.com`. */
export const ACCESS_LOGIN_SUFFIX = ".cloudflareaccess.com";
const isAccessLogin = (u: URL) => u.protocol === "https:" && u.hostname.endsWith(ACCESS_LOGIN_SUFFIX);

/**
 * An access-gated host over https, as an anonymous visitor meets it: the gate either answers on
 * the host (401/403, after any redirects on the host) or sends the visitor to the Access login. A
 * loop, a long chain, a hop back to http, or a redirect to any other host fails redirect.chain;
 * any other answer (a 2xx page, a 404 from the app) came from behind the gate and fails
 * smoke.protected. The login's 302 is Access's own: permanence is not judged here.
 */
export function judgeGated(start: string, chain: Chain): Check[] {
  const host = new URL(start).hostname;
  const redirects = chain.hops.filter((h) => h.location !== undefined);
  const last = chain.hops[chain.hops.length - 1];
  const problems = chainProblems(chain, redirects);
  const plain = redirects.find((h) => h.location!.startsWith("http:"));
  if (plain) problems.push(`goes back to plain http at ${plain.location}`);
  if (!problems.length && last?.location !== undefined) {
    const to = new URL(last.location);
    if (to.hostname !== host && !isAccessLogin(to)) problems.push(`redirects to ${to.href}, which is neither ${host} nor an Access login (*${ACCESS_LOGIN_SUFFIX}): an unexpected target for an access-gated host`);
  }
  if (problems.length) return [fail("redirect.chain", start, problems.join("; "))];
  if (last?.location !== undefined) return [pass("redirect.chain", start, `sends anonymous visitors to the Access login at ${new URL(last.location).origin}: ${arrow(chain)}`)];
  const reached = pass("redirect.chain", start, `answers ${last?.status} on the host: ${arrow(chain)}`);
  if (last && (last.status === 401 || last.status === 403)) return [reached];
  // Access and an IP allow-list answer every path, so any other answer came from behind the gate.
  const what = last && last.status >= 200 && last.status < 300 ? "the gate is not in front of it" : "not the gate's 401/403 or its login: is the gate in front of it?";
  return [reached, fail("smoke.protected", start, `access-gated host answers ${last?.status} to an anonymous visitor: ${what} (${arrow(chain)})`)];
}

export async function checkRedirects(ctx: JobContext, host: VerifyHost, scheme: "http" | "https"): Promise<Check[]> {
  const start = new URL(ctx.target.samplePath, `${scheme}://${host.fqdn}`);
  // A gated host's chain is followed while it stays on the host: the Access login is Cloudflare's, not ours to request.
  const chain = await followRedirects(ctx, start, host.sensitive ? (next) => next.hostname !== host.fqdn : undefined);
  if (host.sensitive) return scheme === "https" ? judgeGated(start.href, chain) : judgeUpgrade(start.href, chain);
  return judgeRedirects(start.href, chain, canonicalUrl(host.redirectsTo, ctx.target.samplePath));
}

/**
 * A declared path redirect (`edge.redirects`), as its first live answer: the declared status, the
 * declared target, and the sample query kept or dropped as the rule says (`preserveQueryString`).
 */
export function judgeDeclaredRedirect(exp: DeclaredRedirect, live: { status: number; location?: string }): Check {
  if (live.location === undefined || !isRedirect(live.status)) return fail("redirect.declared", exp.url, `answers ${live.status} without redirecting; declared ${exp.status} to ${exp.location}`);
  const got = new URL(live.location, exp.url);
  const want = new URL(exp.location);
  const problems: string[] = [];
  if (live.status !== exp.status) problems.push(`status ${live.status}, declared ${exp.status}`);
  if (got.origin + got.pathname !== want.origin + want.pathname) problems.push(`goes to ${got.origin}${got.pathname}, declared ${want.origin}${want.pathname}`);
  else if (got.search !== want.search) {
    problems.push(exp.preserveQueryString
      ? got.search === "" ? `drops the query string ${want.search}, declared kept (preserveQueryString)` : `query ${got.search}, declared ${want.search}`
      : `query ${got.search || "(none)"}, declared ${want.search || "dropped (preserveQueryString false)"}`);
  }
  if (problems.length) return fail("redirect.declared", exp.url, `${problems.join("; ")}: the live redirect is not the declared one`);
  return pass("redirect.declared", exp.url, `${live.status} to ${got.href}, query ${exp.preserveQueryString ? "kept" : "dropped"} as declared`);
}

export async function checkDeclaredRedirect(ctx: JobContext, exp: DeclaredRedirect): Promise<Check[]> {
  const res = await fetchVia(ctx, new URL(exp.url));
  const rule = limitedBy(res);
  if (rule) return [fail("redirect.declared", exp.url, `answered 429 by the stack's own rate limit ${describeRule(rule)}: not judged; run again after its period`)];
  return [judgeDeclaredRedirect(exp, { status: res.status, location: typeof res.headers.location === "string" ? res.headers.location : undefined })];
}
