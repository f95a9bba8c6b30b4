/**
 * Pure parts of the webhook queue: names, the redrive and redrive-allow policies, the
 * app's access policy and the dead-letter alarm, all from the parsed section. Tested without Pulumi. Its limits are judged in ./validate.ts.
 */
import type { PolicyDocument, PolicyStatement } from "../secrets/policy";
import { arnRegion } from "../secrets/policy";
import { SQS_FIFO_SUFFIX } from "../constants/aws";

export interface QueueNames {
  main: string;
  deadLetter: string;
}

export function queueNames(environment: string, name: string): QueueNames {
  const base = `launch-ready-${environment}-${name}`;
  return { main: `${base}${SQS_FIFO_SUFFIX}`, deadLetter: `${base}-dlq${SQS_FIFO_SUFFIX}` };
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
