import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { monitoringSchema } from "../../../components/schema/monitoring";
import { monitoringSecretKeys, validateMonitoring } from "../../../components/monitoring/validate";
import type { SectionContext } from "../../../components/schema/context";
import { resolveChecks } from "../../../components/monitoring/rules";
import { cloudflareHealthcheckInputs, latencyAlarmSpec, route53HealthCheckInputs, statusAlarmSpec } from "../../../components/monitoring/specs";
import { dashboardBody } from "../../../components/monitoring/dashboard";

const raw = (env: string) => parse(readFileSync(join(__dirname, "../../fixtures/aws", `${env}.yaml`), "utf8"));
const context = (environment: string, plan: SectionContext["plan"] = "free", apex = "example.com"): SectionContext => ({
  environment,
  isProduction: environment === "prod",
  apex,
  plan,
  hosts: [
    { name: "@", fqdn: apex, proxied: true, sensitive: false },
    { name: "api", fqdn: `api.${apex}`, proxied: true, sensitive: false },
  ],
});

function check(input: unknown, ctx: SectionContext) {
  const errors: Array<{ path: string; message: string }> = [];
  const warnings: Array<{ path: string; message: string }> = [];
  const parsed = monitoringSchema.safeParse(input);
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), warnings };
  const found = validateMonitoring(parsed.data, ctx);
  for (const p of found.errors) errors.push({ path: p.path.join("."), message: p.message });
  for (const p of found.warnings) warnings.push({ path: p.path.join("."), message: p.message });
  return { errors, warnings };
}

describe("monitoring section of the example stacks", () => {
  test("prod (pro plan) is valid and reads the chat webhook as a secret", () => {
    const prod = raw("prod");
    expect(check(prod.monitoring, context("prod", "pro"))).toEqual({ errors: [], warnings: [] });
    expect(monitoringSecretKeys(monitoringSchema.parse(prod.monitoring))).toEqual(["alertsChatWebhookUrl"]);
  });

  test("staging (free plan, no alert target) is valid: alerts are optional outside prod", () => {
    const staging = raw("staging");
    expect(check(staging.monitoring, context("staging", "free", "staging-example.com"))).toEqual({ errors: [], warnings: [] });
  });

  test("defaults: homepage, login and API health on the canonical host; 3 regions, 30 s, threshold 3, latency on, 300 ms", () => {
    const section = monitoringSchema.parse({ alerts: { emails: ["ops@example.com"] } });
    expect(resolveChecks(section, "example.com", "www.example.com")).toEqual([
      { name: "homepage", fqdn: "www.example.com", path: "/", type: "HTTPS", measureLatency: true, latencyBudgetMs: 300 },
      { name: "login", fqdn: "www.example.com", path: "/login", type: "HTTPS", measureLatency: true, latencyBudgetMs: 300 },
      { name: "api-health", fqdn: "www.example.com", path: "/api/health", type: "HTTPS", measureLatency: true, latencyBudgetMs: 300 },
    ]);
    expect(section).toMatchObject({ provider: "route53", regions: ["us-east-1", "eu-west-1", "ap-southeast-1"], requestInterval: 30, failureThreshold: 3, dashboard: true });
  });
});

