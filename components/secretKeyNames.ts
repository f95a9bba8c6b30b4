/**
 * Which config key names hold credentials. One judgement for the whole project: the config loader
 * refuses a plaintext value under such a key, and `secrets-scan` reports one in any stack file,
 * so a key the scanner flags is a key `plan` and `pulumi up` refuse, and the other way round.
 */
import { UNKNOWN_VALUE } from "../plan/model/wire";

/**
 * Words that make a key name look secret, matched in the name lower-cased with separators removed
 * ("webhook_secret", "webhookSecret" and "webhook-secret" all become "webhooksecret").
 * "secret" also covers clientSecret, webhookSecret, secretKey; "token" covers apiToken, authToken;
 * "webhookurl" is there because chat webhook URLs carry their token in the path.
 */
export const SECRET_KEY_WORDS = [
  "token", "secret", "password", "passwd", "passphrase", "apikey", "privatekey", "accesskey",
  "signingkey", "encryptionkey", "authkey", "credential", "dsn", "connectionstring", "databaseurl",
  "webhookurl",
] as const;

/**
 * Endings that make a secret-looking name describe a secret instead of holding one: the ARN or
 * name of a Secrets Manager secret, a token's lifetime, a password policy's length, a flag, a
 * config section ("secrets"), a KMS key's alias ("secretsKeyAlias"), a route or page of the app ("passwordReset: /password/reset", a rate
 * limit or smoke route named after the password-reset flow). They only apply when the name does
 * not itself end with a secret word ("databaseUrl" and "passwordResetToken" stay secret, "tokenUrl"
 * and "passwordReset" do not).
 */
export const METADATA_SUFFIXES = [
  "arn", "arns", "name", "names", "id", "ids", "ttl", "length", "days", "seconds", "minutes", "hours",
  "enabled", "version", "path", "file", "url", "uri", "region", "count", "header", "type", "kind",
  "secrets", "reset", "route", "routes", "page", "policy", "alias",
] as const;

function normalize(keyName: string): string {
  return keyName.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Whether a config key name (without its "project:" namespace) looks like it holds a credential. */
export function isSecretLookingKey(keyName: string): boolean {
  const name = normalize(keyName);
  if (!SECRET_KEY_WORDS.some((w) => name.includes(w))) return false;
  if (SECRET_KEY_WORDS.some((w) => name.endsWith(w))) return true;
  return !METADATA_SUFFIXES.some((s) => name.endsWith(s));
}

/** Plural identifier endings: a map under such a name is keyed by the things it identifies. */
const IDENTIFIER_MAP_SUFFIXES = ["arns", "names", "ids", "paths"] as const;

/**
 * Whether a name is a map of identifiers of secrets (`secretArns`, `secretNames`, `tokenIds`): the
 * keys under it name the secrets it describes (`secretNames: {stripe-webhook-signing-key: ...}`) and
 * hold none. Not a section like `secrets`, under which `apiToken` is still a credential.
 */
export function describesSecrets(keyName: string): boolean {
  const name = normalize(keyName);
  return SECRET_KEY_WORDS.some((w) => name.includes(w)) && IDENTIFIER_MAP_SUFFIXES.some((s) => name.endsWith(s));
}

/** Booleans, nulls and empty strings cannot be credentials; strings and numbers (PINs) can. */
export function holdsSecretMaterial(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  return typeof value === "number" || typeof value === "bigint";
}

/**
 * The key paths under one config key that hold plaintext where a secret is required, judged key by
 * key at any depth the way secrets-scan judges a stack file: a map's entries by their own names, a
 * list's items by the list's name (`apiTokens: [a, b]` holds tokens). Paths read like the
 * scanner's: `launch-ready:apiToken`, `launch-ready:stripe.webhookSecret`, `launch-ready:apiTokens[0]`.
 *
 * `secret` is the key's own flag. Offline, a `{secure: ...}` leaf arrives as the unknown sentinel
 * and its plaintext siblings as themselves, so those siblings are judged. Under `pulumi up` a
 * secret key arrives decrypted as a whole and a once-secure leaf cannot be told from a plaintext
 * one: such a value is not judged (the offline plan and secrets-scan in CI have judged it).
 */
export function plaintextSecretPaths(fullKey: string, keyName: string, value: unknown, secret: boolean): string[] {
  if (secret && !holdsSecureLeaf(value)) return [];
  const found: string[] = [];
  const visit = (v: unknown, name: string, path: string): void => {
    if (v === UNKNOWN_VALUE || isSecureObject(v)) return;
    if (Array.isArray(v)) return v.forEach((item, i) => visit(item, name, `${path}[${i}]`));
    if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v)) visit(child, k, `${path}.${k}`);
      return;
    }
    if (isSecretLookingKey(name) && holdsSecretMaterial(v)) found.push(path);
  };
  visit(value, keyName, fullKey);
  return found;
}

/** A `{secure: "v1:..."}` value as a stack file writes it. */
export function isSecureObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>).secure === "string";
}

/** Whether a value holds an encrypted leaf (offline, a secret key keeps its plaintext siblings as themselves). */
export function holdsSecureLeaf(v: unknown): boolean {
  if (v === UNKNOWN_VALUE || isSecureObject(v)) return true;
  if (Array.isArray(v)) return v.some(holdsSecureLeaf);
  if (typeof v === "object" && v !== null) return Object.values(v).some(holdsSecureLeaf);
  return false;
}

/** Values that are not plaintext offline: a `{secure: ...}` leaf, or the unknown sentinel it becomes. */
export function isEncryptedLeaf(v: unknown): boolean {
  return v === UNKNOWN_VALUE || isSecureObject(v);
}
