/**
 * The `monitoring` section's validation: every problem it has in this stack (plan, regions,
 * thresholds, hosts, who is alerted). Used by the config loader and by the uptime component.
 */
import { bodyMatchWarning } from "./bodyMatch";
import type { MonitoringSection } from "../schema/monitoring";
import type { CloudflarePlan, SectionProblem, SectionProblems } from "../schema/context";
import type { MonitoringContext } from "./rules";
import { resolveHostName } from "../schema/core";
import {
  ROUTE53_FAILURE_THRESHOLD_MAX,
  ROUTE53_FAILURE_THRESHOLD_MIN,
  ROUTE53_HEALTH_CHECK_REGIONS,
  ROUTE53_HEALTHY_STATUS_MAX,
  ROUTE53_HEALTHY_STATUS_MIN,
  ROUTE53_MIN_REGIONS,
} from "../constants/aws";

const PLANS_WITH_HEALTH_CHECKS: ReadonlySet<CloudflarePlan> = new Set(["pro", "business", "enterprise"]);

export function validateMonitoring(section: MonitoringSection, context: MonitoringContext): SectionProblems {
  const errors: SectionProblem[] = [];
  const warnings: SectionProblem[] = [];

  if (section.provider === "cloudflare" && !PLANS_WITH_HEALTH_CHECKS.has(context.plan)) {
    errors.push({
      path: ["provider"],
      message: `"cloudflare" health checks need a Pro plan or higher, and this zone is on the ${context.plan} plan; "route53" (or a plan upgrade) is expected`,
    });
  }

  if (section.provider === "route53") {
    const unique = new Set(section.regions);
    if (unique.size !== section.regions.length) {
      errors.push({ path: ["regions"], message: `${JSON.stringify(section.regions)} lists a region twice; each region is expected once` });
    }
    if (unique.size < ROUTE53_MIN_REGIONS) {
      errors.push({
        path: ["regions"],
        message: `${unique.size} region${unique.size === 1 ? "" : "s"} (${[...unique].join(", ") || "none"}); Route 53 needs at least ${ROUTE53_MIN_REGIONS} of ${ROUTE53_HEALTH_CHECK_REGIONS.join(", ")}`,
      });
    }
  }
  if (section.failureThreshold < ROUTE53_FAILURE_THRESHOLD_MIN || section.failureThreshold > ROUTE53_FAILURE_THRESHOLD_MAX) {
    errors.push({ path: ["failureThreshold"], message: `${section.failureThreshold} is outside ${ROUTE53_FAILURE_THRESHOLD_MIN}..${ROUTE53_FAILURE_THRESHOLD_MAX}; a number of consecutive failures in that range is expected` });
  }

  const known = new Set(context.hosts.map((h) => h.fqdn));
  const names = new Map<string, number>();
  section.checks.forEach((check, i) => {
    const at = (...rest: Array<string | number>) => ["checks", i, ...rest];
    const previous = names.get(check.name);
    if (previous !== undefined) errors.push({ path: at("name"), message: `${JSON.stringify(check.name)} duplicates checks[${previous}]; each check name is expected once` });
    else names.set(check.name, i);
    if (check.host !== undefined) {
      const resolved = resolveHostName(check.host, context.apex);
      if (typeof resolved === "string") errors.push({ path: at("host"), message: resolved });
      else if (known.size > 0 && !known.has(resolved.fqdn)) {
        warnings.push({ path: at("host"), message: `${resolved.fqdn} is not one of the stack's hosts; the check will probe it anyway` });
      }
    }
    if (section.provider === "route53" && check.bodyContains !== undefined) {
      const warning = bodyMatchWarning(check.path, check.bodyContains);
      if (warning) warnings.push({ path: at("bodyContains"), message: warning });
    }
    if (
      section.provider === "route53" &&
      check.expectedStatus !== undefined &&
      (check.expectedStatus < ROUTE53_HEALTHY_STATUS_MIN || check.expectedStatus > ROUTE53_HEALTHY_STATUS_MAX)
    ) {
      errors.push({
        path: at("expectedStatus"),
        message: `${check.expectedStatus} can never pass a Route 53 check, which counts only ${ROUTE53_HEALTHY_STATUS_MIN}..${ROUTE53_HEALTHY_STATUS_MAX} as healthy; a status in that range (or provider: cloudflare) is expected`,
      });
    } else if (section.provider === "route53" && check.expectedStatus !== undefined) {
      warnings.push({
        path: at("expectedStatus"),
        message: `${check.expectedStatus} is not enforced: Route 53 counts every status in ${ROUTE53_HEALTHY_STATUS_MIN}..${ROUTE53_HEALTHY_STATUS_MAX} as healthy; use bodyContains to check the answer, or provider: cloudflare (Pro plan or higher) for an exact status`,
      });
    }
  });
  if (section.provider === "cloudflare" && section.checks.some((check) => check.measureLatency)) {
    warnings.push({
      path: ["provider"],
      message: "\"cloudflare\" health checks alert on status only: no latency alarm and no dashboard are made, so measureLatency and latencyBudgetMs have no effect; use route53 for latency alarms",
    });
  }

  const webhookNames = new Set<string>();
  section.alerts.webhooks.forEach((hook, i) => {
    if (webhookNames.has(hook.name)) errors.push({ path: ["alerts", "webhooks", i, "name"], message: `${JSON.stringify(hook.name)} is used twice; each webhook name is expected once` });
    webhookNames.add(hook.name);
  });
  if (context.isProduction && section.alerts.emails.length === 0 && section.alerts.webhooks.length === 0) {
    errors.push({
      path: ["alerts"],
      message: `names no one to alert in production; at least one of alerts.emails or alerts.webhooks is expected (an alarm nobody receives is no alarm)`,
    });
  }
  return { errors, warnings };
}

/** The config keys this section reads as secrets: the chat webhook URLs. */
export function monitoringSecretKeys(section: MonitoringSection): string[] {
  return [...new Set(section.alerts.webhooks.map((w) => w.configKey))];
}
