/**
 * The uptime dashboard body: one row per check with its status, the percentage of healthy
 * checkers and the average time to first byte against its budget, so the state of the app reads in
 * one view. Pure: takes the health check ids, returns the JSON CloudWatch expects.
 */
import type { ResolvedCheck } from "./rules";
import { ROUTE53_METRIC_NAMESPACE, ROUTE53_METRICS_REGION } from "../constants/aws";
import { LATENCY_ALARM_STATISTIC } from "./specs";

export interface DashboardCheck extends ResolvedCheck {
  healthCheckId: string;
}

const ROW_HEIGHT = 6;

export function dashboardBody(environment: string, checks: readonly DashboardCheck[]): string {
  const metric = (name: string, id: string) => [ROUTE53_METRIC_NAMESPACE, name, "HealthCheckId", id];
  const widgets: unknown[] = [
    {
      type: "text",
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown: `# launch-ready ${environment}: uptime\nStatus 1 = healthy, 0 = failing. Latency is the average time to first byte (Route 53 publishes no percentiles); the red line is the budget.`,
      },
    },
  ];
  checks.forEach((check, i) => {
    const y = 2 + i * ROW_HEIGHT;
    const url = `https://${check.fqdn}${check.path}`;
    widgets.push(
      {
        type: "metric",
        x: 0,
        y,
        width: 6,
        height: ROW_HEIGHT,
        properties: { title: `${check.name}: status`, view: "singleValue", region: ROUTE53_METRICS_REGION, stat: "Minimum", period: 60, metrics: [metric("HealthCheckStatus", check.healthCheckId)] },
      },
      {
        type: "metric",
        x: 6,
        y,
        width: 9,
        height: ROW_HEIGHT,
        properties: {
          title: `${check.name}: % healthy checkers (${url})`,
          view: "timeSeries",
          region: ROUTE53_METRICS_REGION,
          stat: "Average",
          period: 60,
          yAxis: { left: { min: 0, max: 100 } },
          metrics: [metric("HealthCheckPercentageHealthy", check.healthCheckId)],
        },
      },
      check.measureLatency
        ? {
            type: "metric",
            x: 15,
            y,
            width: 9,
            height: ROW_HEIGHT,
            properties: {
              title: `${check.name}: average time to first byte (ms)`,
              view: "timeSeries",
              region: ROUTE53_METRICS_REGION,
              stat: LATENCY_ALARM_STATISTIC,
              period: 300,
              metrics: [metric("TimeToFirstByte", check.healthCheckId)],
              annotations: { horizontal: [{ label: "budget", value: check.latencyBudgetMs, color: "#d62728" }] },
            },
          }
        : {
            type: "text",
            x: 15,
            y,
            width: 9,
            height: ROW_HEIGHT,
            properties: { markdown: `**${check.name}**: latency is not measured (measureLatency: false).` },
          },
    );
  });
  return JSON.stringify({ widgets });
}
