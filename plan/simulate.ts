/**
 * The offline edge simulator: what the planned rules do to a request. It reads the RENDERED rule
 * text of the planned Rulesets (the `expression` strings Pulumi would send), parses it with
 * rules/ and evaluates it, so it judges what would deploy, not what our builders meant.
 *
 * Order follows Cloudflare's request phases: single redirects (the first match ends the request),
 * custom WAF rules (a block ends it), rate limiting (every matching rule counts the request),
 * Access (a host with an Access application asks for a login), cache rules (all matching rules
 * apply, later ones win), then response header transforms (in order, later `set` wins).
 * Simplifications: Always Use HTTPS is not modelled (http requests that no redirect rule catches
 * are evaluated as they are), and a redirect or block response gets no header transforms.
 */
import { computeRedirect, evaluate, parseCached, parseRequestLine, RulesEvaluationError, RulesInputError, RulesSyntaxError, type HttpRequest, type RedirectFromValue } from "../rules";
import { isIpAddress } from "../kernel/ipAddress";
import { rulesetsByPhase } from "./budget";
import { reveal, UNKNOWN_VALUE, type Plan } from "./types";
import { TYPES } from "./model/tokens";

import type { Simulation, SimulationMatch } from "./model/schema";
export type { Simulation, SimulationMatch };

/** A request line the simulator cannot read; the CLI turns it into a usage error. */
export class SimulationRequestError extends Error {
  constructor(readonly line: string, reason: string) {
    super(`cannot simulate request ${JSON.stringify(line)}: ${reason}`);
    this.name = "SimulationRequestError";
  }
}

/**
 * Reads one request: `"METHOD URL"`, then optional headers separated by " | " (or on following
 * lines): `POST https://app.example.com/login | Cookie: session=abc`. A `CF-Connecting-IP` header
 * gives the client address (as Cloudflare reports it to origins); without one, `ip.src` is missing.
 */
export function parseSimulationRequest(text: string): HttpRequest {
  const [first, ...headers] = text.split(/\s+\|\s+|\r?\n/).map((s) => s.trim()).filter((s) => s !== "");
  try {
    const req = parseRequestLine(first ?? "", headers);
    const clientIp = req.headers["cf-connecting-ip"]?.[0];
    if (clientIp === undefined) return req;
    if (!isIpAddress(clientIp)) throw new RulesInputError(`CF-Connecting-IP ${JSON.stringify(clientIp)} is not an IPv4 or IPv6 address`);
    return { ...req, clientIp };
  } catch (err) {
    if (err instanceof RulesInputError) throw new SimulationRequestError(text, err.message);
    throw err;
  }
}

/**
 * The requests of a --simulate-file: one per line; blank lines and lines starting with "#" are
 * skipped; an indented "Name: value" line adds a header to the request above it.
 */
export function readSimulationFile(text: string): string[] {
  const requests: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    if (/^\s/.test(raw) && requests.length > 0) requests[requests.length - 1] += ` | ${raw.trim()}`;
    else requests.push(raw.trim());
  }
  return requests;
}

interface PlannedRule {
  ref: string;
  expression: string;
  action: string;
  enabled: boolean;
  actionParameters: Record<string, unknown>;
}

function rulesOf(plan: Plan, phase: string): PlannedRule[] {
  return (rulesetsByPhase(plan).get(phase) ?? []).flatMap((r) => {
    const list = reveal(r.inputs.rules);
    return (Array.isArray(list) ? list : []).map((raw, i): PlannedRule => {
      const rule = raw as Record<string, unknown>;
      return {
        ref: String(reveal(rule.ref) ?? `${r.name}#${i}`),
        expression: String(reveal(rule.expression)),
        action: String(reveal(rule.action)),
        enabled: reveal(rule.enabled) !== false,
        actionParameters: (reveal(rule.actionParameters) as Record<string, unknown> | undefined) ?? {},
      };
    });
  });
}

/** A parsed filter's verdict; expressions unknown before deploy never match (and say so). */
function matches(rule: PlannedRule, req: HttpRequest, notes: string[]): boolean {
  if (!rule.enabled) return false;
  if (rule.expression === UNKNOWN_VALUE) {
    notes.push(`rule ${rule.ref}: expression unknown until deploy, not evaluated`);
    return false;
  }
  try {
    return evaluate(parseCached(rule.expression), req);
  } catch (err) {
    if (err instanceof RulesSyntaxError || err instanceof RulesEvaluationError) throw new Error(`planned rule ${rule.ref} cannot be evaluated: ${err.message}`);
    throw err;
  }
}

/** Hosts with an Access application, from the plan. */
function accessHosts(plan: Plan): Set<string> {
  const hosts = new Set<string>();
  for (const r of plan.resources) {
    if (r.type !== TYPES.accessApplication) continue;
    const domain = reveal(r.inputs.domain);
    if (typeof domain === "string") hosts.add(domain.split("/")[0]!.toLowerCase());
    const destinations = reveal(r.inputs.destinations);
    for (const d of Array.isArray(destinations) ? destinations : []) {
      const uri = reveal((d as Record<string, unknown>).uri);
      if (typeof uri === "string") hosts.add(uri.split("/")[0]!.toLowerCase());
    }
  }
  return hosts;
}

