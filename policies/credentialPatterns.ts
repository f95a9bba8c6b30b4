/**
 * Known credential formats, matched against every string input of every resource.
 *
 * Why a table of our own: secretlint's recommended preset (installed for the repo scanner) keeps
 * its regular expressions private inside bundled rule functions that lint whole files; it exports
 * no patterns, and it has no rule for Stripe or Cloudflare tokens. Only formats with a distinctive
 * prefix are listed, so a random id or hash in an input does not raise a false alarm.
 * Sources (checked 2026-11):
 *  - AWS: IAM "Unique identifiers" (AKIA long-term, ASIA temporary access key ids); the same
 *    regular expression secretlint-rule-aws uses.
 *  - Stripe: "API keys" docs (sk_live_ secret, rk_live_ restricted keys; test keys are harmless).
 *  - PEM private keys: RFC 7468 labels, as secretlint-rule-privatekey.
 *  - Slack: "Token types" docs (xoxb, xoxp, xapp, xoxa, xoxr, xoxo), secretlint-rule-slack's pattern.
 *  - Cloudflare: "Token formats" docs (cfk_ global key, cfut_ user token, cfat_ account token, each
 *    40 characters and a checksum). Legacy unprefixed tokens cannot be recognised by shape.
 *  - GitHub: "About authentication to GitHub" token prefixes (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).
 */
export interface CredentialPattern {
  /** What the value looks like, for messages ("an AWS access key id"). */
  kind: string;
  pattern: RegExp;
}

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  { kind: "an AWS access key id", pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/ },
  { kind: "a Stripe live secret key", pattern: /\b(?:sk|rk)_live_[0-9a-zA-Z]{16,}\b/ },
  { kind: "a private key", pattern: /-----BEGIN[ A-Z]*PRIVATE KEY( BLOCK)?-----/ },
  { kind: "a Slack token", pattern: /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/ },
  { kind: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
  { kind: "a Cloudflare API credential", pattern: /\bcf(?:k|ut|at)_[A-Za-z0-9]{40}[A-Za-z0-9]*\b/ },
  { kind: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
];

/** The kind of credential `value` contains, or undefined. */
export function credentialKind(value: string): string | undefined {
  return CREDENTIAL_PATTERNS.find((p) => p.pattern.test(value))?.kind;
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
