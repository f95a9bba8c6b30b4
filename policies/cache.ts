/**
 * Cache rules must never make a private response cache-eligible: a signed-in member's page, an
 * API answer, an admin page or an auth route served from cache leaks it to the next visitor.
 * Judged by evaluation: probe requests (with a session cookie or an Authorization header, under
 * the private paths, on and under the auth routes, and on sensitive hosts) run through the declared
 * `http_request_cache_settings` rules with Cloudflare's semantics: every matching rule applies in
 * order and for a conflicting setting the last matching rule wins (Cloudflare docs, "Cache Rules:
 * Order and priority", checked 2026-11-28), so a bypass rule only protects a request if no later
 * rule makes it eligible again.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_AUTH_ROUTES, DEFAULT_PRIVATE_PATHS, DEFAULT_SESSION_COOKIES } from "../kernel/edgeDefaults";
import { createRequest, type HttpRequest } from "../rules/request";
import { PackPolicy, stackPolicy } from "./policy";
import { SensitiveHostsConfig, ZoneNameConfig, configSchemaOf, isSensitiveHost, sensitiveHostsConfigSchema, sensitiveHostsOf, zoneNameConfigSchema } from "./settings";
import { DEFAULT_STATIC_EXTENSIONS, DEFAULT_STATIC_PATH_PREFIXES, isPageExtension, isStaticAssetPath, pageExtensionMessage } from "../kernel/staticAssets";
import { parseCached } from "../rules/parser";
import { EdgeRule, phaseRules, redirectedAtEdge, ruleMatches, zoneEdges } from "./edgeRules";

/** The stack's default lists (kernel/edgeDefaults.ts, which the config schema's defaults come from too). */
export { DEFAULT_AUTH_ROUTES, DEFAULT_PRIVATE_PATHS, DEFAULT_SESSION_COOKIES };
/** Public-looking paths an authenticated probe asks for: pages (member pages among them) and the static files cache rules like to catch. */
const AUTHENTICATED_PROBE_PATHS = ["/", "/members", "/members/", "/members/profile", "/members/index.html", "/feed.json", "/account", "/dashboard", "/pricing", "/assets/app.js", "/_next/static/chunks/main.js", "/logo.png"];
/** Below each private path: the path itself, its index, a JSON answer and static-looking files. */
const PRIVATE_SUFFIXES = ["", "/", "/members.json", "/app.js", "/assets/logo.png"];

export interface CacheConfig extends ZoneNameConfig, SensitiveHostsConfig {
  sessionCookies?: string[];
  appSessionCookies?: string[];
  privatePaths?: string[];
  authRoutes?: string[];
  staticExtensions?: string[];
  staticPathPrefixes?: string[];
}

const cacheConfigSchema: PolicyConfigSchema = {
  properties: {
    sessionCookies: { type: "array", items: { type: "string" }, default: DEFAULT_SESSION_COOKIES, description: "Cookie names that mark a signed-in request." },
    privatePaths: { type: "array", items: { type: "string" }, default: DEFAULT_PRIVATE_PATHS, description: "Paths whose whole subtree must never be cache-eligible." },
    authRoutes: { type: "array", items: { type: "string" }, default: DEFAULT_AUTH_ROUTES, description: "Sign-in, sign-up and reset routes that, with everything below them, must never be cache-eligible." },
    appSessionCookies: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "The app's own session cookies (verify.sessionCookies; `plan` fills them from the stack config): signed-in like sessionCookies.",
    },
    staticExtensions: { type: "array", items: { type: "string" }, default: [...DEFAULT_STATIC_EXTENSIONS], description: "File extensions that are static assets (edge.cache.extensions): the same for everyone, so they may be cached for signed-in requests." },
    staticPathPrefixes: { type: "array", items: { type: "string" }, default: [...DEFAULT_STATIC_PATH_PREFIXES], description: "Fingerprinted build-output prefixes (edge.cache.pathPrefixes): static assets as well." },
  },
};

interface Probe {
  what: string;
  req: HttpRequest;
  /** A signed-in request for a static asset (by the stack's definition): may be served from cache. */
  staticForMember?: boolean;
}

/** Paths a cache rule names ("/members/"), and a page below each: a rule about a path is probed on it. */
function pathsNamedBy(rules: readonly EdgeRule[]): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.kind === "string" && typeof n.value === "string" && n.value.startsWith("/") && !/\s/.test(n.value)) {
      out.add(n.value);
      out.add(`${n.value.replace(/\/+$/, "")}/page`);
    }
    Object.values(n).forEach(walk);
  };
  for (const rule of rules) if (rule.expression !== undefined) walk(parseCached(rule.expression));
  return [...out];
}

/** Is the path private by the stack's lists (under a private path or an auth route)? */
function isPrivatePath(path: string, config: CacheConfig): boolean {
  const under = (base: string) => {
    const root = base.replace(/\/+$/, "");
    return path === root || path.startsWith(`${root}/`);
  };
  return (config.privatePaths ?? DEFAULT_PRIVATE_PATHS).some(under) || (config.authRoutes ?? DEFAULT_AUTH_ROUTES).some(under);
}

