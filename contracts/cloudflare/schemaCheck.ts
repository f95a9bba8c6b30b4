/** Checks planned inputs against one member of the generated Cloudflare schema. */
import type { Path } from "../paths";
import type { ContractFailure } from "../types";
import { toApiShape } from "./apiShape";
import { cloudflareSchema, type JsonSchema } from "./schemaIndex";
import { validateApiValue } from "./validate";

export interface SchemaMember {
  /** A JSON pointer into the schema, e.g. `#/definitions/RedirectRuleParam`. */
  ref: string;
  schema: JsonSchema;
}

export function definitionMember(name: string): SchemaMember {
  return { ref: `#/definitions/${name}`, schema: cloudflareSchema.definition(name) };
}

/**
 * Converts `inputs` (Pulumi names, wire form) to the API's names and validates them.
 * `omit`: inputs that are the provider's own, with no API field (reported nowhere).
 */
export function schemaFailures(member: SchemaMember, inputs: Record<string, unknown>, options: { prefix?: Path; omit?: readonly string[] } = {}): ContractFailure[] {
  const kept = Object.fromEntries(Object.entries(inputs).filter(([k]) => !(options.omit ?? []).includes(k)));
  const shaped = toApiShape(kept, member.schema, cloudflareSchema);
  return validateApiValue(member.ref, shaped.value, { prefix: options.prefix, inputPaths: shaped.inputPaths, inputPrefix: options.prefix });
}
