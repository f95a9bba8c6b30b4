/**
 * SecretsVault: the environment's customer-managed KMS key, one Secrets Manager secret per
 * application secret (`launch-ready/<env>/<name>`), their values (from secret stack config or
 * generated), and an IAM policy that reads only these secrets and decrypts only with this key.
 *
 * Outputs carry ARNs and names only. Every value is wrapped in `pulumi.secret` before it reaches
 * a resource, whatever the caller passed, so it is encrypted in state and never printed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../sdk/aws";
import * as random from "@pulumi/random";
import type { AppRoleSection, SecretsSection } from "../schema/secrets";
import { appRoleTrustPolicy, oidcClaims } from "./oidcTrust";
import { KMS_DELETION_WINDOW_MAX_DAYS, standardTags } from "../constants/aws";
import { alertWebhookSecretPath, kmsAliasName, recoveryWindowDays, resolveSecrets, type ResolvedSecret } from "./rules";
import { createdAppRoleName, validateSecrets } from "./validate";
import { secretsReadPolicyDocument } from "./policy";

export interface SecretsVaultArgs {
  /** The environment name ("prod", "staging"): the secrets' path and the key alias. */
  environment: string;
  /** Production gets the strict rules (recovery window >= 7 days) and, by default, protection. */
  isProduction: boolean;
  /** The parsed `secrets` config section. */
  section: SecretsSection;
  /**
   * The values of the secrets with source "config", by secret name, each read with
   * `config.requireSecret(<configKey>)`. A missing entry is an error; extra entries are ignored.
   */
  configValues: Record<string, pulumi.Input<string>>;
  /** @default isProduction: `protect` and `retainOnDelete` on the key and the secrets. */
  protect?: boolean;
  /**
   * Alert chat webhook URLs by webhook name (`monitoring.alerts.webhooks[].name`), each read with
   * `config.requireSecret`: kept as `launch-ready/<env>/alerts/<name>-webhook-url` for the alert
   * relay, outside the app's read policy (the app has no business with them).
   */
  alertWebhookUrls?: Record<string, pulumi.Input<string>>;
}

export function validateSecretsVaultArgs(args: SecretsVaultArgs): string[] {
  const problems = validateSecrets(args.section, args).errors.map((p) => `secrets.${p.path.join(".")}: ${p.message}`);
  for (const secret of resolveSecrets(args.section, args.environment)) {
    if (secret.source === "config" && args.configValues[secret.name] === undefined) {
      problems.push(`secrets: no value was passed for ${JSON.stringify(secret.name)}; its config key ${JSON.stringify(secret.configKey)} is expected to be read with config.requireSecret`);
    }
  }
  return problems;
}

