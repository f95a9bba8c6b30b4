import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { webhookQueueSchema } from "../../../components/schema/webhookQueue";
import { validateWebhookQueue } from "../../../components/webhookQueue/validate";
import type { SectionContext } from "../../../components/schema/context";
import { deadLetterAlarmSpec, queueAccessPolicyDocument, queueNames, redriveAllowPolicy, redrivePolicy } from "../../../components/webhookQueue/spec";

const fixture = (env: string) => parse(readFileSync(join(__dirname, "../../fixtures/aws", `${env}.yaml`), "utf8")).webhookQueue;
const context = (environment: string): SectionContext => ({ environment, isProduction: environment === "prod", apex: "example.com", plan: "free", hosts: [] });

function check(raw: unknown, environment = "prod") {
  const errors: Array<{ path: string; message: string }> = [];
  const warnings: Array<{ path: string; message: string }> = [];
  const parsed = webhookQueueSchema.safeParse(raw);
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), warnings };
  const found = validateWebhookQueue(parsed.data, context(environment));
  for (const p of found.errors) errors.push({ path: p.path.join("."), message: p.message });
  for (const p of found.warnings) warnings.push({ path: p.path.join("."), message: p.message });
  return { errors, warnings };
}

describe("webhookQueue section", () => {
  test.each(["prod", "staging"])("the %s example is valid", (env) => {
    expect(check(fixture(env), env)).toEqual({ errors: [], warnings: [] });
  });

  test("defaults: off, content deduplication, 60 s visibility, 4 days retention, 5 receives, SSE-SQS", () => {
    expect(webhookQueueSchema.parse({})).toEqual({
      enabled: false,
      name: "webhooks",
      deduplication: "content",
      visibilityTimeoutSeconds: 60,
      messageRetentionSeconds: 345600,
      maxReceiveCount: 5,
      encryption: "sqs-managed",
    });
  });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ["visibility timeout over 12 hours", { visibilityTimeoutSeconds: 50000 }, "visibilityTimeoutSeconds", /50000 is outside SQS's limit; 0\.\.43200 seconds/],
    ["negative visibility timeout", { visibilityTimeoutSeconds: -1 }, "visibilityTimeoutSeconds", /-1 is outside SQS's limit/],
    ["retention under a minute", { messageRetentionSeconds: 30 }, "messageRetentionSeconds", /30 is outside SQS's limit; 60\.\.1209600 seconds \(14 days\)/],
    ["retention over 14 days", { messageRetentionSeconds: 1209601 }, "messageRetentionSeconds", /1209601 is outside/],
    ["maxReceiveCount 0", { maxReceiveCount: 0 }, "maxReceiveCount", /0 is outside SQS's limit; 1\.\.1000/],
    ["maxReceiveCount over 1000", { maxReceiveCount: 1001 }, "maxReceiveCount", /1001 is outside/],
    ["a name too long for SQS", { name: "x".repeat(70) }, "name", /characters long; SQS allows 80/],
  ])("rejects %s at its path", (_t, overrides, path, message) => {
    const { errors } = check({ enabled: true, ...overrides });
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test("a disabled queue is not checked", () => {
    expect(check({ enabled: false, maxReceiveCount: 0 }).errors).toEqual([]);
  });

  test("warns when a failing message would expire before reaching the dead-letter queue", () => {
    const { errors, warnings } = check({ enabled: true, visibilityTimeoutSeconds: 3600, maxReceiveCount: 10, messageRetentionSeconds: 7200 });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([{ path: "messageRetentionSeconds", message: expect.stringMatching(/7200 s is not longer than .* \(36000 s\)/) }]);
  });
});

describe("pure queue parts", () => {
  const main = "arn:aws:sqs:eu-west-1:123456789012:launch-ready-prod-webhooks.fifo";

  test("names end in .fifo, the DLQ with -dlq.fifo", () => {
    expect(queueNames("prod", "webhooks")).toEqual({ main: "launch-ready-prod-webhooks.fifo", deadLetter: "launch-ready-prod-webhooks-dlq.fifo" });
  });

  test("redrive and redrive-allow policies", () => {
    expect(JSON.parse(redrivePolicy("arn:dlq", 5))).toEqual({ deadLetterTargetArn: "arn:dlq", maxReceiveCount: 5 });
    expect(JSON.parse(redriveAllowPolicy(main))).toEqual({ redrivePermission: "byQueue", sourceQueueArns: [main] });
  });

  test("access policy: the four message actions on the main queue only; KMS via SQS only", () => {
    expect(queueAccessPolicyDocument(main).Statement).toEqual([
      { Sid: "UseWebhookQueue", Effect: "Allow", Action: ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage"], Resource: [main] },
    ]);
    const withKey = queueAccessPolicyDocument(main, "arn:aws:kms:eu-west-1:123456789012:key/k");
    expect(withKey.Statement[1]).toEqual({
      Sid: "EncryptWebhookMessages",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: ["arn:aws:kms:eu-west-1:123456789012:key/k"],
      Condition: { StringEquals: { "kms:ViaService": "sqs.eu-west-1.amazonaws.com" } },
    });
  });

  test("the DLQ alarm fires on one visible message", () => {
    expect(deadLetterAlarmSpec("prod", "q-dlq.fifo")).toMatchObject({
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "q-dlq.fifo" },
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
    });
  });
});
