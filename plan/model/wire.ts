/**
 * The special values a plan carries, in its two forms: the in-memory wire form the Pulumi engine
 * uses (a serialized secret object, the UNKNOWN_VALUE sentinel) and the printed `plan --json` form
 * ("[secret]", "[unknown]"). One home for these markers: the writer, redaction and every reader
 * import them from here.
 */

/** Pulumi's marker key for special values in serialized properties (@pulumi/pulumi runtime/rpc). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature value that marks a serialized secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The engine's sentinel for a value that is not known until deployment. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** What a secret becomes in printed or JSON plan output. */
export const SECRET_PLACEHOLDER = "[secret]";
/** What a value unknown before deployment becomes in `plan --json` output. */
export const UNKNOWN_PLACEHOLDER = "[unknown]";

/** A serialized secret, as the engine carries it. */
export interface SerializedSecret {
  [SECRET_SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

export function isSecret(value: unknown): value is SerializedSecret {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** The plain value behind a possibly-secret wire value (UNKNOWN_VALUE stays as it is). */
export function reveal(value: unknown): unknown {
  return isSecret(value) ? value.value : value;
}

/** Unknown before deployment, in either form. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_PLACEHOLDER || value === UNKNOWN_VALUE;
}

/** A secret, in either form. */
export function isSecretValue(value: unknown): boolean {
  return value === SECRET_PLACEHOLDER || isSecret(value);
}
