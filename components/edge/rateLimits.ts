/**
 * Rate limiting rules (phase http_ratelimit) for the sensitive routes, fitted to the plan.
 *
 * Each group (login, signup, passwordReset, webhooks) wants a rule of its own. When the plan allows
 * fewer rules, the auth groups that count alike (same period and mitigation timeout) share one, at
 * the highest of their limits (reported as a warning). Auth routes and webhooks never share a rule:
 * a shared rule would have to allow the webhook floor (a payment provider's retry burst, 100
 * requests/s per IP), which is no brute-force protection for a login. So when the plan still has no
 * room (Free: one rule), the rule goes to the auth routes at their own limit and the webhook route
 * is left to the app, which must verify each webhook's signature anyway; that is a warning, since
 * the webhook floor meant the edge limit stopped little but a flood from one address.
 *
 * A group set to `false` is an error: every stack must rate-limit these routes (the mandatory
 * policy edge-rate-limits-cover-routes checks the rendered rules), and limiting a route the app
 * does not serve costs nothing, so the fix for an app with other routes is `paths`, not `false`.
 * What still does not fit, or asks for what the plan cannot do (a period, a timeout, method
 * matching), is an error naming the plan.
 */
import { and, render, type BoolExpr } from "../../rules";
import { RATE_LIMIT_CHARACTERISTICS, RATE_LIMIT_PLAN, RATE_LIMIT_SUPPORTED_SECONDS, WEBHOOK_MIN_REQUESTS_PER_SECOND } from "../constants/cloudflare";
import { ruleLimit, smallestPlanAllowingMoreThan } from "../../kernel/ruleBudget";
import type { CloudflarePlan } from "../schema/context";
import { RATE_LIMIT_DEFAULTS, RATE_LIMIT_GROUPS, type EdgeConfig, type RateLimitGroupConfig, type RateLimitGroupName } from "../schema/edge";
import { methodIn, or, pathMatches } from "./expressions";
import { kebab } from "./refs";
import type { EdgeProblem, EdgeRule } from "./types";

/** The methods a group counts where the plan can match methods: state changes only. */
export const DEFAULT_RATE_LIMIT_METHODS = ["POST"] as const;

export interface RateLimitBucket {
  groups: RateLimitGroupName[];
  period: number;
  mitigationTimeout: number;
  requestsPerPeriod: number;
}

const isAuth = (g: RateLimitGroupName) => g !== "webhooks";
/** Plans from the smallest rule budget up, to name the one that would have room. */

/** The enabled groups, in a fixed order (so refs and rule order are stable). */
export function enabledGroups(limits: EdgeConfig["rateLimits"]): Array<[RateLimitGroupName, RateLimitGroupConfig]> {
  return RATE_LIMIT_GROUPS.flatMap((name) => {
    const group = limits[name];
    return group === false ? [] : [[name, group] as [RateLimitGroupName, RateLimitGroupConfig]];
  });
}

/** Per-group checks against the plan: period, timeout, method matching, the webhook floor. */
function checkGroup(name: RateLimitGroupName, group: RateLimitGroupConfig, plan: CloudflarePlan, problems: EdgeProblem[]): void {
  const shape = RATE_LIMIT_PLAN[plan];
  const at = (key: string) => ["rateLimits", name, key];
  const supported = RATE_LIMIT_SUPPORTED_SECONDS as readonly number[];
  if (!supported.includes(group.period) || group.period > shape.maxPeriod) {
    const allowed = supported.filter((s) => s <= shape.maxPeriod);
    problems.push({ level: "error", path: at("period"), message: `${group.period} s is not a counting period the ${plan} plan offers; one of ${allowed.join(", ")} is expected` });
  }
  if (!supported.includes(group.mitigationTimeout) || group.mitigationTimeout > shape.maxTimeout) {
    const allowed = supported.filter((s) => s <= shape.maxTimeout);
    problems.push({ level: "error", path: at("mitigationTimeout"), message: `${group.mitigationTimeout} s is not a mitigation timeout the ${plan} plan offers; one of ${allowed.join(", ")} is expected` });
  }
  if (group.methods && !shape.fieldGroups.includes("method")) {
    problems.push({
      level: "error",
      path: at("methods"),
      message: `cannot be matched on the ${plan} plan: its rate limiting rules see the request path only (method matching needs Business); remove methods`,
    });
  }
  if (name === "webhooks") {
    const floor = WEBHOOK_MIN_REQUESTS_PER_SECOND * group.period;
    if (group.requestsPerPeriod < floor) {
      problems.push({
        level: "error",
        path: at("requestsPerPeriod"),
        message: `${group.requestsPerPeriod} per ${group.period} s is below what a payment provider's retry burst sends (${WEBHOOK_MIN_REQUESTS_PER_SECOND} requests/s per IP); at least ${floor} is expected`,
      });
    }
  }
}

