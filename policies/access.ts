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
import { SensitiveHostsConfig, configSchemaOf, sensitiveHostsConfigSchema } from "./settings";
import { EdgeRule, ZoneEdge, phaseRules, ruleMatches, zoneEdges } from "./edgeRules";
import { ACCESS_APPLICATION_TYPES, DNS_RECORD } from "./types";
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
    const sensitive = (config.sensitiveHosts ?? ["admin"]).map((h) => h.toLowerCase());
    const probeIps = config.probeClientIps ?? DEFAULT_PROBE_CLIENT_IPS;
    const accessUris = resources.filter((r) => (ACCESS_APPLICATION_TYPES as readonly string[]).includes(r.type)).flatMap(accessDestinations);
    const edges = zoneEdges(resources);
    const edgeOfRecord = new Map<string, ZoneEdge>();
    for (const edge of edges) for (const rec of edge.records) edgeOfRecord.set(rec.urn, edge);

    const seen = new Set<string>();
    for (const r of resources) {
      if (r.type !== DNS_RECORD) continue;
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

export const accessPolicies: PackPolicy[] = [sensitiveHostsRestricted];
