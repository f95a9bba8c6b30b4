/**
 * Cache rules (phase http_request_cache_settings). Cloudflare applies every matching cache rule,
 * later ones overriding earlier settings, so order alone cannot keep a private response out of the
 * cache: the bypass rule comes first AND the static-asset rule excludes everything the bypass rule
 * covers. Private means: a session cookie, an Authorization header, a private path (/api, /admin),
 * an auth or webhook route, or a sensitive host.
 */
import { and, fields, hostIs, inSet, not, or, render, startsWith, type BoolExpr } from "../../rules";
import type { EdgeConfig } from "../schema/edge";
import { sensitiveHosts } from "./access";
import { hasAnyCookie, hasAuthorizationHeader, pathMatches, underPath } from "./expressions";
import { enabledGroups } from "./rateLimits";
import type { EdgeRule, EdgeSite } from "./types";

export const CACHE_BYPASS_REF = "cache-bypass-private";
export const CACHE_STATIC_REF = "cache-static-assets";

export function privateRequest(edge: Pick<EdgeConfig, "cache" | "rateLimits">, site: EdgeSite): BoolExpr {
  const parts: BoolExpr[] = [hasAnyCookie(edge.cache.sessionCookies), hasAuthorizationHeader()];
  for (const p of edge.cache.privatePaths) parts.push(underPath(p));
  const routes = enabledGroups(edge.rateLimits).flatMap(([, g]) => g.paths);
  if (routes.length > 0) parts.push(pathMatches(routes));
  const sensitive = sensitiveHosts(site);
  if (sensitive.length > 0) parts.push(hostIs(...sensitive.map((h) => h.fqdn)));
  return or(...parts);
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
