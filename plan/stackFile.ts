/**
 * Reads a project's Pulumi.yaml and a stack file the way the Pulumi CLI would hand them to the
 * program: namespaced keys, project defaults applied (the SDK does not apply them by itself),
 * structured values as JSON text, `secure:` values marked secret with their value unknown.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import type { RawConfigValue } from "../components/config";
import { UNKNOWN_VALUE } from "./types";

/** A problem with a file the user pointed us at (missing, unreadable, malformed). */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export interface StackFile {
  project: string;
  stack: string;
  /** The stack file that was read. */
  file: string;
  /** Raw values by namespaced key, for the config parser. */
  raw: Record<string, RawConfigValue>;
  /** The same values as the Pulumi runtime receives them (strings; secrets unknown). */
  runtimeConfig: Record<string, string>;
  secretKeys: string[];
  /** Pulumi.yaml's `runtime.options.nodeargs`, the flags the language host gives node, one per item (see runtimeNodeArgs). */
  nodeArgs: string[];
}

/** Limits of a stack file: real ones are a few kilobytes, a handful of levels deep, with few aliases. */
export const STACK_FILE_LIMITS = { bytes: 1_000_000, depth: 32, aliases: 100, stringLength: 8_192 } as const;

/** Keys that would reach an object's prototype when assigned (prototype pollution): refused everywhere. */
export const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** At most `limit` bytes of a file, read in chunks so a device (`/dev/zero`) or a huge file cannot exhaust memory. */
export function readBounded(file: string, limit: number): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(65_536, limit + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) throw new StackFileError(`${file} is larger than ${limit} bytes; a stack file is expected (a few kilobytes)`);
    }
    return Buffer.concat(chunks);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file as UTF-8 text without control characters (tab and line breaks aside); the error names the line. */
function decodeText(file: string, bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new StackFileError(`${file} is not UTF-8 text (Latin-1 or binary?); save it as UTF-8`);
  }
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split("\n").length;
    throw new StackFileError(`${file} line ${line}: control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()} is not allowed in a stack file; remove it`);
  }
  return text;
}

/** Refuses prototype keys, nesting deeper than the limit and over-long strings, naming the key path. */
function checkShape(file: string, value: unknown): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: "", depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string" && v.length > STACK_FILE_LIMITS.stringLength) {
      throw new StackFileError(`${file}: ${path || "(top level)"} is ${v.length} characters long; at most ${STACK_FILE_LIMITS.stringLength} are expected`);
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth > STACK_FILE_LIMITS.depth) throw new StackFileError(`${file}: ${path} is nested more than ${STACK_FILE_LIMITS.depth} levels deep`);
    for (const key of Object.keys(v)) {
      const child = Array.isArray(v) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(v) && PROTOTYPE_KEYS.has(key)) throw new StackFileError(`${file}: ${child}: the key "${key}" is not allowed (it would reach JavaScript's object prototype)`);
      stack.push({ value: (v as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
}

function readYaml(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readBounded(file, STACK_FILE_LIMITS.bytes);
  } catch (err) {
    if (err instanceof StackFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new StackFileError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message}`);
  }
  const text = decodeText(file, bytes);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new StackFileError(`${file} is not valid YAML:\n${doc.errors.map((e) => `  ${e.message.split("\n")[0]}`).join("\n")}`);
  }
  let value: unknown;
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"); a self-referencing alias also throws here.
    value = doc.toJS({ maxAliasCount: STACK_FILE_LIMITS.aliases, mapAsMap: false });
  } catch (err) {
    throw new StackFileError(`${file}: YAML aliases cannot be expanded (${(err as Error).message.split("\n")[0]}); write the values out instead of using more than ${STACK_FILE_LIMITS.aliases} aliases or recursive ones`);
  }
  checkShape(file, value);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces nested `{secure: ...}` values by the unknown sentinel; reports whether any was found. */
function stripSecure(value: unknown): { value: unknown; secret: boolean } {
  if (isObject(value) && Object.keys(value).length === 1 && typeof value.secure === "string") return { value: UNKNOWN_VALUE, secret: true };
  if (Array.isArray(value)) {
    const parts = value.map(stripSecure);
    return { value: parts.map((p) => p.value), secret: parts.some((p) => p.secret) };
  }
  if (isObject(value)) {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const part = stripSecure(v);
      out[k] = part.value;
      secret ||= part.secret;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

export interface LoadStackFileOptions {
  /** The folder holding Pulumi.yaml. */
  projectDir: string;
  /** The stack name; the file is Pulumi.<stack>.yaml unless `configFile` is given. */
  stack?: string;
  configFile?: string;
}

export function loadStackFile(options: LoadStackFileOptions): StackFile {
  const projectFile = path.join(options.projectDir, "Pulumi.yaml");
  const project = readYaml(projectFile);
  if (!isObject(project) || typeof project.name !== "string") throw new StackFileError(`${projectFile} has no project name`);

  const file = options.configFile ? path.resolve(options.configFile) : path.join(options.projectDir, `Pulumi.${options.stack ?? "staging"}.yaml`);
  const stack = options.stack ?? path.basename(file).replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
  const stackDoc = readYaml(file) ?? {};
  if (!isObject(stackDoc)) throw new StackFileError(`${file}: a mapping with a "config:" key is expected`);
  const config = stackDoc.config ?? {};
  if (!isObject(config)) throw new StackFileError(`${file}: "config:" must be a mapping of keys to values`);

  const raw: Record<string, RawConfigValue> = {};
  const namespaced = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  // Project-level config first, then the stack's values over it. As the CLI reads Pulumi.yaml: a
  // typed key's `default`, a provider key's `value` (`aws:region: {value: ...}`), or the shorthand
  // `key: value`. A key declared with only a type (environment, domain) gets nothing here: every
  // stack must set it, and the config schema says so with the key path when one does not.
  if (isObject(project.config)) {
    for (const [key, spec] of Object.entries(project.config)) {
      const value = isObject(spec) ? (spec.default ?? spec.value) : spec;
      if (value !== undefined && value !== null) raw[namespaced(key)] = { value, secret: false };
    }
  }
  for (const [key, value] of Object.entries(config)) raw[namespaced(key)] = stripSecure(value);

  const runtimeConfig: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    runtimeConfig[key] = typeof entry.value === "string" ? entry.value : JSON.stringify(entry.value);
    if (entry.secret) secretKeys.push(key);
  }
  return { project: project.name, stack, file, raw, runtimeConfig, secretKeys, nodeArgs: runtimeNodeArgs(project, projectFile) };
}

/**
 * `runtime.options.nodeargs` ("custom arguments to pass to the node runtime", Pulumi project file
 * reference), one flag per whitespace-separated word; none for a bare `runtime: nodejs`. Quoted
 * arguments with spaces are not supported here: ours are plain flags and paths.
 */
function runtimeNodeArgs(project: Record<string, unknown>, projectFile: string): string[] {
  const runtime = project.runtime;
  const options = isObject(runtime) ? runtime.options : undefined;
  const nodeargs = isObject(options) ? options.nodeargs : undefined;
  if (nodeargs === undefined || nodeargs === null) return [];
  if (typeof nodeargs !== "string") throw new StackFileError(`${projectFile}: runtime.options.nodeargs must be a string of node flags, e.g. "--import tsx"`);
  return nodeargs.split(/\s+/).filter(Boolean);
}
