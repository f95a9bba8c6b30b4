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
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StackFileError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new StackFileError(`${file} is not valid YAML:\n${doc.errors.map((e) => `  ${e.message.split("\n")[0]}`).join("\n")}`);
  }
  return doc.toJS();
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
  return { project: project.name, stack, file, raw, runtimeConfig, secretKeys };
}
