/**
 * Sensitive hosts (admin panels) behind a gate: a Cloudflare Access application covering the whole
 * host, or a custom WAF rule (phase http_request_firewall_custom) that blocks visitors from outside
 * addresses. That they are proxied at all is dns-sensitive-hosts-proxied (dns.ts): Access and WAF
 * rules only act on proxied traffic.
 *
 * A WAF rule counts when the rules evaluator, run over the declared rules in order, blocks probe
 * requests from addresses nobody allow-lists (documentation ranges, configurable) on every probed
 * path: a rule that blocks one path, or challenges instead of blocking, leaves the panel open.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { createRequest } from "../rules/request";
import { PackPolicy, ResourceView, stackPolicy } from "./policy";
import { SensitiveHostsConfig, configSchemaOf, sensitiveHostsConfigSchema, sensitiveHostsOf } from "./settings";
import { EdgeRule, ZoneEdge, phaseRules, ruleMatches, zoneEdges } from "./edgeRules";
import { ACCESS_APPLICATION_TYPES } from "./types";
import { TYPES } from "../plan/model/tokens";
import type { StackPolicyDefinition } from "./policy";
import { ACCESS_ANYONE_INCLUDES, ACCESS_SESSION_MAX_SECONDS, IP_ALLOW_LIST_MAX_ADDRESSES } from "../components/constants/cloudflare";
import { isPublicMailDomain } from "../components/constants/email";
import { addressCoverage, describeCoverage, exceedsCoverage } from "../components/addressSpace";
import { goDurationSeconds } from "../components/schema/validators";
import { parseCached } from "../rules/parser";
import { ACCESS_POLICY_TYPES } from "./types";
import { knownString } from "./wire";

/** Client addresses a probe comes from: RFC 5737 TEST-NET-2 and RFC 3849 documentation space, outside any real allow-list. */
export const DEFAULT_PROBE_CLIENT_IPS = ["198.51.100.77", "2001:db8:ffff::77"];
/** Paths a sensitive host is probed on: its front page, a deep admin page, and an API-looking path. */
const PROBE_PATHS = ["/", "/admin/users", "/api/export?format=csv"];
/** Custom-rule actions that end the phase without blocking (a challenge lets any human in). */
const NON_BLOCKING_TERMINAL = new Set(["skip", "challenge", "js_challenge", "managed_challenge", "allow"]);

export interface AccessConfig extends SensitiveHostsConfig {
  probeClientIps?: string[];
}

const probeConfigSchema: PolicyConfigSchema = {
  properties: {
    probeClientIps: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_PROBE_CLIENT_IPS,
      description: "Client addresses that must be blocked from sensitive hosts when a WAF rule (not Access) guards them; none may be inside the allow-list.",
    },
  },
};

