/**
 * Policy config shared by several policies: each policy that needs a value declares the same JSON
 * schema fragment, so a stack's config file (config/<stack>.json) sets it per policy, as the engine
 * expects (policy config is keyed by policy name).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { SENSITIVE_HOST_LABELS } from "../components/constants/cloudflare";

import { isProductionEnvironment } from "../kernel/environment";

/** Production rules apply (kernel/environment.ts decides, for the config checks too). */
export const isProd = isProductionEnvironment;

export interface EnvironmentConfig {
  environment?: string;
}

/**
 * `environment`: the stack's environment. Defaults to "prod" so that a stack run without a config
 * file gets the stricter production checks (fail closed), not the lenient ones.
 */
export const environmentConfigSchema: PolicyConfigSchema = {
  properties: {
    environment: { type: "string", default: "prod", description: "The stack's environment; \"prod\" or \"production\" turns on production rules." },
  },
};

export interface ZoneNameConfig {
  zoneName?: string;
}

/** `zoneName`: the domain of the stack's existing zone, for records whose zone is not declared in the stack. */
export const zoneNameConfigSchema: PolicyConfigSchema = {
  properties: {
    zoneName: { type: "string", description: "Domain of the stack's existing Cloudflare zone (when the stack does not declare the Zone)." },
  },
};

export interface SensitiveHostsConfig {
  sensitiveHosts?: string[];
}

/** `sensitiveHosts`: host labels (or full names) that must stay behind Cloudflare. */
export const sensitiveHostsConfigSchema: PolicyConfigSchema = {
  properties: {
    sensitiveHosts: {
      type: "array",
      items: { type: "string" },
      default: ["admin"],
      description: "Host labels (\"admin\") or full names (\"admin.example.com\") that must be proxied.",
    },
  },
};

/**
 * The sensitive hosts a policy judges: the configured list AND the labels that are sensitive
 * whatever a settings file says (SENSITIVE_HOST_LABELS), so protection follows the host, not a
 * hand-kept list.
 */
export function sensitiveHostsOf(config: SensitiveHostsConfig): string[] {
  return [...new Set([...(config.sensitiveHosts ?? []), ...SENSITIVE_HOST_LABELS].map((h) => h.toLowerCase()))];
}

/** Is this full host name sensitive (listed in full, or by its first label)? */
export function isSensitiveHost(name: string, sensitive: readonly string[]): boolean {
  const n = name.toLowerCase();
  return sensitive.includes(n) || sensitive.includes(n.split(".")[0]!);
}

/** Joins schema fragments into one policy config schema (later fragments win on a repeated key). */
export function configSchemaOf(...fragments: PolicyConfigSchema[]): PolicyConfigSchema {
  return { properties: Object.assign({}, ...fragments.map((f) => f.properties ?? {})) };
}

export interface CloudflarePlanConfig {
  cloudflarePlan?: "free" | "pro" | "business" | "enterprise";
}

/**
 * `cloudflarePlan`: the zone's plan, which sets the rule budgets. Stack config is not visible to a
 * policy pack (the engine sends it, @pulumi/policy keeps only stack tags), so it is policy config.
 * Defaults to "free", the smallest budget, so a stack without a config file is judged strictly.
 */
export const cloudflarePlanConfigSchema: PolicyConfigSchema = {
  properties: {
    cloudflarePlan: {
      type: "string",
      enum: ["free", "pro", "business", "enterprise"],
      default: "free",
      description: "The zone's Cloudflare plan (launch-ready:cloudflarePlan); it sets the rules allowed per phase.",
    },
  },
};
