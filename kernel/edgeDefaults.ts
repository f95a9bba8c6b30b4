/**
 * The default lists every tool judges the edge by: which cookies mark a signed-in member, which
 * paths are private, which routes are auth and webhook routes, what counts as a static asset.
 * The config schema's defaults (components/schema/edge.ts) and the policy pack's config defaults
 * (policies/cache.ts, policies/rateLimits.ts) both come from here, so a stack without a policy
 * config is judged by the lists its own edge was built from.
 */

/** Session cookies of common stacks (a plain `session`, its __Host- form, Auth.js/NextAuth). */
export const DEFAULT_SESSION_COOKIES: readonly string[] = ["session", "__Host-session", "__Secure-next-auth.session-token", "next-auth.session-token"];

/** Paths whose whole subtree is never cache-eligible. */
export const DEFAULT_PRIVATE_PATHS: readonly string[] = ["/api", "/admin"];

/** Auth routes by rate limit group (the edge's rate limits and the cache bypass use them). */
export const DEFAULT_AUTH_ROUTE_PATHS = {
  login: ["/login"],
  signup: ["/signup"],
  passwordReset: ["/password/reset", "/forgot-password"],
} as const;

/** Every default auth route, in group order. */
export const DEFAULT_AUTH_ROUTES: readonly string[] = Object.values(DEFAULT_AUTH_ROUTE_PATHS).flat();

/** The payment provider's webhook route. */
export const DEFAULT_WEBHOOK_PATHS: readonly string[] = ["/api/webhooks/stripe"];

/**
 * The static-asset rule: a request is a static asset when its file extension is one of these, or
 * its path is under one of these build-output folders (whose files are fingerprinted).
 */
export const DEFAULT_STATIC_EXTENSIONS: readonly string[] = ["js", "mjs", "css", "woff", "woff2", "ttf", "otf", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico"];
export const DEFAULT_STATIC_PATH_PREFIXES: readonly string[] = ["/assets/", "/_next/static/"];