/** "admin.example.com", "https://admin.example.com/", "admin.example.com/*" -> host and path. */
function splitDestination(uri: string): { host: string; path: string } {
  const bare = uri.trim().toLowerCase().replace(/^https?:\/\//, "");
  const slash = bare.indexOf("/");
  return slash < 0 ? { host: bare, path: "" } : { host: bare.slice(0, slash), path: bare.slice(slash) };
}

/** Does an Access destination cover every path of `host`? ("*.example.com" covers one label below.) */
function destinationCovers(uri: string, host: string): boolean {
  const { host: h, path } = splitDestination(uri);
  const wholeHost = path === "" || path === "/" || path === "/*";
  if (!wholeHost) return false;
  if (h === host) return true;
  return h.startsWith("*.") && host.endsWith(h.slice(1)) && !host.slice(0, -h.length + 1).includes(".");
}

/** The hostnames (with paths) an Access application protects: `destinations` supersede `domain` and `selfHostedDomains`. */
export function accessDestinations(app: ResourceView): string[] {
  const type = knownString(app.props.type);
  if (type !== undefined && type !== "self_hosted") return [];
  const destinations = Array.isArray(app.props.destinations) ? app.props.destinations : [];
  const publicUris = destinations
    .map((d) => (d !== null && typeof d === "object" ? (d as Record<string, unknown>) : {}))
    .filter((d) => d.type === undefined || d.type === "public")
    .map((d) => knownString(d.uri))
    .filter((u): u is string => u !== undefined);
  if (destinations.length > 0) return publicUris;
  const domains = Array.isArray(app.props.selfHostedDomains) ? app.props.selfHostedDomains : [];
  return [knownString(app.props.domain), ...domains.map(knownString)].filter((u): u is string => u !== undefined);
}

/** True when the custom WAF rules, in order, block the request (the first block wins; skip or a challenge ends it unblocked). */
function blockedByCustomRules(rules: readonly EdgeRule[], req: ReturnType<typeof createRequest>): boolean {
  for (const rule of rules) {
    if (ruleMatches(rule, req) !== true) continue;
    if (rule.action === "block") return true;
    if (rule.action !== undefined && NON_BLOCKING_TERMINAL.has(rule.action)) return false;
  }
  return false;
}

function isSensitive(name: string, sensitive: readonly string[]): boolean {
  return sensitive.includes(name) || sensitive.includes(name.split(".")[0]!);
}

export const sensitiveHostsRestricted = stackPolicy<AccessConfig>({
  name: "sensitive-hosts-restricted",
  description: "Checks whether every sensitive host (admin by default) is covered by a Cloudflare Access application or by a custom WAF rule that blocks outside addresses.",
  severity: "critical",
  remediation:
    "Put the host behind Cloudflare Access (edge.access: {accountId, allowedEmails | allowedEmailDomain}) or an IP allow-list (edge.ipAllowList, a custom WAF block rule); an Access application must cover the whole host, not one path.",
  configSchema: configSchemaOf(sensitiveHostsConfigSchema, probeConfigSchema),
  check: (resources, report, { config }) => {
    const sensitive = sensitiveHostsOf(config);
    const probeIps = config.probeClientIps ?? DEFAULT_PROBE_CLIENT_IPS;
    const accessUris = resources.filter((r) => (ACCESS_APPLICATION_TYPES as readonly string[]).includes(r.type)).flatMap(accessDestinations);
    const edges = zoneEdges(resources);
    const edgeOfRecord = new Map<string, ZoneEdge>();
    for (const edge of edges) for (const rec of edge.records) edgeOfRecord.set(rec.urn, edge);

    const seen = new Set<string>();
    for (const r of resources) {
      if (r.type !== TYPES.dnsRecord) continue;
      const name = knownString(r.props.name)?.toLowerCase();
      const type = knownString(r.props.type)?.toUpperCase();
      if (!name || seen.has(name) || !type || !["A", "AAAA", "CNAME"].includes(type) || !isSensitive(name, sensitive)) continue;
      seen.add(name);
      if (accessUris.some((u) => destinationCovers(u, name))) continue;
      const edge = edgeOfRecord.get(r.urn);
      const rules = edge ? phaseRules(edge, "http_request_firewall_custom").rules : [];
      const open = PROBE_PATHS.flatMap((path) =>
        probeIps.map((clientIp) => ({ path, clientIp, req: createRequest({ url: `https://${name}${path}`, clientIp }) })),
      ).filter((p) => !blockedByCustomRules(rules, p.req));
      if (open.length === 0) continue;
      const example = open[0]!;
      report(
        `Sensitive host ${name} must be covered by a Cloudflare Access application or a custom WAF rule that blocks outside addresses; ` +
          `no Access application covers it and a request for ${example.path} from ${example.clientIp} is not blocked.`,
        r.urn,
      );
    }
  },
});


// --- guards that exist but admit anyone (issue 18) ----------------------------------------------


const asObject = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Why one Access rule entry ({everyone: {}}, {emailDomain: {domain}}...) admits anyone, or undefined when it names people. */
export function accessRuleAdmitsAnyone(entry: unknown): string | undefined {
  const rule = asObject(entry);
  for (const [selector, raw] of Object.entries(rule)) {
    if (raw === undefined || raw === null) continue;
    const value = asObject(raw);
    if (ACCESS_ANYONE_INCLUDES.includes(selector)) return `the ${selector} selector admits anyone who asks`;
    if (selector === "email") {
      const email = knownString(value.email);
      if (email !== undefined && (!/^[^@*\s]+@[^@*\s]+$/.test(email))) return `email ${JSON.stringify(email)} is not one address`;
    }
    if (selector === "emailDomain") {
      const domain = knownString(value.domain);
      if (domain !== undefined && (domain.trim() === "" || domain.includes("*") || isPublicMailDomain(domain))) {
        return `email domain ${JSON.stringify(domain)} is one anyone can get an address at`;
      }
    }
    if (selector === "ip") {
      const ip = knownString(value.ip);
      if (ip !== undefined) {
        const coverage = addressCoverage([ip]);
        if (exceedsCoverage(coverage, IP_ALLOW_LIST_MAX_ADDRESSES)) return `ip ${ip} covers ${describeCoverage(coverage)}`;
      }
    }
  }
  return undefined;
}

/** Why an Access policy (decision, include, require) lets anyone in, or undefined. */
export function accessPolicyAdmitsAnyone(props: Record<string, unknown>): string | undefined {
  const decision = knownString(props.decision);
  if (decision === "deny") return undefined;
  if (decision === "bypass") return "decision \"bypass\" skips authentication for everyone";
  const includes = Array.isArray(props.includes) ? props.includes : [];
  const requires = Array.isArray(props.requires) ? props.requires : [];
  const open = includes.map(accessRuleAdmitsAnyone).find((why) => why !== undefined);
  // A require that names people narrows an open include back to them (requires are AND'ed).
  if (open && requires.every((r) => accessRuleAdmitsAnyone(r) !== undefined)) return open;
  return undefined;
}

export const accessPolicyAdmitsPeopleDef: StackPolicyDefinition<Record<string, never>> = {
  name: "access-policy-admits-named-people",
  description: "Checks whether every Cloudflare Access policy admits named people only: no everyone, login-method, any-service-token or country selector on its own, no email pattern, no public mail domain, no allow-list wider than a /16 (IPv4) or /32 (IPv6), no bypass.",
  severity: "critical",
  remediation:
    "List the admins (edge.access.allowedEmails) or your own company's mail domain (edge.access.allowedEmailDomain); never a public mail domain, everyone, or a login method on its own (add a require rule that names people if you must).",
  check: (resources, report) => {
    for (const r of resources) {
      if (!(ACCESS_POLICY_TYPES as readonly string[]).includes(r.type)) continue;
      const why = accessPolicyAdmitsAnyone(r.props);
      if (why) report(`Access policy ${knownString(r.props.name) ?? r.name} must admit named people only, but ${why}.`, r.urn);
    }
  },
};

export const accessSessionBoundedDef: StackPolicyDefinition<Record<string, never>> = {
  name: "access-session-bounded",
  description: `Checks whether Cloudflare Access applications and policies keep sessions at most ${ACCESS_SESSION_MAX_SECONDS / 3600} hours.`,
  severity: "high",
  remediation: `Set edge.access.sessionDuration to at most ${ACCESS_SESSION_MAX_SECONDS / 3600}h ("24h" is the default).`,
  check: (resources, report) => {
    for (const r of resources) {
      const isApp = (ACCESS_APPLICATION_TYPES as readonly string[]).includes(r.type);
      if (!isApp && !(ACCESS_POLICY_TYPES as readonly string[]).includes(r.type)) continue;
      const text = knownString(r.props.sessionDuration);
      if (text === undefined) continue;
      const seconds = goDurationSeconds(text);
      if (seconds === undefined || seconds > ACCESS_SESSION_MAX_SECONDS) {
        report(`Access ${isApp ? "application" : "policy"} ${knownString(r.props.name) ?? r.name} session ${JSON.stringify(text)} must be at most ${ACCESS_SESSION_MAX_SECONDS / 3600}h.`, r.urn);
      }
    }
  },
};

/** The address entries of every `ip.src in {...}` set in an expression (empty list for an empty set). */
export function clientIpSets(expression: string): string[][] {
  const sets: string[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    const left = n.left as Record<string, unknown> | undefined;
    if (n.kind === "in" && left?.kind === "field" && left.name === "ip.src" && Array.isArray(n.set)) {
      sets.push(
        (n.set as Array<Record<string, unknown>>).map((e) =>
          e.kind === "range" ? `${(e.from as { value: string }).value}..${(e.to as { value: string }).value}` : String(e.value),
        ),
      );
    }
    Object.values(n).forEach(walk);
  };
  walk(parseCached(expression));
  return sets;
}

export const wafAllowListNarrowDef: StackPolicyDefinition<Record<string, never>> = {
  name: "waf-allow-list-narrow",
  description: "Checks whether every IP allow-list a blocking custom WAF rule uses (ip.src in {...}) lists at least one range and covers, in total, no more than a /16 of IPv4 and a /32 of IPv6.",
  severity: "critical",
  remediation: "List only your office, VPN or bastion ranges in edge.ipAllowList (total at most a /16 of IPv4, a /32 of IPv6); for people on the move use Cloudflare Access instead.",
  check: (resources, report) => {
    for (const edge of zoneEdges(resources)) {
      for (const rule of phaseRules(edge, "http_request_firewall_custom").rules) {
        if (!rule.enabled || rule.action !== "block" || rule.expression === undefined) continue;
        for (const set of clientIpSets(rule.expression)) {
          const coverage = addressCoverage(set);
          const wide = exceedsCoverage(coverage, IP_ALLOW_LIST_MAX_ADDRESSES);
          if (set.length === 0) report(`IP allow-list of ${rule.label} must list at least one range.`, rule.ruleset.urn);
          else if (wide) report(`IP allow-list of ${rule.label} must cover at most ${describeCoverage(IP_ALLOW_LIST_MAX_ADDRESSES)}, but covers ${describeCoverage(coverage)}.`, rule.ruleset.urn);
        }
      }
    }
  },
};

export const accessGuardDefs = [accessPolicyAdmitsPeopleDef, accessSessionBoundedDef, wafAllowListNarrowDef];
export const accessPolicies: PackPolicy[] = [sensitiveHostsRestricted, ...accessGuardDefs.map((d) => stackPolicy(d))];
