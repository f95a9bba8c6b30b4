/**
 * Pure names of the secrets vault: where each secret lives and which config key feeds it. The
 * section's problems are judged in ./validate.ts.
 */
import type { SecretsSection } from "../schema/secrets";
import {
  GENERATED_SECRET_DEFAULT_LENGTH,
  SECRET_PATH_ROOT,
  SECRET_RECOVERY_WINDOW_DEFAULT_DAYS,
  SECRET_RECOVERY_WINDOW_MIN_DAYS,
} from "../constants/aws";

export interface EnvironmentFacts {
  environment: string;
  isProduction: boolean;
}

export interface ResolvedSecret {
  /** The name in config ("stripe-webhook-signing-key"); also the key of the component's outputs. */
  name: string;
  /** The Secrets Manager name: `launch-ready/<env>/<name>`. */
  path: string;
  description?: string;
  source: "config" | "generate";
  /** For source "config": the config key (inside the launch-ready namespace) holding the value. */
  configKey?: string;
  /** For source "generate": the RandomPassword shape. */
  generate?: { length: number; special: boolean };
}

/** `launch-ready/<env>/<name>`: the one place secrets of an environment live (and IAM can scope to). */
export function secretPath(environment: string, name: string): string {
  return `${SECRET_PATH_ROOT}/${environment}/${name}`;
}

/**
 * Where the vault keeps an alert chat webhook's URL (read by the alert relay at run time):
 * `launch-ready/<env>/alerts/<hook>-webhook-url`. Item names under `alerts/` are reserved for it.
 */
export function alertWebhookSecretPath(environment: string, hook: string): string {
  return secretPath(environment, `${ALERT_WEBHOOK_SECRET_DIR}/${hook}-webhook-url`);
}
export const ALERT_WEBHOOK_SECRET_DIR = "alerts";

/**
 * Secrets Manager appends "-" and six random characters to a secret's ARN; a name that itself
 * ends so is mistaken for a complete ARN when looked up by partial ARN. AWS: "Do not end your
 * secret name with a hyphen followed by six characters" (CreateSecret, Name:
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html).
 */
export const SECRET_NAME_AMBIGUOUS_SUFFIX = /-.{6}$/;

/** The environment's KMS key alias. */
export function kmsAliasName(environment: string): string {
  return `alias/${SECRET_PATH_ROOT}-${environment}`;
}

/** "stripe-webhook-signing-key" -> "stripeWebhookSigningKey": Pulumi's usual config key style. */
export function defaultConfigKey(name: string): string {
  const parts = name.split(/[-_/]+/).filter((p) => p.length > 0);
  return parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join("");
}

/** The words of a name or key: split at separators and camelCase humps, lower-cased. */
export function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const PRODUCTION_WORDS = new Set(["prod", "production", "prd"]);

/** True when a name or key says it belongs to production ("prod/stripe", "prodStripeKey", "stripe-production"). */
export function namesProduction(value: string): boolean {
  return words(value).some((w) => PRODUCTION_WORDS.has(w));
}

/** Recovery window in days: the configured one, else 30 in production and 7 elsewhere. */
export function recoveryWindowDays(section: Pick<SecretsSection, "recoveryWindowInDays">, facts: EnvironmentFacts): number {
  return section.recoveryWindowInDays ?? (facts.isProduction ? SECRET_RECOVERY_WINDOW_DEFAULT_DAYS : SECRET_RECOVERY_WINDOW_MIN_DAYS);
}


/** The section's secrets with every default applied and their Secrets Manager names. */
export function resolveSecrets(section: SecretsSection, environment: string): ResolvedSecret[] {
  return section.items.map((item) => ({
    name: item.name,
    path: secretPath(environment, item.name),
    ...(item.description !== undefined ? { description: item.description } : {}),
    source: item.source,
    ...(item.source === "config" ? { configKey: item.configKey ?? defaultConfigKey(item.name) } : {}),
    ...(item.source === "generate"
      ? { generate: { length: item.generate?.length ?? GENERATED_SECRET_DEFAULT_LENGTH, special: item.generate?.special ?? false } }
      : {}),
  }));
}
