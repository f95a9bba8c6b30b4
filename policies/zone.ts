/**
 * Zone security settings, judged on `cloudflare.ZoneSetting` inputs `{zoneId, settingId, value}`
 * where `value` is in the Cloudflare API's own JSON shape (snake_case).
 */
import { CLOUDFLARE_EDGE_CAA_IDENTIFIERS } from "../components/constants/cloudflare";
import { PackPolicy, ResourceView, resourcePolicy, stackPolicy, type StackPolicyDefinition } from "./policy";
import { EnvironmentConfig, ZoneNameConfig, environmentConfigSchema, isProd, zoneNameConfigSchema } from "./settings";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";
import { zoneEdges } from "./edgeRules";
import { zoneResolver } from "./zones";
import { HSTS_MIN_MAX_AGE, HSTS_PRODUCTION_MIN_MAX_AGE } from "../kernel/hsts";

/** The settings every zone must declare, so a dashboard default can never decide them. */
export const REQUIRED_ZONE_SETTINGS = ["ssl", "always_use_https", "min_tls_version", "security_header"] as const;

/** TLS versions Cloudflare accepts for min_tls_version, in order (Cloudflare API docs, zone settings). */
const TLS_VERSIONS = ["1.0", "1.1", "1.2", "1.3"];

/** The value of a zone setting with the given id, or undefined for another setting or an unknown value. */
function settingValue(r: ResourceView, id: string): { value: unknown } | undefined {
  if (r.props.settingId !== id) return undefined;
  const value = r.props.value;
  return isUnknown(value) ? undefined : { value };
}

interface Hsts {
  enabled?: unknown;
  max_age?: unknown;
}

function hstsOf(value: unknown): Hsts | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const sts = (value as Record<string, unknown>).strict_transport_security;
  return sts !== null && typeof sts === "object" ? (sts as Hsts) : undefined;
}

export const zoneSslEncryptsOrigin = resourcePolicy({
  name: "zone-ssl-encrypts-origin",
  description: "Checks whether the zone's SSL mode encrypts traffic to the origin (not \"off\" or \"flexible\").",
  severity: "critical",
  remediation: "Set the zone setting ssl to \"strict\" (tls.sslMode in the stack config); \"off\" and \"flexible\" send member traffic to the origin unencrypted.",
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report) => {
    const s = settingValue(r, "ssl");
    if (s && s.value !== "full" && s.value !== "strict") {
      report(`SSL mode ${JSON.stringify(s.value)} must be "strict" (or at least "full").`);
    }
  },
});

export const zoneSslStrict = resourcePolicy({
  name: "zone-ssl-strict",
  description: "Checks whether the zone's SSL mode validates the origin certificate (\"strict\").",
  severity: "medium",
  enforcementLevel: "advisory",
  remediation: "Install a valid (or Cloudflare Origin CA) certificate on the origin and set ssl to \"strict\".",
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report) => {
    if (settingValue(r, "ssl")?.value === "full") report("SSL mode \"full\" must be \"strict\" so Cloudflare validates the origin certificate.");
  },
});

export const zoneAlwaysUseHttps = resourcePolicy({
  name: "zone-always-use-https",
  description: "Checks whether the zone redirects every plain-HTTP request to HTTPS (always_use_https).",
  severity: "high",
  remediation: "Set the zone setting always_use_https to \"on\".",
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report) => {
    const s = settingValue(r, "always_use_https");
    if (s && s.value !== "on") report(`always_use_https ${JSON.stringify(s.value)} must be "on".`);
  },
});

export const zoneMinTls = resourcePolicy({
  name: "zone-min-tls-1-2",
  description: "Checks whether the zone refuses TLS versions below 1.2 (min_tls_version).",
  severity: "high",
  remediation: "Set the zone setting min_tls_version to \"1.2\" or \"1.3\" (tls.minVersion); TLS 1.0 and 1.1 are deprecated by RFC 8996.",
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report) => {
    const s = settingValue(r, "min_tls_version");
    if (s && TLS_VERSIONS.indexOf(String(s.value)) < TLS_VERSIONS.indexOf("1.2")) {
      report(`min_tls_version ${JSON.stringify(s.value)} must be "1.2" or "1.3".`);
    }
  },
});

