/**
 * Which config key names hold credentials. One judgement for the whole project: the config loader
 * refuses a plaintext value under such a key, and `secrets-scan` reports one in any stack file,
 * so a key the scanner flags is a key `plan` and `pulumi up` refuse, and the other way round.
 */

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
 * config section ("secrets"), a route or page of the app ("passwordReset: /password/reset", a rate
 * limit or smoke route named after the password-reset flow). They only apply when the name does
 * not itself end with a secret word ("databaseUrl" and "passwordResetToken" stay secret, "tokenUrl"
 * and "passwordReset" do not).
 */
export const METADATA_SUFFIXES = [
  "arn", "arns", "name", "names", "id", "ids", "ttl", "length", "days", "seconds", "minutes", "hours",
  "enabled", "version", "path", "file", "url", "uri", "region", "count", "header", "type", "kind",
  "secrets", "reset", "route", "routes", "page", "policy",
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

/** Booleans, nulls and empty strings cannot be credentials; strings and numbers (PINs) can. */
export function holdsSecretMaterial(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  return typeof value === "number" || typeof value === "bigint";
}
