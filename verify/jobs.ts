/** Turns a VerifyTarget into independent jobs, each with its own timeout and fallback check id. */
import type { CheckId } from "./catalog";
import type { Job } from "./context";
import { checkCnameConflict, checkProxiedHost, checkRecordGroup, CNAME_CHAIN_LIMIT } from "./dns/records";
import { checkDkim, checkDmarc, checkMx, checkNoMail, checkSpf } from "./email/checks";
import { checkMtaSts } from "./email/mtasts";
import { checkStartTls } from "./email/smtp";
import { checkClientSecrets } from "./clientcode/check";
import { CRAWL_LIMITS } from "./clientcode/crawl";
import { checkDeployedCommit } from "./http/version";
import { checkDeclaredHeaders, checkHostHsts, checkPageHeaders } from "./http/headers";
import { checkPerformance, PERF_PARALLEL, perfJobTimeout, type PerfRoute } from "./http/perf";
import { describeRule, edgeCounts, rulesCounting } from "./ratelimit";
import { checkDeclaredRedirect, checkRedirects, FOLLOW_LIMIT } from "./http/redirects";
import { checkProtectedPage, checkPublicPage } from "./http/smoke";
import { checkTls } from "./http/tls";
import type { DeclaredRecord, VerifyOptions, VerifyTarget } from "./types";

export interface PlannedJob extends Job {
  /** The check id a crash or timeout of this job is reported under (fail closed). */
  failId: CheckId;
  target: string;
}

const ADDRESS_TYPES = new Set(["A", "AAAA", "CNAME"]);