export interface HstsFloorConfig {
  minMaxAgeSeconds?: number;
}

export const zoneHstsEnabled = resourcePolicy<HstsFloorConfig>({
  name: "zone-hsts-enabled",
  description: "Checks whether HSTS is enabled with a max-age of at least 6 months, or the stack's configured floor (security_header).",
  severity: "high",
  remediation: `Set security_header to {strict_transport_security: {enabled: true, max_age: ${HSTS_PRODUCTION_MIN_MAX_AGE}, include_subdomains: true, nosniff: true}} (tls.hsts).`,
  configSchema: {
    properties: {
      minMaxAgeSeconds: {
        type: "integer",
        minimum: 0,
        default: HSTS_MIN_MAX_AGE,
        description: "The lowest acceptable HSTS max_age; 6 months unless a stack documents why it needs less.",
      },
    },
  },
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report, { config }) => {
    const s = settingValue(r, "security_header");
    if (!s) return;
    const floor = config.minMaxAgeSeconds ?? HSTS_MIN_MAX_AGE;
    const hsts = hstsOf(s.value);
    if (!hsts || hsts.enabled !== true) {
      report("HSTS (security_header.strict_transport_security.enabled) must be true.");
    } else if (typeof hsts.max_age !== "number" || hsts.max_age < floor) {
      report(`HSTS max_age ${JSON.stringify(hsts.max_age)} must be at least ${floor} seconds.`);
    }
  },
});

export const zoneHstsProdMaxAge = resourcePolicy<EnvironmentConfig>({
  name: "zone-hsts-prod-max-age",
  description: "Checks whether a production zone's HSTS max-age is at least one year.",
  severity: "low",
  enforcementLevel: "advisory",
  remediation: `Set tls.hsts.maxAge to ${HSTS_PRODUCTION_MIN_MAX_AGE} (one year) in the production stack config.`,
  configSchema: environmentConfigSchema,
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report, { config }) => {
    if (!isProd(config.environment ?? "prod")) return;
    const hsts = hstsOf(settingValue(r, "security_header")?.value);
    if (hsts && hsts.enabled === true && (typeof hsts.max_age !== "number" || hsts.max_age < HSTS_PRODUCTION_MIN_MAX_AGE)) {
      report(`HSTS max_age ${JSON.stringify(hsts.max_age)} must be at least ${HSTS_PRODUCTION_MIN_MAX_AGE} seconds (one year) in production.`);
    }
  },
});

export const zoneSettingsPresent = stackPolicy({
  name: "zone-settings-present",
  description: `Checks whether every zone declares its security settings (${REQUIRED_ZONE_SETTINGS.join(", ")}).`,
  severity: "high",
  remediation: "Declare one cloudflare.ZoneSetting per missing setting for the zone (the zone component does this from the tls config).",
  check: (resources, report) => {
    const zones = zoneResolver(resources);
    const declared = new Map<string, Set<string>>();
    for (const r of resources) {
      if (r.type !== TYPES.zoneSetting || typeof r.props.settingId !== "string") continue;
      const key = zones.zoneOf(r).key;
      declared.set(key, (declared.get(key) ?? new Set()).add(r.props.settingId));
    }
    for (const zone of zones.zones()) {
      const have = declared.get(zone.key) ?? new Set();
      const missing = REQUIRED_ZONE_SETTINGS.filter((id) => !have.has(id));
      if (missing.length) report(`Zone ${zone.label} must declare the zone settings ${missing.join(", ")}.`);
    }
  },
});

/**
 * SSL "full" encrypts to the origin but accepts any certificate there, so anyone on the path to
 * the origin can impersonate it (developers.cloudflare.com/ssl/origin-configuration/ssl-modes/full/,
 * checked 2026-12-04: "Cloudflare does not validate the certificate"). Advisory elsewhere
 * (zone-ssl-strict), mandatory in production.
 */
