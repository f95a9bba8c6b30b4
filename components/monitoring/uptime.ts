/**
 * UptimeMonitoring: health checks of the pages members use, alarms that reach a person, and a
 * dashboard. Route 53 health checks by default, with their alarms, the alerts topic and the
 * dashboard in us-east-1 (the only region Route 53 publishes health-check metrics to) through an
 * explicit provider with the stack's aws: settings; Cloudflare health checks with a notification policy when config asks for
 * them on a Pro plan or higher.
 *
 * The alerts topic exists with either provider: the webhook dead-letter alarm notifies it too.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../sdk/aws";
import * as cloudflare from "../sdk/cloudflare";
import type { MonitoringSection } from "../schema/monitoring";
import type { CloudflarePlan, HostSummary } from "../schema/context";
import type { AwsProviderSettings } from "../awsProviderSettings";
import { ROUTE53_METRICS_REGION, standardTags } from "../constants/aws";
import { resolveChecks, type ResolvedCheck } from "./rules";
import { validateMonitoring } from "./validate";
import {
  alertTopicName,
  checkResourceName,
  cloudflareHealthcheckInputs,
  dashboardName,
  latencyAlarmSpec,
  metricAlarmArgs,
  route53HealthCheckInputs,
  statusAlarmSpec,
  type AlarmSpec,
} from "./specs";
import { dashboardBody } from "./dashboard";
import { AlertRelay, subscribeRelay } from "./relay/component";

export interface UptimeMonitoringArgs {
  environment: string;
  isProduction: boolean;
  /** The zone's apex; check hosts are resolved against it. */
  apex: string;
  cloudflarePlan: CloudflarePlan;
  /** The parsed `monitoring` section. */
  section: MonitoringSection;
  /** The fqdn checks without a `host` probe. @default the apex */
  defaultHost?: string;
  /** The stack's hosts, for the "not one of the stack's hosts" warning. @default not checked */
  hosts?: ReadonlyArray<Pick<HostSummary, "fqdn">>;
  /**
   * The HTTPS webhook URLs by webhook name (`alerts.webhooks[].name`), each read with
   * `config.requireSecret(<configKey>)`: Cloudflare notification webhooks post to them directly.
   * A missing entry is an error.
   */
  webhookUrls?: Record<string, pulumi.Input<string>>;
  /**
   * Where the alert relay reads each webhook URL: the vault secret's ARN by webhook name and the
   * vault's KMS key. Required when webhooks are declared: SNS reaches chat only through the relay.
   */
  relaySecrets?: { arns: Record<string, pulumi.Input<string>>; keyArn: pulumi.Input<string> };
  /** Required with provider "cloudflare": where the health checks and notifications live. */
  cloudflare?: { accountId: pulumi.Input<string>; zoneId: pulumi.Input<string> };
  /**
   * The stack's `aws:` settings (profile, assumed role, default tags...), copied to the provider
   * pinned to us-east-1, which would otherwise deploy without them. See `awsProviderSettings`.
   */
  awsProviderSettings?: AwsProviderSettings;
}

export function validateUptimeMonitoringArgs(args: UptimeMonitoringArgs): string[] {
  const { errors } = validateMonitoring(args.section, {
    environment: args.environment,
    isProduction: args.isProduction,
    apex: args.apex,
    plan: args.cloudflarePlan,
    hosts: args.hosts ?? [],
  });
  const problems = errors.map((p) => `monitoring.${p.path.join(".")}: ${p.message}`);
  for (const hook of args.section.alerts.webhooks) {
    if (args.webhookUrls?.[hook.name] === undefined) {
      problems.push(`monitoring.alerts.webhooks: no URL was passed for ${JSON.stringify(hook.name)}; its config key ${JSON.stringify(hook.configKey)} is expected to be read with config.requireSecret`);
    }
  }
  for (const hook of args.section.alerts.webhooks) {
    if (args.relaySecrets?.arns[hook.name] === undefined) {
      problems.push(`monitoring.alerts.webhooks: no vault secret was passed for ${JSON.stringify(hook.name)}; the alert relay reads each webhook URL from the secrets vault (relaySecrets)`);
    }
  }
  if (args.section.provider === "cloudflare" && args.cloudflare === undefined) {
    problems.push(`monitoring.provider: "cloudflare" needs the account and zone: pass cloudflare: {accountId, zoneId}`);
  }
  return problems;
}

export class UptimeMonitoring extends pulumi.ComponentResource {
  readonly alertTopicArn: pulumi.Output<string>;
  /** Health check id per check name (Route 53 or Cloudflare). */
  readonly healthCheckIds: Record<string, pulumi.Output<string>>;
  /** Every alarm's name (status and latency), for runbooks. */
  readonly alarmNames: string[];
  /** Undefined when no dashboard is made (provider cloudflare, or dashboard: false). */
  readonly dashboardName?: string;
  /** The chat relay, when webhooks are declared: other topics subscribe it too (`subscribeRelay`). */
  readonly relay?: AlertRelay;