export class SecretsVault extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly keyAliasName: string;
  /** Secrets Manager ARN per secret name. */
  readonly secretArns: Record<string, pulumi.Output<string>>;
  /** Secrets Manager name (`launch-ready/<env>/<name>`) per secret name. */
  readonly secretNames: Record<string, string>;
  readonly readPolicyArn: pulumi.Output<string>;
  /** Secrets Manager ARN of each alert webhook URL, by webhook name. */
  readonly alertWebhookSecretArns: Record<string, pulumi.Output<string>> = {};
  /** The app's role (named or created), for other components' attachments; undefined without one. */
  readonly appRoleName?: pulumi.Output<string>;
  /** The created app role's ARN (what the host's AWS_ROLE_ARN is set to). */
  readonly appRoleArn?: pulumi.Output<string>;

  constructor(name: string, args: SecretsVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:secrets:SecretsVault", name, {}, opts);
    const problems = validateSecretsVaultArgs(args);
    if (problems.length > 0) throw new Error(`SecretsVault ${name}: invalid arguments:\n  ${problems.join("\n  ")}`);

    const protect = args.protect ?? args.isProduction;
    // Losing the key or a secret in production locks the app out: keep them even if the code drops them.
    const keep: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };
    const tags = standardTags(args.environment);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `launch-ready ${args.environment}: encrypts the application secrets`,
        enableKeyRotation: true,
        deletionWindowInDays: KMS_DELETION_WINDOW_MAX_DAYS,
        tags,
      },
      keep,
    );
    this.keyAliasName = kmsAliasName(args.environment);
    new aws.kms.Alias(`${name}-key-alias`, { name: this.keyAliasName, targetKeyId: key.keyId }, { parent: this });

    const resolved = resolveSecrets(args.section, args.environment);
    const window = recoveryWindowDays(args.section, args);
    this.secretArns = {};
    this.secretNames = {};
    for (const secret of resolved) {
      const sm = new aws.secretsmanager.Secret(
        `${name}-secret-${secret.name}`,
        {
          name: secret.path,
          description: secret.description ?? `launch-ready ${args.environment}: ${secret.name}`,
          kmsKeyId: key.arn,
          recoveryWindowInDays: window,
          tags,
        },
        keep,
      );
      new aws.secretsmanager.SecretVersion(
        `${name}-secret-${secret.name}-value`,
        { secretId: sm.id, secretString: pulumi.secret(this.secretValue(name, secret, args, protect)) },
        { parent: this },
      );
      this.secretArns[secret.name] = sm.arn;
      this.secretNames[secret.name] = secret.path;
    }

    for (const [hook, url] of Object.entries(args.alertWebhookUrls ?? {})) {
      const sm = new aws.secretsmanager.Secret(
        `${name}-alert-webhook-${hook}`,
        {
          name: alertWebhookSecretPath(args.environment, hook),
          description: `launch-ready ${args.environment}: the ${hook} alert chat webhook URL, read by the alert relay`,
          kmsKeyId: key.arn,
          recoveryWindowInDays: window,
          tags,
        },
        keep,
      );
      new aws.secretsmanager.SecretVersion(`${name}-alert-webhook-${hook}-value`, { secretId: sm.id, secretString: pulumi.secret(url) }, { parent: this });
      this.alertWebhookSecretArns[hook] = sm.arn;
    }

    const document = pulumi
      .all([pulumi.all(resolved.map((s) => this.secretArns[s.name]!)), key.arn])
      .apply(([arns, keyArn]) => JSON.stringify(secretsReadPolicyDocument(arns, keyArn)));
    const policy = new aws.iam.Policy(
      `${name}-read-policy`,
      {
        name: `launch-ready-${args.environment}-secrets-read`,
        description: `Read the launch-ready ${args.environment} secrets and decrypt them with their key, nothing else`,
        policy: document,
        tags,
      },
      { parent: this },
    );
    if (args.section.appRoleName !== undefined) {
      // Looked up at preview: a missing role stops the preview with a clear message instead of
      // failing the first `up` with NoSuchEntity after half the stack exists.
      const role = lookUpAppRole(args.section.appRoleName, this);
      new aws.iam.RolePolicyAttachment(`${name}-read-policy-attachment`, { role: role.apply((r) => r.name), policyArn: policy.arn }, { parent: this });
      this.appRoleName = pulumi.output(args.section.appRoleName);
    } else if (args.section.appRole !== undefined) {
      const role = this.createAppRole(name, args.section.appRole, args.environment, protect, tags);
      // The same attachment the named role gets: this environment's secrets, read only.
      new aws.iam.RolePolicyAttachment(`${name}-read-policy-attachment`, { role: role.name, policyArn: policy.arn }, { parent: this });
      this.appRoleName = role.name;
      this.appRoleArn = role.arn;
    }

    this.keyArn = key.arn;
    this.readPolicyArn = policy.arn;
    this.registerOutputs({
      keyArn: this.keyArn,
      keyAliasName: this.keyAliasName,
      secretArns: this.secretArns,
      secretNames: this.secretNames,
      readPolicyArn: this.readPolicyArn,
      alertWebhookSecretArns: this.alertWebhookSecretArns,
      ...(this.appRoleArn ? { appRoleArn: this.appRoleArn } : {}),
    });
  }

  /**
   * The app role with a web-identity trust for its host's OIDC tokens: the provider (or the
   * account's existing one, by ARN: IAM holds one provider per issuer URL) and the role whose trust
   * matches aud and sub exactly.
   */
  private createAppRole(name: string, section: AppRoleSection, environment: string, protect: boolean, tags: Record<string, string>): aws.iam.Role {
    const claims = oidcClaims(section.trust);
    let providerArn: pulumi.Input<string>;
    let dependsOn: pulumi.Resource[] = [];
    if (section.oidcProviderArn !== undefined) {
      providerArn = section.oidcProviderArn;
    } else {
      const provider = new aws.iam.OpenIdConnectProvider(
        `${name}-app-oidc-provider`,
        // No thumbprint: IAM verifies these issuers' certificates through its own trusted CAs
        // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc_verify-thumbprint.html).
        { url: claims.issuerUrl, clientIdLists: [claims.audience], tags },
        { parent: this, protect },
      );
      dependsOn = [provider];
      // The provider's ARN is arn:<partition>:iam::<account>:oidc-provider/<issuer host/path>
      // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns):
      // built from the caller identity so the trust policy is known at preview and CrossGuard judges it.
      providerArn = pulumi
        .output(aws.getCallerIdentity({}, { parent: this }))
        .apply((id) => `arn:${id.arn.split(":")[1] ?? "aws"}:iam::${id.accountId}:oidc-provider/${claims.conditionPrefix}`);
    }
    return new aws.iam.Role(
      `${name}-app-role`,
      {
        name: createdAppRoleName(section, environment),
        description: `launch-ready ${environment}: the app, assumed with its ${section.trust.host} OIDC token; reads this environment's secrets`,
        assumeRolePolicy: pulumi.output(providerArn).apply((arn) => JSON.stringify(appRoleTrustPolicy(arn, claims))),
        tags,
      },
      { parent: this, protect, dependsOn },
    );
  }

  private secretValue(name: string, secret: ResolvedSecret, args: SecretsVaultArgs, protect: boolean): pulumi.Input<string> {
    if (secret.source === "config") return args.configValues[secret.name]!;
    const generate = secret.generate!;
    const password = new random.RandomPassword(
      `${name}-secret-${secret.name}-generated`,
      { length: generate.length, special: generate.special },
      // Protected in production: a new signing key would log every member out.
      { parent: this, protect, additionalSecretOutputs: ["result", "bcryptHash"] },
    );
    return password.result;
  }
}

/**
 * `aws.iam.getRole` (an invoke, so it runs at preview): the role the read policy is attached to.
 * A missing role becomes a RunError naming the prerequisite (create the role, or fix
 * secrets.appRoleName), which the engine prints without a stack trace.
 */
export function lookUpAppRole(roleName: string, parent: pulumi.Resource): pulumi.Output<{ name: string; arn: string }> {
  return pulumi.output(findAppRole(roleName, parent));
}

/** The lookup itself, as a promise (rejects with the RunError). */
export function findAppRole(roleName: string, parent: pulumi.Resource): Promise<{ name: string; arn: string }> {
  return aws.iam.getRole({ name: roleName }, { parent }).then(
    (role) => ({ name: role.name ?? roleName, arn: role.arn }),
    (error: unknown) => {
      throw new pulumi.RunError(
        `secrets.appRoleName: the IAM role ${JSON.stringify(roleName)} was not found in the deploy account (${(error as Error)?.message || String(error)}); create it first (with a trust policy for the app's host) or set secrets.appRoleName to an existing role. The stack attaches the secrets read policy to it and does not create it.`,
      );
    },
  );
}
