/**
 * Cache rules (phase http_request_cache_settings). Cloudflare applies every matching cache rule,
 * later ones overriding earlier settings, so order alone cannot keep a private response out of the
 * cache: the bypass rule comes first AND the static-asset rule excludes everything the bypass rule
 * covers. Private means: a session cookie, an Authorization header, a private path (/api, /admin),
 * an auth or webhook route (and everything below it), or a sensitive host.
 *
 * The auth and webhook routes are never-cache whatever rate limiting does with them: they come from
 * each group's paths in config (its default paths when a group is switched off), not from the rate
 * limiting rules, which on a small plan leave some routes out (Free: webhooks, rateLimits.ts).
 */
import { and, fields, hostIs, inSet, not, or, render, startsWith, type BoolExpr } from "../../rules";
import { RATE_LIMIT_DEFAULTS, RATE_LIMIT_GROUPS, type EdgeConfig } from "../schema/edge";
import { sensitiveHosts } from "./access";
import { hasAnyCookie, hasAuthorizationHeader, pathMatches, underPath } from "./expressions";
import type { EdgeRule, EdgeSite } from "./types";

export const CACHE_BYPASS_REF = "cache-bypass-private";
export const CACHE_STATIC_REF = "cache-static-assets";

export function privateRequest(edge: Pick<EdgeConfig, "cache" | "rateLimits">, site: EdgeSite): BoolExpr {
  const parts: BoolExpr[] = [hasAnyCookie(edge.cache.sessionCookies), hasAuthorizationHeader()];
  for (const p of edge.cache.privatePaths) parts.push(underPath(p));
  const routes = privateRoutes(edge.rateLimits);
  if (routes.length > 0) parts.push(pathMatches(routes));
  // "/login/x.js" is as private as "/login": an exact route covers its subtree ("prefix*" already does).
  for (const route of routes) if (!route.endsWith("*")) parts.push(startsWith(fields.path, `${route.replace(/\/+$/, "")}/`));
  const sensitive = sensitiveHosts(site);
  if (sensitive.length > 0) parts.push(hostIs(...sensitive.map((h) => h.fqdn)));
  return or(...parts);
}

/**
 * The auth and webhook routes, as path patterns: each group's configured paths, or its default
 * paths when the group is `false` (the route still exists in the app; only its limit is off).
 */
export function privateRoutes(limits: EdgeConfig["rateLimits"]): string[] {
  const routes = RATE_LIMIT_GROUPS.flatMap((name) => {
    const group = limits[name];
    return group === false ? [...RATE_LIMIT_DEFAULTS[name].paths] : group.paths;
  });
  return [...new Set(routes)];
}

export function staticAsset(cache: EdgeConfig["cache"]): BoolExpr {
  const parts: BoolExpr[] = [inSet(fields.extension, cache.extensions)];
  for (const prefix of cache.pathPrefixes) parts.push(startsWith(fields.path, prefix));
  return or(...parts);
}

export function cacheRules(edge: Pick<EdgeConfig, "cache" | "rateLimits">, site: EdgeSite): EdgeRule[] {
  const bypass = privateRequest(edge, site);
  return [
    {
      ref: CACHE_BYPASS_REF,
      description: "never cache: session cookie, Authorization header, private paths, auth and webhook routes, sensitive hosts",
      expression: render(bypass, { expect: "Bool" }),
      action: "set_cache_settings",
      actionParameters: { cache: false },
      enabled: true,
    },
    {
      ref: CACHE_STATIC_REF,
      description: `static assets: cached at the edge for ${edge.cache.edgeTtl} s`,
      expression: render(and(staticAsset(edge.cache), not(bypass)), { expect: "Bool" }),
      action: "set_cache_settings",
      actionParameters: {
        cache: true,
        edgeTtl: { mode: "override_origin", default: edge.cache.edgeTtl },
        browserTtl: { mode: "respect_origin" },
      },
      enabled: true,
    },
  ];
}
