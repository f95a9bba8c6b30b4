/**
 * Credentials judged by what they look like come from the project's one judge (kernel/credentials.ts,
 * shared with the config loader, diff's masking and secrets-scan); credentials judged by the input's
 * name are the pack's own (below).
 */
import { credentialShapeOf } from "../kernel/credentials";

/** The kind of credential `value` contains ("a Stripe live secret key"), or undefined. */
export function credentialKind(value: string): string | undefined {
  return credentialShapeOf(value)?.kind;
}

/**
 * Input names whose value is a credential whatever it looks like: an AWS secret access key or a
 * session token has no recognisable prefix, nor has a password. Matched against the input's own
 * name (the last part of its path), lower-cased without separators, exactly: `secretKey` on a
 * provider, `password`, `clientSecret`, not `passwordPolicy` or `tokenTtl`.
 */
export const CREDENTIAL_INPUT_NAMES: ReadonlySet<string> = new Set([
  "secretkey", "secretaccesskey", "sessiontoken", "token", "password", "masterpassword", "adminpassword",
  "clientsecret", "apitoken", "apikey", "privatekey", "webhooksecret", "signingsecret", "secret",
]);

/** Whether an input of this name holds a credential by its name alone. */
export function isCredentialInputName(name: string): boolean {
  return CREDENTIAL_INPUT_NAMES.has(name.toLowerCase().replace(/[^a-z0-9]/g, ""));
}