export const zoneSslStrictInProd = resourcePolicy<EnvironmentConfig>({
  name: "zone-ssl-strict-in-prod",
  description: "Checks whether a production zone's SSL mode is \"strict\", so Cloudflare validates the origin certificate.",
  severity: "high",
  remediation: "Install a valid (or Cloudflare Origin CA) certificate on the origin and set tls.sslMode: strict in the production stack config.",
  configSchema: environmentConfigSchema,
  resourceTypes: [TYPES.zoneSetting],
  check: (r, report, { config }) => {
    if (!isProd(config.environment ?? "prod")) return;
    const s = settingValue(r, "ssl");
    if (s && s.value === "full") report("SSL mode \"full\" must be \"strict\" in production: \"full\" never validates the origin certificate.");
  },
});

/** The CA identifier of a CAA value ("letsencrypt.org; validationmethods=dns-01" -> "letsencrypt.org"); "" for ";" (no CA). */
function caaIdentifier(value: string): string {
  return value.split(";")[0]!.trim().toLowerCase();
}

/**
 * A CAA set that allows none of the CAs Cloudflare issues Universal SSL from makes the next edge
 * certificate renewal fail (developers.cloudflare.com/ssl/edge-certificates/caa-records/, checked
 * 2026-12-04; Cloudflare adds its CAs' records only while Universal SSL is on and the zone's DNS is
 * Cloudflare's, so the stack's own set must not depend on that). Judged per zone with proxied hosts,
 * for `issue` and, when the stack declares it, `issuewild`.
 */
export const zoneCaaAllowsEdgeIssuerDef: StackPolicyDefinition<ZoneNameConfig> = {
  name: "zone-caa-allows-edge-issuer",
  description: "Checks whether a zone's CAA records (issue, and issuewild when declared) allow at least one of the CAs Cloudflare issues its edge certificates from.",
  severity: "critical",
  remediation: `Keep at least one of ${CLOUDFLARE_EDGE_CAA_IDENTIFIERS.join(", ")} in caa.issuers (and caa.wildcardIssuers), or leave caa out for the default.`,
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    for (const edge of zoneEdges(resources, config.zoneName)) {
      if (!edge.records.some((r) => r.props.proxied === true)) continue;
      const byTag = new Map<string, { ids: string[]; urn: string }>();
      for (const r of edge.records) {
        if (knownString(r.props.type)?.toUpperCase() !== "CAA") continue;
        const name = knownString(r.props.name)?.toLowerCase();
        if (edge.zone.domain && name !== edge.zone.domain) continue;
        const data = (r.props.data ?? {}) as Record<string, unknown>;
        const tag = knownString(data.tag)?.toLowerCase();
        const value = knownString(data.value);
        if ((tag !== "issue" && tag !== "issuewild") || value === undefined) continue;
        const entry = byTag.get(tag) ?? { ids: [], urn: r.urn };
        entry.ids.push(caaIdentifier(value));
        byTag.set(tag, entry);
      }
      for (const [tag, { ids, urn }] of byTag) {
        if (ids.some((id) => (CLOUDFLARE_EDGE_CAA_IDENTIFIERS as readonly string[]).includes(id))) continue;
        report(
          `CAA ${tag} of zone ${edge.zone.label} must allow one of ${CLOUDFLARE_EDGE_CAA_IDENTIFIERS.join(", ")} (Cloudflare's edge certificate CAs), but allows only ${ids.map((i) => i || "no CA").join(", ")}.`,
          urn,
        );
      }
    }
  },
};

export const zoneGuardDefs = [zoneCaaAllowsEdgeIssuerDef];

export const zonePolicies: PackPolicy[] = [
  zoneSslEncryptsOrigin,
  zoneSslStrict,
  zoneAlwaysUseHttps,
  zoneMinTls,
  zoneHstsEnabled,
  zoneHstsProdMaxAge,
  zoneSettingsPresent,
  zoneSslStrictInProd,
  stackPolicy(zoneCaaAllowsEdgeIssuerDef),
];
