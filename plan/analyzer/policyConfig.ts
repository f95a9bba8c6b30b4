/**
 * Policy pack config as the Pulumi CLI applies it (`--policy-pack-config file.json`): keys are
 * policy names or "all"; a value is an enforcement level, or an object with an optional
 * `enforcementLevel` and the policy's own properties. Every policy then gets its config with the
 * JSON-schema defaults filled in, which is what the engine sends in `Configure`.
 * Pure functions; errors list every problem at once, by key path.
 */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevelName = (typeof ENFORCEMENT_LEVELS)[number];

export interface PolicyDescriptor {
  name: string;
  enforcementLevel: EnforcementLevelName;
  /** JSON schema `properties` of the policy's config, if any. */
  configProperties?: Record<string, JsonSchema>;
  required?: string[];
}

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
  default?: unknown;
  [key: string]: unknown;
}

export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevelName;
  properties: Record<string, unknown>;
}

export class PolicyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid policy pack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyConfigError";
  }
}

function isLevel(value: unknown): value is EnforcementLevelName {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

const LEVEL_EXPECTED = `one of ${ENFORCEMENT_LEVELS.join(", ")} is expected`;

/** Why `value` does not fit `schema` (the subset of JSON schema our policies use), or undefined. */
export function schemaProblem(value: unknown, schema: JsonSchema): string | undefined {
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    return `${JSON.stringify(value)} is not allowed; one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")} is expected`;
  }
  switch (schema.type) {
    case undefined:
      return undefined;
    case "string":
      return typeof value === "string" ? undefined : `${JSON.stringify(value)} is not a string`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `${JSON.stringify(value)} is not a boolean`;
    case "number":
    case "integer": {
      if (typeof value !== "number" || (schema.type === "integer" && !Number.isInteger(value))) return `${JSON.stringify(value)} is not an ${schema.type === "integer" ? "integer" : "number"}`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${value} is below the minimum ${schema.minimum}`;
      return undefined;
    }
    case "array": {
      if (!Array.isArray(value)) return `${JSON.stringify(value)} is not an array`;
      if (!schema.items) return undefined;
      for (let i = 0; i < value.length; i++) {
        const p = schemaProblem(value[i], schema.items);
        if (p) return `[${i}]: ${p}`;
      }
      return undefined;
    }
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value) ? undefined : `${JSON.stringify(value)} is not an object`;
    default:
      return undefined;
  }
}

/** Each policy's effective config, from the pack's policies and a config file's content. */
/**
 * Resolves each policy's level and settings: schema defaults, then the stack's facts (values for
 * settings of the same name, e.g. `zoneName` or `environment`, known from the stack config), then
 * the config file's values, which always win.
 */
export function resolvePolicyConfig(
  policies: readonly PolicyDescriptor[],
  config: Record<string, unknown> = {},
  facts: Record<string, unknown> = {},
): Map<string, ResolvedPolicyConfig> {
  const problems: string[] = [];
  const byName = new Map(policies.map((p) => [p.name, p]));

  let allLevel: EnforcementLevelName | undefined;
  const all = config.all;
  if (all !== undefined) {
    const level = typeof all === "object" && all !== null ? (all as Record<string, unknown>).enforcementLevel : all;
    if (isLevel(level)) allLevel = level;
    else problems.push(`all: ${JSON.stringify(level)} is not an enforcement level; ${LEVEL_EXPECTED}`);
    if (typeof all === "object" && all !== null) {
      for (const key of Object.keys(all)) if (key !== "enforcementLevel") problems.push(`all.${key}: only enforcementLevel can be set for all policies`);
    }
  }
  for (const key of Object.keys(config)) {
    if (key !== "all" && !byName.has(key)) problems.push(`${key}: no policy of that name in the pack; known policies: ${[...byName.keys()].join(", ")}`);
  }

  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const policy of policies) {
    const given = config[policy.name];
    let level: EnforcementLevelName = allLevel ?? policy.enforcementLevel;
    const properties: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configProperties ?? {})) {
      if (schema.default !== undefined) properties[key] = structuredClone(schema.default);
      if (facts[key] !== undefined && schemaProblem(facts[key], schema) === undefined) properties[key] = structuredClone(facts[key]);
    }
    if (typeof given === "string") {
      if (isLevel(given)) level = given;
      else problems.push(`${policy.name}: ${JSON.stringify(given)} is not an enforcement level; ${LEVEL_EXPECTED}`);
    } else if (given !== null && typeof given === "object" && !Array.isArray(given)) {
      for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
        if (key === "enforcementLevel") {
          if (isLevel(value)) level = value;
          else problems.push(`${policy.name}.enforcementLevel: ${JSON.stringify(value)} is not an enforcement level; ${LEVEL_EXPECTED}`);
          continue;
        }
        const schema = policy.configProperties?.[key];
        if (!schema) {
          const known = Object.keys(policy.configProperties ?? {});
          problems.push(`${policy.name}.${key}: the policy has no such setting; ${known.length ? `known settings: ${known.join(", ")}` : "it takes only enforcementLevel"}`);
          continue;
        }
        const problem = schemaProblem(value, schema);
        if (problem) problems.push(`${policy.name}.${key}: ${problem}`);
        else properties[key] = value;
      }
    } else if (given !== undefined) {
      problems.push(`${policy.name}: an enforcement level or an object of settings is expected`);
    }
    for (const key of policy.required ?? []) {
      if (properties[key] === undefined) problems.push(`${policy.name}.${key}: required setting is missing`);
    }
    resolved.set(policy.name, { enforcementLevel: level, properties });
  }
  if (problems.length) throw new PolicyConfigError(problems);
  return resolved;
}