  constructor(name: string, args: UptimeMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:monitoring:UptimeMonitoring", name, {}, opts);
    const problems = validateUptimeMonitoringArgs(args);
    if (problems.length > 0) throw new Error(`UptimeMonitoring ${name}: invalid arguments:\n  ${problems.join("\n  ")}`);

    const { section, environment } = args;
    const tags = standardTags(environment);
    // Topic, alarms and dashboard live in us-east-1 whatever `aws:region` the rest of the stack
    // uses: through an explicit provider pinned there, carrying the stack's other aws: settings,
    // and their own region input (AWS v7), so the plan and diff show where each one lives.
    const region = ROUTE53_METRICS_REGION;
    const usEast1 = new aws.Provider(`${name}-${region}`, { ...args.awsProviderSettings, region }, { parent: this });
    const child: pulumi.CustomResourceOptions = { parent: this, provider: usEast1 };

    this.alarmNames = [];
    const topic = new aws.sns.Topic(`${name}-alerts`, { name: alertTopicName(environment), tags, region }, child);
    for (const email of section.alerts.emails) {
      // The address is the subscription's identity: a new address is a new subscription either way.
      new aws.sns.TopicSubscription(`${name}-alerts-email-${email}`, { topic: topic.arn, protocol: "email", endpoint: email, region }, child);
    }
    if (section.alerts.webhooks.length > 0) {
      // Chat webhooks cannot confirm an SNS https subscription: a relay function posts to them.
      this.relay = new AlertRelay(
        `${name}-relay`,
        {
          environment,
          region,
          webhooks: section.alerts.webhooks.map((hook) => ({ name: hook.name, format: hook.format, secretArn: args.relaySecrets!.arns[hook.name]! })),
          secretsKeyArn: args.relaySecrets!.keyArn,
          alarmTopicArn: topic.arn,
        },
        { parent: this, providers: { aws: usEast1 } },
      );
      subscribeRelay(`${name}-alerts-relay`, this.relay, { arn: topic.arn, region }, child);
      this.alarmNames.push(this.relay.alarmName);
    }

    const checks = resolveChecks(section, args.apex, args.defaultHost ?? args.apex);
    this.healthCheckIds = {};
    if (section.provider === "route53") {
      const ids: Array<pulumi.Output<string>> = [];
      for (const check of checks) {
        const hc = new aws.route53.HealthCheck(`${name}-check-${check.name}`, route53HealthCheckInputs(check, section, environment), { parent: this });
        this.healthCheckIds[check.name] = hc.id;
        ids.push(hc.id);
        this.alarm(name, `${check.name}-down`, statusAlarmSpec(environment, check), hc.id, topic.arn, tags, child);
        if (check.measureLatency) this.alarm(name, `${check.name}-slow`, latencyAlarmSpec(environment, check), hc.id, topic.arn, tags, child);
      }
      if (section.dashboard) {
        this.dashboardName = dashboardName(environment);
        new aws.cloudwatch.Dashboard(
          `${name}-dashboard`,
          {
            dashboardName: this.dashboardName,
            dashboardBody: pulumi.all(ids).apply((resolved) => dashboardBody(environment, checks.map((c: ResolvedCheck, i) => ({ ...c, healthCheckId: resolved[i]! })))),
            region,
          },
          child,
        );
      }
    } else {
      this.declareCloudflare(name, args, checks);
    }

    this.alertTopicArn = topic.arn;
    this.registerOutputs({
      alertTopicArn: this.alertTopicArn,
      healthCheckIds: this.healthCheckIds,
      alarmNames: this.alarmNames,
      dashboardName: this.dashboardName,
    });
  }

  private alarm(
    name: string,
    suffix: string,
    spec: AlarmSpec,
    healthCheckId: pulumi.Output<string>,
    topicArn: pulumi.Output<string>,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
  ): void {
    new aws.cloudwatch.MetricAlarm(
      `${name}-alarm-${suffix}`,
      metricAlarmArgs(spec, { dimensions: { HealthCheckId: healthCheckId }, topicArn, tags, region: ROUTE53_METRICS_REGION }),
      opts,
    );
    this.alarmNames.push(spec.name);
  }

  private declareCloudflare(name: string, args: UptimeMonitoringArgs, checks: ResolvedCheck[]): void {
    const { accountId, zoneId } = args.cloudflare!;
    const ids: Array<pulumi.Output<string>> = [];
    for (const check of checks) {
      const hc = new cloudflare.Healthcheck(`${name}-check-${check.name}`, { zoneId, ...cloudflareHealthcheckInputs(check, args.section, args.environment) }, { parent: this });
      this.healthCheckIds[check.name] = hc.id;
      ids.push(hc.id);
    }
    const webhooks = args.section.alerts.webhooks.map(
      (hook) =>
        new cloudflare.NotificationPolicyWebhooks(
          `${name}-notify-webhook-${hook.name}`,
          { accountId, name: checkResourceName(args.environment, `alerts-${hook.name}`), url: pulumi.secret(args.webhookUrls![hook.name]!) },
          { parent: this },
        ),
    );
    new cloudflare.NotificationPolicy(
      `${name}-notify`,
      {
        accountId,
        name: checkResourceName(args.environment, "uptime"),
        description: `launch-ready ${args.environment}: a health check changed state`,
        alertType: "health_check_status_notification",
        enabled: true,
        filters: { healthCheckIds: ids, statuses: ["Unhealthy", "Healthy"] },
        mechanisms: {
          ...(args.section.alerts.emails.length > 0 ? { emails: args.section.alerts.emails.map((id) => ({ id })) } : {}),
          ...(webhooks.length > 0 ? { webhooks: webhooks.map((w) => ({ id: w.id })) } : {}),
        },
      },
      { parent: this },
    );
  }
}
