/**
 * From the engine's wire form to plain values a validator can read. Secrets are unwrapped (their
 * paths remembered, so no message ever prints a secret's value) and values unknown until deploy
 * are taken out (their paths remembered, so a check skips them instead of guessing: an unknown
 * zone id is not a contract failure). A null input is unset for Pulumi, so it is dropped too.
 */
import { isSecret, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER, UNKNOWN_VALUE } from "../plan/types";
import { isUnder, type Path } from "./paths";

/** The string a redacted plan (`--json`) shows for an unknown value. */
const REDACTED_UNKNOWN = UNKNOWN_PLACEHOLDER;

export interface PlainValue {
  /** The value with secrets unwrapped and unknown values removed from objects (kept in arrays). */
  value: unknown;
  /** Paths whose value is unknown before deployment (or hidden by redaction). */
  unknown: Path[];
  /** Paths whose value is secret. */
  secret: Path[];
}

export function toPlain(wire: unknown): PlainValue {
  const unknown: Path[] = [];
  const secret: Path[] = [];
  const walk = (value: unknown, path: Path, inSecret: boolean): unknown => {
    if (isSecret(value)) {
      if (!inSecret) secret.push(path);
      return walk(value.value, path, true);
    }
    // A redacted plan replaced secrets with "[secret]": their value is as good as unknown here.
    if (value === UNKNOWN_VALUE || value === REDACTED_UNKNOWN || value === SECRET_PLACEHOLDER) {
      unknown.push(path);
      return UNKNOWN_VALUE;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], inSecret));
    if (typeof value === "object" && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const plain = walk(v, [...path, k], inSecret);
        // Pulumi treats a null input as unset: it is not sent.
        if (plain !== UNKNOWN_VALUE && plain !== null) out[k] = plain;
      }
      return out;
    }
    return value;
  };
  return { value: walk(wire, [], false), unknown, secret };
}

/** True when the value at `path` (or a value above it) is unknown. */
export function isUnknownAt(plain: PlainValue, path: Path): boolean {
  return plain.unknown.some((u) => isUnder(path, u));
}

/** True when the value at `path` is, or lies inside, a secret. */
export function isSecretAt(plain: PlainValue, path: Path): boolean {
  return plain.secret.some((s) => isUnder(path, s));
}

/** Reads a value at a path of a plain value (undefined when absent). */
export function valueAt(value: unknown, path: Path): unknown {
  let cur: unknown = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** A value for a message: JSON, or "[secret]" when it is secret, cut to a readable length. */
export function showValue(plain: PlainValue, path: Path, value: unknown): string {
  if (isSecretAt(plain, path)) return SECRET_PLACEHOLDER;
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
