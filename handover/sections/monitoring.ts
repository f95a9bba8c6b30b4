/** Monitoring checks (Route 53 or Cloudflare health checks), their alarms, and who gets alerted. */
import type { PlannedResource } from "../../plan/types";
import { ofType, regionOf, sourcesOf, TYPES } from "../../plan/read/resources";
import { asArray, asRecord, isSecretValue, knownString } from "../../plan/read/values";
import { code, join, md, section, table, type Markdown } from "../markdown";
import type { HandoverContext } from "./context";

const RELAY_FUNCTION_TYPE = TYPES.lambdaFunction;

/** An alert endpoint fit to print: email addresses are; webhook URLs (they embed tokens) are not. */
function endpoint(ctx: HandoverContext, subscription: PlannedResource, protocol: string | undefined, value: unknown): string | Markdown {
  if (protocol === "lambda") {
    const fn = sourcesOf(ctx.plan, subscription, "endpoint").find((r) => r.type === RELAY_FUNCTION_TYPE);
    return fn ? md`function ${code(knownString(fn.inputs.name) ?? fn.name)} (the chat relay)` : "a Lambda function";
  }
  if (isSecretValue(value)) return `${protocol ?? "?"} webhook (URL is secret)`;
  if (protocol === "email" || protocol === "email-json") return knownString(value) ?? "known after deploy";
  return `${protocol ?? "?"} endpoint (not shown: it may embed a token)`;
}

/** A topic as the team finds it in the console: its name and region. */
function topicLabel(ctx: HandoverContext, topic: PlannedResource): Markdown {
  return md`${code(knownString(topic.inputs.name) ?? topic.name)} (${regionOf(ctx.plan, topic) ?? md`the stack's ${code("aws:region")}`})`;
}

/** The topics an alarm or subscription points at; plans without property dependencies cannot tell. */
function topicsOf(ctx: HandoverContext, resource: PlannedResource, input: string): Markdown | undefined {
  const topics = sourcesOf(ctx.plan, resource, input).filter((t) => t.type === TYPES.snsTopic);
  return topics.length ? join(topics.map((t) => topicLabel(ctx, t)), ", ") : undefined;
}

/** The chat webhooks the config names, with the secure key holding each URL (never the URL). */
function chatWebhooks(ctx: HandoverContext): string[] {
  const hooks = asArray(asRecord(asRecord(asRecord(ctx.plan.config)?.monitoring)?.alerts)?.webhooks).flatMap((h) => {
    const name = knownString(asRecord(h)?.name);
    const key = knownString(asRecord(h)?.configKey);
    return name && key ? [{ name, key: `launch-ready:${key}`, format: knownString(asRecord(h)?.format) ?? "auto" }] : [];
  });
  if (hooks.length === 0) return [];
  const stack = ctx.plan.stack;
  const relay = ofType(ctx.plan, RELAY_FUNCTION_TYPE).map((f) => code(knownString(f.inputs.name) ?? f.name))[0];
  const vaultNames = new Map(ofType(ctx.plan, TYPES.secret).map((s) => [s.name, knownString(s.inputs.name)]));
  return [
    "",
    `Chat webhooks: SNS cannot post to a chat webhook (it would wait for ever for the subscription to be confirmed), so the alert relay function ${relay ?? "(not in this plan)"} is subscribed to each topic and posts every alert to them. Each URL embeds a token: it lives in the stack's encrypted config and in the vault secret the relay reads, and is never printed. If the relay fails, its Errors alarm mails the alert addresses.`,
    "",
    ...hooks.map((h) => {
      const vault = vaultNames.get(`secrets-alert-webhook-${h.name}`);
      return `- ${code(h.name)} (format ${code(h.format)}): URL in ${code(h.key)}${vault ? `, kept for the relay in ${code(vault)}` : ""}. To change it: create the new webhook in the chat tool, \`pulumi config set --secret ${h.key} --stack ${stack}\` (paste when asked), \`pulumi up --stack ${stack}\`, wait 5 minutes (the relay caches the URL), confirm a test alert arrives, then delete the old webhook.`;
    }),
  ];
}

