/** Monitoring checks (Route 53 or Cloudflare health checks), their alarms, and who gets alerted. */
import { ofType, TYPES } from "../../diff/model/resources";
import { asArray, asRecord, isSecretValue, knownString } from "../../diff/model/values";
import { code, section, table } from "../markdown";
import type { HandoverContext } from "./context";

/** An alert endpoint fit to print: email addresses are; webhook URLs (they embed tokens) are not. */
function endpoint(protocol: string | undefined, value: unknown): string {
  if (isSecretValue(value)) return `${protocol ?? "?"} webhook (URL is secret)`;
  if (protocol === "email" || protocol === "email-json") return knownString(value) ?? "known after deploy";
  return `${protocol ?? "?"} endpoint (not shown: it may embed a token)`;
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
    return [code(knownString(i.alarmName) ?? r.name), `${i.namespace}/${i.metricName}`, `${i.statistic ?? ""} ${i.comparisonOperator} ${i.threshold} for ${i.evaluationPeriods} × ${i.period} s`, asArray(i.alarmActions).length ? "alert topic" : "none"];
  });
  const topics = ofType(plan, TYPES.snsTopic).map((t) => knownString(t.inputs.name) ?? t.name);
  const subs = ofType(plan, TYPES.snsSubscription).map((s) => [code(s.name), knownString(s.inputs.protocol), endpoint(knownString(s.inputs.protocol), s.inputs.endpoint)]);
  const notifications = ofType(plan, TYPES.notificationPolicy).map((n) => [code(n.name), knownString(n.inputs.alertType), knownString(n.inputs.name)]);
  const body = [
    ...(checks.length || cfChecks.length ? ["Checks:", "", ...table(["Check", "URL", "Type", "Body must contain", "Regions", "Interval × failures", "Latency"], [...checks, ...cfChecks]), ""] : []),
    ...(alarms.length ? ["Alarms:", "", ...table(["Alarm", "Metric", "Fires when", "Notifies"], alarms), ""] : []),
    ...(topics.length ? [`Alert topic${topics.length > 1 ? "s" : ""}: ${topics.map(code).join(", ")}. Subscribers:`, "", ...table(["Subscription", "Protocol", "Target"], subs), "", "An email subscriber must confirm the subscription mail from AWS before alerts arrive."] : []),
    ...(notifications.length ? ["", "Cloudflare notifications:", "", ...table(["Policy", "Alert type", "Name"], notifications)] : []),
  ];
  return section("Monitoring and alerts", body, "The plan declares no health check and no alert target: nothing pages anyone when the site is down.");
}
