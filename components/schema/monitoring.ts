/**
 * The `monitoring` section: uptime checks of the pages members use (homepage, login, API health),
 * their alarms and dashboard, and who gets alerted.
 *
 * Example (Pulumi.prod.yaml, under `launch-ready:monitoring`):
 *   checks:
 *     - { name: homepage, path: / }
 *     - { name: login, path: /login, bodyContains: "Sign in" }
 *     - { name: api-health, host: api, path: /api/health, latencyBudgetMs: 250 }
 *   alerts:
 *     emails: [ops@example.com]
 *     webhooks: [{ name: chat, configKey: alertsChatWebhookUrl }]   # value set with --secret
 *
 * Rules that need the rest of the stack (environment, plan, apex) live in
 * components/monitoring/validate.ts (`validateMonitoring`).
 */
import { z } from "zod";
import { configKeySchema } from "./secrets";
import {
  DEFAULT_LATENCY_BUDGET_MS,
  ROUTE53_HEALTH_CHECK_REGIONS,
  ROUTE53_RESOURCE_PATH_MAX_LENGTH,
  ROUTE53_SEARCH_STRING_MAX_LENGTH,
} from "../constants/aws";

export const healthCheckSchema = z.strictObject({
  /** Names the check, its alarms and dashboard row. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, { error: "a lower-case name of letters, digits and hyphens (up to 32) is expected, like \"login\"" }),
  /** A label inside the zone ("api", "@" for the apex) or a full name ending in the apex. @default the canonical host */
  host: z.string().optional(),
  /** @default "/" */
  path: z
    .string()
    .regex(/^\/\S*$/, { error: "a path starting with \"/\" and without spaces is expected, like \"/login\"" })
    .max(ROUTE53_RESOURCE_PATH_MAX_LENGTH, { error: `at most ${ROUTE53_RESOURCE_PATH_MAX_LENGTH} characters are expected` })
    .default("/"),
  /** @default any 2xx or 3xx (Route 53 cannot check an exact status; Cloudflare can). */
  expectedStatus: z.number().int().min(100, { error: "an HTTP status (100..599) is expected" }).max(599, { error: "an HTTP status (100..599) is expected" }).optional(),
  /** Text that must appear in the first 5,120 bytes of the body. @default no body match */
  bodyContains: z
    .string()
    .min(1, { error: "a non-empty string is expected" })
    .max(ROUTE53_SEARCH_STRING_MAX_LENGTH, { error: `at most ${ROUTE53_SEARCH_STRING_MAX_LENGTH} characters are expected` })
    .optional(),
  /** @default true: latency graphs and a latency alarm on the average time to first byte (Route 53 charges it as an optional feature). */
  measureLatency: z.boolean().default(true),
  /** Average time to first byte (Route 53 publishes no percentiles) above which the latency alarm fires. @default 300 */
  latencyBudgetMs: z.number().int().min(1, { error: "a positive number of milliseconds is expected" }).max(10000, { error: "at most 10000 ms is expected" }).default(DEFAULT_LATENCY_BUDGET_MS),
});

/** Homepage, login page and API health: what members notice first when they break. */
export const DEFAULT_HEALTH_CHECKS = [
  { name: "homepage", path: "/" },
  { name: "login", path: "/login" },
  { name: "api-health", path: "/api/health" },
];

export const alertWebhookSchema = z.strictObject({
  /** Names the subscription. */
  name: z.string().regex(/^[a-z0-9-]+$/, { error: "a lower-case name of letters, digits and hyphens is expected, like \"chat\"" }),
  /** The config key whose `secure:` value is the HTTPS webhook URL (it usually embeds a token). */
  configKey: configKeySchema,
  /**
   * The body the alert relay posts: "slack", "teams" (Workflows, Adaptive Card), "discord",
   * "json" (generic), or "auto": from the URL's host at run time (hooks.slack.com, discord.com,
   * *.webhook.office.com / *.logic.azure.com / Power Automate), generic JSON otherwise. @default "auto"
   */
  format: z.enum(["auto", "slack", "teams", "discord", "json"], { error: "\"auto\", \"slack\", \"teams\", \"discord\" or \"json\" is expected" }).default("auto"),
});

export const alertsSchema = z.strictObject({
  /** @default none (a production stack needs at least one email or webhook). */
  emails: z.array(z.email({ error: "an email address is expected" })).default([]),
  /** @default none */
  webhooks: z.array(alertWebhookSchema).default([]),
});

export const monitoringSchema = z.strictObject({
  /** "route53" (CloudWatch alarms, dashboard) or "cloudflare" (Pro plan or higher). @default "route53" */
  provider: z.enum(["route53", "cloudflare"], { error: "\"route53\" or \"cloudflare\" is expected" }).default("route53"),
  /** @default homepage "/", login "/login", api-health "/api/health" on the canonical host */
  checks: z.array(healthCheckSchema).min(1, { error: "at least one check is expected" }).prefault(DEFAULT_HEALTH_CHECKS),
  /** Route 53 checker regions, at least 3. @default us-east-1, eu-west-1, ap-southeast-1 */
  regions: z
    .array(z.enum(ROUTE53_HEALTH_CHECK_REGIONS, { error: `one of ${ROUTE53_HEALTH_CHECK_REGIONS.join(", ")} is expected` }))
    .default(["us-east-1", "eu-west-1", "ap-southeast-1"]),
  /** Seconds between checks from each region: 30, or 10 (fast, charged as an optional feature). @default 30 */
  requestInterval: z.union([z.literal(10), z.literal(30)], { error: "10 or 30 (seconds) is expected" }).default(30),
  /** Consecutive failures before a check turns unhealthy, 1..10. @default 3 */
  failureThreshold: z.number().int({ error: "a whole number is expected" }).default(3),
  alerts: alertsSchema.prefault({}),
  /** @default true: a CloudWatch dashboard (Route 53 provider only). */
  dashboard: z.boolean().default(true),
});

export type MonitoringSection = z.output<typeof monitoringSchema>;
export type HealthCheckConfig = z.output<typeof healthCheckSchema>;
