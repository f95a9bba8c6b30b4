/**
 * Rate limiting must cover the routes attackers hammer (credential stuffing on login, sign-up
 * spam, password-reset mail bombing) and, where the plan has a rule for it, the payment webhook,
 * whose limit must never fall below a payment provider's retry burst. Judged by evaluation, not by
 * reading: each route becomes a probe request on every host the zone serves through Cloudflare,
 * and the declared `http_ratelimit` expressions are run against it with the rules/ evaluator. A
 * request a redirect rule answers first never reaches rate limiting and needs no rule.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { AUTH_RATE_LIMIT_MAX_PER_SECOND, WEBHOOK_MIN_REQUESTS_PER_SECOND } from "../components/constants/cloudflare";
import { ruleLimit } from "../kernel/ruleBudget";
import { DEFAULT_AUTH_ROUTES, DEFAULT_WEBHOOK_PATHS } from "../kernel/edgeDefaults";
import type { HttpRequest } from "../rules/request";
import { PackPolicy, stackPolicy, type StackPolicyDefinition } from "./policy";
import { CloudflarePlanConfig, ZoneNameConfig, cloudflarePlanConfigSchema, configSchemaOf, zoneNameConfigSchema } from "./settings";
import { EdgeRule, ZoneEdge, phaseRules, redirectedAtEdge, routeHosts, routeRequest, ruleMatches, zoneEdges } from "./edgeRules";

/**
 * The auth routes of the stack's default edge config (components/schema/edge.ts
 * RATE_LIMIT_DEFAULTS), sent as POST: the methods that change state. Every plan must limit them.
 */
export const DEFAULT_RATE_LIMITED_ROUTES = DEFAULT_AUTH_ROUTES.map((path) => `POST ${path}`);
/**
 * The payment webhook route. Limited where the plan has a rate limiting rule to spare for it (Pro
 * and up); on Free the one rule protects the auth routes and the app verifies webhook signatures
 * (components/edge/rateLimits.ts says why). Wherever a rule counts it, the rule must allow a
 * payment provider's retry burst.
 */
export const DEFAULT_WEBHOOK_ROUTES = DEFAULT_WEBHOOK_PATHS.map((path) => `POST ${path}`);
/** Where probes come from (RFC 5737 TEST-NET-2): rate limits count per client address. */
const PROBE_CLIENT_IP = "198.51.100.23";
/** A rule with this action only records; it limits nothing. */
const NON_LIMITING_ACTIONS = new Set(["log"]);

export interface RateLimitConfig extends ZoneNameConfig, CloudflarePlanConfig {
  routes?: string[];
  webhookRoutes?: string[];
  declaredAuthRoutes?: string[];
}

const routesConfigSchema: PolicyConfigSchema = {
  properties: {
    routes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_RATE_LIMITED_ROUTES,
      description: 'Routes every zone must rate-limit: "METHOD /path" (checked on every proxied host), "/path" (POST) or "METHOD https://host/path".',
    },
    webhookRoutes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_WEBHOOK_ROUTES,
      description: `Payment webhook routes: rate-limited on plans with more than one rate limiting rule, and never below ${WEBHOOK_MIN_REQUESTS_PER_SECOND} requests/s per IP.`,
    },
    declaredAuthRoutes: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Auth routes the stack declares elsewhere (verify.smoke login, signup, passwordReset): `plan` fills them from the stack config; each must be rate-limited like `routes`.",
    },
  },
};

/** Every auth route a stack must limit: the configured ones and those it declares elsewhere (POST). */
function authRoutesOf(config: RateLimitConfig): string[] {
  return [...new Set([...(config.routes ?? DEFAULT_RATE_LIMITED_ROUTES), ...(config.declaredAuthRoutes ?? []).map((p) => (p.includes(" ") ? p : `POST ${p.split("?")[0]}`))])];
}

interface Probe {
  route: string;
  req: HttpRequest;
  url: string;
}

function probesOf(routes: readonly string[], edge: ZoneEdge): Probe[] {
  return routes.flatMap((route) =>
    routeHosts(route, edge).flatMap((host) => {
      const req = routeRequest(route, host, "POST", { clientIp: PROBE_CLIENT_IP });
      return redirectedAtEdge(edge, req) ? [] : [{ route, req, url: `${req.method} https://${req.host}${req.path}` }];
    }),
  );
}

const listed = (items: readonly string[]) => items.slice(0, 5).join(", ") + (items.length > 5 ? ` and ${items.length - 5} more` : "");

/** The requests one rule allows per second per IP, when its counting is known. */
function perSecond(rule: EdgeRule): number | undefined {
  const rl = rule.raw.ratelimit as Record<string, unknown> | undefined;
  const n = rl?.requestsPerPeriod;
  const period = rl?.period;
  return typeof n === "number" && typeof period === "number" && period > 0 ? n / period : undefined;
}

