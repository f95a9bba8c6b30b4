/**
 * Pure rules and names of the secrets vault: where each secret lives, which config key feeds it,
 * and every problem a `secrets` section has in a given environment. Used both by the config check
 * (so `plan` lists problems by key path) and by the SecretsVault component (which refuses to
 * declare anything from a section that breaks them).
 */
import type { SecretsSection } from "../schema/secrets";
import {
  GENERATED_SECRET_DEFAULT_LENGTH,
  SECRET_NAME_MAX_LENGTH,
  SECRET_PATH_ROOT,
  SECRET_RECOVERY_WINDOW_DEFAULT_DAYS,
  SECRET_RECOVERY_WINDOW_MAX_DAYS,
  SECRET_RECOVERY_WINDOW_MIN_DAYS,
} from "../constants/aws";

export interface Problem {
  /** Relative to the `secrets` section, e.g. ["items", 2, "name"]. */
  path: Array<string | number>;
  message: string;
}

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

/** Every problem of the section in this environment; empty when it can be deployed as written. */
export function secretsProblems(section: SecretsSection, facts: EnvironmentFacts): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Array<string | number>, message: string) => problems.push({ path, message });
  const seen = new Map<string, number>();

  section.items.forEach((item, i) => {
    const at = (...rest: Array<string | number>) => ["items", i, ...rest];
    const shown = JSON.stringify(item.name);
    if (item.name.startsWith("/") || item.name.endsWith("/") || item.name.includes("//")) {
      add(at("name"), `${shown} has an empty path segment; names like "stripe-webhook-signing-key" or "stripe/webhook" are expected`);
    }
    if (item.name === SECRET_PATH_ROOT || item.name.startsWith(`${SECRET_PATH_ROOT}/`)) {
      add(at("name"), `${shown} repeats the "${SECRET_PATH_ROOT}/<env>/" prefix, which is added automatically; the bare name is expected`);
    }
    const path = secretPath(facts.environment, item.name);
    if (path.length > SECRET_NAME_MAX_LENGTH) {
      add(at("name"), `${shown} makes the secret name ${path.length} characters long; Secrets Manager allows at most ${SECRET_NAME_MAX_LENGTH}`);
    }
    if (SECRET_NAME_AMBIGUOUS_SUFFIX.test(item.name)) {
      add(at("name"), `${shown} ends in a hyphen and six characters, which Secrets Manager confuses with the random suffix it adds to every secret's ARN (lookups by partial ARN then fail); a name ending otherwise is expected, like ${JSON.stringify(item.name.replace(/-([^-]*)$/, "-$1-key"))}. Renaming a deployed secret creates a new one: move its value, point the app at the new name, then delete the old`);
    }
    if (item.name === ALERT_WEBHOOK_SECRET_DIR || item.name.startsWith(`${ALERT_WEBHOOK_SECRET_DIR}/`)) {
      add(at("name"), `${shown} is under "${ALERT_WEBHOOK_SECRET_DIR}/", where the stack keeps the alert chat webhook URLs (monitoring.alerts.webhooks); another name is expected`);
    }
    const previous = seen.get(item.name);
    if (previous !== undefined) add(at("name"), `${shown} duplicates items[${previous}]; each secret name is expected once`);
    else seen.set(item.name, i);

    if (item.source === "config" && item.generate !== undefined) {
      add(at("generate"), `is set on a secret with source "config"; remove generate, or use source: generate`);
    }
    if (item.source === "generate" && item.configKey !== undefined) {
      add(at("configKey"), `${JSON.stringify(item.configKey)} is set on a generated secret; remove configKey, or use source: config`);
    }
    if (!facts.isProduction) {
      if (namesProduction(item.name)) {
        add(at("name"), `${shown} names a production secret in the ${JSON.stringify(facts.environment)} stack; a ${facts.environment} stack may only hold its own secrets (drop "prod" from the name)`);
      }
      // A derived key repeats the name, which the check above already covers.
      if (item.configKey !== undefined && namesProduction(item.configKey)) {
        add(at("configKey"), `${JSON.stringify(item.configKey)} names a production config key in the ${JSON.stringify(facts.environment)} stack; a key holding this environment's own value is expected`);
      }
    }
  });

  const window = section.recoveryWindowInDays;
  if (window !== undefined) {
    if (window !== 0 && (window < SECRET_RECOVERY_WINDOW_MIN_DAYS || window > SECRET_RECOVERY_WINDOW_MAX_DAYS)) {
      add(["recoveryWindowInDays"], `${window} is not allowed by Secrets Manager; 0 (delete at once) or ${SECRET_RECOVERY_WINDOW_MIN_DAYS}..${SECRET_RECOVERY_WINDOW_MAX_DAYS} days is expected`);
    } else if (facts.isProduction && window < SECRET_RECOVERY_WINDOW_MIN_DAYS) {
      add(["recoveryWindowInDays"], `${window} would delete production secrets without a way back; ${SECRET_RECOVERY_WINDOW_MIN_DAYS}..${SECRET_RECOVERY_WINDOW_MAX_DAYS} days is expected in production`);
    }
  }
  if (section.appRoleName !== undefined && !facts.isProduction && namesProduction(section.appRoleName)) {
    add(["appRoleName"], `${JSON.stringify(section.appRoleName)} names a production role in the ${JSON.stringify(facts.environment)} stack; the ${facts.environment} app's own role is expected`);
  }
  return problems;
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

/** The config keys whose `secure:` values feed config-sourced secrets (for the config loader's secret-key check). */
export function secretConfigKeys(section: SecretsSection): string[] {
  return [...new Set(section.items.filter((i) => i.source === "config").map((i) => i.configKey ?? defaultConfigKey(i.name)))];
}
