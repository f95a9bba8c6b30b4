/**
 * Config-time twins of the policies that judge whether a guard works, not only whether it exists
 * (issue 18): the loader refuses, with the key path, what a mandatory policy would refuse, so a
 * user learns it from a config error at `plan` time (exit 2), not from a violation. Every
 * threshold and list comes from the same constants the policies read (components/constants,
 * components/addressSpace.ts, components/edge/staticAssets.ts); test/components/guards.test.ts
 * keeps config and pack in agreement.
 */
import type { ReportIssue } from "./schema/context";
import type { ParsedStackConfig } from "./schema/stack";
import {
  ACCESS_SESSION_MAX_SECONDS,
  AUTH_RATE_LIMIT_MAX_PER_SECOND,
  CLOUDFLARE_EDGE_CAA_IDENTIFIERS,
  IP_ALLOW_LIST_MAX_ADDRESSES,
  SENSITIVE_HOST_LABELS,
} from "./constants/cloudflare";
import { isPublicMailDomain, SPF_MAX_RANGE_ADDRESSES } from "./constants/email";
import { addressCoverage, describeCoverage, exceedsCoverage } from "./addressSpace";
import { broadSpfRanges } from "../kernel/spfRanges";
import { goDurationSeconds } from "./schema/validators";
import { resolveHostName } from "./schema/core";
import { RATE_LIMIT_DEFAULTS } from "./schema/edge";

type ParsedConfig = ParsedStackConfig;

/** Auth routes the stack declares outside the rate limits: verify's login, sign-up and password-reset routes. */
export function declaredAuthRoutes(config: Pick<ParsedConfig, "verify">): string[] {
  const routes = config.verify?.routes;
  return routes ? [routes.login, routes.signup, routes.passwordReset].map((p) => p.split("?")[0]!) : [];
}

/** Does a rate limit path pattern ("/login", "/auth/*") count this path? */
const patternCounts = (pattern: string, path: string) => (pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : pattern === path);

const AUTH_GROUPS = ["login", "signup", "passwordReset"] as const;

export function checkGuards(config: ParsedConfig, isProduction: boolean, issue: ReportIssue): void {
  checkHosts(config, isProduction, issue);
  if (isProduction && config.tls.sslMode === "full") {
    issue(["tls", "sslMode"], "\"full\" never validates the origin certificate, so anyone on the path to the origin can impersonate it; \"strict\" is expected in production");
  }
  checkCaa(config, issue);
  checkEdgeGuards(config, issue);
  checkSpfRanges(config, issue);
}

/** Sensitive-by-name hosts stay sensitive in production; an unproxied host must not share a proxied sensitive host's origin. */
function checkHosts(config: ParsedConfig, isProduction: boolean, issue: ReportIssue): void {
  const origins = new Map<string, string>();
  const label = (name: string) => {
    const r = resolveHostName(name, config.domain);
    return typeof r === "string" ? undefined : r;
  };
  const originKeys = (origin: ParsedConfig["hosts"][number]["origin"]): string[] =>
    !origin ? [] : "cname" in origin ? [origin.cname.toLowerCase().replace(/\.$/, "")] : origin.addresses.map((a: string) => a.toLowerCase());
  config.hosts.forEach((host, i) => {
    const r = label(host.name);
    if (!r) return;
    const byName = SENSITIVE_HOST_LABELS.includes(r.label.split(".")[0]!);
    if (isProduction && byName && host.sensitive === false) {
      issue(["hosts", i, "sensitive"], `false turns off Access and the WAF gate for ${r.fqdn}, an administration host by its name; leave sensitive out (true) in production`);
    }
    if ((host.sensitive ?? byName) && host.proxied) for (const k of originKeys(host.origin)) origins.set(k, r.fqdn);
  });
  config.hosts.forEach((host, i) => {
    if (host.proxied) return;
    const shared = originKeys(host.origin).find((k) => origins.has(k));
    if (shared) issue(["hosts", i, "origin"], `${JSON.stringify(shared)} is also the origin of the sensitive host ${origins.get(shared)}: unproxied, it lets anyone reach that host around Cloudflare; proxy this host or give the sensitive host an origin of its own`);
  });
}

