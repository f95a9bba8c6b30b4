/**
 * Edge rules as the engine sends them, for the edge policies (access, rate limits, cache,
 * redirects, rule structure): `cloudflare.Ruleset` inputs `{zoneId, kind, phase, rules: [{ref,
 * expression, action, enabled, actionParameters, ratelimit}]}` grouped by zone, the hosts a zone
 * serves through Cloudflare, and the rules/ evaluator run on probe requests, so a policy asks
 * "would POST /login on example.com hit a rate limiting rule?" of the declared expression text.
 *
 * Rules whose expression is not known yet (computed at deploy) never match here; the policies
 * that need a match say so in their message. An expression our parser cannot read is an error
 * naming the rule, so the policy fails closed instead of guessing.
 */
import { evaluate } from "../rules/evaluate";
import { parseCached } from "../rules/parser";
import { computeRedirect, type RedirectFromValue, type RedirectOutcome } from "../rules/redirect";
import { createRequest, type HttpRequest, type RequestInit } from "../rules/request";
import type { ResourceView } from "./policy";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";
import { ZoneRef, zoneResolver } from "./zones";

/** Record types Cloudflare can proxy (Cloudflare docs, "Proxied DNS records"). */
const PROXIABLE = new Set(["A", "AAAA", "CNAME"]);

export interface EdgeRule {
  ruleset: ResourceView;
  index: number;
  /** The rule's ref, or "<ruleset> rule #<n>" for messages. */
  label: string;
  ref?: string;
  /** The expression text; undefined when unknown until deploy. */
  expression?: string;
  action?: string;
  enabled: boolean;
  actionParameters: Record<string, unknown>;
  raw: Record<string, unknown>;
}

const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The rules of a Ruleset, or undefined when the list itself is unknown. */
export function rulesOf(ruleset: ResourceView): EdgeRule[] | undefined {
  const list = ruleset.props.rules;
  if (list === undefined) return [];
  if (!Array.isArray(list)) return undefined;
  return list.map((item, index) => {
    const raw = asRecord(item);
    const ref = knownString(raw.ref);
    return {
      ruleset,
      index,
      label: ref ? `rule ${ref}` : `rule #${index + 1} of ${ruleset.name}`,
      ref: ref || undefined,
      expression: knownString(raw.expression),
      action: knownString(raw.action),
      enabled: raw.enabled !== false,
      actionParameters: asRecord(raw.actionParameters),
      raw,
    };
  });
}

/** A zone-level entry-point ruleset (`kind: "zone"`); account and custom rulesets are not phase entry points of a zone. */
export function isZoneRuleset(r: ResourceView): boolean {
  return r.type === TYPES.ruleset && (r.props.kind === "zone" || (r.props.kind === undefined && r.props.zoneId !== undefined));
}

/** Read-only once built: phaseRules() reads each phase of an edge once. */
export interface ZoneEdge {
  readonly zone: ZoneRef;
  /** Zone rulesets by phase, in the order the stack declares them. */
  readonly rulesets: ReadonlyMap<string, readonly ResourceView[]>;
  /** Names served through Cloudflare's edge: proxied A/AAAA/CNAME records, and the apex when known. */
  readonly hosts: readonly string[];
  /** Records of the zone (any type). */
  readonly records: readonly ResourceView[];
}

/** Every zone the stack has records or zone rulesets in, with its rulesets and proxied hosts. */
export function zoneEdges(resources: readonly ResourceView[], zoneName?: string): ZoneEdge[] {
  const zones = zoneResolver(resources, zoneName);
  type Building = { zone: ZoneRef; rulesets: Map<string, ResourceView[]>; hosts: string[]; records: ResourceView[] };
  const byKey = new Map<string, Building>();
  const edgeOf = (r: ResourceView): Building => {
    const zone = zones.zoneOf(r);
    let edge = byKey.get(zone.key);
    if (!edge) byKey.set(zone.key, (edge = { zone, rulesets: new Map(), hosts: [], records: [] }));
    return edge;
  };
  for (const r of resources) {
    if (isZoneRuleset(r)) {
      const edge = edgeOf(r);
      const phase = knownString(r.props.phase) ?? "(unknown phase)";
      edge.rulesets.set(phase, [...(edge.rulesets.get(phase) ?? []), r]);
    } else if (r.type === TYPES.dnsRecord) {
      const edge = edgeOf(r);
      edge.records.push(r);
      const name = knownString(r.props.name)?.toLowerCase();
      const type = knownString(r.props.type)?.toUpperCase();
      if (name && !name.startsWith("*.") && type && PROXIABLE.has(type) && r.props.proxied === true && !edge.hosts.includes(name)) edge.hosts.push(name);
    }
  }
  for (const edge of byKey.values()) {
    const apex = edge.zone.domain;
    if (apex && !edge.hosts.includes(apex)) edge.hosts.unshift(apex);
  }
  return [...byKey.values()];
}

