/**
 * Removed or weakened rate limits (phase http_ratelimit): a rule removed or disabled, its action
 * turned to "log", its limit raised (more requests per second, or a shorter block), and, by
 * behaviour, routes a base rule limited that no head rule limits any more (probes.ts).
 */
import type { HttpRequest } from "../../rules";
import { knownNumber } from "../../plan/read/values";
import { PHASES, rulesOfPhase, type RuleView } from "../../plan/read/resources";
import type { Risk } from "../types";
import type { RiskContext, RiskRule } from "./context";
import { describeRequest, filterMatches, probeRequests, webHosts } from "../../plan/read/probes";

/** Actions that only count; a rule with them limits nothing. */
const NON_ENFORCING = new Set(["log"]);

const enforcing = (r: RuleView) => r.enabled && !NON_ENFORCING.has(r.action ?? "");

function describeLimit(r: RuleView): string | undefined {
  const n = knownNumber(r.ratelimit?.requestsPerPeriod);
  const period = knownNumber(r.ratelimit?.period);
  return n !== undefined && period !== undefined ? `${n} requests per ${period} s` : undefined;
}

/** Requests allowed per second before the rule acts; undefined when not known. */
function rate(r: RuleView): number | undefined {
  const n = knownNumber(r.ratelimit?.requestsPerPeriod);
  const period = knownNumber(r.ratelimit?.period);
  return n !== undefined && period !== undefined && period > 0 ? n / period : undefined;
}

/** Probes the rule matches; notes (once) a rule whose expression cannot be evaluated. */
function matched(rule: RuleView, probes: HttpRequest[], ctx: RiskContext, side: string): HttpRequest[] | undefined {
  const out: HttpRequest[] = [];
  for (const p of probes) {
    const m = filterMatches(rule.expression, p);
    if (m === undefined) {
      ctx.note(`Rate limit rule ${rule.key} (${side}) could not be evaluated (expression ${rule.expression === undefined ? "unknown" : JSON.stringify(rule.expression)}): compare it by hand.`);
      return undefined;
    }
    if (m) out.push(p);
  }
  return out;
}

export const rateLimitRisks: RiskRule = (ctx) => {
  const baseRules = rulesOfPhase(ctx.base, PHASES.rateLimit);
  const headRules = rulesOfPhase(ctx.head, PHASES.rateLimit);
  if (baseRules.length === 0) return [];
  const risks: Risk[] = [];
  const add = (rule: RuleView, urn: string, message: string) => risks.push({ kind: "rate-limit-removed", subject: rule.key, urn, message });

  const probes = probeRequests({ expressions: [...baseRules, ...headRules].map((r) => r.expression), hosts: [...new Set([...webHosts(ctx.base), ...webHosts(ctx.head)])] });
  const headEnforcing = headRules.filter(enforcing);
  const headMatches = headEnforcing.map((r) => matched(r, probes, ctx, "head"));
  const headEvaluable = headMatches.every((m) => m !== undefined);
  const stillLimited = (p: HttpRequest) => headMatches.some((m) => m?.includes(p));

  for (const b of baseRules.filter(enforcing)) {
    const h = headRules.find((r) => r.key === b.key);
    const baseMatched = matched(b, probes, ctx, "base");
    const lost = baseMatched && headEvaluable ? baseMatched.filter((p) => !stillLimited(p)) : [];
    const examples = lost.slice(0, 3).map(describeRequest).join(", ") + (lost.length > 3 ? `, and ${lost.length - 3} more` : "");
    const urn = h?.rulesetUrn ?? b.rulesetUrn;

    if (!h || !enforcing(h)) {
      const what = !h ? "is removed" : !h.enabled ? "is disabled" : `only logs now (action ${h.action})`;
      if (lost.length > 0 || !baseMatched || !headEvaluable) {
        add(b, urn, `Rate limit rule ${b.key} (${describeLimit(b) ?? "limit unknown"}) ${what}${lost.length ? `: ${examples} are no longer rate limited` : ""}.`);
      } else {
        ctx.note(`Rate limit rule ${b.key} ${what}; every probed route it limited is still limited by another rule.`);
      }
      continue;
    }
    const r0 = rate(b);
    const r1 = rate(h);
    if (r0 !== undefined && r1 !== undefined && r1 > r0) add(b, urn, `Rate limit rule ${b.key} is raised from ${describeLimit(b)} to ${describeLimit(h)}.`);
    const t0 = knownNumber(b.ratelimit?.mitigationTimeout);
    const t1 = knownNumber(h.ratelimit?.mitigationTimeout);
    if (t0 !== undefined && t1 !== undefined && t1 < t0) add(b, urn, `Rate limit rule ${b.key} blocks for ${t1} s instead of ${t0} s.`);
    if (lost.length > 0) add(b, urn, `Rate limit rule ${b.key} no longer covers some routes: ${examples} are no longer rate limited.`);
  }
  return risks;
};
