/**
 * The `webhookQueue` section's validation: AWS's limits and the rules that keep events from being
 * lost, as errors and warnings. Used by the config loader and by the queue component.
 */
import type { WebhookQueueSection } from "../schema/webhookQueue";
import type { SectionProblem, SectionProblems } from "../schema/context";
import { queueNames } from "./spec";
import {
  SQS_MAX_RECEIVE_COUNT_MAX,
  SQS_MAX_RECEIVE_COUNT_MIN,
  SQS_QUEUE_NAME_MAX_LENGTH,
  SQS_RETENTION_MAX_SECONDS,
  SQS_RETENTION_MIN_SECONDS,
  SQS_VISIBILITY_TIMEOUT_MAX_SECONDS,
  SQS_VISIBILITY_TIMEOUT_MIN_SECONDS,
} from "../constants/aws";

/** AWS's limits and the rules that keep events from being lost, as errors and warnings; none for a disabled queue. */
export function validateWebhookQueue(section: WebhookQueueSection, context: { environment: string }): SectionProblems {
  const { environment } = context;
  const errors: SectionProblem[] = [];
  const warnings: SectionProblem[] = [];
  if (!section.enabled) return { errors, warnings };
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
