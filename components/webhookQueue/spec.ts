/**
 * Pure parts of the webhook queue: names, limits, the redrive and redrive-allow policies, the
 * app's access policy and the dead-letter alarm, all from the parsed section. Tested without Pulumi.
 */
import type { WebhookQueueSection } from "../schema/webhookQueue";
import type { PolicyDocument, PolicyStatement } from "../secrets/policy";
import { arnRegion } from "../secrets/policy";
import {
  SQS_FIFO_SUFFIX,
  SQS_MAX_RECEIVE_COUNT_MAX,
  SQS_MAX_RECEIVE_COUNT_MIN,
  SQS_QUEUE_NAME_MAX_LENGTH,
  SQS_RETENTION_MAX_SECONDS,
  SQS_RETENTION_MIN_SECONDS,
  SQS_VISIBILITY_TIMEOUT_MAX_SECONDS,
  SQS_VISIBILITY_TIMEOUT_MIN_SECONDS,
} from "../constants/aws";

export interface Problem {
  path: Array<string | number>;
  message: string;
}

export interface QueueNames {
  main: string;
  deadLetter: string;
}

export function queueNames(environment: string, name: string): QueueNames {
  const base = `launch-ready-${environment}-${name}`;
  return { main: `${base}${SQS_FIFO_SUFFIX}`, deadLetter: `${base}-dlq${SQS_FIFO_SUFFIX}` };
}

/** AWS's limits and the rules that keep events from being lost, as errors and warnings. */
export function webhookQueueProblems(section: WebhookQueueSection, environment: string): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const range = (key: keyof WebhookQueueSection, value: number, min: number, max: number, unit: string) => {
    if (value < min || value > max) errors.push({ path: [key], message: `${value} is outside SQS's limit; ${min}..${max}${unit} is expected` });
  };
  range("visibilityTimeoutSeconds", section.visibilityTimeoutSeconds, SQS_VISIBILITY_TIMEOUT_MIN_SECONDS, SQS_VISIBILITY_TIMEOUT_MAX_SECONDS, " seconds (12 hours)");
  range("messageRetentionSeconds", section.messageRetentionSeconds, SQS_RETENTION_MIN_SECONDS, SQS_RETENTION_MAX_SECONDS, " seconds (14 days)");
  range("maxReceiveCount", section.maxReceiveCount, SQS_MAX_RECEIVE_COUNT_MIN, SQS_MAX_RECEIVE_COUNT_MAX, "");

  const names = queueNames(environment, section.name);
  if (names.deadLetter.length > SQS_QUEUE_NAME_MAX_LENGTH) {
    errors.push({
      path: ["name"],
      message: `${JSON.stringify(section.name)} makes the dead-letter queue name ${JSON.stringify(names.deadLetter)} ${names.deadLetter.length} characters long; SQS allows ${SQS_QUEUE_NAME_MAX_LENGTH}, so a shorter name is expected`,
    });
  }
  // A message that keeps failing needs maxReceiveCount visibility timeouts to reach the DLQ;
  // if the retention is shorter it expires first and the event is silently lost.
  const toDeadLetter = section.visibilityTimeoutSeconds * section.maxReceiveCount;
  if (errors.length === 0 && toDeadLetter >= section.messageRetentionSeconds) {
    warnings.push({
      path: ["messageRetentionSeconds"],
      message: `${section.messageRetentionSeconds} s is not longer than visibilityTimeoutSeconds x maxReceiveCount (${toDeadLetter} s): a failing message can expire before it reaches the dead-letter queue; a longer retention is expected`,
    });
  }
  return { errors, warnings };
}

/** The main queue's RedrivePolicy. */
export function redrivePolicy(deadLetterArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount });
}

/** The dead-letter queue's RedriveAllowPolicy: only the main queue may send to it. */
export function redriveAllowPolicy(mainArn: string): string {
  return JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [mainArn] });
}

export const APP_QUEUE_ACTIONS = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage"] as const;

/**
 * The app may send, receive, delete and extend the visibility of messages on the main queue,
 * nothing on the dead-letter queue (redriving is an operator's decision). With a KMS key, it
 * may also use the key, but only through SQS in the queue's region.
 */
export function queueAccessPolicyDocument(mainArn: string, kmsKeyArn?: string): PolicyDocument {
  const statements: PolicyStatement[] = [{ Sid: "UseWebhookQueue", Effect: "Allow", Action: [...APP_QUEUE_ACTIONS], Resource: [mainArn] }];
  if (kmsKeyArn !== undefined) {
    statements.push({
      Sid: "EncryptWebhookMessages",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [kmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": `sqs.${arnRegion(mainArn)}.amazonaws.com` } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The alarm that fires as soon as one message sits in the dead-letter queue. */
export function deadLetterAlarmSpec(environment: string, deadLetterName: string) {
  return {
    name: `launch-ready-${environment}-webhook-dlq-not-empty`,
    description: `A webhook event failed processing repeatedly and waits in ${deadLetterName}: inspect it and redrive it once fixed`,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: deadLetterName },
    statistic: "Maximum",
    period: 60,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: "GreaterThanThreshold",
    // No data means SQS has nothing to report (an idle queue), not a failure.
    treatMissingData: "notBreaching",
  } as const;
}
