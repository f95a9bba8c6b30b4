/**
 * Builds every edge rule and Access application from the `edge` section: the one function both
 * the config check and the Edge component call, so what is checked is what is deployed.
 */
import { analyze, parse } from "../../rules";
import { EDGE_PHASES, EDGE_TTL_MIN, PHASE_LABELS, RATE_LIMIT_PLAN, REGEX_PLANS, type EdgePhase } from "../constants/cloudflare";
import { isOverBudget, phaseBudget } from "../../kernel/ruleBudget";
import type { EdgeConfig } from "../schema/edge";
import { accessApps, ipAllowListRules, uncoveredSensitiveHosts } from "./access";
import { cacheRules } from "./cache";
import { headerRules } from "./headers";
import { rateLimitRules } from "./rateLimits";
import { redirectRules } from "./redirects";
import type { EdgeBuild, EdgeProblem, EdgeRule, EdgeRules, EdgeSite } from "./types";

export function buildEdge(edge: EdgeConfig, site: EdgeSite): EdgeBuild {
  const problems: EdgeProblem[] = [];
  const redirects = redirectRules(edge.redirects, site);
  const rateLimits = rateLimitRules(edge.rateLimits, site.plan);
  const access = accessApps(edge, site);
  const headers = headerRules(edge.headers, site);
  problems.push(...redirects.problems, ...rateLimits.problems, ...access.problems, ...headers.problems, ...uncoveredSensitiveHosts(edge, site));
  if (edge.cache.edgeTtl < EDGE_TTL_MIN[site.plan]) {
    problems.push({ level: "error", path: ["cache", "edgeTtl"], message: `${edge.cache.edgeTtl} s is below the ${site.plan} plan's minimum Edge Cache TTL; at least ${EDGE_TTL_MIN[site.plan]} is expected` });
  }
  const rules: EdgeRules = {
    http_request_dynamic_redirect: redirects.rules,
    http_request_firewall_custom: ipAllowListRules(edge, site),
    http_ratelimit: rateLimits.rules,
    http_request_cache_settings: cacheRules(edge, site),
    http_response_headers_transform: headers.rules,
  };
  problems.push(...planFitProblems(rules, site.plan));
  return { rules, accessApps: access.apps, problems };
}

const PHASE_CONFIG_PATH: Record<EdgePhase, string> = {
  http_request_dynamic_redirect: "redirects",
  http_request_firewall_custom: "ipAllowList",
  http_ratelimit: "rateLimits",
  http_request_cache_settings: "cache",
  http_response_headers_transform: "headers",
};

/**
 * What the plan cannot hold, read from the rendered rule text (so hand-written rules would be
 * judged alike): rules per phase, regular expressions below Business, rate-limiting fields.
 * The rate-limit count itself is reported by rateLimitRules, with the groups it could not merge.
 */
export function planFitProblems(rules: EdgeRules, plan: EdgeSite["plan"]): EdgeProblem[] {
  const problems: EdgeProblem[] = [];
  for (const phase of EDGE_PHASES) {
    const list: EdgeRule[] = rules[phase];
    const { limit, ...budget } = phaseBudget(phase, list.length, plan);
    const path = [PHASE_CONFIG_PATH[phase]];
    if (isOverBudget({ ...budget, limit }) && phase !== "http_ratelimit") {
      problems.push({ level: "error", path, message: `needs ${list.length} ${PHASE_LABELS[phase]} (phase ${phase}) and the ${plan} plan allows ${limit}` });
    }
    for (const rule of list) {
      const usage = analyze(parse(rule.expression));
      if (usage.usesRegex && !REGEX_PLANS.includes(plan)) {
        problems.push({ level: "error", path, message: `rule ${rule.ref} uses a regular expression, which the ${plan} plan does not support (Business and up)` });
      }
      if (phase === "http_ratelimit") {
        const allowed = RATE_LIMIT_PLAN[plan].fieldGroups;
        const outside = usage.fieldGroups.filter((g) => !allowed.includes(g));
        if (outside.length > 0) {
          problems.push({ level: "error", path, message: `rule ${rule.ref} matches on ${outside.join(", ")}, which rate limiting on the ${plan} plan cannot (it sees ${allowed.join(", ")})` });
        }
      }
    }
  }
  return problems;
}
