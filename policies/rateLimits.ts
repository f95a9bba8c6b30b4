/**
 * Rate limiting must cover the routes attackers hammer (credential stuffing on login, sign-up
 * spam, password-reset mail bombing) and the payment webhook. Judged by evaluation, not by
 * reading: each route becomes a probe request on every host the zone serves through Cloudflare,
 * and the declared `http_ratelimit` expressions are run against it with the rules/ evaluator. A
 * request a redirect rule answers first never reaches rate limiting and needs no rule.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { PackPolicy, stackPolicy } from "./policy";
import { ZoneNameConfig, configSchemaOf, zoneNameConfigSchema } from "./settings";
import { phaseRules, redirectedAtEdge, routeHosts, routeRequest, ruleMatches, zoneEdges } from "./edgeRules";

/**
 * The auth and webhook routes of the stack's default edge config (components/schema/edge.ts
 * RATE_LIMIT_DEFAULTS), sent as POST: the methods that change state.
 */
export const DEFAULT_RATE_LIMITED_ROUTES = ["POST /login", "POST /signup", "POST /password/reset", "POST /forgot-password", "POST /api/webhooks/stripe"];
/** Where probes come from (RFC 5737 TEST-NET-2): rate limits count per client address. */
const PROBE_CLIENT_IP = "198.51.100.23";
/** A rule with this action only records; it limits nothing. */
const NON_LIMITING_ACTIONS = new Set(["log"]);

export interface RateLimitConfig extends ZoneNameConfig {
  routes?: string[];
}

const routesConfigSchema: PolicyConfigSchema = {
  properties: {
    routes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_RATE_LIMITED_ROUTES,
      description: 'Routes every zone must rate-limit: "METHOD /path" (checked on every proxied host), "/path" (POST) or "METHOD https://host/path".',
    },
  },
};

export const edgeRateLimitsCoverRoutes = stackPolicy<RateLimitConfig>({
  name: "edge-rate-limits-cover-routes",
  description: "Checks whether the zone's rate limiting rules (http_ratelimit) match every auth and webhook route, by evaluating probe requests against the declared expressions.",
  severity: "high",
  remediation:
    "Add the route's path to a rate limiting group (edge.rateLimits: login, signup, passwordReset, webhooks) and keep that group enabled; on Free the one rule must list every route, by path only.",
  configSchema: configSchemaOf(routesConfigSchema, zoneNameConfigSchema),
  check: (resources, report, { config }) => {
    const routes = config.routes ?? DEFAULT_RATE_LIMITED_ROUTES;
    for (const edge of zoneEdges(resources, config.zoneName)) {
      if (edge.hosts.length === 0) continue;
      const { rules, unknownLists } = phaseRules(edge, "http_ratelimit");
      const limiting = rules.filter((r) => r.action === undefined || !NON_LIMITING_ACTIONS.has(r.action));
      const uncovered: string[] = [];
      let unknown = unknownLists.length;
      for (const route of routes) {
        for (const host of routeHosts(route, edge)) {
          const req = routeRequest(route, host, "POST", { clientIp: PROBE_CLIENT_IP });
          if (redirectedAtEdge(edge, req)) continue;
          const verdicts = limiting.map((rule) => ruleMatches(rule, req));
          if (verdicts.includes(true)) continue;
          if (verdicts.includes("unknown")) unknown++;
          uncovered.push(`${req.method} https://${req.host}${req.path}`);
        }
      }
      if (uncovered.length === 0) continue;
      const at = edge.rulesets.get("http_ratelimit")?.[0]?.urn;
      const shown = uncovered.slice(0, 5).join(", ") + (uncovered.length > 5 ? ` and ${uncovered.length - 5} more` : "");
      report(
        `Zone ${edge.zone.label} must rate-limit ${shown}, but no enabled rate limiting rule matches ${uncovered.length === 1 ? "it" : "them"}` +
          `${unknown ? " (some rules are not known until deploy)" : ""}.`,
        at,
      );
    }
  },
});

export const rateLimitPolicies: PackPolicy[] = [edgeRateLimitsCoverRoutes];
