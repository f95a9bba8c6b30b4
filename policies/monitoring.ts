/**
 * Uptime: someone must learn that members cannot reach the site before the members say so.
 *
 *  - Health checks exist for the homepage, the login page and the API (stack policy): enabled
 *    HTTP(S) checks, Route 53 `aws.route53.HealthCheck` (`resourcePath`, `disabled`) or Cloudflare
 *    `cloudflare.Healthcheck` (`httpConfig.path`, `suspended`), matched by path. Production must
 *    have them; elsewhere monitoring is optional (the stack config only requires it in prod), but
 *    a stack that declares health checks must cover all three, as prod will.
 *  - Every CloudWatch alarm has an action (alarmActions, actions enabled): an alarm nobody is told
 *    about is a graph, not monitoring.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { PackPolicy, ResourceView, resourcePolicy, stackPolicy, type StackPolicyDefinition } from "./policy";
import { EnvironmentConfig, configSchemaOf, environmentConfigSchema, isProd } from "./settings";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";

export interface RequiredCheck {
  name: string;
  /** An exact path ("/login") or a prefix ending in "*" ("/api/*"). */
  path: string;
}

/** The routes a launch needs watched: the front door, the way in, and the API behind the app. */
export const DEFAULT_REQUIRED_CHECKS: RequiredCheck[] = [
  { name: "homepage", path: "/" },
  { name: "login", path: "/login" },
  { name: "api", path: "/api/*" },
];

const R53_HTTP_TYPES = new Set(["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH"]);
const CF_HTTP_TYPES = new Set(["HTTP", "HTTPS"]);

export interface UptimeConfig extends EnvironmentConfig {
  checks?: RequiredCheck[];
}

const checksConfigSchema: PolicyConfigSchema = {
  properties: {
    checks: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" }, path: { type: "string" } }, required: ["name", "path"] },
      default: DEFAULT_REQUIRED_CHECKS,
      description: 'Routes that need an HTTP(S) health check: {name, path}; a path ending in "*" is a prefix ("/api/*").',
    },
  },
};

