/**
 * The plan contract: one zod schema for what `launch-ready plan` renders and `--json` prints, and
 * what the policy runner, diff, handover, verify, drift, simulator, cost and contract checks read.
 * The TypeScript types are inferred from it, so the writer and the readers cannot drift apart;
 * files are validated against it once, at the edge (plan/model/load.ts).
 *
 * Resource inputs are kept in the Pulumi engine's own wire form (plan/model/wire.ts): a secret is
 * `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`, a value unknown before deployment is UNKNOWN_VALUE;
 * `--json` output prints them as "[secret]" and "[unknown]" (plan/redact.ts).
 */
import { z } from "zod";
import { stackConfigSchema, type HostRole, type StackConfig } from "../../components/config";
import { hostSchema } from "../../components/schema/core";

/** Pulumi project and stack names (letters, digits, `-`, `_`, `.`, and `/` for org/project/stack): they are printed in documents and commands. */
export const pulumiNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.\/-]{0,99}$/, { error: "a Pulumi name (letters, digits, - _ . /) is expected" });

export const plannedResourceOptionsSchema = z.looseObject({
  protect: z.boolean().default(false),
  deleteBeforeReplace: z.boolean().default(false),
  retainOnDelete: z.boolean().default(false),
  ignoreChanges: z.array(z.string()).default([]),
  /** URNs of resources this one explicitly depends on. */
  dependencies: z.array(z.string()).default([]),
  /** Old URNs (or alias specs rendered as URNs) that this resource answers to. */
  aliases: z.array(z.string()).default([]),
  /** The provider reference (`<urn>::<id>`) when an explicit provider is used. */
  provider: z.string().optional(),
  /** Output property names the provider must treat as secret. */
  additionalSecretOutputs: z.array(z.string()).default([]),
});

export const plannedResourceSchema = z.looseObject({
  urn: z.string().startsWith("urn:pulumi:", { error: 'a Pulumi URN ("urn:pulumi:<stack>::<project>::<type>::<name>") is expected' }),
  /** The type token, e.g. `cloudflare:index/dnsRecord:DnsRecord` (plan/model/tokens.ts). */
  type: z.string().min(1),
  /** The logical name given in the program. */
  name: z.string(),
  /** The parent's URN; absent for children of the stack itself. */
  parent: z.string().optional(),
  /** False for component resources (they exist only in the program, not in a cloud). */
  custom: z.boolean().default(true),
  /** The inputs as the engine receives them (wire form). */
  inputs: z.record(z.string(), z.unknown()).default({}),
  options: plannedResourceOptionsSchema.prefault({}),
  /**
   * Input name -> URNs that input's value came from (the RegisterResource request's
   * propertyDependencies), e.g. a DnsRecord's `zoneId` -> the Zone's URN. Stack policies use it to
   * join resources whose ids are unknown in preview. Plans written before it was recorded lack it.
   */
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
});

export const policyViolationSchema = z.looseObject({
  policyName: z.string(),
  enforcementLevel: z.enum(["advisory", "mandatory", "remediate", "disabled"]),
  severity: z.enum(["low", "medium", "high", "critical"]),
  message: z.string(),
  /** The resource at fault; absent for a stack-wide finding with no single culprit. */
  urn: z.string().optional(),
  remediation: z.string().optional(),
});

/** Why a host exists (components/config.ts HostRole); the compile-time check below keeps the two equal. */
const HOST_ROLES = ["canonical", "redirect", "service"] as const satisfies readonly HostRole[];

/** A host as the parsed config resolves it (components/config.ts ResolvedHost). */
const resolvedHostSchema = hostSchema
  .extend({
    fqdn: z.string(),
    proxied: z.boolean(),
    sensitive: z.boolean(),
    role: z.enum(HOST_ROLES),
    ttl: z.number().int(),
    configIndex: z.number().int().optional(),
  })
  .strip();

/**
 * The stack's parsed config as a plan records it (components/config.ts StackConfig, as JSON), read
 * with the stack config's own section schemas. Every key is optional: plans written by older
 * versions of the program, or for a stack without a section, lack some.
 */
export const planConfigSchema = stackConfigSchema
  .extend({
    hosts: z.array(resolvedHostSchema),
    isProduction: z.boolean(),
    protect: z.boolean(),
    /** Config keys (namespaced) whose values are secrets, and so unknown offline. */
    secretKeys: z.array(z.string()),
  })
  .partial()
  .loose();

export const diagnosticSchema = z.object({ severity: z.enum(["debug", "info", "warning", "error"]), message: z.string() });

