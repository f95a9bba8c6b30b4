/**
 * The whole stack as one component: it takes the parsed stack config and composes one child
 * component per concern. It declares nothing itself.
 */
import * as pulumi from "@pulumi/pulumi";
import { cloudflareAccountId, type StackConfig } from "./config";
import { ZoneBaseline } from "./zone";
import { Dns } from "./dns";
import { managedRecords } from "./schema/dns";
import { Edge } from "./edge";
import { EmailAuth } from "./email/component";
import { SecretsVault } from "./secrets/vault";
import { resolveSecrets } from "./secrets/rules";
import { WebhookQueue } from "./webhookQueue/queue";
import { UptimeMonitoring } from "./monitoring/uptime";
import { AlertsTopic } from "./monitoring/alertsTopic";
import { ROUTE53_METRICS_REGION } from "./constants/aws";
import type { AwsProviderSettings } from "./awsProviderSettings";

export interface LaunchReadyArgs {
  config: StackConfig;
  /**
   * Reads a secret config value of the `launch-ready` namespace by key (the program passes
   * `config.requireSecret`). Called only for keys the config's sections name.
   */
  readSecret: (configKey: string) => pulumi.Output<string>;
  /**
   * The stack's AWS region (`aws:region`, else the AWS_REGION the provider would use), where the
   * vault and the webhook queue live. Required with the webhook queue.
   */
  awsRegion?: string;
  /** The stack's other `aws:` settings, for the provider pinned to us-east-1 (see `awsProviderSettings`). */
  awsProviderSettings?: AwsProviderSettings;
}

/** What the team reads after a deploy: names and ARNs, never values. */
export interface LaunchReadyAwsOutputs {
  secretArns: Record<string, pulumi.Output<string>>;
  /** Secrets Manager names by secret name (`launch-ready/<environment>/<name>`), for the app's lookups. */
  secretNames: Record<string, string>;
  /** The KMS alias the secrets are encrypted under. */
  secretsKeyAlias?: string;
  secretsReadPolicyArn?: pulumi.Output<string>;
  /** The app role the stack created (secrets.appRole): what the host's AWS_ROLE_ARN is set to. */
  appRoleArn?: pulumi.Output<string>;
  webhookQueueUrl?: pulumi.Output<string>;
  webhookDeadLetterQueueUrl?: pulumi.Output<string>;
  alertTopicArn?: pulumi.Output<string>;
  healthCheckIds: Record<string, pulumi.Output<string>>;
  dashboardName?: string;
}

export class LaunchReady extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  readonly nameServers: pulumi.Output<string[]> | undefined;
  readonly dsRecord: pulumi.Output<string | undefined> | undefined;
  readonly hostnames: string[];
  readonly canonicalUrl: string;
  readonly aws: LaunchReadyAwsOutputs;

  constructor(name: string, args: LaunchReadyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:index:LaunchReady", name, {}, opts);
    const { config, readSecret } = args;
    const child = { parent: this };

    const zone = new ZoneBaseline("zone", { config, accountId: cloudflareAccountId(config) }, child);
    new Dns("dns", { zoneId: zone.zoneId, hosts: config.hosts, protect: config.protect, records: managedRecords(config.dns, config.domain) }, child);
    new Edge("edge", { zoneId: zone.zoneId, config }, child);
    if (config.email) {
      new EmailAuth("email", { zoneId: zone.zoneId, apex: config.domain, environment: config.environment, email: config.email, protect: config.protect, webHosts: config.hosts.map((h) => h.fqdn) }, child);
    }

    const canonical = config.hosts.find((h) => h.role === "canonical");
    this.aws = { secretArns: {}, secretNames: {}, healthCheckIds: {} };
    const monitoring = config.monitoring;
    const webhookUrls = Object.fromEntries((monitoring?.alerts.webhooks ?? []).map((hook) => [hook.name, readSecret(hook.configKey)]));

    const vault = config.secrets
      ? new SecretsVault(
          "secrets",
          {
            environment: config.environment,
            isProduction: config.isProduction,
            section: config.secrets,
            configValues: Object.fromEntries(
              resolveSecrets(config.secrets, config.environment)
                .filter((s) => s.source === "config")
                .map((s) => [s.name, readSecret(s.configKey!)]),
            ),
            protect: config.protect,
            // The alert relay reads the chat webhook URLs from the vault (SNS cannot post to chat).
            alertWebhookUrls: webhookUrls,
          },
          child,
        )
      : undefined;
    if (vault) {
      this.aws.secretArns = vault.secretArns;
      this.aws.secretNames = vault.secretNames;
      this.aws.secretsKeyAlias = vault.keyAliasName;
      this.aws.secretsReadPolicyArn = vault.readPolicyArn;
      if (vault.appRoleArn) this.aws.appRoleArn = vault.appRoleArn;
    }

    const uptime = monitoring
      ? new UptimeMonitoring(
          "uptime",
          {
            environment: config.environment,
            isProduction: config.isProduction,
            apex: config.domain,
            cloudflarePlan: config.cloudflarePlan,
            section: monitoring,
            defaultHost: canonical?.fqdn ?? config.domain,
            hosts: config.hosts,
            webhookUrls,
            ...(vault ? { relaySecrets: { arns: vault.alertWebhookSecretArns, keyArn: vault.keyArn } } : {}),
            ...(args.awsProviderSettings ? { awsProviderSettings: args.awsProviderSettings } : {}),
            ...(monitoring.provider === "cloudflare" ? { cloudflare: { accountId: cloudflareAccountId(config)!, zoneId: zone.zoneId } } : {}),
          },
          child,
        )
      : undefined;
    if (uptime) {
      this.aws.alertTopicArn = uptime.alertTopicArn;
      this.aws.healthCheckIds = uptime.healthCheckIds;
      if (uptime.dashboardName !== undefined) this.aws.dashboardName = uptime.dashboardName;
    }

    if (config.webhookQueue?.enabled && monitoring && uptime) {
      // The dead-letter alarm lives in the queue's region and can only notify a topic there.
      if (args.awsRegion === undefined) throw new Error("LaunchReady: awsRegion is required with the webhook queue (its dead-letter alarm notifies a topic of the queue's region)");
      const alarmTopicArn =
        args.awsRegion === ROUTE53_METRICS_REGION
          ? uptime.alertTopicArn
          : new AlertsTopic("alerts-regional", { environment: config.environment, region: args.awsRegion, alerts: monitoring.alerts, ...(uptime.relay ? { relay: uptime.relay } : {}) }, child).topicArn;
      const queue = new WebhookQueue(
        "webhooks",
        {
          environment: config.environment,
          section: config.webhookQueue,
          alarmTopicArn,
          ...(vault ? { kmsKeyArn: vault.keyArn } : {}),
          ...(config.secrets?.appRoleName !== undefined ? { appRoleName: config.secrets.appRoleName } : vault?.appRoleName ? { appRoleName: vault.appRoleName } : {}),
          protect: config.protect,
        },
        child,
      );
      this.aws.webhookQueueUrl = queue.queueUrl;
      this.aws.webhookDeadLetterQueueUrl = queue.deadLetterQueueUrl;
    }

    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
    this.dsRecord = zone.dsRecord;
    this.hostnames = config.hosts.map((h) => h.fqdn);
    this.canonicalUrl = `https://${canonical?.fqdn ?? config.domain}/`;
    this.registerOutputs({ zoneId: this.zoneId, hostnames: this.hostnames, canonicalUrl: this.canonicalUrl, ...this.aws });
  }
}