export interface RateLimitPacking {
  buckets: RateLimitBucket[];
  /** Groups the plan had no rule left for (only ever webhooks: the auth routes come first). */
  leftOut: RateLimitGroupName[];
}

/**
 * Groups into buckets that fit `limit` rules: auth groups that count alike merge first; if that
 * is not enough, webhooks are left out rather than merged with (and loosening) the auth routes.
 */
export function packRateLimits(groups: Array<[RateLimitGroupName, RateLimitGroupConfig]>, limit: number): RateLimitPacking {
  let buckets: RateLimitBucket[] = groups.map(([name, g]) => ({ groups: [name], period: g.period, mitigationTimeout: g.mitigationTimeout, requestsPerPeriod: g.requestsPerPeriod }));
  const leftOut: RateLimitGroupName[] = [];
  if (buckets.length > limit) {
    const out: RateLimitBucket[] = [];
    for (const b of buckets) {
      const auth = b.groups.every(isAuth);
      const home = auth ? out.find((o) => o.groups.every(isAuth) && o.period === b.period && o.mitigationTimeout === b.mitigationTimeout) : undefined;
      if (home) {
        home.groups.push(...b.groups);
        home.requestsPerPeriod = Math.max(home.requestsPerPeriod, b.requestsPerPeriod);
      } else {
        out.push({ ...b, groups: [...b.groups] });
      }
    }
    buckets = out;
  }
  if (buckets.length > limit) {
    leftOut.push(...buckets.filter((b) => !b.groups.every(isAuth)).flatMap((b) => b.groups));
    buckets = buckets.filter((b) => b.groups.every(isAuth));
  }
  return { buckets, leftOut };
}

/** Why each group must stay on: what an attacker does to the route without a limit. */
const WHY_LIMITED: Record<RateLimitGroupName, string> = {
  login: "password guessing and credential stuffing",
  signup: "scripted sign-up spam",
  passwordReset: "reset-mail bombing of members' inboxes",
  webhooks: "a flood of forged webhook calls",
};

