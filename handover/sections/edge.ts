/** Redirects, rate limits, cache rules, response headers, custom WAF rules and Access, from the Rulesets. */
import { accessApps, redirects } from "../../plan/read/edge";
import { PHASES, rulesOfPhase, type RuleView } from "../../plan/read/resources";
import { asArray, asRecord, knownNumber } from "../../plan/read/values";
import { displayValue } from "../../plan/read/mask";
import { code, section, table, text } from "../markdown";
import type { HandoverContext } from "./context";

const when = (r: RuleView) => (r.expression === undefined ? "known after deploy" : code(r.expression));
const state = (r: RuleView) => (r.enabled ? "on" : "off");

function cacheAction(r: RuleView): string {
  const p = r.actionParameters;
  if (p.cache === false) return "bypass cache";
  const parts = [p.cache === true ? "cache" : "settings"];
  const edge = asRecord(p.edgeTtl);
  if (edge) parts.push(`edge TTL ${edge.mode}${edge.default !== undefined ? ` ${edge.default} s` : ""}`);
  const browser = asRecord(p.browserTtl);
  if (browser) parts.push(`browser TTL ${browser.mode}${browser.default !== undefined ? ` ${browser.default} s` : ""}`);
  return parts.join(", ");
}

function headerActions(r: RuleView): string {
  const headers = asRecord(r.actionParameters.headers) ?? {};
  return Object.entries(headers)
    .map(([name, h]) => {
      const op = asRecord(h) ?? {};
      return op.operation === "remove" ? `remove ${name}` : `${op.operation ?? "set"} ${name}: ${displayValue(op.value ?? op.expression, [name])}`;
    })
    .join("; ");
}

/** Where the config's own rate-limit warnings sit in the plan's diagnostics (components/edge/rateLimits.ts). */
export const RATE_LIMIT_WARNING_PREFIX = "launch-ready:edge.rateLimits";

/**
 * The config's warnings about rate limits (on Free, the webhook route left to the app's signature
 * checks; a group raised to its bucket's limit): said once, where the rules are listed.
 */
export function rateLimitWarnings(ctx: HandoverContext): string[] {
  return asArray(ctx.plan.diagnostics)
    .map(asRecord)
    .filter((d) => d?.severity === "warning" && typeof d.message === "string" && d.message.startsWith(RATE_LIMIT_WARNING_PREFIX))
    .map((d) => String(d!.message));
}

export function edgeSection(ctx: HandoverContext): string[] {
  const plan = ctx.plan;
  const redirectRows = redirects(plan).map((r) => [
    code(r.key),
    r.sourceHosts.join(", ") || "–",
    r.expression === undefined ? "known after deploy" : code(r.expression),
    r.statusCode,
    r.target?.value ?? (r.target?.expression ? code(r.target.expression) : "–"),
    r.preserveQueryString === undefined ? "–" : r.preserveQueryString ? "kept" : "dropped",
    r.enabled ? "on" : "off",
  ]);
  const rateRows = rulesOfPhase(plan, PHASES.rateLimit).map((r) => [
    code(r.key),
    when(r),
    knownNumber(r.ratelimit?.requestsPerPeriod) !== undefined ? `${r.ratelimit?.requestsPerPeriod} per ${r.ratelimit?.period} s` : "–",
    r.ratelimit?.mitigationTimeout !== undefined ? `${r.ratelimit.mitigationTimeout} s` : "–",
    r.action,
    Array.isArray(r.ratelimit?.characteristics) ? (r.ratelimit!.characteristics as string[]).join(", ") : "–",
    state(r),
  ]);
  const warnings = rateLimitWarnings(ctx);
  const webhookNote = warnings.length ? ["", ...warnings.map((w) => `Note: ${text(w)}`)] : [];
  const cacheRows = rulesOfPhase(plan, PHASES.cache).map((r) => [code(r.key), when(r), cacheAction(r), state(r)]);
  const headerRows = rulesOfPhase(plan, PHASES.headers).map((r) => [code(r.key), when(r), headerActions(r), state(r)]);
  const wafRows = rulesOfPhase(plan, PHASES.waf).map((r) => [code(r.key), when(r), r.action, state(r)]);
  const accessRows = accessApps(plan).map((a) => [a.domain, a.name, a.type, a.sessionDuration]);
  return [
    ...section("Redirects", redirectRows.length ? ["Single redirects, in order; the first match wins.", "", ...table(["Rule", "Hosts", "When", "Status", "Target", "Query", "State"], redirectRows)] : [], "The plan declares no redirect rule."),
    ...section("Rate limits", rateRows.length ? [...table(["Rule", "When", "Limit", "Block for", "Action", "Counted by", "State"], rateRows), ...webhookNote] : [], "The plan declares no rate limit rule."),
    ...section("Cache rules", cacheRows.length ? ["Rules run in order; a later match overrides an earlier one's settings.", "", ...table(["Rule", "When", "Action", "State"], cacheRows)] : [], "The plan declares no cache rule: Cloudflare's default caching applies (static file extensions only)."),
    ...section("Response headers", headerRows.length ? table(["Rule", "When", "Headers", "State"], headerRows) : [], "The plan declares no response header rule."),
    ...section("Custom WAF rules and admin access", [
      ...(wafRows.length ? [...table(["Rule", "When", "Action", "State"], wafRows), ""] : []),
      ...(accessRows.length ? ["Cloudflare Access applications (they only work on proxied hosts):", "", ...table(["Domain", "Application", "Type", "Session"], accessRows)] : []),
    ], "The plan declares no custom WAF rule and no Access application."),
  ];
}