/** Every job of a run. Timeouts are multiples of the per-operation timeout, by the work each job does. */
export function planJobs(target: VerifyTarget, options: VerifyOptions): PlannedJob[] {
  const t = options.timeoutMs;
  const jobs: PlannedJob[] = [];
  const add = (name: string, failId: CheckId, tgt: string, ops: number, run: Job["run"], timeoutMs = ops * t) => jobs.push({ name, failId, target: tgt, timeoutMs, run });

  const known = target.records.filter((r) => r.content !== undefined);
  const proxiedNames = new Set(known.filter((r) => r.proxied && ADDRESS_TYPES.has(r.type)).map((r) => r.name));
  const groups = new Map<string, DeclaredRecord[]>();
  for (const r of known) {
    if (proxiedNames.has(r.name) && ADDRESS_TYPES.has(r.type)) continue;
    const key = `${r.name} ${r.type}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const name of proxiedNames) add(`dns edge ${name}`, "dns.edge", name, 2, (ctx) => checkProxiedHost(ctx, name));
  for (const [key, recs] of groups) add(`dns ${key}`, "dns.record", key, 2, (ctx) => checkRecordGroup(ctx, recs[0]!.name, recs[0]!.type, recs));
  const unproxiedAddressNames = new Set(known.filter((r) => !proxiedNames.has(r.name) && ADDRESS_TYPES.has(r.type)).map((r) => r.name));
  // CNAME, four types beside it, then the chain inside the zone.
  for (const name of unproxiedAddressNames) add(`dns conflict ${name}`, "dns.conflict", name, 6 + CNAME_CHAIN_LIMIT, (ctx) => checkCnameConflict(ctx, name));

  const apex = target.apex;
  const email = target.email;
  // SPF evaluation walks includes level by level: one timeout a level, up to the 10-lookup depth.
  for (const name of email.spfNames) add(`email spf ${name}`, "email.spf", name, 12, (ctx) => checkSpf(ctx, name));
  add(`email dmarc ${apex}`, "email.dmarc", `_dmarc.${apex}`, 3, checkDmarc);
  for (const d of email.dkim) add(`email dkim ${d.name}`, "email.dkim", d.name, 2, (ctx) => checkDkim(ctx, d));
  for (const name of email.mxNames) {
    add(`email mx ${name}`, "email.mx", name, 3, (ctx) => checkMx(ctx, name));
    // Opt-in (see starttlsNote): MX and address lookups, then the probe's own bound of 3 timeouts.
    if (options.smtpPort !== undefined) add(`email starttls ${name}`, "email.starttls", name, 6, (ctx) => checkStartTls(ctx, name));
  }
  // TXT and MX lookups, the policy host's address, then the HTTPS fetch.
  for (const m of email.mtaSts) add(`email mta-sts ${m.domain}`, "email.mtasts", `https://${m.policyHost}/.well-known/mta-sts.txt`, 5, (ctx) => checkMtaSts(ctx, m));
  if (email.noMail) add(`email no-mail ${apex}`, "email.nomail", apex, 2, checkNoMail);

  // A redirect hop is a DNS query plus a request.
  const hopOps = (FOLLOW_LIMIT + 1) * 2;
  for (const h of target.hosts) {
    // Both schemes on every host: a gated host's https side must reach its gate, not loop or leave.
    for (const scheme of ["http", "https"] as const) add(`redirect ${scheme}://${h.fqdn}`, "redirect.chain", `${scheme}://${h.fqdn}${target.samplePath}`, hopOps, (ctx) => checkRedirects(ctx, h, scheme));
    // Address, handshake, legacy probe, and the CAA walk from the host up to the apex.
    add(`tls ${h.fqdn}`, "tls.chain", h.fqdn, 6 + h.fqdn.split(".").length, (ctx) => checkTls(ctx, h.fqdn));
    add(`hsts ${h.fqdn}`, "headers.hsts", `https://${h.fqdn}`, 4, (ctx) => checkHostHsts(ctx, h));
    // A host that only redirects answers with the edge's own redirect, which transform rules do not touch.
    if (h.declaredHeaders && !h.sensitive && h.redirectsTo === h.fqdn) add(`headers ${h.fqdn}`, "headers.declared", `https://${h.fqdn}${target.smoke.homepage}`, 3, (ctx) => checkDeclaredHeaders(ctx, h));
  }

  // One request each: the declared redirect's own answer.
  for (const r of target.declaredRedirects ?? []) add(`redirect declared ${r.url}`, "redirect.declared", r.url, 2, (ctx) => checkDeclaredRedirect(ctx, r));

  const c = target.canonicalHost;
  const s = target.smoke;
  add(`headers https://${c}`, "headers.csp", `https://${c}`, 4, checkPageHeaders);
  const pages: Array<[CheckId, string]> = [["smoke.homepage", s.homepage], ["smoke.login", s.login], ["smoke.signup", s.signup], ["smoke.passwordReset", s.passwordReset]];
  for (const [id, path] of pages) add(`smoke ${path}`, id, `https://${c}${path}`, hopOps, (ctx) => checkPublicPage(ctx, id, path));
  if (target.version) add(`version ${target.version.path}`, "app.commit", `https://${c}${target.version.path}`, hopOps, checkDeployedCommit);
  add(`smoke ${s.protectedPage}`, "smoke.protected", `https://${c}${s.protectedPage}`, hopOps, checkProtectedPage);
  // Pages, then each same-site script and its source map: a DNS query and a request each.
  for (const h of target.hosts.filter((h) => !h.sensitive && h.redirectsTo === h.fqdn)) add(`client code ${h.fqdn}`, "client.secrets", `https://${h.fqdn}`, 2 * (4 + 2 * CRAWL_LIMITS.files), (ctx) => checkClientSecrets(ctx, h));
  for (const api of s.apiRoutes) add(`smoke api ${api.path}`, "smoke.api", `https://${c}${api.path}`, hopOps, (ctx) => checkPublicPage(ctx, "smoke.api", api.path, api.expectStatus));
  for (const route of perfPlan(target, options).routes) {
    // A rate-limited route's samples go one at a time, spaced by the rule's window.
    const timeout = route.limitedBy ? perfJobTimeout(route.samples * PERF_PARALLEL, t) + Math.ceil(route.samples / route.limitedBy.requestsPerPeriod) * (route.limitedBy.period + 1) * 1000 : perfJobTimeout(route.samples, t);
    add(`perf ${route.path}`, "perf.p95", `https://${c}${route.path}`, 0, (ctx) => checkPerformance(ctx, route), timeout + 2 * t);
  }
  return jobs;
}

/**
 * The requests other checks make on the canonical host and every host's sample paths, as URLs:
 * what a rate limit's budget must keep for them before performance samples take any.
 */
function checkRequests(target: VerifyTarget): URL[] {
  const c = target.canonicalHost;
  const s = target.smoke;
  const paths = [s.homepage, s.login, s.signup, s.passwordReset, s.protectedPage, ...s.apiRoutes.map((a) => a.path), s.homepage, s.login];
  const urls = [...paths.map((p) => new URL(p, `https://${c}`)), ...(target.declaredRedirects ?? []).map((r) => new URL(r.url))];
  for (const h of target.hosts) {
    for (const scheme of ["http", "https"]) urls.push(new URL(target.samplePath, `${scheme}://${h.fqdn}`), new URL("/", `${scheme}://${h.fqdn}`));
    if (h.declaredHeaders) urls.push(new URL(s.homepage, `https://${h.fqdn}`));
  }
  return urls;
}

/**
 * Which routes performance samples, how many times, and what the report says about the stack's
 * rate limits. A route a rule counts is left out unless the config names it in
 * `verify.performance.routes`; then its samples are capped to what the rule allows in one period
 * after the other checks' requests there.
 */
export function perfPlan(target: VerifyTarget, options: Pick<VerifyOptions, "samples">): { routes: PerfRoute[]; notes: (mostInWindow: (ref: string) => number) => string[] } {
  const wanted = options.samples ?? target.performance.samples;
  const rules = target.rateLimits ?? [];
  const counts = edgeCounts(target);
  const counting = (url: URL) => (counts(url.hostname) ? rulesCounting(rules, url) : []);
  const left = new Map(rules.map((r) => [r.ref, r.requestsPerPeriod]));
  const paths = new Map<string, Set<string>>();
  for (const url of checkRequests(target)) {
    for (const r of counting(url)) {
      left.set(r.ref, left.get(r.ref)! - 1);
      paths.set(r.ref, (paths.get(r.ref) ?? new Set()).add(url.pathname));
    }
  }
  const routes: PerfRoute[] = [];
  const skipped = new Map<string, string[]>();
  const capped: string[] = [];
  for (const path of target.performance.routes) {
    const limits = counting(new URL(path, `https://${target.canonicalHost}`));
    if (limits.length === 0) {
      routes.push({ path, samples: wanted, wanted });
      continue;
    }
    for (const r of limits) paths.set(r.ref, (paths.get(r.ref) ?? new Set()).add(new URL(path, "https://x").pathname));
    if (!target.performance.routesDeclared) {
      skipped.set(limits[0]!.ref, [...(skipped.get(limits[0]!.ref) ?? []), path]);
      continue;
    }
    const room = Math.min(...limits.map((r) => left.get(r.ref)!));
    const samples = Math.max(0, Math.min(wanted, room));
    for (const r of limits) left.set(r.ref, left.get(r.ref)! - samples);
    const tightest = limits.reduce((a, b) => (left.get(a.ref)! <= left.get(b.ref)! ? a : b));
    if (samples === 0) capped.push(`${path}: not sampled, ${describeRule(tightest)} has no requests left after the other checks`);
    else {
      routes.push({ path, samples, wanted, limitedBy: tightest });
      if (samples < wanted) capped.push(`${path}: ${samples} sample(s) instead of ${wanted}, capped by ${describeRule(tightest)}`);
    }
  }
  const notes = (mostInWindow: (ref: string) => number) => [
    ...rules.filter((r) => paths.has(r.ref)).map((r) => {
      const skip = skipped.get(r.ref);
      return `rate limit ${describeRule(r)} counts ${[...paths.get(r.ref)!].sort().join(", ")}: verify sends at most ${r.requestsPerPeriod} requests there within any ${r.period} s, spaced when more are due (this run: at most ${mostInWindow(r.ref)})${skip ? `; performance not sampled at ${skip.join(", ")} (name them in verify.performance.routes to sample them, capped to the rule's budget)` : ""}`;
    }),
    ...capped.map((c) => `performance ${c}`),
  ];
  return { routes, notes };
}

/**
 * The STARTTLS probe connects to the MX hosts' port 25, which most home, office and CI networks
 * block outbound (GitHub's hosted runners included): run by default it would only ever say "cannot
 * tell". It runs when `smtpPort` is given (`--smtp-port 25` from a network that allows SMTP), and
 * the report says so when it did not.
 */
export function starttlsNote(target: VerifyTarget, options: VerifyOptions): string[] {
  if (options.smtpPort !== undefined) return [];
  const names = [...new Set(target.records.filter((r) => r.type === "MX" && r.content !== undefined && r.content.trim() !== "." && r.content.trim() !== "").map((r) => r.name))].sort();
  return names.length ? [`STARTTLS on the MX hosts of ${names.join(", ")}: not probed; pass --smtp-port 25 from a network that allows outbound SMTP`] : [];
}
