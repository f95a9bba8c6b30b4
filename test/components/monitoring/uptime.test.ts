import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { installMocks, occurrences, ofType, one, recorded, settle, valueOf } from "../secrets/pulumiMocks";
import { monitoringSchema } from "../../../components/schema/monitoring";
import { UptimeMonitoring, validateUptimeMonitoringArgs } from "../../../components/monitoring/uptime";

// In beforeAll: the suite's files load together (test/support/folderSuite.ts), and mocks set at load
// would be replaced by a later file's before this file's tests run.
beforeAll(() => installMocks());

const section = (env: string) => monitoringSchema.parse(parse(readFileSync(join(__dirname, "../../fixtures/aws", `${env}.yaml`), "utf8")).monitoring);
// A chat webhook URL embeds a token: planted, recognisable, and built from pieces.
const PLANTED_URL = ["https://chat.example.net/hooks", "T0KEN", "PLANTED", "canary"].join("/");
// Where the vault keeps that URL (the relay reads it at run time) and the vault's key.
const VAULT_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:launch-ready/prod/alerts/chat-webhook-url-AbCdEf";
const VAULT_KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/00000000-1111-2222-3333-444444444444";

describe("UptimeMonitoring (prod example, Route 53)", () => {
  let monitoring: UptimeMonitoring;
  beforeAll(async () => {
    recorded.length = 0;
    pulumi.runtime.setAllConfig({ "launch-ready:alertsChatWebhookUrl": PLANTED_URL }, ["launch-ready:alertsChatWebhookUrl"]);
    const config = new pulumi.Config("launch-ready");
    monitoring = new UptimeMonitoring("uptime", {
      environment: "prod",
      isProduction: true,
      apex: "example.com",
      cloudflarePlan: "pro",
      section: section("prod"),
      webhookUrls: { chat: config.requireSecret("alertsChatWebhookUrl") },
      relaySecrets: { arns: { chat: VAULT_SECRET_ARN }, keyArn: VAULT_KEY_ARN },
    });
    await valueOf(monitoring.alertTopicArn);
    await settle();
  });

  test("one Route 53 health check per configured check, with HTTPS/SNI/443 and the string match where asked", () => {
    const checks = ofType("aws:route53/healthCheck:HealthCheck");
    // Registration order is the SDK's business: compare sorted by logical name.
    expect(checks.map((c) => [c.name, c.inputs.type, c.inputs.fqdn, c.inputs.resourcePath]).sort()).toEqual([
      ["uptime-check-api-health", "HTTPS_STR_MATCH", "api.example.com", "/api/health"],
      ["uptime-check-homepage", "HTTPS_STR_MATCH", "example.com", "/"],
      ["uptime-check-login", "HTTPS", "example.com", "/login"],
    ]);
    for (const c of checks) {
      expect(c.inputs).toMatchObject({ port: 443, enableSni: true, requestInterval: 30, failureThreshold: 3, measureLatency: true });
      expect(c.inputs.regions.length).toBeGreaterThanOrEqual(3);
    }
  });

  test("every alarm lives in us-east-1 through the explicit provider (and its own region input) and notifies the topic on alarm and OK", () => {
    const provider = one("pulumi:providers:aws");
    expect(provider.inputs.region).toBe("us-east-1");
    const alarms = ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.namespace === "AWS/Route53");
    expect(alarms.map((a) => a.inputs.name).sort()).toEqual([
      "launch-ready-prod-api-health-down",
      "launch-ready-prod-api-health-slow",
      "launch-ready-prod-homepage-down",
      "launch-ready-prod-homepage-slow",
      "launch-ready-prod-login-down",
      "launch-ready-prod-login-slow",
    ]);
    // The mocks build ARNs from the region a resource is managed in: the topic is in us-east-1.
    const topic = "arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts";
    for (const alarm of alarms) {
      expect(alarm.inputs.region).toBe("us-east-1");
      expect(alarm.provider).toMatch(/::uptime-us-east-1::/);
      expect(alarm.inputs.alarmActions).toEqual([topic]);
      expect(alarm.inputs.okActions).toEqual([topic]);
      expect(alarm.inputs.dimensions.HealthCheckId).toMatch(/^uptime-check-[a-z-]+-id$/);
    }
    expect(one("aws:cloudwatch/metricAlarm:MetricAlarm", "uptime-alarm-login-down").inputs).toMatchObject({
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      statistic: "Minimum",
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
    // Route 53 publishes Average/Minimum/Maximum for its latency metrics, no percentiles; a
    // latency that stops being measured is breaching, not OK.
    const slow = one("aws:cloudwatch/metricAlarm:MetricAlarm", "uptime-alarm-api-health-slow").inputs;
    expect(slow).toMatchObject({ metricName: "TimeToFirstByte", statistic: "Average", threshold: 250, treatMissingData: "breaching" });
    expect(slow.extendedStatistic).toBeUndefined();
    expect(monitoring.alarmNames).toHaveLength(7);
    expect(monitoring.alarmNames).toContain("launch-ready-prod-alert-relay-errors");
  });

  test("the alerts topic (us-east-1) has the email subscription and the relay function's (no https subscription waiting for a confirmation)", () => {
    const topic = one("aws:sns/topic:Topic");
    expect(topic.inputs.name).toBe("launch-ready-prod-alerts");
    expect(topic.inputs.region).toBe("us-east-1");
    expect(topic.provider).toMatch(/::uptime-us-east-1::/);
    const subs = ofType("aws:sns/topicSubscription:TopicSubscription");
    expect(subs.map((s) => s.inputs.protocol).sort()).toEqual(["email", "lambda"]);
    const relaySub = subs.find((s) => s.inputs.protocol === "lambda")!;
    expect(relaySub.inputs.endpoint).toBe("arn:aws:lambda:us-east-1:123456789012:function:launch-ready-prod-alert-relay");
    expect(subs.find((s) => s.inputs.protocol === "email")!.inputs.endpoint).toBe("ops@example.com");
    for (const s of subs) expect([s.inputs.region, s.provider]).toEqual(["us-east-1", expect.stringMatching(/::uptime-us-east-1::/)]);
  });

  test("the relay: the handler file as its code, the vault secret's ARN (never the URL) in its settings, a role that reads only that secret, SNS allowed to invoke it, an alarm on its errors", () => {
    const fn = one("aws:lambda/function:Function");
    expect(fn.inputs).toMatchObject({ name: "launch-ready-prod-alert-relay", handler: "index.handler", region: "us-east-1" });
    expect(fn.provider).toMatch(/::uptime-us-east-1::/);
    expect(fn.inputs.runtime).toMatch(/^nodejs\d+\.x$/);
    expect(JSON.parse(fn.inputs.environment.variables.RELAY_WEBHOOKS)).toEqual([{ name: "chat", secretId: VAULT_SECRET_ARN, format: "auto" }]);
    const policy = JSON.parse(one("aws:iam/rolePolicy:RolePolicy").inputs.policy);
    const read = policy.Statement.find((s: any) => s.Action === "secretsmanager:GetSecretValue");
    expect(read.Resource).toEqual([VAULT_SECRET_ARN]);
    expect(policy.Statement.find((s: any) => s.Action === "kms:Decrypt").Resource).toBe(VAULT_KEY_ARN);
    const permission = one("aws:lambda/permission:Permission");
    expect(permission.inputs).toMatchObject({ action: "lambda:InvokeFunction", principal: "sns.amazonaws.com", sourceArn: "arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts" });
    const errors = one("aws:cloudwatch/metricAlarm:MetricAlarm", "uptime-relay-alarm-errors").inputs;
    expect(errors).toMatchObject({ namespace: "AWS/Lambda", metricName: "Errors", statistic: "Sum", threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", dimensions: { FunctionName: "launch-ready-prod-alert-relay" } });
    // Its failures reach the topic's email subscribers.
    expect(errors.alarmActions).toEqual(["arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts"]);
  });

  test("the chat webhook URL reaches no resource of the route53 monitoring (it lives in the vault)", async () => {
    const hits = recorded.flatMap((r) => occurrences(r.inputs, PLANTED_URL).map((h) => ({ ...h, where: `${r.name}${h.path.slice(1)}` })));
    expect(hits).toEqual([]);
    const monitor = pulumi.runtime.getMonitor() as any;
    for (const r of monitor.getRegisteredResources().values()) {
      const state = r.state && typeof r.state.toJavaScript === "function" ? r.state.toJavaScript() : r.state;
      for (const hit of occurrences(state, PLANTED_URL)) expect(hit.secret).toBe(true);
    }
  });

  test("the dashboard (us-east-1) shows status, % healthy and latency for each check's id", () => {
    const dashboard = one("aws:cloudwatch/dashboard:Dashboard");
    expect(dashboard.inputs.dashboardName).toBe("launch-ready-prod-uptime");
    expect(dashboard.inputs.region).toBe("us-east-1");
    expect(dashboard.provider).toMatch(/::uptime-us-east-1::/);
    const body = JSON.parse(dashboard.inputs.dashboardBody);
    const metrics = body.widgets.filter((w: any) => w.type === "metric").map((w: any) => w.properties.metrics[0].slice(1).join(" "));
    for (const check of ["homepage", "login", "api-health"]) {
      for (const metric of ["HealthCheckStatus", "HealthCheckPercentageHealthy", "TimeToFirstByte"]) {
        expect(metrics).toContain(`${metric} HealthCheckId uptime-check-${check}-id`);
      }
    }
  });

  test("outputs: topic ARN, health check ids per check, dashboard name", async () => {
    expect(Object.keys(monitoring.healthCheckIds)).toEqual(["homepage", "login", "api-health"]);
    expect(await valueOf(monitoring.healthCheckIds["login"]!)).toBe("uptime-check-login-id");
    expect(monitoring.dashboardName).toBe("launch-ready-prod-uptime");
  });
});

describe("UptimeMonitoring variants", () => {
  test("staging: no alert target is fine; checks without latency get no latency alarm", async () => {
    recorded.length = 0;
    const m = new UptimeMonitoring("stg", {
      environment: "staging",
      isProduction: false,
      apex: "staging-example.com",
      cloudflarePlan: "free",
      section: section("staging"),
      defaultHost: "staging-example.com",
    });
    await valueOf(m.alertTopicArn);
    await settle();
    expect(ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs.name).sort()).toEqual([
      "launch-ready-staging-api-health-down",
      "launch-ready-staging-homepage-down",
      "launch-ready-staging-homepage-slow",
    ]);
    expect(ofType("aws:sns/topicSubscription:TopicSubscription")).toHaveLength(0);
  });

  test("cloudflare on a pro plan: Cloudflare health checks and a notification policy for them; no Route 53, no dashboard", async () => {
    recorded.length = 0;
    const m = new UptimeMonitoring("cf", {
      environment: "prod",
      isProduction: true,
      apex: "example.com",
      cloudflarePlan: "pro",
      section: monitoringSchema.parse({ ...parse(readFileSync(join(__dirname, "../../fixtures/aws/prod.yaml"), "utf8")).monitoring, provider: "cloudflare" }),
      webhookUrls: { chat: pulumi.secret(PLANTED_URL) },
      relaySecrets: { arns: { chat: VAULT_SECRET_ARN }, keyArn: VAULT_KEY_ARN },
      cloudflare: { accountId: "a".repeat(32), zoneId: "z".repeat(32) },
    });
    await valueOf(m.alertTopicArn);
    await settle();
    const checks = ofType("cloudflare:index/healthcheck:Healthcheck");
    expect(checks.map((c) => c.inputs.address).sort()).toEqual(["api.example.com", "example.com", "example.com"]);
    expect(one("cloudflare:index/healthcheck:Healthcheck", "cf-check-homepage").inputs).toMatchObject({ zoneId: "z".repeat(32), type: "HTTPS", httpConfig: { path: "/", expectedBody: "<title>" } });
    const policy = one("cloudflare:index/notificationPolicy:NotificationPolicy");
    expect(policy.inputs).toMatchObject({
      alertType: "health_check_status_notification",
      filters: { healthCheckIds: ["cf-check-homepage-id", "cf-check-login-id", "cf-check-api-health-id"] },
      mechanisms: { emails: [{ id: "ops@example.com" }], webhooks: [{ id: "cf-notify-webhook-chat-id" }] },
    });
    const hook = one("cloudflare:index/notificationPolicyWebhooks:NotificationPolicyWebhooks");
    expect(occurrences(hook.inputs, PLANTED_URL)).toEqual([{ path: "$.url.value", secret: true }]);
    expect(ofType("aws:route53/healthCheck:HealthCheck")).toHaveLength(0);
    expect(ofType("aws:cloudwatch/dashboard:Dashboard")).toHaveLength(0);
    expect(m.dashboardName).toBeUndefined();
  });

  test("refuses before creating anything: prod without alert target, cloudflare on free, missing webhook URL", () => {
    const before = recorded.length;
    const args = {
      environment: "prod",
      isProduction: true,
      apex: "example.com",
      cloudflarePlan: "free" as const,
      section: monitoringSchema.parse({ provider: "cloudflare", alerts: { webhooks: [{ name: "chat", configKey: "chatUrl" }] } }),
    };
    expect(validateUptimeMonitoringArgs(args)).toEqual([
      expect.stringMatching(/^monitoring\.provider: "cloudflare" health checks need a Pro plan or higher, and this zone is on the free plan/),
      expect.stringMatching(/^monitoring\.alerts\.webhooks: no URL was passed for "chat"/),
      expect.stringMatching(/^monitoring\.alerts\.webhooks: no vault secret was passed for "chat"; the alert relay reads each webhook URL from the secrets vault/),
      expect.stringMatching(/^monitoring\.provider: "cloudflare" needs the account and zone/),
    ]);
    const noTarget = { ...args, cloudflarePlan: "pro" as const, section: monitoringSchema.parse({}) };
    expect(validateUptimeMonitoringArgs(noTarget)).toEqual([expect.stringMatching(/^monitoring\.alerts: names no one to alert in production/)]);
    expect(() => new UptimeMonitoring("bad", noTarget)).toThrow(/UptimeMonitoring bad: invalid arguments/);
    expect(recorded.length).toBe(before);
  });
});