/** The path an enabled HTTP(S) health check requests (query dropped), or undefined for others. */
function checkedPath(r: ResourceView): string | undefined {
  let path: unknown;
  if (r.type === TYPES.healthCheck) {
    if (r.props.disabled === true || !R53_HTTP_TYPES.has(String(r.props.type))) return undefined;
    path = r.props.resourcePath ?? "/";
  } else if (r.type === TYPES.cloudflareHealthcheck) {
    const type = r.props.type ?? "HTTP";
    if (r.props.suspended === true || !CF_HTTP_TYPES.has(String(type))) return undefined;
    const http = r.props.httpConfig;
    path = (http !== null && typeof http === "object" ? (http as Record<string, unknown>).path : undefined) ?? "/";
  } else {
    return undefined;
  }
  const text = knownString(path);
  if (text === undefined) return undefined;
  const bare = text.split("?")[0]!;
  return bare.startsWith("/") ? bare : `/${bare}`;
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

export const uptimeHealthChecksPresent = stackPolicy<UptimeConfig>({
  name: "uptime-health-checks-present",
  description: "Checks whether enabled HTTP(S) health checks watch the homepage, the login page and the API (paths from policy config); outside production, only in stacks that declare health checks.",
  severity: "high",
  remediation: "Add a check per missing route (monitoring.checks: {name, host, path}), with an alarm that notifies the alerts topic.",
  configSchema: configSchemaOf(checksConfigSchema, environmentConfigSchema),
  check: (resources, report, { config }) => {
    const declaresChecks = resources.some((r) => r.type === TYPES.healthCheck || r.type === TYPES.cloudflareHealthcheck);
    if (!isProd(config.environment ?? "prod") && !declaresChecks) return;
    const paths = resources.map(checkedPath).filter((p): p is string => p !== undefined);
    const unknownPaths = resources.some((r) => (r.type === TYPES.healthCheck || r.type === TYPES.cloudflareHealthcheck) && checkedPath(r) === undefined && isUnknown(r.props.resourcePath));
    const missing = (config.checks ?? DEFAULT_REQUIRED_CHECKS).filter((c) => !paths.some((p) => pathMatches(c.path, p)));
    if (missing.length === 0) return;
    report(
      `The stack must health-check ${missing.map((c) => `${c.name} (${c.path})`).join(", ")}, but no enabled HTTP(S) health check requests ${missing.length === 1 ? "that path" : "those paths"}` +
        `${unknownPaths ? " (some checks' paths are not known until deploy)" : ""}.`,
    );
  },
});

export const uptimeAlarmsHaveActions = resourcePolicy({
  name: "uptime-alarms-have-actions",
  description: "Checks whether every CloudWatch alarm notifies someone: at least one alarm action, and actions enabled.",
  severity: "high",
  remediation: "Give the alarm alarmActions: [<SNS topic ARN>] (the alerts topic, with an email or chat subscription) and leave actionsEnabled true.",
  resourceTypes: [TYPES.metricAlarm, TYPES.compositeAlarm],
  check: (r, report) => {
    const label = knownString(r.props.name) ?? knownString(r.props.alarmName) ?? r.name;
    if (r.props.actionsEnabled === false) {
      report(`Alarm ${label} has actionsEnabled false; it must notify when it fires.`);
      return;
    }
    const actions = r.props.alarmActions;
    if (isUnknown(actions)) return; // A computed list: known at deploy, judged then.
    const known = Array.isArray(actions) ? actions.filter((a) => isUnknown(a) || (typeof a === "string" && a.trim() !== "")) : [];
    if (known.length === 0) report(`Alarm ${label} must have at least one alarm action (an SNS topic ARN), or nobody hears it fire.`);
  },
});

/**
 * An alarm action is only as good as the topic's subscribers. The link from an alarm to its topic
 * and from a subscription to its topic is an ARN unknown until deploy, so the pack follows the
 * property dependencies the engine sends (alarmActions -> topic URN, topic -> topic URN).
 */
export const uptimeAlertsReachSomeone = stackPolicy<EnvironmentConfig>({
  name: "uptime-alerts-reach-someone",
  description: "Checks whether every SNS topic an alarm notifies in production has at least one subscription (email or chat webhook) declared in the stack.",
  severity: "high",
  remediation: "Add an alert target to the monitoring config (alerts.emails or alerts.webhooks); each becomes a subscription of the alerts topics.",
  configSchema: environmentConfigSchema,
  check: (resources, report, { config }) => {
    if (!isProd(config.environment ?? "prod")) return;
    const topics = new Set(resources.filter((r) => r.type === TYPES.snsTopic).map((r) => r.urn));
    const subscribed = new Set(resources.filter((r) => r.type === TYPES.snsSubscription).flatMap((r) => r.propertyDependencies.topic ?? []));
    for (const alarm of resources.filter((r) => r.type === TYPES.metricAlarm || r.type === TYPES.compositeAlarm)) {
      const notified = (alarm.propertyDependencies.alarmActions ?? []).filter((urn) => topics.has(urn));
      for (const topic of notified.filter((urn) => !subscribed.has(urn))) {
        const label = knownString(alarm.props.name) ?? alarm.name;
        report(`Alarm ${label} notifies the topic ${topic.split("::").pop()}, which has no subscription: nobody hears it fire.`, alarm.urn);
      }
    }
  },
});

/**
 * An alert subscription over plain http sends the alert (and any token in the webhook URL) in the
 * clear, and SNS cannot verify who receives it (docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html,
 * checked 2026-12-04: "we recommend HTTPS"). Protocol "http", or an http:// endpoint, is refused.
 */
export const uptimeAlertsOverHttpsDef: StackPolicyDefinition<Record<string, never>> = {
  name: "uptime-alerts-over-https",
  description: "Checks whether every SNS subscription that delivers to a URL uses https (protocol \"https\" and an https:// endpoint).",
  severity: "high",
  remediation: "Use an https:// webhook URL (monitoring.alerts.webhooks, its secure: value) and protocol \"https\".",
  check: (resources, report) => {
    for (const r of resources) {
      if (r.type !== TYPES.snsSubscription) continue;
      const protocol = knownString(r.props.protocol)?.toLowerCase();
      const endpoint = knownString(r.props.endpoint);
      const plainEndpoint = endpoint !== undefined && /^http:\/\//i.test(endpoint.trim());
      if (protocol === "http" || (protocol === "https" && plainEndpoint)) {
        // The endpoint may embed a token: never echo it.
        report(`Alert subscription ${r.name} must deliver over https, but it uses ${protocol === "http" ? "protocol \"http\"" : "an http:// endpoint"}.`, r.urn);
      }
    }
  },
};

export const monitoringGuardDefs = [uptimeAlertsOverHttpsDef];

export const monitoringPolicies: PackPolicy[] = [uptimeHealthChecksPresent, uptimeAlarmsHaveActions, uptimeAlertsReachSomeone, stackPolicy(uptimeAlertsOverHttpsDef)];