export const edgeRateLimitsCoverRoutes = stackPolicy<RateLimitConfig>({
  name: "edge-rate-limits-cover-routes",
  description:
    "Checks whether the zone's rate limiting rules (http_ratelimit) match every auth route, and the webhook routes where the plan has a rule for them without throttling a payment provider's retries, by evaluating probe requests against the declared expressions.",
  severity: "high",
  remediation:
    "Add the route's path to a rate limiting group (edge.rateLimits: login, signup, passwordReset, webhooks) and keep the group on; on Free the one rule lists the auth routes, by path only, and webhooks are left to signature checks in the app. A rule that counts a webhook route must allow its retry burst (edge.rateLimits.webhooks.requestsPerPeriod).",
  configSchema: configSchemaOf(routesConfigSchema, cloudflarePlanConfigSchema, zoneNameConfigSchema),
  check: (resources, report, { config }) => {
    const routes = authRoutesOf(config);
    const webhookRoutes = config.webhookRoutes ?? DEFAULT_WEBHOOK_ROUTES;
    const plan = config.cloudflarePlan ?? "free";
    // With one rule, it must go to the auth routes: webhooks then have no rule of their own to be in.
    const webhooksRequired = ruleLimit("http_ratelimit", plan) > 1;
    for (const edge of zoneEdges(resources, config.zoneName)) {
      if (edge.hosts.length === 0) continue;
      const { rules, unknownLists } = phaseRules(edge, "http_ratelimit");
      const limiting = rules.filter((r) => r.action === undefined || !NON_LIMITING_ACTIONS.has(r.action));
      const at = edge.rulesets.get("http_ratelimit")?.[0]?.urn;
      const uncovered: string[] = [];
      let unknown = unknownLists.length;
      const required = [...probesOf(routes, edge), ...(webhooksRequired ? probesOf(webhookRoutes, edge) : [])];
      for (const probe of required) {
        const verdicts = limiting.map((rule) => ruleMatches(rule, probe.req));
        if (verdicts.includes(true)) continue;
        if (verdicts.includes("unknown")) unknown++;
        uncovered.push(probe.url);
      }
      if (uncovered.length > 0) {
        report(
          `Zone ${edge.zone.label} must rate-limit ${listed(uncovered)}, but no enabled rate limiting rule matches ${uncovered.length === 1 ? "it" : "them"}` +
            `${unknown ? " (some rules are not known until deploy)" : ""}.`,
          at,
        );
      }
      // Webhooks counted too tightly: a payment provider's retries get blocked, and events are lost.
      const throttling = new Map<EdgeRule, string[]>();
      for (const probe of probesOf(webhookRoutes, edge)) {
        for (const rule of limiting) {
          const rate = perSecond(rule);
          if (rate === undefined || rate >= WEBHOOK_MIN_REQUESTS_PER_SECOND || ruleMatches(rule, probe.req) !== true) continue;
          throttling.set(rule, [...(throttling.get(rule) ?? []), probe.url]);
        }
      }
      for (const [rule, urls] of throttling) {
        report(
          `Rate limiting ${rule.label} must allow at least ${WEBHOOK_MIN_REQUESTS_PER_SECOND} requests/s per IP on the webhook route (a payment provider's retry burst), ` +
            `but it allows ${perSecond(rule)} and counts ${listed(urls)}.`,
          rule.ruleset.urn,
        );
      }
    }
  },
});

/**
 * A rate limit on the auth routes that allows more than AUTH_RATE_LIMIT_MAX_PER_SECOND per client
 * IP exists and stops nothing. For each auth route probe, the strictest limiting rule that matches
 * it decides; a route no rule matches is edge-rate-limits-cover-routes' finding.
 */
export const edgeRateLimitsStrictDef: StackPolicyDefinition<RateLimitConfig> = {
  name: "edge-rate-limits-strict",
  description: `Checks whether the rate limiting rules that count each auth route allow at most ${AUTH_RATE_LIMIT_MAX_PER_SECOND} request/s per client IP, by evaluating probe requests.`,
  severity: "high",
  remediation: `Keep edge.rateLimits.<login|signup|passwordReset>.requestsPerPeriod / period at most ${AUTH_RATE_LIMIT_MAX_PER_SECOND} per second (the default is 5 per 10 s).`,
  configSchema: configSchemaOf(routesConfigSchema, zoneNameConfigSchema),
  check: (resources, report, { config }) => {
    for (const edge of zoneEdges(resources, config.zoneName)) {
      if (edge.hosts.length === 0) continue;
      const limiting = phaseRules(edge, "http_ratelimit").rules.filter((r) => r.action === undefined || !NON_LIMITING_ACTIONS.has(r.action));
      const loose = new Map<EdgeRule, string[]>();
      for (const probe of probesOf(authRoutesOf(config), edge)) {
        const matching = limiting.filter((rule) => ruleMatches(rule, probe.req) === true);
        const rates = matching.map((rule) => ({ rule, rate: perSecond(rule) }));
        if (rates.length === 0 || rates.some((x) => x.rate === undefined || x.rate <= AUTH_RATE_LIMIT_MAX_PER_SECOND)) continue;
        const loosest = rates.reduce((a, b) => (b.rate! < a.rate! ? b : a));
        loose.set(loosest.rule, [...(loose.get(loosest.rule) ?? []), probe.url]);
      }
      for (const [rule, urls] of loose) {
        report(`Rate limiting ${rule.label} must allow at most ${AUTH_RATE_LIMIT_MAX_PER_SECOND} request/s per IP on auth routes, but allows ${perSecond(rule)} on ${listed(urls)}.`, rule.ruleset.urn);
      }
    }
  },
};

export const rateLimitGuardDefs = [edgeRateLimitsStrictDef];

export const rateLimitPolicies: PackPolicy[] = [edgeRateLimitsCoverRoutes, stackPolicy(edgeRateLimitsStrictDef)];
