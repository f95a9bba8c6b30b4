/**
 * Contract checks: is every value the plan would send one the Cloudflare and AWS APIs accept?
 * Cloudflare resources are validated against JSON Schemas generated from the official SDK's
 * request types (contracts/schemas/), plus the plan rules of components/constants/cloudflare.ts;
 * AWS resources against the documented value table in contracts/aws/table.ts.
 *
 *   const report = checkContracts(plan);   // plan: wire form, as renderPlan returns it
 *   console.log(formatContracts(report));
 */
import Table from "cli-table3";
import type { CloudflarePlan } from "../components/schema/context";
import { shortType } from "../plan/format";
import type { Plan, PlannedResource } from "../plan/types";
import { AWS_CONTRACT_TYPES } from "./aws/table";
import { checkAwsResource } from "./aws/check";
import { checkDnsRecord } from "./cloudflare/dnsRecord";
import { checkAccessApplication, checkAccessPolicy, checkHealthcheck, checkNotificationPolicy, checkZone, checkZoneDnssec } from "./cloudflare/others";
import { checkRuleset } from "./cloudflare/ruleset";
import { checkZoneSetting } from "./cloudflare/zoneSetting";
import { checkWorkersCustomDomain, checkWorkersScript, WORKERS_CUSTOM_DOMAIN, WORKERS_SCRIPT } from "./cloudflare/workers";
import type { ContractContext, ResourceCheck } from "./context";
import type { CheckedResource, ContractReport } from "./types";
import { TYPES } from "../plan/model/tokens";

export type { CheckedResource, ContractFailure, ContractReport } from "./types";
export type { ContractContext } from "./context";
export { AWS_CONTRACTS, type AwsContract } from "./aws/table";

/** The checks by type token. A type not listed here is not checked (and not listed in the report). */
export const CONTRACT_CHECKS: Readonly<Record<string, ResourceCheck>> = {
  [TYPES.zoneSetting]: checkZoneSetting,
  [TYPES.ruleset]: checkRuleset,
  [TYPES.dnsRecord]: checkDnsRecord,
  [TYPES.zone]: checkZone,
  [TYPES.zoneDnssec]: checkZoneDnssec,
  [TYPES.accessApplication]: checkAccessApplication,
  [TYPES.accessPolicy]: checkAccessPolicy,
  [TYPES.cloudflareHealthcheck]: checkHealthcheck,
  [TYPES.notificationPolicy]: checkNotificationPolicy,
  [WORKERS_SCRIPT]: checkWorkersScript,
  [WORKERS_CUSTOM_DOMAIN]: checkWorkersCustomDomain,
  ...Object.fromEntries(AWS_CONTRACT_TYPES.map((t) => [t, checkAwsResource])),
};

const PLANS: readonly CloudflarePlan[] = ["free", "pro", "business", "enterprise"];

export function contractContext(plan: Plan): ContractContext {
  const configured = plan.config?.cloudflarePlan;
  const known = PLANS.includes(configured as CloudflarePlan);
  return {
    cloudflarePlan: known ? (configured as CloudflarePlan) : "free",
    cloudflarePlanAssumed: !known,
    domain: typeof plan.config?.domain === "string" ? plan.config.domain : undefined,
    resources: plan.resources,
  };
}

/** Checks one resource; a check that throws fails the resource (fail closed) with the reason. */
export function checkResource(resource: PlannedResource, context: ContractContext): CheckedResource | undefined {
  const check = CONTRACT_CHECKS[resource.type];
  if (!check || !resource.custom) return undefined;
  let failures;
  try {
    failures = check(resource, context);
  } catch (error) {
    failures = [{ field: "(resource)", message: `the contract check itself failed, so nothing about this resource is proven: ${(error as Error).message}` }];
  }
  return { urn: resource.urn, type: resource.type, name: resource.name, status: failures.length === 0 ? "passed" : "failed", failures };
}

export function checkContracts(plan: Plan): ContractReport {
  const context = contractContext(plan);
  const checked = plan.resources.flatMap((r) => checkResource(r, context) ?? []);
  const failed = checked.filter((c) => c.status === "failed").length;
  return { checked, summary: { passed: checked.length - failed, failed } };
}

/** The report as a table: one row per passed resource, one per failure of a failed one. */
export function formatContracts(report: ContractReport, width = process.stdout.columns ?? 120): string {
  const table = new Table({
    head: ["type", "name", "status", "field", "problem"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colWidths: [24, 28, 8, 34, Math.max(40, width - 100)],
    wordWrap: true,
  });
  const failedFirst = [...report.checked].sort((a, b) => Number(b.status === "failed") - Number(a.status === "failed"));
  for (const c of failedFirst) {
    if (c.status === "passed") table.push([shortType(c.type), c.name, "passed", "", ""]);
    else for (const f of c.failures) table.push([shortType(c.type), c.name, "FAILED", f.field, f.message]);
  }
  const { passed, failed } = report.summary;
  const summary = `Contracts: ${passed + failed} resources checked, ${passed} passed, ${failed} failed`;
  return report.checked.length === 0 ? `${summary}.` : `${table.toString()}\n${summary}.`;
}
