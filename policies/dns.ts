/**
 * DNS records, judged on `cloudflare.DnsRecord` inputs `{zoneId, name (full name), type, content,
 * ttl, proxied, comment, priority, data}`.
 */
import { domainNameProblem, nonPublicAddressReason } from "../components/schema/validators";
import { PackPolicy, ResourceView, resourcePolicy, stackPolicy, type StackPolicyDefinition } from "./policy";
import { SensitiveHostsConfig, ZoneNameConfig, isSensitiveHost, sensitiveHostsConfigSchema, sensitiveHostsOf, zoneNameConfigSchema } from "./settings";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";
import { zoneResolver } from "./zones";

/** Cloudflare's TTL bounds for unproxied records; 1 means "automatic" (Cloudflare API docs, DNS records). */
export const AUTO_TTL = 1;
export const MIN_UNPROXIED_TTL = 60;
export const MAX_UNPROXIED_TTL = 86400;

/**
 * Placeholder origins Cloudflare documents for proxied hostnames that only redirect ("Configure
 * URL forwarding": a proxied AAAA 100:: or A 192.0.2.1); traffic ends at the edge, never there.
 */
const ORIGINLESS_PLACEHOLDERS = new Set(["100::", "192.0.2.1"]);

/** Record types Cloudflare can proxy (Cloudflare docs, "Proxied DNS records"). */
const PROXIABLE_TYPES = new Set(["A", "AAAA", "CNAME"]);

/** Types that can never share a name with a CNAME, not even at a flattened apex. */
const ADDRESS_OR_ALIAS = new Set(["A", "AAAA", "CNAME"]);

const isProxied = (r: ResourceView): boolean => r.props.proxied === true;
const recordName = (r: ResourceView): string | undefined => knownString(r.props.name)?.toLowerCase();
const recordType = (r: ResourceView): string | undefined => knownString(r.props.type)?.toUpperCase();

export const dnsProxiedTtlAuto = resourcePolicy({
  name: "dns-proxied-ttl-auto",
  description: "Checks whether proxied DNS records use the automatic TTL (1).",
  severity: "low",
  remediation: "Set ttl to 1 on proxied records; Cloudflare ignores other values for them and the provider shows a perpetual diff.",
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report) => {
    if (isProxied(r) && !isUnknown(r.props.ttl) && r.props.ttl !== AUTO_TTL) {
      report(`Proxied record ${recordName(r) ?? r.name} has ttl ${JSON.stringify(r.props.ttl)}; it must be 1 (automatic).`);
    }
  },
});

export const dnsUnproxiedTtlRange = resourcePolicy({
  name: "dns-unproxied-ttl-range",
  description: `Checks whether unproxied DNS records have a TTL within ${MIN_UNPROXIED_TTL}..${MAX_UNPROXIED_TTL} seconds.`,
  severity: "low",
  remediation: `Set an explicit ttl between ${MIN_UNPROXIED_TTL} and ${MAX_UNPROXIED_TTL} seconds (the host's ttl in the stack config; 300 by default).`,
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report) => {
    if (isProxied(r) || isUnknown(r.props.ttl)) return;
    const ttl = r.props.ttl;
    if (typeof ttl !== "number" || ttl < MIN_UNPROXIED_TTL || ttl > MAX_UNPROXIED_TTL) {
      report(`Unproxied record ${recordName(r) ?? r.name} has ttl ${JSON.stringify(ttl)}; it must be within ${MIN_UNPROXIED_TTL}..${MAX_UNPROXIED_TTL}.`);
    }
  },
});

export const dnsNoPrivateTargets = resourcePolicy({
  name: "dns-no-private-targets",
  description: "Checks whether A and AAAA records point at public unicast addresses (not private, loopback, link-local or unique-local), apart from Cloudflare's proxied redirect placeholders.",
  severity: "high",
  remediation: "Point the record at the origin's public address; a private address in public DNS leaks the internal network layout and never reaches the origin.",
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report) => {
    const type = recordType(r);
    const content = knownString(r.props.content);
    if ((type !== "A" && type !== "AAAA") || content === undefined) return;
    if (isProxied(r) && ORIGINLESS_PLACEHOLDERS.has(content)) return;
    const reason = nonPublicAddressReason(content);
    if (reason) report(`Record ${recordName(r) ?? r.name} ${type} ${content} ${reason}; it must be a public address.`);
  },
});

export const dnsSensitiveHostsProxied = resourcePolicy<SensitiveHostsConfig>({
  name: "dns-sensitive-hosts-proxied",
  description: "Checks whether records of sensitive hosts (admin by default) are proxied through Cloudflare.",
  severity: "critical",
  remediation: "Set proxied: true on the sensitive host (and keep it behind Access or a WAF rule); unproxied, its origin is reachable directly.",
  configSchema: sensitiveHostsConfigSchema,
  resourceTypes: [TYPES.dnsRecord],
  check: (r, report, { config }) => {
    const name = recordName(r);
    const type = recordType(r);
    if (!name || !type || !PROXIABLE_TYPES.has(type) || isProxied(r)) return;
    const sensitive = sensitiveHostsOf(config);
    const firstLabel = name.split(".")[0];
    if (sensitive.includes(name) || (firstLabel !== undefined && sensitive.includes(firstLabel))) {
      report(`Sensitive host ${name} must be proxied.`);
    }
  },
});

