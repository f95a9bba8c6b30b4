/**
 * The `webhookQueue` section: an SQS FIFO queue the app's webhook handlers enqueue into (and
 * answer fast), so a retried webhook is processed once and no event is lost: deduplication,
 * a dead-letter queue after `maxReceiveCount` failed receives, encryption, and an alarm when the
 * dead-letter queue holds anything.
 *
 * Example (Pulumi.prod.yaml, under `launch-ready:webhookQueue`):
 *   enabled: true
 *   deduplication: content        # or eventId: the app sends the provider's event id as MessageDeduplicationId
 *   visibilityTimeoutSeconds: 120
 *
 * Limits (AWS's) are checked in components/webhookQueue/validate.ts (`validateWebhookQueue`).
 */
import { z } from "zod";
import { SQS_RETENTION_DEFAULT_SECONDS } from "../constants/aws";

const seconds = z.number({ error: "a number of seconds is expected" }).int({ error: "a whole number of seconds is expected" });

export const webhookQueueSchema = z.strictObject({
  /** @default false: no queue, no DLQ alarm. */
  enabled: z.boolean().default(false),
  /** The queue's base name: `launch-ready-<env>-<name>.fifo`. @default "webhooks" */
  name: z.string().regex(/^[a-z0-9-]+$/, { error: "a lower-case name of letters, digits and hyphens is expected, like \"webhooks\"" }).default("webhooks"),
  /**
   * "content": SQS deduplicates identical bodies sent within 5 minutes (content-based
   * deduplication). "eventId": the app passes the provider's event id (Stripe `evt_...`) as
   * MessageDeduplicationId, which also catches retries whose body differs. @default "content"
   */
  deduplication: z.enum(["content", "eventId"], { error: "\"content\" or \"eventId\" is expected" }).default("content"),
  /** How long a received message stays hidden while the worker handles it, 0..43200. @default 60 */
  visibilityTimeoutSeconds: seconds.default(60),
  /** How long an unprocessed message is kept, 60..1209600. @default 345600 (4 days, AWS's default) */
  messageRetentionSeconds: seconds.default(SQS_RETENTION_DEFAULT_SECONDS),
  /** Receives before a message moves to the dead-letter queue, 1..1000. @default 5 */
  maxReceiveCount: z.number({ error: "a number is expected" }).int({ error: "a whole number is expected" }).default(5),
  /** "sqs-managed" (SSE-SQS) or "kms" (the environment's secrets key). @default "sqs-managed" */
  encryption: z.enum(["sqs-managed", "kms"], { error: "\"sqs-managed\" or \"kms\" is expected" }).default("sqs-managed"),
});

export type WebhookQueueSection = z.output<typeof webhookQueueSchema>;
