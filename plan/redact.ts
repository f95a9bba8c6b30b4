/**
 * Secret masking for anything a plan prints or writes: every serialized secret becomes
 * "[secret]", whatever it holds, wherever it sits.
 */
import { isSecret, SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "./types";

/** A deep copy with secrets masked. Unknown values stay as the engine's sentinel unless `unknownAs` is given. */
export function redact<T>(value: T, unknownAs?: string): T {
  return walk(value, unknownAs) as T;
}

function walk(value: unknown, unknownAs?: string): unknown {
  if (isSecret(value)) return SECRET_PLACEHOLDER;
  if (value === UNKNOWN_VALUE && unknownAs !== undefined) return unknownAs;
  if (Array.isArray(value)) return value.map((v) => walk(v, unknownAs));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, unknownAs);
    return out;
  }
  return value;
}
