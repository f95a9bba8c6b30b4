/**
 * WebhookQueue: the FIFO queue webhook handlers enqueue into, its FIFO dead-letter queue, the
 * app's access policy, and an alarm (to the alerts topic) when the dead-letter queue is not empty.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../sdk/aws";
import type { WebhookQueueSection } from "../schema/webhookQueue";
import { SQS_RETENTION_MAX_SECONDS, standardTags } from "../constants/aws";
import { deadLetterAlarmSpec, queueAccessPolicyDocument, queueNames, redriveAllowPolicy, redrivePolicy } from "./spec";
import { validateWebhookQueue } from "./validate";
import { metricAlarmArgs } from "../monitoring/specs";

export interface WebhookQueueArgs {
  environment: string;
  /** The parsed `webhookQueue` section. Construct the component only when `enabled` is true. */
  section: WebhookQueueSection;
  /**
   * The SNS topic the dead-letter alarm notifies. It must be in the queue's region (CloudWatch
   * alarms only notify topics of their own region): UptimeMonitoring's `alertTopicArn` when the
   * queue is in us-east-1, else a topic of the queue's region.
   */
  alarmTopicArn: pulumi.Input<string>;
  /** Required when `section.encryption` is "kms" (e.g. SecretsVault.keyArn); ignored otherwise. */
  kmsKeyArn?: pulumi.Input<string>;
  /** @default no attachment: the access policy is created and its ARN exported. */
  appRoleName?: pulumi.Input<string>;
  /** @default false: `protect` on both queues (deleting them drops queued events). */
  protect?: boolean;
}

export function validateWebhookQueueArgs(args: WebhookQueueArgs): string[] {
  const problems = validateWebhookQueue(args.section, args).errors.map((p) => `webhookQueue.${p.path.join(".")}: ${p.message}`);
  if (args.section.encryption === "kms" && args.kmsKeyArn === undefined) {
    problems.push(`webhookQueue.encryption: "kms" needs the key: pass kmsKeyArn (the SecretsVault's keyArn), or use "sqs-managed"`);
  }
  return problems;
}

export class WebhookQueue extends pulumi.ComponentResource {
  readonly queueArn: pulumi.Output<string>;
  readonly queueUrl: pulumi.Output<string>;
  readonly queueName: string;
  readonly deadLetterQueueArn: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;
  readonly deadLetterQueueName: string;
  readonly accessPolicyArn: pulumi.Output<string>;
  readonly deadLetterAlarmArn: pulumi.Output<string>;

  constructor(name: string, args: WebhookQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:webhookQueue:WebhookQueue", name, {}, opts);
    const problems = validateWebhookQueueArgs(args);
    if (problems.length > 0) throw new Error(`WebhookQueue ${name}: invalid arguments:\n  ${problems.join("\n  ")}`);

    const { section, environment } = args;
    const names = queueNames(environment, section.name);
    const tags = standardTags(environment);
    const kms = section.encryption === "kms" ? args.kmsKeyArn : undefined;
    const encryption = kms !== undefined ? { kmsMasterKeyId: kms } : { sqsManagedSseEnabled: true };
    const queueOpts: pulumi.CustomResourceOptions = { parent: this, protect: args.protect ?? false };
    const contentBasedDeduplication = section.deduplication === "content";

    const deadLetter = new aws.sqs.Queue(
      `${name}-dlq`,
      {
        name: names.deadLetter,
        fifoQueue: true,
        contentBasedDeduplication,
        // Keep failed events as long as SQS allows, so there is time to fix and redrive them.
        messageRetentionSeconds: SQS_RETENTION_MAX_SECONDS,
        ...encryption,
        tags,
      },
      queueOpts,
    );
    const queue = new aws.sqs.Queue(
      `${name}-queue`,
      {
        name: names.main,
        fifoQueue: true,
        contentBasedDeduplication,
        visibilityTimeoutSeconds: section.visibilityTimeoutSeconds,
        messageRetentionSeconds: section.messageRetentionSeconds,
        redrivePolicy: deadLetter.arn.apply((arn) => redrivePolicy(arn, section.maxReceiveCount)),
        ...encryption,
        tags,
      },
      queueOpts,
    );
    // A separate resource: the DLQ's allow-policy names the main queue, whose redrive policy names the DLQ.
    new aws.sqs.RedriveAllowPolicy(
      `${name}-dlq-redrive-allow`,
      { queueUrl: deadLetter.url, redriveAllowPolicy: queue.arn.apply(redriveAllowPolicy) },
      { parent: this },
    );

    const policy = new aws.iam.Policy(
      `${name}-access-policy`,
      {
        name: `launch-ready-${environment}-${section.name}-queue-access`,
        description: `Send, receive and delete messages on ${names.main} only`,
        policy: pulumi
          .all([queue.arn, kms ?? ""])
          .apply(([arn, key]) => JSON.stringify(queueAccessPolicyDocument(arn, key === "" ? undefined : key))),
        tags,
      },
      { parent: this },
    );
    if (args.appRoleName !== undefined) {
      new aws.iam.RolePolicyAttachment(`${name}-access-policy-attachment`, { role: args.appRoleName, policyArn: policy.arn }, { parent: this });
    }

    const spec = deadLetterAlarmSpec(environment, names.deadLetter);
    const alarm = new aws.cloudwatch.MetricAlarm(
      `${name}-dlq-alarm`,
      metricAlarmArgs(spec, { dimensions: spec.dimensions, topicArn: args.alarmTopicArn, tags }),
      { parent: this, dependsOn: [deadLetter] },
    );

    this.queueArn = queue.arn;
    this.queueUrl = queue.url;
    this.queueName = names.main;
    this.deadLetterQueueArn = deadLetter.arn;
    this.deadLetterQueueUrl = deadLetter.url;
    this.deadLetterQueueName = names.deadLetter;
    this.accessPolicyArn = policy.arn;
    this.deadLetterAlarmArn = alarm.arn;
    this.registerOutputs({
      queueArn: this.queueArn,
      queueUrl: this.queueUrl,
      queueName: this.queueName,
      deadLetterQueueArn: this.deadLetterQueueArn,
      deadLetterQueueUrl: this.deadLetterQueueUrl,
      deadLetterQueueName: this.deadLetterQueueName,
      accessPolicyArn: this.accessPolicyArn,
      deadLetterAlarmArn: this.deadLetterAlarmArn,
    });
  }
}
