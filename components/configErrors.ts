/**
 * Turns zod issues into messages a user can act on: the full key path as it appears in the stack
 * file (`launch-ready:hosts[2].origin`), the bad value, and what is expected.
 */
import { z } from "zod";

/** `launch-ready:hosts[2].origin.cname`; keys that are not identifiers are quoted. */
export function formatPath(namespace: string, path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return `${namespace}`;
  const [head, ...rest] = path;
  let out = `${namespace}:${String(head)}`;
  for (const part of rest) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(part))) out += `.${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** A short, readable rendering of a config value for messages. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type SchemaNode = { _zod?: { def?: Record<string, unknown> } } | undefined;

/**
 * What a schema says about itself for messages: `.meta({ example })` (zod 4 keeps metadata in
 * `z.globalRegistry`, per schema instance, so every wrapper layer is looked at).
 */
interface SchemaMeta {
  /** A valid value, shown after "e.g." in messages. */
  example?: unknown;
}

/** Zod 4 keeps wrapped schemas under `_zod.def.innerType` (optional, default, prefault...). */
function unwrap(schema: unknown): SchemaNode {
  let cur = schema as SchemaNode;
  for (let i = 0; i < 10 && cur?._zod?.def; i++) {
    const def = cur._zod.def;
    if (def.innerType) cur = def.innerType as SchemaNode;
    else break;
  }
  return cur;
}

/** The metadata of a schema or of any wrapper around it. */
function metaOf(schema: unknown): SchemaMeta | undefined {
  let cur = schema as SchemaNode;
  for (let i = 0; i < 10 && cur?._zod?.def; i++) {
    const meta = z.globalRegistry.get(cur as unknown as z.ZodType) as SchemaMeta | undefined;
    if (meta?.example !== undefined) return meta;
    const inner = cur._zod.def.innerType as SchemaNode;
    if (!inner) break;
    cur = inner;
  }
  return undefined;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * The schema that judges the value at `path`, walking objects, arrays, records and unions; a
 * union's option is the one whose literal discriminator matches the input there (the config's
 * mail presets are told apart by `provider`). Undefined when the path cannot be followed.
 */
export function schemaAt(schema: unknown, path: ReadonlyArray<PropertyKey>, input?: unknown): SchemaNode {
  let cur = schema as SchemaNode;
  let value = input;
  for (const key of path) {
    cur = pickUnionOption(unwrap(cur), value);
    const def = cur?._zod?.def;
    if (!def) return undefined;
    if (def.type === "object") cur = (def.shape as Record<string, SchemaNode>)[String(key)];
    else if (def.type === "array") cur = def.element as SchemaNode;
    else if (def.type === "record") cur = def.valueType as SchemaNode;
    else return undefined;
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return cur;
}

function pickUnionOption(schema: SchemaNode, value: unknown): SchemaNode {
  const def = schema?._zod?.def;
  if (def?.type !== "union") return schema;
  const options = (def.options as SchemaNode[]).map(unwrap);
  const discriminator = def.discriminator as string | undefined;
  if (discriminator && value !== null && typeof value === "object") {
    const wanted = (value as Record<string, unknown>)[discriminator];
    const match = options.find((o) => {
      const field = unwrap((o?._zod?.def?.shape as Record<string, SchemaNode> | undefined)?.[discriminator])?._zod?.def;
      return field?.type === "literal" && (field.values as unknown[]).includes(wanted);
    });
    if (match) return match;
  }
  // Without a discriminator, only a union with one object option can be followed.
  const objects = options.filter((o) => o?._zod?.def?.type === "object");
  return objects.length === 1 ? objects[0] : schema;
}

/** The keys an object schema at `path` accepts, for "unknown key" messages. */
export function knownKeysAt(schema: unknown, path: ReadonlyArray<PropertyKey>, input?: unknown): string[] | undefined {
  const def = pickUnionOption(unwrap(schemaAt(schema, path, input)), valueAt(input, path))?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : undefined;
}

/**
 * What a structured value must look like, for messages: `an object {selector1, selector2}` (its
 * keys) and the schema's example when it declares one, so the user sees the shape and a value to
 * copy in the same message.
 */
export function expectedShape(schema: unknown, path: ReadonlyArray<PropertyKey>, input?: unknown): { shape?: string; example?: string } {
  const node = schemaAt(schema, path, input);
  const meta = metaOf(node);
  const def = unwrap(node)?._zod?.def;
  return {
    shape: def?.type === "object" ? `an object {${Object.keys(def.shape as Record<string, unknown>).join(", ")}}` : undefined,
    example: meta?.example !== undefined ? exampleText(meta.example) : undefined,
  };
}

/** An example as a stack file writes it (YAML flow style). */
export function exampleText(example: unknown): string {
  if (typeof example === "string") return /^[a-z0-9][\w.@/-]*$/i.test(example) ? example : JSON.stringify(example);
  if (Array.isArray(example)) return `[${example.map(exampleText).join(", ")}]`;
  if (example !== null && typeof example === "object") {
    return `{${Object.entries(example).map(([k, v]) => `${k}: ${exampleText(v)}`).join(", ")}}`;
  }
  return String(example);
}

const ARTICLE = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** One or more user-facing issues for a zod issue (an unknown-keys issue names each key). */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: unknown, namespace: string): Array<{ path: string; message: string }> {
  const value = valueAt(input, issue.path);
  const at = (path: ReadonlyArray<PropertyKey>, message: string) => ({ path: formatPath(namespace, path), message });
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(schema, issue.path, input);
      return issue.keys.map((key) =>
        at([...issue.path, key], `is not a known key${known ? `; expected one of: ${known.join(", ")}` : ""} (check the spelling)`),
      );
    }
    case "invalid_type": {
      // A key that must be absent (z.never, e.g. DMARC's removed pct): its own message says why and what to do.
      if (issue.expected === "never") return [at(issue.path, `${showValue(value)} is not allowed: ${issue.message}`)];
      // For a structured value, its keys and an example say more than "an object".
      const { shape, example } = expectedShape(schema, issue.path, input);
      const expected = `${shape ?? ARTICLE(issue.expected)} is expected${example ? `, e.g. ${example}` : ""}`;
      if (value === undefined) return [at(issue.path, `is missing; ${expected}`)];
      return [at(issue.path, `${showValue(value)} is ${Array.isArray(value) ? "a list" : ARTICLE(value === null ? "null" : typeof value)}; ${expected}`)];
    }
    case "custom":
      return [at(issue.path, issue.message)];
    default: {
      // Our schemas phrase their own errors as "... is expected"; zod's defaults get the value prefixed.
      const expected = /expected/.test(issue.message) && !/^Invalid/.test(issue.message) ? issue.message : issue.message.replace(/^Invalid input: /, "");
      if (value === undefined && issue.code === "invalid_union") return [at(issue.path, `is missing; ${expected}`)];
      return [at(issue.path, `${showValue(value)} is not valid; ${expected}`)];
    }
  }
}