describe("config rejections, each at its path", () => {
  const alerts = { emails: ["ops@example.com"] };
  test.each<[string, Record<string, unknown>, string, SectionContext["plan"], string, RegExp]>([
    ["prod without an alert target", {}, "prod", "pro", "alerts", /names no one to alert in production/],
    ["cloudflare health checks on the free plan", { provider: "cloudflare", alerts }, "prod", "free", "provider", /need a Pro plan or higher, and this zone is on the free plan/],
    ["fewer than 3 regions", { regions: ["us-east-1", "eu-west-1"], alerts }, "prod", "pro", "regions", /2 regions \(us-east-1, eu-west-1\); Route 53 needs at least 3/],
    ["a region Route 53 does not check from", { regions: ["us-east-1", "eu-west-1", "eu-central-1"], alerts }, "prod", "pro", "regions.2", /one of us-east-1/],
    ["a repeated region", { regions: ["us-east-1", "us-east-1", "eu-west-1"], alerts }, "prod", "pro", "regions", /lists a region twice/],
    ["failure threshold 11", { failureThreshold: 11, alerts }, "prod", "pro", "failureThreshold", /11 is outside 1\.\.10/],
    ["request interval 20", { requestInterval: 20, alerts }, "prod", "pro", "requestInterval", /10 or 30/],
    ["a host outside the zone", { checks: [{ name: "x", host: "example.org" }], alerts }, "prod", "pro", "checks.0.host", /outside the zone example.com/],
    ["an expected status Route 53 cannot see", { checks: [{ name: "x", expectedStatus: 401 }], alerts }, "prod", "pro", "checks.0.expectedStatus", /401 can never pass a Route 53 check/],
    ["a duplicate check name", { checks: [{ name: "x" }, { name: "x", path: "/y" }], alerts }, "prod", "pro", "checks.1.name", /duplicates checks\[0\]/],
    ["a path without its slash", { checks: [{ name: "x", path: "login" }], alerts }, "prod", "pro", "checks.0.path", /starting with "\/"/],
    ["a bad email", { alerts: { emails: ["ops at example.com"] } }, "prod", "pro", "alerts.emails.0", /email address/],
    ["a webhook with a namespaced config key", { alerts: { webhooks: [{ name: "chat", configKey: "launch-ready:chatUrl" }] } }, "prod", "pro", "alerts.webhooks.0.configKey", /no "launch-ready:" prefix/],
  ])("%s", (_t, section, env, plan, path, message) => {
    expect(check(section, context(env, plan)).errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test("an exact status with Route 53 is a warning (not enforced); with cloudflare it is enforced, and without latency there is no latency warning", () => {
    const alerts = { emails: ["ops@example.com"] };
    expect(check({ checks: [{ name: "api", expectedStatus: 200 }], alerts }, context("prod", "pro")).warnings).toEqual([
      { path: "checks.0.expectedStatus", message: expect.stringMatching(/^200 is not enforced: Route 53 counts every status in 200\.\.399 as healthy/) },
    ]);
    expect(check({ provider: "cloudflare", checks: [{ name: "api", expectedStatus: 200, measureLatency: false }], alerts }, context("prod", "pro")).warnings).toEqual([]);
  });

  test("cloudflare health checks are accepted on pro; a check of an unknown host is a warning", () => {
    const result = check({ provider: "cloudflare", checks: [{ name: "docs", host: "docs" }], alerts: { emails: ["ops@example.com"] } }, context("prod", "pro"));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { path: "checks.0.host", message: "docs.example.com is not one of the stack's hosts; the check will probe it anyway" },
      { path: "provider", message: expect.stringMatching(/^"cloudflare" health checks alert on status only: no latency alarm and no dashboard/) },
    ]);
  });
});

describe("resource specs", () => {
  const section = monitoringSchema.parse(raw("prod").monitoring);
  const checks = resolveChecks(section, "example.com");

  test("Route 53 inputs: HTTPS (or string match), SNI, 443, 30 s, threshold 3, latency, regions, tags", () => {
    expect(route53HealthCheckInputs(checks[0]!, section, "prod")).toEqual({
      type: "HTTPS_STR_MATCH",
      fqdn: "example.com",
      resourcePath: "/",
      port: 443,
      enableSni: true,
      requestInterval: 30,
      failureThreshold: 3,
      measureLatency: true,
      regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
      searchString: "<title>",
      tags: { Project: "launch-ready", Environment: "prod", ManagedBy: "pulumi", Name: "launch-ready-prod-homepage" },
    });
    expect(route53HealthCheckInputs(checks[1]!, section, "prod")).toMatchObject({ type: "HTTPS", fqdn: "example.com", resourcePath: "/login" });
    expect(route53HealthCheckInputs(checks[1]!, section, "prod")).not.toHaveProperty("searchString");
    expect(checks[2]).toMatchObject({ fqdn: "api.example.com", latencyBudgetMs: 250 });
  });

  test("status alarm: Minimum HealthCheckStatus < 1, missing data breaching; latency alarm: Average TTFB > budget (Route 53 publishes no percentile), missing data breaching", () => {
    expect(statusAlarmSpec("prod", checks[1]!)).toMatchObject({
      name: "launch-ready-prod-login-down",
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      statistic: "Minimum",
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
    expect(latencyAlarmSpec("prod", checks[2]!)).toMatchObject({
      name: "launch-ready-prod-api-health-slow",
      metricName: "TimeToFirstByte",
      statistic: "Average",
      threshold: 250,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "breaching",
    });
    expect(latencyAlarmSpec("prod", checks[2]!)).not.toHaveProperty("extendedStatistic");
  });

  test("Cloudflare inputs: HTTPS with httpConfig, exact status when asked, body match, Host header", () => {
    expect(cloudflareHealthcheckInputs({ ...checks[2]!, expectedStatus: 200 }, section, "prod")).toMatchObject({
      name: "launch-ready-prod-api-health",
      address: "api.example.com",
      type: "HTTPS",
      consecutiveFails: 3,
      httpConfig: { path: "/api/health", port: 443, expectedCodes: ["200"], expectedBody: '"ok"', header: { Host: ["api.example.com"] } },
    });
    expect(cloudflareHealthcheckInputs(checks[1]!, section, "prod").httpConfig.expectedCodes).toEqual(["2xx", "3xx"]);
  });

  test("dashboard: per check, status, % healthy and average latency with its budget, all in us-east-1", () => {
    const body = JSON.parse(dashboardBody("prod", checks.map((c, i) => ({ ...c, healthCheckId: `hc-${i}` }))));
    const metricWidgets = body.widgets.filter((w: any) => w.type === "metric");
    expect(metricWidgets).toHaveLength(9);
    for (const [i, check] of checks.entries()) {
      const mine = metricWidgets.filter((w: any) => w.properties.metrics[0][3] === `hc-${i}`);
      expect(mine.map((w: any) => w.properties.metrics[0][1])).toEqual(["HealthCheckStatus", "HealthCheckPercentageHealthy", "TimeToFirstByte"]);
      expect(mine.every((w: any) => w.properties.region === "us-east-1")).toBe(true);
      expect(mine[2].properties.annotations.horizontal[0].value).toBe(check.latencyBudgetMs);
      expect(mine[2].properties.stat).toBe("Average");
    }
    // Widgets never overlap: each row sits below the previous one.
    const ys = metricWidgets.map((w: any) => w.y);
    expect(new Set(ys).size).toBe(3);
  });

  test("dashboard: a check without latency measurement shows a note instead of an empty graph", () => {
    const staging = monitoringSchema.parse(raw("staging").monitoring);
    const body = JSON.parse(dashboardBody("staging", resolveChecks(staging, "staging-example.com").map((c) => ({ ...c, healthCheckId: "id" }))));
    expect(body.widgets.filter((w: any) => w.type === "metric")).toHaveLength(5);
    expect(JSON.stringify(body)).toContain("api-health**: latency is not measured");
  });
});

describe("bodyContains and Route 53's 5,120-byte window", () => {
  const withCheck = (c: Record<string, unknown>, provider = "route53") => check({ provider, checks: [{ name: "page", ...c }], alerts: { emails: ["ops@example.com"] } }, context("prod", "pro"));

  test.each([
    ["text deep in an HTML page", { path: "/pricing", bodyContains: "Choose your plan" }],
    ["the login button on the login page", { path: "/login", bodyContains: "Sign in" }],
  ])("warns about %s", (_what, c) => {
    const { errors, warnings } = withCheck(c);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([{ path: "checks.0.bodyContains", message: expect.stringMatching(/probably beyond the first 5,120 bytes Route 53 searches.*like "<title>".*\/api\/health/) }]);
  });

  test.each([
    ["the title tag of a page", { path: "/", bodyContains: "<title>" }],
    ["a JSON health endpoint", { path: "/api/health", bodyContains: '"ok"' }],
    ["a status file", { path: "/status.txt", bodyContains: "up" }],
    ["a /healthz endpoint", { path: "/healthz", bodyContains: "ok" }],
  ])("does not warn about %s", (_what, c) => {
    expect(withCheck(c).warnings).toEqual([]);
  });

  test("Cloudflare checks are not judged by Route 53's window", () => {
    expect(withCheck({ path: "/pricing", bodyContains: "Choose your plan", measureLatency: false }, "cloudflare").warnings).toEqual([]);
  });
});
