/**
 * The `secrets` section's validation: every problem it has in a given environment. Used both by the
 * config loader (so `plan` lists problems by key path) and by the SecretsVault component (which
 * refuses to declare anything from a section that breaks them).
 */
import type { AppRoleSection, SecretsSection } from "../schema/secrets";
import { trustFields, wideTrustValue } from "./oidcTrust";
import type { SectionProblem, SectionProblems } from "../schema/context";
import { SECRET_NAME_MAX_LENGTH, SECRET_PATH_ROOT, SECRET_RECOVERY_WINDOW_MAX_DAYS, SECRET_RECOVERY_WINDOW_MIN_DAYS } from "../constants/aws";
import { ALERT_WEBHOOK_SECRET_DIR, SECRET_NAME_AMBIGUOUS_SUFFIX, defaultConfigKey, namesProduction, secretPath, type EnvironmentFacts } from "./rules";

/** Every problem of the section in this environment; empty when it can be deployed as written. */
export function validateSecrets(section: SecretsSection, facts: EnvironmentFacts): SectionProblems {
  const problems: SectionProblem[] = [];
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
  if (section.appRole !== undefined) {
    if (section.appRoleName !== undefined) {
      add(["appRole"], "is set together with appRoleName; either name an existing role (appRoleName) or have the stack create one (appRole), not both");
    }
    for (const [path, value] of trustFields(section.appRole.trust)) {
      const wide = wideTrustValue(value);
      if (wide) add(["appRole", "trust", ...path], `${JSON.stringify(value)} ${wide}; the role must trust exactly one ${section.appRole.trust.host} tenant/project, so a literal name is expected`);
    }
    const name = section.appRole.name;
    if (name !== undefined && !facts.isProduction && namesProduction(name)) {
      add(["appRole", "name"], `${JSON.stringify(name)} names a production role in the ${JSON.stringify(facts.environment)} stack; the ${facts.environment} app's own role is expected`);
    }
  }
  return { errors: problems, warnings: [] };
}

/** The name of the app role the stack creates (secrets.appRole.name, or one per environment). */
export const createdAppRoleName = (section: AppRoleSection, environment: string): string => section.name ?? `launch-ready-${environment}-app`;

/** The config keys whose `secure:` values feed config-sourced secrets (for the config loader's secret-key check). */
export function secretsSecretKeys(section: SecretsSection): string[] {
  return [...new Set(section.items.filter((i) => i.source === "config").map((i) => i.configKey ?? defaultConfigKey(i.name)))];
}
