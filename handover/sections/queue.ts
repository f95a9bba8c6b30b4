/**
 * The webhook queue: the FIFO queue webhook handlers enqueue into, its dead-letter queue, how
 * retries are deduplicated, who may use it, what alarms on it, and how to redrive failed events.
 */
import type { PlannedResource } from "../../plan/types";
import { ofType, regionOf, sourcesOf, TYPES } from "../../plan/read/resources";
import { asRecord, knownNumber, knownString } from "../../plan/read/values";
import { code, md, section, table, text, type Markdown } from "../markdown";
import type { HandoverContext } from "./context";

/** SQS FIFO drops a message whose deduplication id it saw in the last 5 minutes (SQS developer guide, "Exactly-once processing in Amazon SQS"; checked 2026-11). */
export const FIFO_DEDUPLICATION_WINDOW = "5 minutes";

/** SQS's defaults when a queue does not set them (CreateQueue API reference). */
const SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
const SQS_DEFAULT_RETENTION_SECONDS = 345600;

function duration(seconds: number | undefined, fallback: number): string {
  if (seconds === undefined) return `${duration(fallback, fallback)} (SQS default)`;
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return `${seconds} s`;
}

function encryption(ctx: HandoverContext, queue: PlannedResource): string | Markdown {
  if (queue.inputs.kmsMasterKeyId !== undefined) {
    const key = sourcesOf(ctx.plan, queue, "kmsMasterKeyId")[0];
    return key ? md`KMS key ${code(key.name)}` : "KMS key";
  }
  return queue.inputs.sqsManagedSseEnabled === true ? "SQS-managed (SSE-SQS)" : "NONE";
}

/** The queue that receives a queue's failed messages: through the redrive policy's dependency, its text, or the `-dlq` name. */
function deadLetterOf(ctx: HandoverContext, queue: PlannedResource, queues: PlannedResource[]): PlannedResource | undefined {
  const byDependency = sourcesOf(ctx.plan, queue, "redrivePolicy").find((r) => r.type === TYPES.sqsQueue);
  if (byDependency) return byDependency;
  const name = knownString(queue.inputs.name)?.replace(/\.fifo$/, "");
  return name ? queues.find((q) => knownString(q.inputs.name) === `${name}-dlq.fifo` || knownString(q.inputs.name) === `${name}-dlq`) : undefined;
}

function maxReceiveCount(ctx: HandoverContext, queue: PlannedResource): number | undefined {
  const text = knownString(queue.inputs.redrivePolicy);
  if (text) {
    try {
      return knownNumber(asRecord(JSON.parse(text))?.maxReceiveCount);
    } catch {
      // Not JSON: fall back to the config.
    }
  }
  return knownNumber(asRecord(asRecord(ctx.plan.config)?.webhookQueue)?.maxReceiveCount);
}