export const dnsNamesInZone = stackPolicy<ZoneNameConfig>({
  name: "dns-names-in-zone",
  description: "Checks whether every DNS record's name is a full, valid name inside its zone.",
  severity: "high",
  remediation: "Give the record its full name (\"app.example.com\", the apex as \"example.com\"); short names drift after refresh and names outside the zone are rejected.",
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    const zones = zoneResolver(resources, config.zoneName);
    for (const r of resources) {
      if (r.type !== TYPES.dnsRecord || isUnknown(r.props.name)) continue;
      const name = recordName(r);
      const zone = zones.zoneOf(r);
      if (!name) {
        report(`Record ${r.name} must have a name.`, r.urn);
      } else if (!zone.domain) {
        report(`Record ${name} must belong to a known zone: declare the cloudflare.Zone or set the policy config zoneName.`, r.urn);
      } else if (name !== zone.domain && !name.endsWith(`.${zone.domain}`)) {
        report(`Record ${name} must be inside the zone ${zone.domain} (use the full name, e.g. "app.${zone.domain}").`, r.urn);
      } else {
        // The wildcard label is valid in DNS though not in a host name.
        const problem = domainNameProblem(name.startsWith("*.") ? name.slice(2) : name);
        if (problem && !name.split(".").some((l) => l.startsWith("_"))) report(`Record name ${name} ${problem}.`, r.urn);
      }
    }
  },
});

export const dnsCnameExclusive = stackPolicy<ZoneNameConfig>({
  name: "dns-cname-exclusive",
  description: "Checks whether each CNAME record below the zone apex is the only record at its name (RFC 1034 section 3.6.2).",
  severity: "high",
  remediation: "Remove the other records at that name, or replace the CNAME by A/AAAA records.",
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    const zones = zoneResolver(resources, config.zoneName);
    const byName = new Map<string, ResourceView[]>();
    for (const r of resources) {
      const name = recordName(r);
      if (r.type !== TYPES.dnsRecord || !name) continue;
      const key = `${zones.zoneOf(r).key} ${name}`;
      byName.set(key, [...(byName.get(key) ?? []), r]);
    }
    for (const records of byName.values()) {
      const cnames = records.filter((r) => recordType(r) === "CNAME");
      if (cnames.length === 0 || records.length < 2) continue;
      // Cloudflare flattens a CNAME at the apex (docs, "CNAME flattening"), so CAA, MX and TXT
      // records may sit beside it there. An apex it cannot identify is judged like any name.
      const atApex = recordName(cnames[0]!) === zones.zoneOf(cnames[0]!).domain;
      const clashing = records.filter((r) => r !== cnames[0] && (!atApex || ADDRESS_OR_ALIAS.has(recordType(r) ?? "")));
      if (clashing.length === 0) continue;
      const others = clashing.map((r) => `${recordType(r) ?? "?"} ${r.name}`);
      report(`CNAME ${recordName(cnames[0]!)} must be the only record at its name, but ${others.join(", ")} share it.`, cnames[0]!.urn);
    }
  },
});

/** A record's target as a comparable origin: the address or the CNAME target, lower case, no trailing dot. */
const originOf = (r: ResourceView): string | undefined => knownString(r.props.content)?.trim().toLowerCase().replace(/\.$/, "") || undefined;

/**
 * A proxied sensitive host is only behind Access or the WAF if its origin cannot be reached another
 * way: an unproxied record with the same address (or CNAME target) publishes that origin in DNS,
 * and a request to it with the admin Host header walks around the edge.
 */
export const dnsSensitiveOriginHiddenDef: StackPolicyDefinition<SensitiveHostsConfig> = {
  name: "dns-sensitive-origin-hidden",
  description: "Checks whether no unproxied record points at the same address or CNAME target as a proxied sensitive host, which would publish the sensitive host's origin.",
  severity: "critical",
  remediation: "Proxy the other host too, or give the sensitive host an origin of its own (an address or name nothing unproxied points at).",
  configSchema: sensitiveHostsConfigSchema,
  check: (resources, report, { config }) => {
    const sensitive = sensitiveHostsOf(config);
    const records = resources.filter((r) => r.type === TYPES.dnsRecord && PROXIABLE_TYPES.has(recordType(r) ?? ""));
    const guarded = new Map<string, string>();
    for (const r of records) {
      const name = recordName(r);
      const origin = originOf(r);
      if (name && origin && isProxied(r) && isSensitiveHost(name, sensitive) && !ORIGINLESS_PLACEHOLDERS.has(origin)) guarded.set(origin, name);
    }
    for (const r of records) {
      const origin = originOf(r);
      const host = origin === undefined ? undefined : guarded.get(origin);
      if (host === undefined || isProxied(r)) continue;
      report(`Unproxied record ${recordName(r) ?? r.name} must not point at ${origin}, the origin of the sensitive host ${host}: it lets anyone reach ${host} around Cloudflare.`, r.urn);
    }
  },
};

export const dnsGuardDefs = [dnsSensitiveOriginHiddenDef];

export const dnsPolicies: PackPolicy[] = [
  dnsProxiedTtlAuto,
  dnsUnproxiedTtlRange,
  dnsNoPrivateTargets,
  dnsSensitiveHostsProxied,
  dnsNamesInZone,
  dnsCnameExclusive,
  stackPolicy(dnsSensitiveOriginHiddenDef),
];
