/**
 * Where secrets live: AWS Secrets Manager secrets judged on `aws.secretsmanager.Secret` inputs
 * `{name | namePrefix, kmsKeyId, recoveryWindowInDays}` (the values themselves are secrets.ts).
 *
 *  - Production secrets are encrypted with a customer-managed KMS key (its key policy and
 *    CloudTrail decrypt events are ours; the AWS-managed aws/secretsmanager key cannot be scoped),
 *    and deleting one leaves a recovery window of at least 7 days (0 deletes at once, no way back).
 *  - Every secret of a stack stays under `<project>/<environment>/`, the one path its IAM policy
 *    grants, so staging can never read or overwrite a production secret.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { SECRET_PATH_ROOT, SECRET_RECOVERY_WINDOW_DEFAULT_DAYS, SECRET_RECOVERY_WINDOW_MIN_DAYS } from "../components/constants/aws";
import { PackPolicy, ResourceView, resourcePolicy } from "./policy";
import { EnvironmentConfig, environmentConfigSchema, isProd } from "./settings";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";

/** The AWS-managed key's alias (and ARN suffix): not a customer-managed key. */
const AWS_MANAGED_KEY = /(^|:)alias\/aws\/secretsmanager$/;

const secretLabel = (r: ResourceView) => knownString(r.props.name) ?? knownString(r.props.namePrefix) ?? r.name;

export const secretsProdCustomerManagedKey = resourcePolicy<EnvironmentConfig>({
  name: "secrets-prod-customer-managed-key",
  description: "Checks whether production Secrets Manager secrets are encrypted with a customer-managed KMS key (kmsKeyId set, not aws/secretsmanager).",
  severity: "high",
  remediation: "Set kmsKeyId to the environment's own aws.kms.Key (with key rotation on); the secrets vault component does this for every secret.",
  configSchema: environmentConfigSchema,
  resourceTypes: [TYPES.secret],
  check: (r, report, { config }) => {
    if (!isProd(config.environment ?? "prod")) return;
    const key = r.props.kmsKeyId;
    // An unknown key id is the id of a key created in this stack: customer-managed by construction.
    if (isUnknown(key)) return;
    const id = knownString(key);
    if (!id) report(`Production secret ${secretLabel(r)} must set kmsKeyId to a customer-managed KMS key.`);
    else if (AWS_MANAGED_KEY.test(id)) report(`Production secret ${secretLabel(r)} uses the AWS-managed key ${id}; it must use a customer-managed KMS key.`);
  },
});

export const secretsProdRecoveryWindow = resourcePolicy<EnvironmentConfig>({
  name: "secrets-prod-recovery-window",
  description: `Checks whether deleting a production Secrets Manager secret leaves a recovery window of at least ${SECRET_RECOVERY_WINDOW_MIN_DAYS} days.`,
  severity: "high",
  remediation: `Set recoveryWindowInDays between ${SECRET_RECOVERY_WINDOW_MIN_DAYS} and 30 (secrets.recoveryWindowInDays; default ${SECRET_RECOVERY_WINDOW_DEFAULT_DAYS}); 0 deletes the secret at once with no way back.`,
  configSchema: environmentConfigSchema,
  resourceTypes: [TYPES.secret],
  check: (r, report, { config }) => {
    if (!isProd(config.environment ?? "prod")) return;
    const days = r.props.recoveryWindowInDays;
    if (days === undefined || isUnknown(days)) return; // AWS's default is 30 days.
    if (typeof days !== "number" || days < SECRET_RECOVERY_WINDOW_MIN_DAYS) {
      report(`Production secret ${secretLabel(r)} has recoveryWindowInDays ${JSON.stringify(days)}; it must be at least ${SECRET_RECOVERY_WINDOW_MIN_DAYS}.`);
    }
  },
});

export interface SecretPathConfig {
  environment?: string;
  pathRoot?: string;
}

/** No default environment: without one, the stack name (from the URN) is the environment. */
const secretPathConfigSchema: PolicyConfigSchema = {
  properties: {
    environment: { type: "string", description: "The stack's environment, the second segment of its secret names; the stack name when unset." },
    pathRoot: { type: "string", default: SECRET_PATH_ROOT, description: "The first segment of every secret name." },
  },
};

/** The stack name of a URN (`urn:pulumi:<stack>::<project>::...`). */
const stackOfUrn = (urn: string): string | undefined => /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];

export const secretsInEnvironmentPath = resourcePolicy<SecretPathConfig>({
  name: "secrets-in-environment-path",
  description: `Checks whether every Secrets Manager secret's name lies under the stack's own environment path (${SECRET_PATH_ROOT}/<environment>/).`,
  severity: "high",
  remediation: `Name the secret ${SECRET_PATH_ROOT}/<environment>/<name> (the secrets vault component does, from secrets.items[].name); a name under another environment's path shares that environment's IAM scope.`,
  configSchema: secretPathConfigSchema,
  resourceTypes: [TYPES.secret],
  check: (r, report, { config }) => {
    const environment = config.environment ?? stackOfUrn(r.urn);
    if (!environment) throw new Error(`cannot tell the environment of ${r.urn}: set the policy config environment`);
    const prefix = `${config.pathRoot ?? SECRET_PATH_ROOT}/${environment}/`;
    const name = r.props.name ?? r.props.namePrefix;
    if (isUnknown(name)) return;
    const text = knownString(name);
    if (!text) report(`Secret ${r.name} must have an explicit name under ${prefix} (a generated name escapes the environment's IAM scope).`);
    else if (!text.startsWith(prefix) || text.length === prefix.length) report(`Secret ${text} must be named under ${prefix}.`);
  },
});

export const vaultPolicies: PackPolicy[] = [secretsProdCustomerManagedKey, secretsProdRecoveryWindow, secretsInEnvironmentPath];