/** Whether Cloudflare's edge sees requests for `host`: inside the zone and not DNS-only. */
function edgeReach(plan: Plan, host: string): { reaches: boolean; note?: string } {
  const domain = typeof plan.config.domain === "string" ? plan.config.domain : undefined;
  if (domain && host !== domain && !host.endsWith(`.${domain}`)) return { reaches: false, note: `${host} is outside the zone ${domain}` };
  const records = plan.resources.filter((r) => r.type === TYPES.dnsRecord && reveal(r.inputs.name) === host);
  if (records.length > 0 && records.every((r) => reveal(r.inputs.proxied) === false)) {
    return { reaches: false, note: `${host} is DNS-only (not proxied): its traffic bypasses Cloudflare's edge` };
  }
  return { reaches: true };
}

export function simulateRequest(plan: Plan, text: string): Simulation {
  const req = parseSimulationRequest(text);
  const result: Simulation = { request: text, reachesEdge: true, matches: [], redirect: null, rateLimitRefs: [], blocked: false, accessRequired: false, cache: "default", headers: {}, notes: [] };
  const reach = edgeReach(plan, req.host);
  if (!reach.reaches) {
    result.reachesEdge = false;
    result.notes.push(reach.note!);
    return result;
  }
  const hit = (phase: string, rule: PlannedRule) => result.matches.push({ phase, ref: rule.ref });

  for (const rule of rulesOf(plan, "http_request_dynamic_redirect")) {
    if (!matches(rule, req, result.notes)) continue;
    hit("http_request_dynamic_redirect", rule);
    const outcome = computeRedirect((rule.actionParameters.fromValue ?? {}) as RedirectFromValue, req);
    result.redirect = { status: outcome.statusCode, location: outcome.location };
    result.notes.push(...outcome.warnings);
    return result;
  }

  for (const rule of rulesOf(plan, "http_request_firewall_custom")) {
    if (!matches(rule, req, result.notes)) continue;
    hit("http_request_firewall_custom", rule);
    if (rule.action === "block") {
      result.blocked = true;
      return result;
    }
  }

  for (const rule of rulesOf(plan, "http_ratelimit")) {
    if (!matches(rule, req, result.notes)) continue;
    hit("http_ratelimit", rule);
    result.rateLimitRefs.push(rule.ref);
  }

  result.accessRequired = accessHosts(plan).has(req.host);

  for (const rule of rulesOf(plan, "http_request_cache_settings")) {
    if (!matches(rule, req, result.notes)) continue;
    hit("http_request_cache_settings", rule);
    const cache = rule.actionParameters.cache;
    if (cache === true) result.cache = "eligible";
    else if (cache === false) result.cache = "bypass";
  }

  for (const rule of rulesOf(plan, "http_response_headers_transform")) {
    if (!matches(rule, req, result.notes)) continue;
    hit("http_response_headers_transform", rule);
    const headers = (rule.actionParameters.headers ?? {}) as Record<string, { operation?: string; value?: string }>;
    for (const [name, op] of Object.entries(headers)) {
      if (op.operation === "remove") delete result.headers[name];
      else if (typeof op.value === "string") result.headers[name] = op.value;
    }
  }
  return result;
}

/** Simulates each request; a malformed request throws SimulationRequestError naming it. */
export function simulate(plan: Plan, requests: readonly string[]): Simulation[] {
  // Read every request first, so a typo in the last line fails before any output.
  for (const text of requests) parseSimulationRequest(text);
  return requests.map((text) => simulateRequest(plan, text));
}

/** A short human-readable block per request, for `plan --simulate`. */
export function formatSimulations(simulations: Simulation[]): string {
  return simulations
    .map((s) => {
      const lines = [`${s.request}`];
      if (!s.reachesEdge) lines.push(`  never reaches Cloudflare's edge`);
      for (const m of s.matches) lines.push(`  match  ${m.phase.padEnd(32)} ${m.ref}`);
      if (s.redirect) lines.push(`  -> ${s.redirect.status} ${s.redirect.location}`);
      if (s.blocked) lines.push("  -> blocked by a custom WAF rule");
      if (s.reachesEdge && !s.redirect && !s.blocked) {
        lines.push(`  rate limit: ${s.rateLimitRefs.length > 0 ? `counted by ${s.rateLimitRefs.join(", ")}` : "not counted"}`);
        lines.push(`  access: ${s.accessRequired ? "Cloudflare Access login required" : "none"}`);
        lines.push(`  cache: ${s.cache}`);
        for (const [name, value] of Object.entries(s.headers)) lines.push(`  header ${name}: ${value}`);
      }
      for (const n of s.notes) lines.push(`  note: ${n}`);
      return lines.join("\n");
    })
    .join("\n\n");
}
