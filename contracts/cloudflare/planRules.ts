/**
 * Plan rules the SDK's types do not carry, checked against a planned Ruleset in the API's shape:
 * rule counts per phase, the actions a phase accepts, rate-limit periods, timeouts,
 * characteristics and expression fields per plan, regular expressions only on Business and
 * higher, the minimum Edge Cache TTL per plan. Every limit comes from
 * components/constants/cloudflare.ts, the project's one module of Cloudflare plan limits.
 */
import {
  ACTIONS_BY_PHASE,
  EDGE_PHASES,
  EDGE_TTL_MIN,
  PHASE_LABELS,
  RATE_LIMIT_CHARACTERISTICS,
  RATE_LIMIT_NO_TIMEOUT,
  RATE_LIMIT_PLAN,
  RATE_LIMIT_SUPPORTED_SECONDS,
  REGEX_PLANS,
  type EdgePhase,
} from "../../components/constants/cloudflare";
import { isEdgePhase, isOverBudget, phaseBudget } from "../../kernel/ruleBudget";
import { analyze, fieldSpec, parse, type ExpressionUsage } from "../../rules";
import type { ContractContext } from "../context";
import { formatPath, type Path } from "../paths";
import type { ContractFailure } from "../types";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `ruleset`: plain (secrets unwrapped, unknowns removed), in the API's names. */
export function rulesetPlanFailures(ruleset: Obj, context: ContractContext): ContractFailure[] {
  const plan = context.cloudflarePlan;
  const planName = `the ${plan} plan${context.cloudflarePlanAssumed ? " (assumed: the stack config names no cloudflarePlan)" : ""}`;
  const failures: ContractFailure[] = [];
  const fail = (path: Path, message: string) => failures.push({ field: formatPath(path), message });
  const phase = ruleset.phase;
  const rules = Array.isArray(ruleset.rules) ? ruleset.rules : [];

  if (isEdgePhase(phase)) {
    const { limit } = phaseBudget(phase, rules.length, plan);
    if (isOverBudget({ used: rules.length, limit })) fail(["rules"], `${rules.length} ${PHASE_LABELS[phase]}; ${planName} allows ${limit} in ${phase}`);
  }

  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = (...rest: Path): Path => ["rules", i, ...rest];
    const action = rule.action;
    if (isEdgePhase(phase) && typeof action === "string" && !ACTIONS_BY_PHASE[phase].includes(action)) {
      fail(at("action"), `"${action}" is not an action of ${phase} (${PHASE_LABELS[phase]}); it takes ${ACTIONS_BY_PHASE[phase].join(", ")}`);
    }
    const usages = expressionUsages(rule, at, fail, phase === "http_ratelimit");
    if (!REGEX_PLANS.includes(plan)) {
      for (const { path, usesRegex } of usages) {
        if (usesRegex) fail(path, `uses a regular expression (matches / regex_replace), which needs ${REGEX_PLANS.join(" or ")}; ${planName} has none`);
      }
    }
    if (phase === "http_ratelimit") rateLimitFailures(rule, usages, at, fail, context, planName);
    else if (isObj(rule.ratelimit)) fail(at("ratelimit"), `only rules of the http_ratelimit phase count requests; this ruleset's phase is ${String(phase)}`);
    if (action === "set_cache_settings") edgeTtlFailures(rule, at, fail, context, planName);
  });
  return failures;
}

interface Usage {
  path: Path;
  /** The parsed expression's fields and operators; absent when our parser cannot read it. */
  usage?: ExpressionUsage;
  /** True when the expression needs regular-expression support (`matches`, `~`, regex_replace). */
  usesRegex: boolean;
}

/** Where a rule carries expressions: its filter, the counting expression, and the value expressions of its action. */
function expressionSources(rule: Obj, at: (...p: Path) => Path): { path: Path; text: unknown; filter: boolean }[] {
  const sources: { path: Path; text: unknown; filter: boolean }[] = [{ path: at("expression"), text: rule.expression, filter: true }];
  if (isObj(rule.ratelimit)) sources.push({ path: at("ratelimit", "counting_expression"), text: rule.ratelimit.counting_expression, filter: true });
  const params = rule.action_parameters;
  if (isObj(params)) {
    // Redirect targets and URL / header rewrites are value expressions, where regex_replace lives.
    if (isObj(params.from_value) && isObj(params.from_value.target_url)) {
      sources.push({ path: at("action_parameters", "from_value", "target_url", "expression"), text: params.from_value.target_url.expression, filter: false });
    }
    if (isObj(params.uri)) {
      for (const part of ["path", "query"] as const) {
        const value = params.uri[part];
        if (isObj(value)) sources.push({ path: at("action_parameters", "uri", part, "expression"), text: value.expression, filter: false });
      }
    }
    if (isObj(params.headers)) {
      for (const [header, value] of Object.entries(params.headers)) {
        if (isObj(value)) sources.push({ path: at("action_parameters", "headers", header, "expression"), text: value.expression, filter: false });
      }
    }
  }
  return sources;
}

/**
 * Reads the rule's expressions. A filter expression our parser cannot read fails only where plan
 * fit depends on its fields (rate limiting: its fields are limited per plan); elsewhere the API
 * judges its grammar. Either way an unreadable expression (and every value expression, which the
 * parser does not take) is still searched as text for regular expressions, so a `matches` next to
 * a field our parser lacks is not waved through on Free or Pro.
 */
