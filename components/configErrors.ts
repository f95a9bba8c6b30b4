/**
 * Turns zod issues into messages a user can act on: the full key path as it appears in the stack
 * file (`launch-ready:hosts[2].origin`), the bad value, and what is expected.
 */
import type { z } from "zod";

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

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Zod 4 keeps wrapped schemas under `_zod.def.innerType` (optional, default, prefault...). */
function unwrap(schema: unknown): unknown {
  let cur = schema as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 10 && cur?._zod?.def; i++) {
    const def = cur._zod.def;
    if (def.innerType) cur = def.innerType as typeof cur;
    else break;
  }
  return cur;
}

/** The keys an object schema at `path` accepts, for "unknown key" messages. */
export function knownKeysAt(schema: unknown, path: ReadonlyArray<PropertyKey>): string[] | undefined {
  let cur = unwrap(schema) as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (const key of path) {
    const def = cur?._zod?.def;
    if (!def) return undefined;
    if (def.type === "object") cur = unwrap((def.shape as Record<string, unknown>)[String(key)]) as typeof cur;
    else if (def.type === "array") cur = unwrap(def.element) as typeof cur;
    else return undefined;
  }
  const def = cur?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : undefined;
}

const ARTICLE = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** One or more user-facing issues for a zod issue (an unknown-keys issue names each key). */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: unknown, namespace: string): Array<{ path: string; message: string }> {
  const value = valueAt(input, issue.path);
  const at = (path: ReadonlyArray<PropertyKey>, message: string) => ({ path: formatPath(namespace, path), message });
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(schema, issue.path);
      return issue.keys.map((key) =>
        at([...issue.path, key], `is not a known key${known ? `; expected one of: ${known.join(", ")}` : ""} (check the spelling)`),
      );
    }
    case "invalid_type":
      if (value === undefined) return [at(issue.path, `is missing; ${ARTICLE(issue.expected)} is expected`)];
      return [at(issue.path, `${showValue(value)} is ${Array.isArray(value) ? "a list" : ARTICLE(value === null ? "null" : typeof value)}; ${ARTICLE(issue.expected)} is expected`)];
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
