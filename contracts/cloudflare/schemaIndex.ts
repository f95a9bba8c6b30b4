/**
 * The generated Cloudflare schema (contracts/schemas/cloudflare.schema.json) and what the checks
 * ask of it: definitions by name, the members of a union keyed by a discriminating constant
 * (rules by `action`, DNS records by `type`, zone settings by `id`), and the object shape at a
 * point (for the key conversion in apiShape.ts).
 */
import schemaJson from "../schemas/cloudflare.schema.json";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
};

export interface ObjectShape {
  properties: Map<string, JsonSchema>;
  /** The schema of a free-form map's values (`Record<string, X>`), when the object is one. */
  additional?: JsonSchema;
}

/**
 * The generated schema with nullable unions (`X | null`, from the SDK's optional nullable fields)
 * narrowed to X. Pulumi treats a null input as unset (and toPlain drops nulls), so null never
 * reaches the validator, and a wrong value inside X is then reported at its own field instead of
 * as "matches none of X | null".
 */
export const CLOUDFLARE_SCHEMA = withoutNullMembers(schemaJson) as JsonSchema & { definitions: Record<string, JsonSchema> };
/** The id under which the schema is registered with the validator. */
export const CLOUDFLARE_SCHEMA_ID = "cloudflare";

export class SchemaIndex {
  constructor(private readonly root: JsonSchema & { definitions: Record<string, JsonSchema> }) {}

  definition(name: string): JsonSchema {
    const def = this.root.definitions[name];
    if (!def) throw new Error(`the contract schema has no definition "${name}": regenerate it (npm run contracts:schemas)`);
    return def;
  }

  /** Follows $refs (`#/definitions/X`) to the schema they name. */
  resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let hops = 0; s.$ref !== undefined; hops++) {
      if (hops > 50) throw new Error(`$ref cycle at ${schema.$ref}`);
      s = this.definition(decodeURIComponent(s.$ref.replace(/^#\/definitions\//, "")));
    }
    return s;
  }

  /** The schemas a union stands for, flattened and resolved (a non-union is its own only member). */
  members(schema: JsonSchema): JsonSchema[] {
    const s = this.resolve(schema);
    const parts = s.anyOf ?? s.oneOf;
    if (!parts) return [s];
    return parts.flatMap((p) => this.members(p));
  }

  /**
   * The union members whose property `prop` is the constant `value` (the name of the member's
   * definition too, for a validator reference). E.g. ("CfRulesetCreate" rules items, "action").
   */
  membersByConst(union: JsonSchema, prop: string): Map<string, { ref: string; schema: JsonSchema }> {
    const out = new Map<string, { ref: string; schema: JsonSchema }>();
    const resolved = this.resolve(union);
    for (const part of resolved.anyOf ?? resolved.oneOf ?? [resolved]) {
      const member = this.resolve(part);
      const discriminator = member.properties?.[prop];
      if (!discriminator) continue;
      const d = this.resolve(discriminator);
      const values = d.const !== undefined ? [d.const] : (d.enum ?? []);
      const ref = part.$ref ?? "";
      for (const v of values) if (typeof v === "string" && !out.has(v)) out.set(v, { ref, schema: member });
    }
    return out;
  }

  objectShape(schema: JsonSchema): ObjectShape | undefined {
    const properties = new Map<string, JsonSchema[]>();
    let additional: JsonSchema[] = [];
    const visit = (s0: JsonSchema): void => {
      const s = this.resolve(s0);
      for (const part of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) visit(part);
      for (const [k, v] of Object.entries(s.properties ?? {})) properties.set(k, [...(properties.get(k) ?? []), v]);
      if (typeof s.additionalProperties === "object") additional = [...additional, s.additionalProperties];
    };
    visit(schema);
    if (properties.size === 0 && additional.length === 0) return undefined;
    return {
      properties: new Map([...properties].map(([k, v]) => [k, union(v)])),
      additional: additional.length > 0 ? union(additional) : undefined,
    };
  }

  itemsOf(schema: JsonSchema): JsonSchema | undefined {
    const items = this.members(schema).flatMap((m) => (m.items ? [m.items] : []));
    return items.length > 0 ? union(items) : undefined;
  }
}

function withoutNullMembers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNullMembers);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = withoutNullMembers(v);
  const anyOf = out.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(anyOf)) {
    const kept = anyOf.filter((m) => m.type !== "null");
    if (kept.length === 1 && Object.keys(out).length === 1) return kept[0];
    if (kept.length !== anyOf.length) out.anyOf = kept;
  }
  return out;
}

function union(schemas: JsonSchema[]): JsonSchema {
  return schemas.length === 1 ? schemas[0] : { anyOf: schemas };
}

export const cloudflareSchema = new SchemaIndex(CLOUDFLARE_SCHEMA);
