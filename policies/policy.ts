/**
 * The one way this pack defines a policy: metadata checked once, checks written as plain functions
 * over a `ResourceView` (plain props, known secret paths, options), and a wrapper that fails closed.
 *
 * Conventions (README.md): kebab-case `name`; `description` starting "Checks whether"; a `severity`;
 * `remediation` that says what to change; `enforcementLevel` mandatory unless stated; violation
 * messages of the form "X must Y.".
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PropertyPath, secretPathsOf, unwrapProps } from "./wire";

export type Severity = "low" | "medium" | "high" | "critical";

export interface PolicyMeta {
  /** kebab-case, unique in the pack (registry.ts refuses duplicates). */
  name: string;
  /** "Checks whether ...": what the policy looks at. */
  description: string;
  severity: Severity;
  /** What the engineer should change when the policy reports a violation. */
  remediation: string;
  /** @default "mandatory" */
  enforcementLevel?: EnforcementLevel;
  /** JSON schema of the per-stack config (with defaults); `enforcementLevel` is added by the engine. */
  configSchema?: PolicyConfigSchema;
}

/** A resource as a check sees it: plain data, no proxies. */
export interface ResourceView {
  type: string;
  name: string;
  urn: string;
  /** Inputs with secrets unwrapped; unknown values stay as the engine's sentinel strings (wire.ts isUnknown). */
  props: Record<string, unknown>;
  /** Paths of the inputs that were Pulumi secrets; undefined when that cannot be known (fail closed). */
  secretPaths: PropertyPath[] | undefined;
  protect: boolean;
  parentUrn?: string;
  /** Stack checks only: URNs each input depends on (e.g. `zoneId` -> the Zone's URN). */
  propertyDependencies: Record<string, string[]>;
}

/** Reports one violation; `urn` defaults to the resource being checked (resource policies). */
export type Report = (message: string, urn?: string) => void;

export interface ResourceCheckContext<C> {
  config: C;
}

export interface ResourcePolicyDefinition<C> extends PolicyMeta {
  /** Type tokens the check applies to (other resources are skipped before it runs), or "all". */
  resourceTypes: readonly string[] | "all";
  check: (resource: ResourceView, report: Report, ctx: ResourceCheckContext<C>) => void;
}

export interface StackPolicyDefinition<C> extends PolicyMeta {
  check: (resources: ResourceView[], report: Report, ctx: ResourceCheckContext<C>) => void;
}

/** What the pack exports per policy: the @pulumi/policy object plus our metadata, for tests and docs. */
export type PackPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { remediation: string; severity: Severity };

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Throws at pack load when a policy's metadata breaks the conventions, so a bad policy never ships. */
export function checkMeta(meta: PolicyMeta): void {
  const problems: string[] = [];
  if (!KEBAB.test(meta.name)) problems.push(`name ${JSON.stringify(meta.name)} must be kebab-case`);
  if (!meta.description.startsWith("Checks whether ")) problems.push("description must start with \"Checks whether \"");
  if (!meta.remediation.trim()) problems.push("remediation must say what to change");
  if (meta.configSchema?.properties && "enforcementLevel" in meta.configSchema.properties) {
    problems.push("configSchema must not declare enforcementLevel (the engine adds it)");
  }
  if (problems.length) throw new Error(`policy ${meta.name}: ${problems.join("; ")}`);
}

function viewOf(r: { type: string; name: string; urn: string; props: unknown; opts: { protect: boolean; parent?: string } }): ResourceView {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: unwrapProps(r.props),
    secretPaths: secretPathsOf(r.props),
    protect: r.opts.protect,
    parentUrn: r.opts.parent,
    propertyDependencies: {},
  };
}

function stackViewOf(r: PolicyResource): ResourceView {
  const view = viewOf(r);
  view.parentUrn = r.parent?.urn ?? view.parentUrn;
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) view.propertyDependencies[key] = deps.map((d) => d.urn);
  return view;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The SDK turns this error into an advisory "can't run during preview" diagnostic: let it through. */
function isUnknownValueError(err: unknown): boolean {
  return err instanceof Error && err.constructor.name === "UnknownValueError";
}

function failClosedMessage(name: string, err: unknown): string {
  return `Policy ${name} must complete to pass, but it failed: ${errorText(err)}. Fix the policy or the input it choked on.`;
}

function common(meta: PolicyMeta) {
  checkMeta(meta);
  return {
    name: meta.name,
    description: meta.description,
    enforcementLevel: meta.enforcementLevel ?? "mandatory",
    severity: meta.severity,
    remediationSteps: meta.remediation,
    remediation: meta.remediation,
    ...(meta.configSchema ? { configSchema: meta.configSchema } : {}),
  };
}

export function resourcePolicy<C extends object = Record<string, never>>(def: ResourcePolicyDefinition<C>): PackPolicy {
  const types = def.resourceTypes === "all" ? undefined : new Set(def.resourceTypes);
  return {
    ...common(def),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (types && !types.has(args.type)) return;
      const report: Report = (message, urn) => reportViolation(message, urn ?? args.urn);
      try {
        def.check(viewOf(args), report, { config: args.getConfig<C>() });
      } catch (err) {
        if (isUnknownValueError(err)) throw err;
        report(failClosedMessage(def.name, err));
      }
    },
  };
}

export function stackPolicy<C extends object = Record<string, never>>(def: StackPolicyDefinition<C>): PackPolicy {
  return {
    ...common(def),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const report: Report = (message, urn) => reportViolation(message, urn);
      try {
        def.check(args.resources.map(stackViewOf), report, { config: args.getConfig<C>() });
      } catch (err) {
        if (isUnknownValueError(err)) throw err;
        report(failClosedMessage(def.name, err));
      }
    },
  };
}
