/**
 * Cache rules widening (phase http_request_cache_settings): a bypass rule removed, disabled or
 * turned into a cache rule, and, by behaviour, any probed GET request the head would cache at
 * the edge that the base did not (a bypass narrowed, or a cache rule matching more). For a
 * membership site the danger is one member's page served to another.
 *
 * Verdict per request: rules run in order and a later matching rule overrides an earlier one's
 * `cache` setting (Cloudflare cache rules, "order and priority", checked 2026-11).
 */
import type { HttpRequest } from "../../rules";
import { PHASES, rulesOfPhase, type RuleView } from "../../plan/read/resources";
import type { Risk } from "../types";
import type { RiskContext, RiskRule } from "./context";
import { describeRequest, filterMatches, MEMBER_PATHS, probeRequests, webHosts } from "../../plan/read/probes";

export type CacheVerdict = { verdict: "cache" | "bypass" | "default"; rule?: string } | undefined;

const cacheFlag = (r: RuleView): boolean | undefined => (typeof r.actionParameters.cache === "boolean" ? r.actionParameters.cache : undefined);

/** What the rules decide for a request; undefined when some rule cannot be evaluated. */
export function cacheVerdict(rules: RuleView[], req: HttpRequest): CacheVerdict {
  let result: CacheVerdict = { verdict: "default" };
  for (const r of rules) {
    if (!r.enabled) continue;
    const flag = cacheFlag(r);
    if (flag === undefined) continue;
    const m = filterMatches(r.expression, req);
    if (m === undefined) return undefined;
    if (m) result = { verdict: flag ? "cache" : "bypass", rule: r.key };
  }
  return result;
}

function noteUnevaluable(rules: RuleView[], side: string, ctx: RiskContext, probe: HttpRequest): void {
  for (const r of rules) {
    if (r.enabled && cacheFlag(r) !== undefined && filterMatches(r.expression, probe) === undefined) {
      ctx.note(`Cache rule ${r.key} (${side}) could not be evaluated (expression ${r.expression === undefined ? "unknown" : JSON.stringify(r.expression)}): compare it by hand.`);
    }
  }
}

export const cacheRisks: RiskRule = (ctx) => {
  const baseRules = rulesOfPhase(ctx.base, PHASES.cache);
  const headRules = rulesOfPhase(ctx.head, PHASES.cache);
  const risks: Risk[] = [];

  for (const b of baseRules) {
    if (!b.enabled || cacheFlag(b) !== false) continue;
    const h = headRules.find((r) => r.key === b.key);
    const what = !h ? "is removed" : !h.enabled ? "is disabled" : cacheFlag(h) === true ? "now caches instead of bypassing" : cacheFlag(h) === undefined ? "no longer sets bypass" : undefined;
    if (what) risks.push({ kind: "cache-widened", subject: b.key, urn: h?.rulesetUrn ?? b.rulesetUrn, message: `Cache bypass rule ${b.key} ${what}.` });
  }

  if (headRules.length === 0) return risks;
  const probes = probeRequests({
    expressions: [...baseRules, ...headRules].map((r) => r.expression),
    hosts: [...new Set([...webHosts(ctx.base), ...webHosts(ctx.head)])],
    extraPaths: MEMBER_PATHS,
    methods: ["GET"],
  });
  // Widened requests grouped by the head rule that now caches them.
  const widened = new Map<string, { was: Set<string>; requests: string[]; urn: string }>();
  for (const p of probes) {
    const before = cacheVerdict(baseRules, p);
    const after = cacheVerdict(headRules, p);
    if (!before || !after) {
      if (!before) noteUnevaluable(baseRules, "base", ctx, p);
      if (!after) noteUnevaluable(headRules, "head", ctx, p);
      break;
    }
    if (after.verdict !== "cache" || before.verdict === "cache") continue;
    const key = after.rule!;
    const entry = widened.get(key) ?? { was: new Set<string>(), requests: [], urn: headRules.find((r) => r.key === key)!.rulesetUrn };
    entry.was.add(before.verdict === "bypass" ? `bypassed by ${before.rule}` : "not cached by any rule");
    entry.requests.push(describeRequest(p));
    widened.set(key, entry);
  }
  for (const [rule, w] of widened) {
    const examples = w.requests.slice(0, 3).join(", ") + (w.requests.length > 3 ? `, and ${w.requests.length - 3} more` : "");
    risks.push({
      kind: "cache-widened",
      subject: rule,
      urn: w.urn,
      message: `Cache rule ${rule} now caches ${examples} at the edge (before: ${[...w.was].join("; ")}).`,
    });
  }
  return risks;
};
