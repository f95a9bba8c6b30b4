/**
 * Production protection: resources whose deletion is an outage or loses data carry `protect`, so a
 * refactor that drops or renames them stops at preview instead of deleting them.
 * Advisory by default (set "mandatory" in a stack's policy config once every resource carries it).
 */
import { PackPolicy, resourcePolicy } from "./policy";
import { EnvironmentConfig, environmentConfigSchema, isProd } from "./settings";
import { TYPES } from "../plan/model/tokens";

export const PROTECTED_TYPES = [TYPES.zone, TYPES.zoneSetting, TYPES.dnsRecord, TYPES.secret, TYPES.kmsKey] as const;

export const prodCriticalResourcesProtected = resourcePolicy<EnvironmentConfig>({
  name: "prod-critical-resources-protected",
  description: "Checks whether production zones, zone settings, DNS records, Secrets Manager secrets and KMS keys are protected.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediation: "Give the resource { protect: true } (the stack config's protection switch does this for prod); remove protection deliberately before a planned deletion.",
  configSchema: environmentConfigSchema,
  resourceTypes: PROTECTED_TYPES,
  check: (r, report, { config }) => {
    if (isProd(config.environment ?? "prod") && !r.protect) report(`Production resource ${r.name} (${r.type}) must be protected.`);
  },
});

export const protectionPolicies: PackPolicy[] = [prodCriticalResourcesProtected];