export function queueSection(ctx: HandoverContext): string[] {
  const plan = ctx.plan;
  const stack = plan.stack;
  const queues = ofType(plan, TYPES.sqsQueue);
  const pairs = queues.flatMap((q) => {
    const dlq = deadLetterOf(ctx, q, queues);
    return dlq && dlq !== q ? [{ main: q, dlq }] : [];
  });
  if (queues.length === 0) return section("Webhook queue", [], "The plan declares no queue: webhook handlers do their work inline, and an event that fails is lost unless its sender retries it.");

  const body: string[] = [];
  // Each main queue first, then the dead-letter queues.
  const isDeadLetter = (q: PlannedResource) => pairs.some((p) => p.dlq === q);
  const ordered = [...queues.filter((q) => !isDeadLetter(q)), ...queues.filter(isDeadLetter)];
  const rows = ordered.map((q) => {
    const pair = pairs.find((p) => p.main === q || p.dlq === q);
    const role = pair?.main === q ? "webhook events" : pair?.dlq === q ? md`dead letters of ${code(knownString(pair.main.inputs.name) ?? pair.main.name)}` : "–";
    const fifo = q.inputs.fifoQueue === true;
    return [
      code(knownString(q.inputs.name) ?? q.name),
      role,
      fifo ? "FIFO" : "standard",
      fifo ? (q.inputs.contentBasedDeduplication === true ? "content (SHA-256 of the body)" : md`the sender's ${code("MessageDeduplicationId")} (the provider's event id)`) : "none",
      duration(knownNumber(q.inputs.visibilityTimeoutSeconds), SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
      duration(knownNumber(q.inputs.messageRetentionSeconds), SQS_DEFAULT_RETENTION_SECONDS),
      encryption(ctx, q),
      regionOf(plan, q) ?? md`the stack's ${code("aws:region")}`,
      q.options?.protect ? "yes" : "no",
    ];
  });
  body.push(...table(["Queue", "Holds", "Type", "Deduplication", "Visibility timeout", "Retention", "Encryption", "Region", "Protected"], rows), "");

  for (const { main, dlq } of pairs) {
    const mainName = knownString(main.inputs.name) ?? main.name;
    const dlqName = knownString(dlq.inputs.name) ?? dlq.name;
    const count = maxReceiveCount(ctx, main);
    const alarms = ofType(plan, TYPES.metricAlarm).filter((a) => knownString(asRecord(a.inputs.dimensions)?.QueueName) === dlqName);
    body.push(
      `A message received ${text(count ?? "maxReceiveCount")} times from ${code(mainName)} without being deleted (its handler failed each time) moves to ${code(dlqName)}. ` +
        (main.inputs.fifoQueue === true ? `A webhook retried within ${FIFO_DEDUPLICATION_WINDOW} is enqueued once; later retries reach the handler again, so it must stay idempotent on the event id. ` : "") +
        (alarms.length
          ? `The alarm ${alarms.map((a) => code(knownString(a.inputs.name) ?? a.name)).join(", ")} fires as soon as a message waits there (see Monitoring and alerts).`
          : "No alarm watches the dead-letter queue: failed events wait there unnoticed."),
      "",
    );
  }

  const policies = ofType(plan, TYPES.iamPolicy).filter((p) => sourcesOf(plan, p, "policy").some((r) => r.type === TYPES.sqsQueue) || pairs.some((q) => knownString(p.inputs.description)?.includes(knownString(q.main.inputs.name) ?? "\u0000")));
  for (const policy of policies) {
    const roles = ofType(plan, TYPES.rolePolicyAttachment)
      .filter((a) => sourcesOf(plan, a, "policyArn").includes(policy))
      .map((a) => knownString(a.inputs.role))
      .filter((r): r is string => r !== undefined);
    body.push(`App access: IAM policy ${code(knownString(policy.inputs.name) ?? policy.name)} (${text(knownString(policy.inputs.description) ?? "send and receive")})${roles.length ? `, attached to the role ${roles.map(code).join(", ")}` : ", not attached to any role by the stack: attach it to the app's role"}.`, "");
  }

  if (pairs.length) {
    body.push(
      "### When the dead-letter alarm fires",
      "",
      `1. Look at what failed, without taking it off the queue: \`aws sqs receive-message --queue-url "$(pulumi stack output webhookDeadLetterQueueUrl --stack ${stack})" --attribute-names All --max-number-of-messages 10 --visibility-timeout 0\`.`,
      "2. Find the cause in the app's logs (by the event id in the message), fix it and deploy the fix.",
      `3. Move the messages back to the queue: \`aws sqs start-message-move-task --source-arn "$(aws sqs get-queue-attributes --queue-url "$(pulumi stack output webhookDeadLetterQueueUrl --stack ${stack})" --attribute-names QueueArn --query Attributes.QueueArn --output text)"\` (without a destination, SQS moves them to the queue they came from), and watch the alarm return to OK.`,
      `4. Never purge the dead-letter queue to silence the alarm: each message is a payment or membership event that was not applied. SQS deletes a message that stays longer than the dead-letter queue's retention; a redriven message starts a new retention period.`,
      "",
    );
  }
  return section("Webhook queue", body, "");
}
