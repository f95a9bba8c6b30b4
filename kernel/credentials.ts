/**
 * The project's one judge of "this value is a credential", by what the value looks like (issue 17,
 * issue 18). The config loader refuses a plaintext config value it recognises, the policy pack's
 * no-plaintext-credentials reports a resource input it recognises, diff and handover mask what it
 * recognises, and `secrets-scan` reports each shape through a secretlint rule (`scanRule`): the
 * recommended preset's for the shapes it knows, our own rule (secretsScan/secretlintRuleCredentials.ts)
 * for the ones it lacks (Stripe, Cloudflare). test/kernel/credentials.test.ts and the scan's CLI
 * test keep the judge and the scan in agreement, shape by shape.
 *
 * Why patterns of our own and not secretlint's rule functions: secretlint ships ES modules only and
 * lints whole files asynchronously; the config loader and the policy pack judge one value at a time,
 * synchronously, in CommonJS (and under Jest). Each pattern below is the one the named secretlint
 * rule uses (secretlint 11.3, @secretlint/secretlint-rule-preset-recommend), or a documented format:
 *  - Stripe: live secret and restricted keys, as Stripe's security team gave GitLab's scanner,
 *    `(sk|rk)_live_[0-9a-z]{10,128}` (https://gitlab.com/gitlab-org/gitlab/-/issues/458019);
 *    publishable `pk_live_` keys are meant to be public and test keys move no money
 *    (https://docs.stripe.com/keys). Webhook signing secrets start `whsec_`
 *    (https://docs.stripe.com/webhooks#verify-events).
 *  - Cloudflare: "Token formats" (cfk_ global key, cfut_ user token, cfat_ account token: 40
 *    characters and a checksum). Legacy unprefixed tokens cannot be recognised by shape.
 *  - Basic-auth credentials in a URL (`https://user:pass@host`), with secretlint-rule-basicauth's
 *    placeholder filter (a `password` or `${VAR}` placeholder is not a credential).
 */

export interface CredentialShape {
  /** Stable id, used in config error messages and in the scan's rule messages. */
  id: string;
  /** What the value looks like, for messages ("a Stripe live secret key"). */
  kind: string;
  /** Matches the credential within a longer text; no flags (a global copy is made for scanning). */
  pattern: RegExp;
  /** The secretlint rule that reports this shape in `secrets-scan`. */
  scanRule: string;
  /** Further judgement of a match (placeholders are not credentials). */
  accept?: (match: RegExpExecArray) => boolean;
}

/** Our own secretlint rule's id: it reports the shapes the recommended preset has no rule for. */
export const OWN_SCAN_RULE_ID = "launch-ready/secretlint-rule-credentials";

/** secretlint-rule-basicauth's placeholder words (module/index-*.js, BUILTIN_IGNORED_PATTERNS). */
const BASIC_AUTH_PLACEHOLDERS = [
  "localhost", "127.0.0.1", "password", "mypassword", "myusername", "{password}", "${password}", "{{password}}",
  "{username}", "${username}", "{{username}}", "your_password", "your_username", "replace_with_password", "replace_with_username",
];
const looksTemplated = (s: string) => /\$\{[^}]{1,50}\}|\{\{[^}]{1,50}\}\}|\{[^}]{1,50}\}|%[A-Z_]{1,30}%|\$[A-Z_]{1,30}/.test(s);
const isPlaceholder = (s: string) => looksTemplated(s) || BASIC_AUTH_PLACEHOLDERS.some((p) => s.toLowerCase().includes(p));

