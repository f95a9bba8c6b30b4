/**
 * The resolved checks the monitoring component declares: which host each check probes and its
 * Route 53 type. The section's problems are judged in ./validate.ts.
 */
import type { MonitoringSection } from "../schema/monitoring";
import type { CloudflarePlan, HostSummary } from "../schema/context";
import { resolveHostName } from "../schema/core";

export interface MonitoringContext {
  environment: string;
  isProduction: boolean;
  apex: string;
  plan: CloudflarePlan;
  /** The stack's hosts; a check of a host not among them gets a warning. Empty: not checked. */
  hosts: ReadonlyArray<Pick<HostSummary, "fqdn">>;
}

export interface ResolvedCheck {
  name: string;
  fqdn: string;
  path: string;
  /** Route 53's type: string matching when the body must contain something. */
  type: "HTTPS" | "HTTPS_STR_MATCH";
  searchString?: string;
  expectedStatus?: number;
  measureLatency: boolean;
  latencyBudgetMs: number;
}


/** The checks with hosts resolved (default: `defaultHost`, the canonical host's fqdn) and their Route 53 type. */
export function resolveChecks(section: MonitoringSection, apex: string, defaultHost: string = apex): ResolvedCheck[] {
  return section.checks.map((check) => {
    const resolved = check.host === undefined ? { fqdn: defaultHost } : resolveHostName(check.host, apex);
    if (typeof resolved === "string") throw new Error(`monitoring.checks ${check.name}: host ${resolved}`);
    return {
      name: check.name,
      fqdn: resolved.fqdn,
      path: check.path,
      type: check.bodyContains !== undefined ? "HTTPS_STR_MATCH" : "HTTPS",
      ...(check.bodyContains !== undefined ? { searchString: check.bodyContains } : {}),
      ...(check.expectedStatus !== undefined ? { expectedStatus: check.expectedStatus } : {}),
      measureLatency: check.measureLatency,
      latencyBudgetMs: check.latencyBudgetMs,
    };
  });
}
