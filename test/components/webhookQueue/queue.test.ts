import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { installMocks, ofType, one, recorded, settle, valueOf } from "../secrets/pulumiMocks";
import { webhookQueueSchema } from "../../../components/schema/webhookQueue";
import { WebhookQueue, validateWebhookQueueArgs } from "../../../components/webhookQueue/queue";

// In beforeAll: the suite's files load together (test/support/folderSuite.ts).
beforeAll(() => installMocks());

const fixture = (env: string) => webhookQueueSchema.parse(parse(readFileSync(join(__dirname, "../../fixtures/aws", `${env}.yaml`), "utf8")).webhookQueue);
const TOPIC = "arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts";

describe("WebhookQueue (prod example)", () => {
  let queue: WebhookQueue;
  beforeAll(async () => {
    recorded.length = 0;
    queue = new WebhookQueue("webhooks", { environment: "prod", section: fixture("prod"), alarmTopicArn: TOPIC, appRoleName: "launch-ready-prod-app", protect: true });
    await valueOf(queue.deadLetterAlarmArn);
    await settle();
  });

  test("a FIFO queue with content-based deduplication, SSE-SQS, config's visibility and retention, redriving to a FIFO DLQ after 5 receives", () => {
    const main = one("aws:sqs/queue:Queue", "webhooks-queue");
    const dlq = one("aws:sqs/queue:Queue", "webhooks-dlq");
    expect(main.inputs).toMatchObject({
      name: "launch-ready-prod-webhooks.fifo",
      fifoQueue: true,
      contentBasedDeduplication: true,
      sqsManagedSseEnabled: true,
      visibilityTimeoutSeconds: 120,
      messageRetentionSeconds: 345600,
    });
    expect(JSON.parse(main.inputs.redrivePolicy)).toEqual({
      deadLetterTargetArn: "arn:aws:sqs:eu-west-1:123456789012:launch-ready-prod-webhooks-dlq.fifo",
      maxReceiveCount: 5,
    });
    expect(dlq.inputs).toMatchObject({ name: "launch-ready-prod-webhooks-dlq.fifo", fifoQueue: true, sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600 });
    expect(main.protect && dlq.protect).toBe(true);
  });

  test("the DLQ only accepts redrives from the main queue", () => {
    const allow = one("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy");
    expect(allow.inputs.queueUrl).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/launch-ready-prod-webhooks-dlq.fifo");
    expect(JSON.parse(allow.inputs.redriveAllowPolicy)).toEqual({
      redrivePermission: "byQueue",
      sourceQueueArns: ["arn:aws:sqs:eu-west-1:123456789012:launch-ready-prod-webhooks.fifo"],
    });
  });

  test("the app's policy covers the main queue only and is attached to its role", () => {
    const doc = JSON.parse(one("aws:iam/policy:Policy").inputs.policy);
    expect(doc.Statement).toHaveLength(1);
    expect(doc.Statement[0].Resource).toEqual(["arn:aws:sqs:eu-west-1:123456789012:launch-ready-prod-webhooks.fifo"]);
    expect(doc.Statement[0].Action).toContain("sqs:SendMessage");
    expect(one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.role).toBe("launch-ready-prod-app");
  });

  test("an alarm on the DLQ's visible messages notifies the alerts topic on alarm and on recovery", () => {
    const alarm = one("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarm.inputs).toMatchObject({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "launch-ready-prod-webhooks-dlq.fifo" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      alarmActions: [TOPIC],
      okActions: [TOPIC],
    });
  });

  test("outputs name the queues", async () => {
    expect(queue.queueName).toBe("launch-ready-prod-webhooks.fifo");
    expect(await valueOf(queue.queueUrl)).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/launch-ready-prod-webhooks.fifo");
  });
});

describe("WebhookQueue variants", () => {
  test("eventId deduplication turns content-based deduplication off; kms encryption uses the key and grants it via SQS", async () => {
    recorded.length = 0;
    const section = webhookQueueSchema.parse({ enabled: true, deduplication: "eventId", encryption: "kms" });
    const key = "arn:aws:kms:eu-west-1:123456789012:key/vault-key-id";
    const q = new WebhookQueue("wq-kms", { environment: "staging", section, alarmTopicArn: TOPIC, kmsKeyArn: key });
    await valueOf(q.accessPolicyArn);
    await settle();
    for (const r of ofType("aws:sqs/queue:Queue")) {
      expect(r.inputs.contentBasedDeduplication).toBe(false);
      expect(r.inputs.kmsMasterKeyId).toBe(key);
      expect(r.inputs.sqsManagedSseEnabled).toBeUndefined();
      expect(r.protect).toBe(false);
    }
    const doc = JSON.parse(one("aws:iam/policy:Policy").inputs.policy);
    expect(doc.Statement[1].Resource).toEqual([key]);
    expect(ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toHaveLength(0);
  });

  test("refuses bad limits and kms without a key before creating anything", () => {
    const before = recorded.length;
    const args = { environment: "prod", section: webhookQueueSchema.parse({ enabled: true, maxReceiveCount: 0, encryption: "kms" }), alarmTopicArn: TOPIC };
    expect(validateWebhookQueueArgs(args)).toEqual([
      expect.stringMatching(/^webhookQueue\.maxReceiveCount: 0 is outside/),
      expect.stringMatching(/^webhookQueue\.encryption: "kms" needs the key/),
    ]);
    expect(() => new WebhookQueue("bad", args)).toThrow(/WebhookQueue bad: invalid arguments/);
    expect(recorded.length).toBe(before);
  });
});