export function rateLimitRules(limits: EdgeConfig["rateLimits"], plan: CloudflarePlan): { rules: EdgeRule[]; buckets: RateLimitBucket[]; problems: EdgeProblem[] } {
  const problems: EdgeProblem[] = [];
  for (const name of RATE_LIMIT_GROUPS) {
    if (limits[name] !== false) continue;
    problems.push({
      level: "error",
      path: ["rateLimits", name],
      message:
        `false turns off rate limiting of ${RATE_LIMIT_DEFAULTS[name].paths.join(", ")}, which leaves them open to ${WHY_LIMITED[name]} ` +
        `and fails the mandatory policy edge-rate-limits-cover-routes; a rate limit {paths, requestsPerPeriod, period, mitigationTimeout} is expected ` +
        `(set paths to the routes your app serves; limiting a route it does not serve costs nothing)`,
    });
  }
  const groups = enabledGroups(limits);
  for (const [name, group] of groups) checkGroup(name, group, plan, problems);
  const limit = ruleLimit("http_ratelimit", plan);
  const { buckets, leftOut } = packRateLimits(groups, limit);
  if (buckets.length > limit) {
    problems.push({
      level: "error",
      path: ["rateLimits"],
      message: `needs ${buckets.length} rate limiting rules for the auth routes alone (${buckets.map((b) => b.groups.join("+")).join(", ")}: groups with different periods or timeouts cannot share a rule), and the ${plan} plan allows ${limit}; give them the same period and mitigationTimeout`,
    });
  }
  const byName = new Map(groups);
  for (const name of leftOut) {
    const auth = buckets.flatMap((b) => b.groups);
    if (limit > 1) {
      // Only the Free plan's single rule may leave webhooks to the app (and the mandatory
      // edge-rate-limits-cover-routes agrees): with more rules, the auth routes took them all.
      problems.push({
        level: "error",
        path: ["rateLimits", name],
        message:
          `${byName.get(name)!.paths.join(", ")} gets no rate limiting rule: the ${plan} plan's ${limit} rules all go to the auth routes (${buckets.map((b) => b.groups.join("+")).join(", ")}), ` +
          `because groups with different periods or timeouts cannot share a rule; give login, signup and passwordReset the same period and mitigationTimeout so the webhooks keep a rule of their own`,
      });
      continue;
    }
    const roomier = smallestPlanAllowingMoreThan("http_ratelimit", buckets.length);
    problems.push({
      level: "warning",
      path: ["rateLimits", name],
      message:
        `${byName.get(name)!.paths.join(", ")} is not rate limited at the edge: the ${plan} plan allows ${limit} rate limiting ${limit === 1 ? "rule" : "rules"}, which ${limit === 1 ? "goes" : "go"} to ${auth.join(", ")} at their own limit ` +
        `(sharing with webhooks would raise it to the webhook floor, no protection against password guessing). The app must verify every webhook's signature ` +
        `(Stripe-Signature) before doing any work${roomier ? `; on the ${roomier} plan (${ruleLimit("http_ratelimit", roomier)} rate limiting rules) the edge limits webhooks too` : ""}`,
    });
  }
  const canMatchMethod = RATE_LIMIT_PLAN[plan].fieldGroups.includes("method");
  const rules = buckets.map((bucket): EdgeRule => {
    const loosened = bucket.groups.filter((g) => byName.get(g)!.requestsPerPeriod < bucket.requestsPerPeriod);
    if (loosened.length > 0) {
      problems.push({
        level: "warning",
        path: ["rateLimits"],
        message: `on the ${plan} plan ${loosened.join(", ")} share one rule with ${bucket.groups.filter((g) => !loosened.includes(g)).join(", ")}, so they are limited at ${bucket.requestsPerPeriod} per ${bucket.period} s instead of their own limit; a plan with more rate limiting rules keeps them apart`,
      });
    }
    const perGroup: BoolExpr[] = bucket.groups.map((name) => {
      const group = byName.get(name)!;
      const paths = pathMatches(group.paths);
      return canMatchMethod ? and(methodIn(group.methods ?? DEFAULT_RATE_LIMIT_METHODS), paths) : paths;
    });
    return {
      ref: `ratelimit-${bucket.groups.map(kebab).join("-")}`,
      description: `${bucket.groups.join(", ")}: ${bucket.requestsPerPeriod} requests per ${bucket.period} s per IP, then blocked for ${bucket.mitigationTimeout} s`,
      expression: render(or(...perGroup), { expect: "Bool" }),
      action: "block",
      ratelimit: {
        characteristics: [...RATE_LIMIT_CHARACTERISTICS],
        period: bucket.period,
        requestsPerPeriod: bucket.requestsPerPeriod,
        mitigationTimeout: bucket.mitigationTimeout,
      },
      enabled: true,
    };
  });
  return { rules, buckets, problems };
}