export function monitoringSection(ctx: HandoverContext): string[] {
  const plan = ctx.plan;
  const checks = ofType(plan, TYPES.healthCheck).map((r) => {
    const i = r.inputs;
    const url = `${String(i.type ?? "").startsWith("HTTPS") ? "https" : "http"}://${i.fqdn ?? i.ipAddress ?? "?"}${i.resourcePath ?? "/"}`;
    return [code(r.name), url, i.type, i.searchString !== undefined ? code(String(i.searchString)) : "–", asArray(i.regions).join(", ") || "default", `${i.requestInterval ?? 30} s × ${i.failureThreshold ?? 3}`, i.measureLatency ? "yes" : "no"];
  });
  const cfChecks = ofType(plan, TYPES.cloudflareHealthcheck).map((r) => {
    const http = asRecord(r.inputs.httpConfig) ?? {};
    return [code(r.name), `${r.inputs.address ?? "?"}${http.path ?? ""}`, r.inputs.type, http.expectedBody !== undefined ? code(String(http.expectedBody)) : "–", asArray(r.inputs.checkRegions).join(", ") || "default", `${r.inputs.interval ?? 60} s`, "–"];
  });
  const alarms = ofType(plan, TYPES.metricAlarm).map((r) => {
    const i = r.inputs;
    // The AWS provider's input is `name`; `alarmName` is what older plans and the API call it.
    const name = knownString(i.name) ?? knownString(i.alarmName) ?? r.name;
    const statistic = knownString(i.statistic) ?? knownString(i.extendedStatistic) ?? "";
    const notifies = asArray(i.alarmActions).length ? topicsOf(ctx, r, "alarmActions") ?? "alert topic" : "none";
    return [code(name), `${i.namespace}/${i.metricName}`, `${statistic} ${i.comparisonOperator} ${i.threshold} for ${i.evaluationPeriods} × ${i.period} s`, notifies];
  });
  const topics = ofType(plan, TYPES.snsTopic).map((t) => topicLabel(ctx, t));
  const subs = ofType(plan, TYPES.snsSubscription).map((s) => [code(s.name), knownString(s.inputs.protocol), endpoint(ctx, s, knownString(s.inputs.protocol), s.inputs.endpoint), topicsOf(ctx, s, "topic")]);
  const notifications = ofType(plan, TYPES.notificationPolicy).map((n) => [code(n.name), knownString(n.inputs.alertType), knownString(n.inputs.name)]);
  const body = [
    ...(checks.length || cfChecks.length ? ["Checks:", "", ...table(["Check", "URL", "Type", "Body must contain", "Regions", "Interval × failures", "Latency"], [...checks, ...cfChecks]), ""] : []),
    ...(alarms.length ? ["Alarms:", "", ...table(["Alarm", "Metric", "Fires when", "Notifies"], alarms), ""] : []),
    ...(topics.length
      ? [
          `Alert topic${topics.length > 1 ? "s" : ""}: ${join(topics, ", ")}. ` +
            (topics.length > 1 ? "An alarm notifies only a topic of its own region, so each region with alarms has a topic with the same subscribers. " : "") +
            "Subscribers:",
          "",
          ...table(["Subscription", "Protocol", "Target", "Topic"], subs),
          "",
          `An email subscriber must confirm the subscription mail from AWS${topics.length > 1 ? ", once per topic," : ""} before alerts arrive.`,
        ]
      : []),
    // From the config: only when the plan declares something they could be subscribed to.
    ...(subs.length || notifications.length ? chatWebhooks(ctx) : []),
    ...(notifications.length ? ["", "Cloudflare notifications:", "", ...table(["Policy", "Alert type", "Name"], notifications)] : []),
  ];
  return section("Monitoring and alerts", body, "The plan declares no health check and no alert target: nothing pages anyone when the site is down.");
}