/** Rules used per Ruleset phase against the zone plan's limit (kernel/ruleBudget.ts). */
export const ruleBudgetLineSchema = z.object({ phase: z.string(), used: z.number(), limit: z.number().optional() });

/** The monthly cost estimate `plan` adds (plan/cost.ts writes it from the resources and the price table). */
export const costEstimateSchema = z.object({
  lines: z.array(z.object({ type: z.string(), count: z.number(), unitUsd: z.number(), monthlyUsd: z.number(), note: z.string() })),
  totalUsd: z.number(),
  priceTableDate: z.string(),
});

/** The API contract report `plan` adds (contracts/): every checked resource, with the field that fails. */
export const contractReportSchema = z.object({
  checked: z.array(
    z.object({
      urn: z.string(),
      type: z.string(),
      name: z.string(),
      status: z.enum(["passed", "failed"]),
      /** `field` in the API's own names; `message` says what the API expects (never a secret's value). */
      failures: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
  summary: z.object({ passed: z.number(), failed: z.number() }),
});

/** One `--simulate` request through the planned edge rules (plan/simulate.ts). */
export const simulationSchema = z.object({
  /** The request as given. */
  request: z.string(),
  /** False when Cloudflare never sees the request (host outside the zone, or a DNS-only host). */
  reachesEdge: z.boolean(),
  matches: z.array(z.object({ phase: z.string(), ref: z.string() })),
  redirect: z.object({ status: z.number(), location: z.string() }).nullable(),
  /** Rate limiting rules whose counter this request increments. */
  rateLimitRefs: z.array(z.string()),
  /** True when a custom WAF rule blocks the request. */
  blocked: z.boolean(),
  accessRequired: z.boolean(),
  cache: z.enum(["eligible", "bypass", "default"]),
  /** Response headers the transform rules add (after removals). */
  headers: z.record(z.string(), z.string()),
  notes: z.array(z.string()),
});

export const planSchema = z.looseObject({
  project: pulumiNameSchema,
  stack: pulumiNameSchema,
  /** The stack's validated config, with defaults (secret keys are listed, never their values). */
  config: planConfigSchema.prefault({}),
  /**
   * The stack file's config as the engine hands it to a program and to analyzers: every namespace,
   * `<namespace>:<key>` -> string (JSON for structured values), secret values as "[secret]" and
   * their keys listed. Plans written before it was recorded lack it.
   */
  stackConfig: z.object({ values: z.record(z.string(), z.string()), secretKeys: z.array(z.string()) }).optional(),
  resources: z.array(plannedResourceSchema),
  /** The program's stack outputs (wire form as for inputs). */
  outputs: z.record(z.string(), z.unknown()).default({}),
  /** Set once the policy pack has run. */
  violations: z.array(policyViolationSchema).optional(),
  /** Warnings of the config and the program run. */
  diagnostics: z.array(diagnosticSchema).optional(),
  ruleBudget: z.array(ruleBudgetLineSchema).optional(),
  /**
   * The policy settings the pack judged this plan by (policies/config/<stack>.json as derived, or
   * the --policy-config file): policy name -> settings, or "all" -> level. `diff` reports a head
   * weaker than its base. Plans written before it was recorded, or with --no-policies, lack it.
   */
  policySettings: z.record(z.string(), z.unknown()).optional(),
  /** What `plan` adds beside the render: the cost estimate, the contract report, `--simulate`'s answers. */
  cost: costEstimateSchema.optional(),
  contracts: contractReportSchema.optional(),
  simulations: z.array(simulationSchema).optional(),
  // `existing` (plan --existing) is adopt's report of the zone as it is, typed by adopt/.
});

export type Plan = z.output<typeof planSchema>;
export type PlanConfig = z.output<typeof planConfigSchema>;
export type PlannedResource = z.output<typeof plannedResourceSchema>;
export type PlannedResourceOptions = z.output<typeof plannedResourceOptionsSchema>;
export type PolicyViolation = z.output<typeof policyViolationSchema>;
export type PlanDiagnostic = z.output<typeof diagnosticSchema>;
export type CostEstimate = z.output<typeof costEstimateSchema>;
export type CostLine = CostEstimate["lines"][number];
export type ContractReport = z.output<typeof contractReportSchema>;
export type CheckedResource = ContractReport["checked"][number];
export type ContractFailure = CheckedResource["failures"][number];
export type Simulation = z.output<typeof simulationSchema>;
export type SimulationMatch = Simulation["matches"][number];

/** Compile-time: the config the components parse is a PlanConfig, and host roles match both ways. */
type Assignable<T extends U, U> = [T, U];
export type ModelMatchesConfig = [Assignable<StackConfig, PlanConfig>, Assignable<HostRole, (typeof HOST_ROLES)[number]>];
