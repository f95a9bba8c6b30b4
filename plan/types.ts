/**
 * The shape of an offline plan: what `launch-ready plan` renders, `--json` prints, and the policy
 * runner, diff, handover, simulator and contract checks consume. It is the one contract between
 * the program run (plan/render.ts) and every tool that reads its result.
 *
 * Resource inputs are kept in the Pulumi engine's own wire form, so tools see exactly what the
 * engine would send a provider or a policy pack:
 *  - a secret is `{ [SECRET_SIG_KEY]: SECRET_SIG, value: <plain value, or UNKNOWN_VALUE> }`;
 *  - a value unknown before deployment (an id, a `secure:` config value) is the UNKNOWN_VALUE string.
 * `--json` output replaces every secret object with the string "[secret]" (see plan/redact.ts).
 */

/** Pulumi's marker key for special values in serialized properties (@pulumi/pulumi runtime/rpc). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature value that marks a serialized secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The engine's sentinel for a value that is not known until deployment. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** What a secret becomes in printed or JSON plan output. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A serialized secret, as the engine carries it. */
export interface SerializedSecret {
  [SECRET_SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

export interface PlannedResourceOptions {
  protect: boolean;
  deleteBeforeReplace: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  /** URNs of resources this one explicitly depends on. */
  dependencies: string[];
  /** Old URNs (or alias specs rendered as URNs) that this resource answers to. */
  aliases: string[];
  /** The provider reference (`<urn>::<id>`) when an explicit provider is used. */
  provider?: string;
  /** Output property names the provider must treat as secret. */
  additionalSecretOutputs: string[];
}

export interface PlannedResource {
  urn: string;
  /** The type token, e.g. `cloudflare:index/dnsRecord:DnsRecord`. */
  type: string;
  /** The logical name given in the program. */
  name: string;
  /** The parent's URN; absent for children of the stack itself. */
  parent?: string;
  /** False for component resources (they exist only in the program, not in a cloud). */
  custom: boolean;
  /** The inputs as the engine receives them (see the wire-form notes above). */
  inputs: Record<string, unknown>;
  options: PlannedResourceOptions;
  /**
   * Input name -> URNs that input's value came from (the RegisterResource request's
   * propertyDependencies), e.g. a DnsRecord's `zoneId` -> the Zone's URN. The analyzer passes it to
   * stack policies, which use it to join resources whose ids are unknown in preview. Optional:
   * plans written before it was recorded lack it.
   */
  propertyDependencies?: Record<string, string[]>;
}

export interface PolicyViolation {
  policyName: string;
  enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  severity: "low" | "medium" | "high" | "critical";
  message: string;
  /** The resource at fault; absent for a stack-wide finding with no single culprit. */
  urn?: string;
  remediation?: string;
}

export interface Plan {
  project: string;
  stack: string;
  /** The stack's validated config, with secret values replaced by "[secret]". */
  config: Record<string, unknown>;
  /**
   * The stack file's config as the engine hands it to a program and to analyzers: every namespace,
   * `<namespace>:<key>` -> string (JSON for structured values), secret values as "[secret]" and
   * their keys listed. Plans written before it was recorded lack it.
   */
  stackConfig?: { values: Record<string, string>; secretKeys: string[] };
  resources: PlannedResource[];
  /** The program's stack outputs (wire form as for inputs). */
  outputs: Record<string, unknown>;
  /** Set once the policy pack has run. */
  violations?: PolicyViolation[];
  /** Further sections (simulations, contracts, cost, ruleBudget...) added by later stages. */
  [section: string]: unknown;
}

export function isSecret(value: unknown): value is SerializedSecret {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** The plain value behind a possibly-secret wire value (UNKNOWN_VALUE stays as it is). */
export function reveal(value: unknown): unknown {
  return isSecret(value) ? value.value : value;
}
