/**
 * Reading values out of a plan in either of its two forms: the in-memory wire form (serialized
 * secret objects, the engine's UNKNOWN_VALUE) and the printed `plan --json` form ("[secret]",
 * "[unknown]"). Tools never need to know which one they were given.
 */
import { isSecret, isSecretValue, isUnknown, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "../model/wire";

// The markers and their tests live in the plan model; re-exported for the readers that import them here.
export { isSecretValue, isUnknown, UNKNOWN_PLACEHOLDER };

/** A string that is known and not secret, else undefined. */
export function knownString(value: unknown): string | undefined {
  return typeof value === "string" && !isUnknown(value) && value !== SECRET_PLACEHOLDER ? value : undefined;
}

export function knownNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