function checkCaa(config: ParsedConfig, issue: ReportIssue): void {
  if (!config.hosts.some((h) => h.proxied)) return;
  const allows = (ids: readonly string[]) => ids.some((id) => (CLOUDFLARE_EDGE_CAA_IDENTIFIERS as readonly string[]).includes(id.toLowerCase()));
  const expected = `at least one of ${CLOUDFLARE_EDGE_CAA_IDENTIFIERS.join(", ")} (the CAs Cloudflare issues edge certificates from) is expected, or the next renewal fails`;
  if (!allows(config.caa.issuers)) issue(["caa", "issuers"], `${JSON.stringify(config.caa.issuers)} allows none of Cloudflare's CAs; ${expected}`);
  if (config.caa.wildcardIssuers && !allows(config.caa.wildcardIssuers)) {
    issue(["caa", "wildcardIssuers"], `${JSON.stringify(config.caa.wildcardIssuers)} allows none of Cloudflare's CAs; ${expected}`);
  }
}

function checkEdgeGuards(config: ParsedConfig, issue: ReportIssue): void {
  const edge = config.edge;
  if (edge) {
    for (const name of AUTH_GROUPS) {
      const group = edge.rateLimits[name];
      if (group === false) continue;
      const rate = group.requestsPerPeriod / group.period;
      if (rate > AUTH_RATE_LIMIT_MAX_PER_SECOND) {
        issue(
          ["edge", "rateLimits", name, "requestsPerPeriod"],
          `${group.requestsPerPeriod} per ${group.period} s (${rate}/s per IP) stops no password guessing; at most ${AUTH_RATE_LIMIT_MAX_PER_SECOND * group.period} per ${group.period} s is expected`,
        );
      }
    }
    if (edge.ipAllowList) {
      const coverage = addressCoverage(edge.ipAllowList);
      if (exceedsCoverage(coverage, IP_ALLOW_LIST_MAX_ADDRESSES)) {
        issue(["edge", "ipAllowList"], `covers ${describeCoverage(coverage)}; at most ${describeCoverage(IP_ALLOW_LIST_MAX_ADDRESSES)} in total (your office, VPN or bastion ranges) is expected`);
      }
    }
    const access = edge.access;
    if (access?.allowedEmailDomain && isPublicMailDomain(access.allowedEmailDomain)) {
      issue(["edge", "access", "allowedEmailDomain"], `${JSON.stringify(access.allowedEmailDomain)} is a public mail domain anyone can get an address at; your organisation's own domain, or allowedEmails, is expected`);
    }
    const seconds = access ? goDurationSeconds(access.sessionDuration) : undefined;
    if (access && seconds !== undefined && seconds > ACCESS_SESSION_MAX_SECONDS) {
      issue(["edge", "access", "sessionDuration"], `${JSON.stringify(access.sessionDuration)} is longer than ${ACCESS_SESSION_MAX_SECONDS / 3600}h; an admin session of at most a week is expected`);
    }
  }
  // The routes verify knows as login, sign-up and reset must be the ones the rate limits count.
  const groups = edge?.rateLimits;
  const patterns = AUTH_GROUPS.flatMap((name) => {
    const g = groups?.[name];
    return g === undefined ? [...RATE_LIMIT_DEFAULTS[name].paths] : g === false ? [] : g.paths;
  });
  if (config.verify?.routes) {
    for (const key of ["login", "signup", "passwordReset"] as const) {
      const path = config.verify.routes[key].split("?")[0]!;
      if (!patterns.some((p) => patternCounts(p, path))) {
        issue(["verify", "routes", key], `${JSON.stringify(path)} is an auth route no rate limit counts; add it to edge.rateLimits.${key}.paths`);
      }
    }
  }
  const bypass = edge?.cache.sessionCookies;
  (config.verify?.sessionCookies ?? []).forEach((cookie, i) => {
    if (bypass && !bypass.includes(cookie)) {
      issue(["verify", "sessionCookies", i], `${JSON.stringify(cookie)} is the app's session cookie but not one of edge.cache.sessionCookies, so a signed-in page could be cached; add it there`);
    }
  });
}

function checkSpfRanges(config: ParsedConfig, issue: ReportIssue): void {
  if (config.email?.mode !== "send") return;
  config.email.senders.forEach((sender, i) => {
    if (sender.provider !== "custom") return;
    const broad = broadSpfRanges(`v=spf1 ${sender.spf.join(" ")}`);
    if (broad) {
      issue(["email", "senders", i, "spf"], `authorises ${describeCoverage(broad.coverage)}: anyone could send as the domain; the sending servers' own ranges (at most ${describeCoverage(SPF_MAX_RANGE_ADDRESSES)}) are expected`);
    }
  });
}
