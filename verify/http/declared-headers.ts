/**
 * The response headers a plan declares for a host: the edge's transform rules (phase
 * `http_response_headers_transform`) run in order against a GET of the page verify fetches, as
 * Cloudflare runs them; a later `set` wins, `remove` drops the header. Rule text is evaluated by
 * the project's own Rules engine, so what verify expects is what the edge will do.
 */
import { createRequest, matchesRequest } from "../../rules";
import { reveal, type Plan } from "../../plan/types";
import { TYPES } from "../../plan/model/tokens";

export const RULESET_TYPE = TYPES.ruleset;
export const HEADERS_PHASE = "http_response_headers_transform";

interface HeaderOp {
  operation?: unknown;
  value?: unknown;
}

interface PlannedRule {
  expression?: unknown;
  enabled?: unknown;
  actionParameters?: { headers?: Record<string, HeaderOp> };
}

/**
 * Header name (lower case) -> the declared value, or null when a rule removes it. Undefined when
 * no rule of the plan applies to `host`. A rule whose text cannot be evaluated throws: the caller
 * reports it rather than verifying against a guess.
 */
export function declaredHeadersFor(plan: Plan, host: string, path = "/"): Record<string, string | null> | undefined {
  const rulesets = plan.resources.filter((r) => r.type === RULESET_TYPE && reveal(r.inputs.phase) === HEADERS_PHASE);
  if (rulesets.length === 0) return undefined;
  const req = createRequest({ url: `https://${host}${path}` });
  const out: Record<string, string | null> = {};
  let matched = false;
  for (const rs of rulesets) {
    for (const rule of (reveal(rs.inputs.rules) as PlannedRule[] | undefined) ?? []) {
      if (rule.enabled === false || typeof rule.expression !== "string") continue;
      if (!matchesRequest(rule.expression, req)) continue;
      matched = true;
      for (const [name, op] of Object.entries(rule.actionParameters?.headers ?? {})) {
        const key = name.toLowerCase();
        if (op.operation === "remove") out[key] = null;
        else if (typeof op.value === "string") out[key] = op.value; // "set" and "add" both make the value present
      }
    }
  }
  return matched ? out : undefined;
}
