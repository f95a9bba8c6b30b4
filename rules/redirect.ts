/**
 * Computes where a Single Redirect rule (phase `http_request_dynamic_redirect`) sends a request,
 * from the action parameters as Pulumi holds them (`actionParameters.fromValue`), so the
 * simulator can answer "where does http://www.example.com/pricing?ref=x redirect to?".
 *
 * Semantics (Single Redirects settings page, checked 2026-11-28): the target is a static `value`
 * or an `expression` evaluated against the request; the status code is 301, 302, 307 or 308
 * (default 301); `preserveQueryString` (default false) carries the request's query string over.
 * Assumption, for Cloudflare does not document it for Single Redirects: when the query is
 * preserved and the request has one, it replaces any query in the target (Bulk Redirects forbid a
 * target query together with preserved query strings); a warning says so.
 */
import type { Expr } from "./ast";
import { RulesInputError, RulesSyntaxError } from "./errors";
import { evaluate, evaluateString } from "./evaluate";
import { parseCached } from "./parser";
import type { HttpRequest } from "./request";
import { fullUri } from "./request";

/** Status codes a redirect rule may use. */
export const REDIRECT_STATUS_CODES = [301, 302, 307, 308] as const;
export type RedirectStatusCode = (typeof REDIRECT_STATUS_CODES)[number];

/** `actionParameters.fromValue` of a Pulumi cloudflare.Ruleset redirect rule (camelCase), or the
 *  API's snake_case form. */
export interface RedirectFromValue {
  readonly statusCode?: number;
  readonly status_code?: number;
  readonly targetUrl?: { readonly value?: string; readonly expression?: string };
  readonly target_url?: { readonly value?: string; readonly expression?: string };
  readonly preserveQueryString?: boolean;
  readonly preserve_query_string?: boolean;
}

export interface RedirectOutcome {
  readonly statusCode: RedirectStatusCode;
  /** The Location header as Cloudflare would send it (may be relative, e.g. "/contacts/"). */
  readonly location: string;
  /** `location` resolved against the request URL, as a browser would follow it. */
  readonly url: string;
  readonly warnings: readonly string[];
}

export function computeRedirect(fromValue: RedirectFromValue, req: HttpRequest): RedirectOutcome {
  const status = fromValue.statusCode ?? fromValue.status_code ?? 301;
  if (!(REDIRECT_STATUS_CODES as readonly number[]).includes(status)) {
    throw new RulesInputError(`redirect status code ${status} is not allowed; expected one of ${REDIRECT_STATUS_CODES.join(", ")}`);
  }
  const target = fromValue.targetUrl ?? fromValue.target_url;
  const hasValue = target?.value !== undefined;
  const hasExpression = target?.expression !== undefined;
  if (hasValue === hasExpression) {
    throw new RulesInputError(`redirect targetUrl must have exactly one of "value" (static URL) or "expression" (dynamic URL), got ${hasValue ? "both" : "neither"}`);
  }
  let location: string;
  if (hasExpression) {
    let node: Expr;
    try {
      node = parseCached(target!.expression!, { expect: "String" });
    } catch (e) {
      if (e instanceof RulesSyntaxError) throw new RulesInputError(`redirect target expression: ${e.message}`);
      throw e;
    }
    location = evaluateString(node, req);
  } else {
    location = target!.value!;
  }
  const warnings: string[] = [];
  const preserve = fromValue.preserveQueryString ?? fromValue.preserve_query_string ?? false;
  if (preserve && req.query !== "") {
    const { base, query, fragment } = splitUrl(location);
    if (query !== undefined) {
      warnings.push(`target ${JSON.stringify(location)} has its own query string; with preserveQueryString the request's query replaces it (assumed Cloudflare behaviour)`);
    }
    location = `${base}?${req.query}${fragment}`;
  }
  let url: string;
  try {
    url = new URL(location, fullUri(req)).toString();
  } catch {
    throw new RulesInputError(`redirect target ${JSON.stringify(location)} is not a valid URL`);
  }
  return { statusCode: status as RedirectStatusCode, location, url, warnings };
}

function splitUrl(url: string): { base: string; query: string | undefined; fragment: string } {
  const hash = url.indexOf("#");
  const fragment = hash < 0 ? "" : url.slice(hash);
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const q = beforeHash.indexOf("?");
  return q < 0 ? { base: beforeHash, query: undefined, fragment } : { base: beforeHash.slice(0, q), query: beforeHash.slice(q + 1), fragment };
}

/** A redirect rule as the simulator reads it from a planned cloudflare.Ruleset. */
export interface RedirectRule {
  readonly ref?: string;
  readonly expression: string;
  readonly enabled?: boolean;
  readonly actionParameters?: { readonly fromValue?: RedirectFromValue };
}

/**
 * The first enabled rule whose filter matches, and its outcome: redirects are terminating, so
 * later rules of the phase never run for that request. Undefined when no rule matches.
 */
export function firstRedirect(rules: readonly RedirectRule[], req: HttpRequest): { rule: RedirectRule; index: number; outcome: RedirectOutcome } | undefined {
  for (const [index, rule] of rules.entries()) {
    if (rule.enabled === false) continue;
    if (!evaluate(parseCached(rule.expression), req)) continue;
    const fromValue = rule.actionParameters?.fromValue;
    if (!fromValue) throw new RulesInputError(`redirect rule ${rule.ref ?? `#${index}`} has no actionParameters.fromValue`);
    return { rule, index, outcome: computeRedirect(fromValue, req) };
  }
  return undefined;
}
