import type { CloudflarePlan } from "../../components/schema/context";
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { estimateMonthlyCost, formatCost, ZONE_PLAN_LINE } from "../../plan/cost";
import { renderedStack } from "../support/render";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE, type PlannedResource } from "../../plan/types";
import { installMocks, recorded, settle, valueOf } from "../components/secrets/pulumiMocks";
import { secretsSchema } from "../../components/schema/secrets";
import { webhookQueueSchema } from "../../components/schema/webhookQueue";
import { monitoringSchema } from "../../components/schema/monitoring";
import { SecretsVault } from "../../components/secrets/vault";
import { WebhookQueue } from "../../components/webhookQueue/queue";
import { UptimeMonitoring } from "../../components/monitoring/uptime";

function resource(type: string, inputs: Record<string, unknown> = {}, custom = true): PlannedResource {
  return {
    urn: `urn:pulumi:test::launch-ready::${type}::r`,
    type,
    name: "r",
    custom,
    inputs,
    options: { protect: false, deleteBeforeReplace: false, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] },
  };
}

describe("estimateMonthlyCost: maths", () => {
  test("secrets $0.40 each, KMS keys $1 each, a dated price table", () => {
    const estimate = estimateMonthlyCost({
      resources: [resource("aws:secretsmanager/secret:Secret"), resource("aws:secretsmanager/secret:Secret"), resource("aws:kms/key:Key")],
    });
    expect(estimate.lines.map(({ type, count, unitUsd, monthlyUsd }) => ({ type, count, unitUsd, monthlyUsd }))).toEqual([
      { type: "aws:kms/key:Key", count: 1, unitUsd: 1, monthlyUsd: 1 },
      { type: "aws:secretsmanager/secret:Secret", count: 2, unitUsd: 0.4, monthlyUsd: 0.8 },
    ]);
    expect(estimate.totalUsd).toBe(1.8);
    expect(estimate.priceTableDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(estimate.lines[0]!.note).toContain("https://aws.amazon.com/kms/pricing/");
  });

  test.each<[string, Record<string, unknown>, number]>([
    ["basic HTTPS", { type: "HTTPS", measureLatency: false, requestInterval: 30 }, 2.75],
    ["HTTPS + string match", { type: "HTTPS_STR_MATCH", measureLatency: false, requestInterval: 30 }, 4.75],
    ["HTTPS + latency", { type: "HTTPS", measureLatency: true, requestInterval: 30 }, 4.75],
    ["everything, fast", { type: "HTTPS_STR_MATCH", measureLatency: true, requestInterval: 10 }, 8.75],
    ["plain HTTP", { type: "HTTP", measureLatency: false, requestInterval: 30 }, 0.75],
    ["latency flag wrapped as a secret", { type: "HTTP", measureLatency: { [SECRET_SIG_KEY]: SECRET_SIG, value: true } }, 2.75],
    ["latency unknown before deployment: the costlier choice", { type: "HTTP", measureLatency: UNKNOWN_VALUE }, 2.75],
  ])("Route 53 health check, %s: $0.75 + $2 per optional feature", (_t, inputs, unit) => {
    const estimate = estimateMonthlyCost({ resources: [resource("aws:route53/healthCheck:HealthCheck", inputs)] });
    expect(estimate.lines[0]!.unitUsd).toBe(unit);
    expect(estimate.totalUsd).toBe(unit);
  });

  test("alarms: $0.10 standard (percentile too), $0.30 under 60 s, per metric of a metric-math alarm", () => {
    const estimate = estimateMonthlyCost({
      resources: [
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", { period: 60, statistic: "Minimum" }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", { period: 300, extendedStatistic: "p95" }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", { period: 10, statistic: "Maximum" }),
        resource("aws:cloudwatch/metricAlarm:MetricAlarm", { metricQueries: [{ id: "a", metric: {} }, { id: "b", metric: {} }, { id: "e", expression: "a+b" }] }),
      ],
    });
    expect(estimate.lines.map((l) => [l.count, l.unitUsd, l.monthlyUsd])).toEqual([
      [1, 0.1, 0.1],
      [1, 0.1, 0.1],
      [1, 0.2, 0.2],
      [1, 0.3, 0.3],
    ]);
    expect(estimate.totalUsd).toBe(0.7);
  });

  test("queues, topics and Cloudflare checks are listed at $0 with their usage pricing named; unpriced types and components are left out", () => {
    const estimate = estimateMonthlyCost({
      resources: [
        resource("aws:sqs/queue:Queue"),
        resource("aws:sns/topic:Topic"),
        resource("cloudflare:index/healthcheck:Healthcheck"),
        resource("aws:iam/policy:Policy"),
        resource("aws:cloudwatch/dashboard:Dashboard", {}, false),
      ],
    });
    expect(estimate.lines.map((l) => l.type)).toEqual(["aws:sns/topic:Topic", "aws:sqs/queue:Queue", "cloudflare:index/healthcheck:Healthcheck"]);
    expect(estimate.lines.find((l) => l.type === "aws:sqs/queue:Queue")!.note).toMatch(/FIFO requests \$0\.50 per million/);
    expect(estimate.totalUsd).toBe(0);
  });

  test("an empty plan costs nothing", () => {
    expect(estimateMonthlyCost({ resources: [] })).toMatchObject({ lines: [], totalUsd: 0 });
  });
});

describe("estimateMonthlyCost over the prod example's declared resources", () => {
  // In beforeAll: the suite's files load together (test/support/folderSuite.ts).
  beforeAll(() => installMocks());

  test("KMS $1 + 4 secrets (3 app, 1 chat webhook URL) $1.60 + 3 checks $18.25 + 8 alarms (7 + the relay's errors) $0.80 + dashboard $3 = $24.65", async () => {
    recorded.length = 0;
    const prod = parse(readFileSync(join(__dirname, "../fixtures/aws/prod.yaml"), "utf8"));
    const vault = new SecretsVault("vault", {
      environment: "prod",
      isProduction: true,
      section: secretsSchema.parse(prod.secrets),
      configValues: { "stripe-webhook-signing-key": pulumi.secret("a"), "postmark-server-token": pulumi.secret("b") },
      alertWebhookUrls: { chat: pulumi.secret("https://chat.example.net/x") },
    });
    const monitoring = new UptimeMonitoring("uptime", {
      environment: "prod",
      isProduction: true,
      apex: "example.com",
      cloudflarePlan: "pro",
      section: monitoringSchema.parse(prod.monitoring),
      webhookUrls: { chat: pulumi.secret("https://chat.example.net/x") },
      relaySecrets: { arns: vault.alertWebhookSecretArns, keyArn: vault.keyArn },
    });
    const queue = new WebhookQueue("webhooks", { environment: "prod", section: webhookQueueSchema.parse(prod.webhookQueue), alarmTopicArn: monitoring.alertTopicArn });
    await Promise.all([valueOf(vault.readPolicyArn), valueOf(queue.deadLetterAlarmArn), valueOf(monitoring.alertTopicArn)]);
    await settle();

    const estimate = estimateMonthlyCost({ resources: recorded.map((r) => ({ ...resource(r.type, r.inputs, r.custom), name: r.name })) });
    const byType = (type: string) => estimate.lines.filter((l) => l.type === type).reduce((s, l) => s + l.monthlyUsd, 0);
    expect(byType("aws:kms/key:Key")).toBe(1);
    expect(byType("aws:secretsmanager/secret:Secret")).toBe(1.6);
    expect(byType("aws:route53/healthCheck:HealthCheck")).toBeCloseTo(18.25, 2);
    expect(byType("aws:cloudwatch/metricAlarm:MetricAlarm")).toBeCloseTo(0.8, 2);
    expect(byType("aws:cloudwatch/dashboard:Dashboard")).toBe(3);
    expect(estimate.lines.find((l) => l.type === "aws:sqs/queue:Queue")!.count).toBe(2);
    expect(estimate.totalUsd).toBe(24.65);
  });
});

describe("the zone's Cloudflare plan", () => {
  test.each([
    ["free", undefined],
    ["pro", 20],
    ["business", 200],
    ["enterprise", 0],
  ] as Array<[CloudflarePlan, number | undefined]>)("a %s zone adds %s a month, as its own line", (cloudflarePlan, usd) => {
    const estimate = estimateMonthlyCost({ resources: [], config: { cloudflarePlan } });
    const line = estimate.lines.find((l) => l.type === ZONE_PLAN_LINE);
    if (usd === undefined) expect(line).toBeUndefined();
    else expect(line).toMatchObject({ count: 1, monthlyUsd: usd, note: expect.stringMatching(/plan/) });
    expect(estimate.totalUsd).toBe(usd ?? 0);
    if (usd) expect(formatCost(estimate)).toMatch(/^ {2}1 × Zone plan +\$\d+\.00 {2}\w+ plan, per domain/m);
  });
});

describe("estimateMonthlyCost over both example stacks as rendered", () => {
  test.each([
    ["prod", "free", 0],
    ["staging", "pro", 20],
  ])("%s (%s plan): every AWS fixed charge plus the zone plan, and the sum is the total", async (stack, _plan, zoneUsd) => {
    const { plan } = await renderedStack(stack as "prod" | "staging");
    const estimate = estimateMonthlyCost(plan);
    const types = new Set(estimate.lines.map((l) => l.type));
    for (const type of ["aws:kms/key:Key", "aws:secretsmanager/secret:Secret", "aws:route53/healthCheck:HealthCheck", "aws:cloudwatch/metricAlarm:MetricAlarm"]) expect(types).toContain(type);
    expect(estimate.lines.filter((l) => l.type === ZONE_PLAN_LINE).reduce((s, l) => s + l.monthlyUsd, 0)).toBe(zoneUsd);
    const sum = Math.round(estimate.lines.reduce((s, l) => s + l.monthlyUsd, 0) * 100) / 100;
    expect(estimate.totalUsd).toBe(sum);
    expect(estimate.totalUsd).toBeGreaterThan(zoneUsd);
  });
});
