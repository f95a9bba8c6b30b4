/**
 * Pure resource specs for uptime monitoring: Route 53 health check inputs, the CloudWatch alarm
 * specs (status and average latency), Cloudflare health check inputs and names. The component adds
 * the ids that only exist at deployment time.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "../sdk/aws";
import type { MonitoringSection } from "../schema/monitoring";
import type { ResolvedCheck } from "./rules";
import { ROUTE53_METRIC_NAMESPACE, standardTags } from "../constants/aws";

export const alertTopicName = (environment: string) => `launch-ready-${environment}-alerts`;
export const dashboardName = (environment: string) => `launch-ready-${environment}-uptime`;
export const checkResourceName = (environment: string, check: string) => `launch-ready-${environment}-${check}`;

export function route53HealthCheckInputs(check: ResolvedCheck, section: MonitoringSection, environment: string) {
  return {
    type: check.type,
    fqdn: check.fqdn,
    resourcePath: check.path,
    port: 443,
    // Cloudflare (and any shared TLS front) picks the certificate by SNI: without it the check sees the wrong one.
    enableSni: true,
    requestInterval: section.requestInterval,
    failureThreshold: section.failureThreshold,
    measureLatency: check.measureLatency,
    regions: [...section.regions],
    ...(check.searchString !== undefined ? { searchString: check.searchString } : {}),
    tags: { ...standardTags(environment), Name: checkResourceName(environment, check.name) },
  };
}

export interface AlarmSpec {
  name: string;
  description: string;
  namespace: string;
  metricName: string;
  statistic?: string;
  extendedStatistic?: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData: string;
}

/**
 * The MetricAlarm inputs of a spec: the metric, its dimensions, and the topic notified on ALARM and
 * on OK. One builder for the uptime, relay and webhook-queue alarms, so they cannot drift apart.
 */
export function metricAlarmArgs(
  spec: AlarmSpec,
  target: { dimensions: Record<string, pulumi.Input<string>>; topicArn: pulumi.Input<string>; tags: Record<string, string>; region?: string },
): aws.cloudwatch.MetricAlarmArgs {
  return {
    name: spec.name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: target.dimensions,
    ...(spec.statistic !== undefined ? { statistic: spec.statistic } : {}),
    ...(spec.extendedStatistic !== undefined ? { extendedStatistic: spec.extendedStatistic } : {}),
    period: spec.period,
    evaluationPeriods: spec.evaluationPeriods,
    ...(spec.datapointsToAlarm !== undefined ? { datapointsToAlarm: spec.datapointsToAlarm } : {}),
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator,
    treatMissingData: spec.treatMissingData,
    alarmActions: [target.topicArn],
    okActions: [target.topicArn],
    tags: target.tags,
    ...(target.region !== undefined ? { region: target.region } : {}),
  };
}

/** Down: HealthCheckStatus is 1 when healthy, 0 when not; no data means the checkers see nothing, so it counts as down. */
export function statusAlarmSpec(environment: string, check: ResolvedCheck): AlarmSpec {
  return {
    name: `${checkResourceName(environment, check.name)}-down`,
    description: `https://${check.fqdn}${check.path} is failing its health check (${check.name})`,
    namespace: ROUTE53_METRIC_NAMESPACE,
    metricName: "HealthCheckStatus",
    statistic: "Minimum",
    period: 60,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "LessThanThreshold",
    treatMissingData: "breaching",
  };
}

/**
 * Slow: the average time to first byte over the budget for 2 of 3 five-minute periods (one slow
 * spike is not an incident). Route 53 publishes its latency metrics as Average, Minimum and
 * Maximum only (see ROUTE53_METRIC_STATISTICS): a percentile alarm would never get a datapoint.
 * No datapoint for 15 minutes means the checkers measured nothing (the check is failing, or
 * latency measurement is off): that is breaching, not OK.
 */
export function latencyAlarmSpec(environment: string, check: ResolvedCheck): AlarmSpec {
  return {
    name: `${checkResourceName(environment, check.name)}-slow`,
    description: `average time to first byte of https://${check.fqdn}${check.path} is above ${check.latencyBudgetMs} ms, or not measured (${check.name})`,
    namespace: ROUTE53_METRIC_NAMESPACE,
    metricName: "TimeToFirstByte",
    statistic: LATENCY_ALARM_STATISTIC,
    period: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: check.latencyBudgetMs,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "breaching",
  };
}

/** The statistic of the latency alarm and the dashboard's latency graphs (one Route 53 publishes). */
export const LATENCY_ALARM_STATISTIC = "Average";

export const relayFunctionName = (environment: string) => `launch-ready-${environment}-alert-relay`;

/**
 * The relay failed: any invocation error in a minute (a webhook answered an error, the secret
 * could not be read). No invocations means no alerts to relay, so missing data is OK here.
 */
export function relayErrorsAlarmSpec(environment: string): AlarmSpec {
  return {
    name: `${relayFunctionName(environment)}-errors`,
    description: `the alert relay failed to post an alert to a chat webhook (launch-ready ${environment}); chat alerts may be missing: check its logs`,
    namespace: "AWS/Lambda",
    metricName: "Errors",
    statistic: "Sum",
    period: 60,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  };
}

/** Cloudflare health check inputs (v6 shapes: HTTP settings under httpConfig). */
export function cloudflareHealthcheckInputs(check: ResolvedCheck, section: MonitoringSection, environment: string) {
  return {
    name: checkResourceName(environment, check.name),
    description: `launch-ready ${environment}: https://${check.fqdn}${check.path}`,
    address: check.fqdn,
    type: "HTTPS",
    consecutiveFails: section.failureThreshold,
    consecutiveSuccesses: 2,
    interval: 60,
    retries: 2,
    timeout: 5,
    httpConfig: {
      method: "GET",
      path: check.path,
      port: 443,
      // Same meaning as Route 53 unless an exact status is asked for.
      expectedCodes: check.expectedStatus !== undefined ? [String(check.expectedStatus)] : ["2xx", "3xx"],
      ...(check.searchString !== undefined ? { expectedBody: check.searchString } : {}),
      followRedirects: false,
      allowInsecure: false,
      header: { Host: [check.fqdn] },
    },
  };
}