export interface PhaseRules {
  readonly rules: readonly EdgeRule[];
  /** Rulesets of the phase whose rule list is not known until deploy. */
  readonly unknownLists: readonly ResourceView[];
}

/**
 * Per zone edge, its phases' rules as first read. A policy asks for a phase once per probe request
 * (hundreds per analysis); the edge is not changed after zoneEdges() builds it.
 */
const phaseRulesOfEdge = new WeakMap<ZoneEdge, Map<string, PhaseRules>>();

/** All rules of a phase in a zone, in evaluation order (rulesets in declared order, then rule order). */
export function phaseRules(edge: ZoneEdge, phase: string): PhaseRules {
  let phases = phaseRulesOfEdge.get(edge);
  if (!phases) phaseRulesOfEdge.set(edge, (phases = new Map()));
  const known = phases.get(phase);
  if (known) return known;
  const rules: EdgeRule[] = [];
  const unknownLists: ResourceView[] = [];
  for (const ruleset of edge.rulesets.get(phase) ?? []) {
    const list = rulesOf(ruleset);
    if (list) rules.push(...list);
    else unknownLists.push(ruleset);
  }
  const read: PhaseRules = { rules, unknownLists };
  phases.set(phase, read);
  return read;
}

/**
 * Whether an enabled rule's filter matches the request: "unknown" when its expression is not known
 * yet. Throws (naming the rule) when the text cannot be parsed or evaluated.
 */
export function ruleMatches(rule: EdgeRule, req: HttpRequest): boolean | "unknown" {
  if (!rule.enabled) return false;
  if (rule.expression === undefined) return isUnknown(rule.raw.expression) ? "unknown" : false;
  try {
    return evaluate(parseCached(rule.expression), req);
  } catch (err) {
    throw new Error(`${rule.label} (${rule.ruleset.name}) has an expression the rules evaluator cannot run: ${(err as Error).message}`);
  }
}

/** The first redirect rule (phase http_request_dynamic_redirect) that catches the request, and where it sends it. */
export function firstRedirectOf(rules: readonly EdgeRule[], req: HttpRequest): { rule: EdgeRule; outcome: RedirectOutcome } | undefined {
  for (const rule of rules) {
    if (rule.action !== undefined && rule.action !== "redirect") continue;
    if (ruleMatches(rule, req) !== true) continue;
    const fromValue = asRecord(rule.actionParameters.fromValue) as RedirectFromValue;
    try {
      return { rule, outcome: computeRedirect(fromValue, req) };
    } catch (err) {
      throw new Error(`${rule.label} (${rule.ruleset.name}) has a redirect target the evaluator cannot compute: ${(err as Error).message}`);
    }
  }
  return undefined;
}

/** True when a redirect rule answers the request, so the later phases (WAF, rate limiting, cache) never see it. */
export function redirectedAtEdge(edge: ZoneEdge, req: HttpRequest): boolean {
  return firstRedirectOf(phaseRules(edge, "http_request_dynamic_redirect").rules, req) !== undefined;
}

/**
 * A probe request: `"POST /login"`, `"/login"` (method `defaultMethod`) or `"POST https://app.example.com/login"`;
 * a bare path is sent to `host`. Throws naming the route when it is not one.
 */
export function routeRequest(route: string, host: string, defaultMethod: string, init: Omit<RequestInit, "url" | "method"> = {}): HttpRequest {
  const parts = route.trim().split(/\s+/);
  const [method, target] = parts.length === 2 ? [parts[0]!, parts[1]!] : [defaultMethod, parts[0] ?? ""];
  if (parts.length > 2 || !(target.startsWith("/") || /^https?:\/\//.test(target))) {
    throw new Error(`route ${JSON.stringify(route)} is not "METHOD /path", "/path" or "METHOD https://host/path"`);
  }
  return createRequest({ ...init, method, url: target.startsWith("/") ? `https://${host}${target}` : target });
}

/** A route's hosts: the URL's own host, or every edge host for a bare path. */
export function routeHosts(route: string, edge: ZoneEdge): readonly string[] {
  const url = /https?:\/\/([^/\s]+)/.exec(route);
  return url ? [url[1]!.toLowerCase()] : edge.hosts;
}