function probesFor(host: string, config: CacheConfig, sensitive: boolean, namedPaths: readonly string[]): Probe[] {
  const url = (path: string) => `https://${host}${path}`;
  const probes: Probe[] = [];
  const staticDef = { extensions: config.staticExtensions ?? DEFAULT_STATIC_EXTENSIONS, pathPrefixes: config.staticPathPrefixes ?? DEFAULT_STATIC_PATH_PREFIXES };
  const cookies = [...new Set([...(config.sessionCookies ?? DEFAULT_SESSION_COOKIES), ...(config.appSessionCookies ?? [])])];
  for (const path of [...new Set([...AUTHENTICATED_PROBE_PATHS, ...namedPaths])]) {
    // The static-asset rule: the same file for everyone, unless it sits under a private path or on a sensitive host.
    const staticForMember = !sensitive && isStaticAssetPath(path, staticDef) && !isPrivatePath(path, config);
    for (const cookie of cookies) {
      probes.push({ what: `signed-in (cookie ${cookie})`, req: createRequest({ url: url(path), cookies: { [cookie]: "probe" } }), staticForMember });
    }
    probes.push({ what: "signed-in (Authorization header)", req: createRequest({ url: url(path), headers: { authorization: "Bearer probe" } }), staticForMember });
    if (sensitive) probes.push({ what: "on a sensitive host", req: createRequest({ url: url(path) }) });
  }
  for (const base of config.privatePaths ?? DEFAULT_PRIVATE_PATHS) {
    const root = base.replace(/\/+$/, "");
    for (const suffix of PRIVATE_SUFFIXES) probes.push({ what: `under private path ${base}`, req: createRequest({ url: url(`${root}${suffix}` || "/") }) });
  }
  for (const route of config.authRoutes ?? DEFAULT_AUTH_ROUTES) {
    probes.push({ what: "an auth route", req: createRequest({ url: url(route) }) });
    probes.push({ what: "an auth route", req: createRequest({ url: url(`${route}?next=%2Fmembers`) }) });
    // Below the route too: "/login/app.js" looks static, and an extension rule would cache it.
    probes.push({ what: "under an auth route", req: createRequest({ url: url(`${route.replace(/\/+$/, "")}/app.js`) }) });
  }
  return probes;
}

/** The cache verdict of the rules for a request: the last matching rule that sets `cache` decides. */
function cacheVerdict(rules: readonly EdgeRule[], req: HttpRequest): { eligibleBy?: EdgeRule; unknownEligible?: EdgeRule } {
  let eligibleBy: EdgeRule | undefined;
  let unknownEligible: EdgeRule | undefined;
  for (const rule of rules) {
    const cache = rule.actionParameters.cache;
    if (cache !== true && cache !== false) continue;
    const m = ruleMatches(rule, req);
    if (m === "unknown" && cache === true) unknownEligible = rule;
    if (m !== true) continue;
    eligibleBy = cache ? rule : undefined;
    if (!cache) unknownEligible = undefined;
  }
  return { eligibleBy, unknownEligible };
}

export const edgeCacheNeverPrivate = stackPolicy<CacheConfig>({
  name: "edge-cache-never-private",
  description:
    "Checks whether the cache rules (http_request_cache_settings) leave signed-in requests, private paths (/api, /admin), auth routes and sensitive hosts out of the cache, by evaluating probe requests.",
  severity: "critical",
  remediation:
    "Keep a bypass rule (cache: false) for session cookies, the Authorization header, the private paths, the auth routes and everything below them, and sensitive hosts, and exclude the same requests from every later rule that sets cache: true (the last matching rule wins).",
  configSchema: configSchemaOf(cacheConfigSchema, sensitiveHostsConfigSchema, zoneNameConfigSchema),
  check: (resources, report, { config }) => {
    const sensitive = sensitiveHostsOf(config);
    // The stack's static-asset definition (edge.cache.extensions) may not call a page static: the
    // probes would then let a cache rule serve member pages from cache (kernel/staticAssets.ts).
    for (const extension of (config.staticExtensions ?? []).filter(isPageExtension)) {
      report(`edge.cache.extensions (this policy's staticExtensions): ${pageExtensionMessage(extension)}.`);
    }
    for (const edge of zoneEdges(resources, config.zoneName)) {
      const { rules } = phaseRules(edge, "http_request_cache_settings");
      if (!rules.some((r) => r.actionParameters.cache === true)) continue;
      const namedPaths = pathsNamedBy(rules);
      // Per culprit rule: each kind of private request once, with the first probe URL it leaked.
      const leaks = new Map<EdgeRule, Map<string, string>>();
      for (const host of edge.hosts) {
        const isSensitive = isSensitiveHost(host, sensitive);
        for (const probe of probesFor(host, config, isSensitive, namedPaths)) {
          if (probe.staticForMember || redirectedAtEdge(edge, probe.req)) continue;
          const { eligibleBy, unknownEligible } = cacheVerdict(rules, probe.req);
          const culprit = eligibleBy ?? unknownEligible;
          if (!culprit) continue;
          const kinds = leaks.get(culprit) ?? new Map<string, string>();
          leaks.set(culprit, kinds);
          const what = `${probe.what}${eligibleBy ? "" : " (its expression is not known until deploy)"}`;
          if (!kinds.has(what)) kinds.set(what, `${probe.req.host}${probe.req.path}${probe.req.query ? `?${probe.req.query}` : ""}`);
        }
      }
      for (const [rule, kinds] of leaks) {
        const shown = [...kinds].map(([what, url]) => `${what} (${url})`).join("; ");
        report(`Cache ${rule.label} must not make private requests cache-eligible, but it does for: ${shown}.`, rule.ruleset.urn);
      }
    }
  },
});

export const cachePolicies: PackPolicy[] = [edgeCacheNeverPrivate];
