/**
 * "Is production": the one judgement that turns on the stricter rules (protection, HSTS of a year,
 * DMARC enforcement, alerts). The stack config's `environment` decides, everywhere: the config
 * checks, the components, the policy pack, diff, handover and verify.
 */

/** Environment names that get production rules. */
export const PRODUCTION_ENVIRONMENTS: ReadonlySet<string> = new Set(["prod", "production"]);

export function isProductionEnvironment(environment: string | undefined): boolean {
  return environment !== undefined && PRODUCTION_ENVIRONMENTS.has(environment);
}

/**
 * Production judged from a plan's recorded config: its `isProduction` flag (what the components
 * acted on), else its `environment`; a plan with neither falls back to the stack's name, read
 * with the same rule (so `production` counts as much as `prod`).
 */
export function isProductionPlanConfig(config: { isProduction?: unknown; environment?: unknown } | undefined, stack: string): boolean {
  if (typeof config?.isProduction === "boolean") return config.isProduction;
  if (typeof config?.environment === "string") return isProductionEnvironment(config.environment);
  return isProductionEnvironment(stack);
}