export const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  { id: "aws-access-key-id", kind: "an AWS access key id", pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/, scanRule: "@secretlint/secretlint-rule-aws" },
  { id: "stripe-secret-key", kind: "a Stripe live secret key", pattern: /\b(?:sk|rk)_live_[0-9a-zA-Z]{10,128}\b/, scanRule: OWN_SCAN_RULE_ID },
  { id: "stripe-webhook-secret", kind: "a Stripe webhook signing secret", pattern: /\bwhsec_[0-9a-zA-Z+/]{24,128}/, scanRule: OWN_SCAN_RULE_ID },
  { id: "private-key", kind: "a private key", pattern: /-----BEGIN[ A-Z]*PRIVATE KEY( BLOCK)?-----/, scanRule: "@secretlint/secretlint-rule-privatekey" },
  { id: "slack-token", kind: "a Slack token", pattern: /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/, scanRule: "@secretlint/secretlint-rule-slack" },
  { id: "slack-webhook-url", kind: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40}/i, scanRule: "@secretlint/secretlint-rule-slack" },
  { id: "cloudflare-token", kind: "a Cloudflare API credential", pattern: /\bcf(?:k|ut|at)_[A-Za-z0-9]{40}[A-Za-z0-9]*\b/, scanRule: OWN_SCAN_RULE_ID },
  { id: "github-token", kind: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9_]{36}|github_pat_[A-Za-z0-9_]{82})/, scanRule: "@secretlint/secretlint-rule-github" },
  {
    id: "url-basic-auth",
    kind: "a password in a URL",
    pattern: /(?:https?|ftps?):\/\/(?<user>[-a-zA-Z0-9_]{1,256}):(?<password>[-a-zA-Z0-9_]{1,256})@[-a-zA-Z0-9%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b/,
    scanRule: "@secretlint/secretlint-rule-basicauth",
    accept: (m) => {
      const user = m.groups?.user ?? "";
      const password = m.groups?.password ?? "";
      return user.length >= 2 && password.length >= 4 && !isPlaceholder(user) && !isPlaceholder(password) && !/^(.)\1{3,}$/.test(password);
    },
  },
];

/** One credential found in a text. */
export interface CredentialMatch {
  shape: CredentialShape;
  /** Offset of the match in the text. */
  index: number;
  /** The matched text: the credential itself. Never print it; mask it (secretsScan/mask.ts). */
  text: string;
}

/** Texts longer than this are judged on their first part only: no credential format comes near it, and the regular expressions stay linear. */
const MAX_JUDGED_CHARS = 1024 * 1024;

/**
 * Each shape's pattern with the global flag, made once: the policy pack judges every string input
 * of every resource, and a RegExp built per call was most of that judgement's time.
 */
const globalPatterns = new WeakMap<CredentialShape, RegExp>();
function globalPattern(shape: CredentialShape): RegExp {
  let pattern = globalPatterns.get(shape);
  if (pattern === undefined) {
    pattern = new RegExp(shape.pattern.source, `${shape.pattern.flags}g`);
    globalPatterns.set(shape, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Every credential in `text`, in order of position. */
export function findCredentials(text: string, shapes: readonly CredentialShape[] = CREDENTIAL_SHAPES): CredentialMatch[] {
  const judged = text.length > MAX_JUDGED_CHARS ? text.slice(0, MAX_JUDGED_CHARS) : text;
  const found: CredentialMatch[] = [];
  for (const shape of shapes) {
    const pattern = globalPattern(shape);
    for (let m = pattern.exec(judged); m !== null; m = pattern.exec(judged)) {
      // An empty match would not move lastIndex: step past it, as matchAll does.
      if (m[0] === "") pattern.lastIndex++;
      if (!shape.accept || shape.accept(m)) found.push({ shape, index: m.index, text: m[0] });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first credential shape `value` contains, or undefined. */
export function credentialShapeOf(value: string): CredentialShape | undefined {
  return findCredentials(value)[0]?.shape;
}

/** A plaintext leaf of a config value that holds a credential, with its key path. */
export interface CredentialLeaf {
  path: string;
  shape: CredentialShape;
}

/**
 * Every string (or key) under `value` that holds a credential, with paths written like the config
 * loader's (`launch-ready:stripe.key`, `launch-ready:edge.redirects[0].to`). `skip` leaves out
 * values already encrypted (a `{secure: ...}` leaf, the offline unknown sentinel).
 */
export function credentialLeaves(value: unknown, path: string, skip: (v: unknown) => boolean = () => false): CredentialLeaf[] {
  const found: CredentialLeaf[] = [];
  const visit = (v: unknown, at: string): void => {
    if (skip(v)) return;
    if (typeof v === "string") {
      const shape = credentialShapeOf(v);
      if (shape) found.push({ path: at, shape });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${at}[${i}]`));
    } else if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        // A credential pasted as a key name is still in the file in plain text.
        const keyShape = credentialShapeOf(k);
        if (keyShape) found.push({ path: at, shape: keyShape });
        else visit(child, `${at}.${k}`);
      }
    }
  };
  visit(value, path);
  return found;
}

/**
 * Keys made to be shipped to browsers: Stripe's publishable keys (pk_live_, pk_test_), which can
 * only create tokens (https://docs.stripe.com/keys#obtain-api-keys: "Publishable keys ... can be
 * publicly accessible in your web or mobile app's client-side code").
 */
export function isPublishableKey(text: string): boolean {
  return /^pk_(live|test)_[0-9A-Za-z]+$/.test(text.trim());
}