function expressionUsages(rule: Obj, at: (...p: Path) => Path, fail: (p: Path, m: string) => void, mustParse: boolean): Usage[] {
  const out: Usage[] = [];
  for (const { path, text, filter } of expressionSources(rule, at)) {
    if (typeof text !== "string" || text.trim() === "") continue;
    if (filter) {
      try {
        const usage = analyze(parse(text));
        out.push({ path, usage, usesRegex: usage.usesRegex });
        continue;
      } catch (error) {
        if (mustParse) fail(path, `cannot be checked against the plan's rate-limiting field limits: ${(error as Error).message}`);
      }
    }
    out.push({ path, usesRegex: usesRegexByText(text) });
  }
  return out;
}

/**
 * A text search for regular-expression use: the `matches` operator (or its `~` form) or a
 * regex_replace( call outside string literals (quoted strings and raw r"..." / r#"..."# strings,
 * whose contents are data, not syntax).
 */
export function usesRegexByText(expression: string): boolean {
  const code = expression.replace(/r(#*)"[\s\S]*?"\1/g, " ").replace(/"(?:[^"\\]|\\[\s\S])*"/g, " ");
  return /(^|[^\w.])matches(?![\w.])|~|(^|[^\w.])regex_replace\s*\(/.test(code);
}

function rateLimitFailures(rule: Obj, usages: Usage[], at: (...p: Path) => Path, fail: (p: Path, m: string) => void, context: ContractContext, planName: string): void {
  const plan = context.cloudflarePlan;
  const limits = RATE_LIMIT_PLAN[plan];
  const rl = rule.ratelimit;
  if (!isObj(rl)) {
    if (!("ratelimit" in rule)) fail(at("ratelimit"), "is required: a rule of the http_ratelimit phase must say what it counts (characteristics, period, requests_per_period)");
    return;
  }
  const supported = RATE_LIMIT_SUPPORTED_SECONDS as readonly number[];
  if (typeof rl.period === "number") {
    if (!supported.includes(rl.period)) fail(at("ratelimit", "period"), `must be one of ${supported.join(", ")} seconds; got ${rl.period}`);
    else if (rl.period > limits.maxPeriod) fail(at("ratelimit", "period"), `${planName} counts over at most ${limits.maxPeriod} s; got ${rl.period}`);
  }
  if (typeof rl.mitigation_timeout === "number" && rl.mitigation_timeout !== RATE_LIMIT_NO_TIMEOUT) {
    if (!supported.includes(rl.mitigation_timeout)) fail(at("ratelimit", "mitigation_timeout"), `must be 0 (challenge actions) or one of ${supported.join(", ")} seconds; got ${rl.mitigation_timeout}`);
    else if (rl.mitigation_timeout > limits.maxTimeout) fail(at("ratelimit", "mitigation_timeout"), `${planName} blocks for at most ${limits.maxTimeout} s; got ${rl.mitigation_timeout}`);
  }
  if (typeof rl.requests_per_period === "number" && (!Number.isInteger(rl.requests_per_period) || rl.requests_per_period < 1)) {
    fail(at("ratelimit", "requests_per_period"), `must be a whole number of at least 1; got ${rl.requests_per_period}`);
  }
  if (plan !== "enterprise" && Array.isArray(rl.characteristics)) {
    const chars = rl.characteristics.filter((c): c is string => typeof c === "string");
    const missing = RATE_LIMIT_CHARACTERISTICS.filter((c) => !chars.includes(c));
    const extra = chars.filter((c) => !(RATE_LIMIT_CHARACTERISTICS as readonly string[]).includes(c));
    if (missing.length > 0 || extra.length > 0) {
      fail(at("ratelimit", "characteristics"), `below Enterprise must be exactly ${RATE_LIMIT_CHARACTERISTICS.join(" and ")}${missing.length ? `; missing ${missing.join(", ")}` : ""}${extra.length ? `; ${planName} cannot count by ${extra.join(", ")}` : ""}`);
    }
  }
  for (const { path, usage } of usages) {
    if (!usage) continue;
    const outside = usage.fields.filter((f) => {
      const group = fieldSpec(f)?.group;
      return group === undefined || !limits.fieldGroups.includes(group);
    });
    if (outside.length > 0) {
      fail(path, `uses ${outside.join(", ")}; rate limiting on ${planName} may only use ${limits.fieldGroups.join(", ")} fields`);
    }
  }
}

function edgeTtlFailures(rule: Obj, at: (...p: Path) => Path, fail: (p: Path, m: string) => void, context: ContractContext, planName: string): void {
  const params = rule.action_parameters;
  if (!isObj(params) || !isObj(params.edge_ttl)) return;
  const ttl = params.edge_ttl;
  const min = EDGE_TTL_MIN[context.cloudflarePlan];
  if (ttl.mode === "override_origin" && typeof ttl.default === "number" && ttl.default < min) {
    fail(at("action_parameters", "edge_ttl", "default"), `${planName} caches at the edge for at least ${min} s; got ${ttl.default}`);
  }
}
