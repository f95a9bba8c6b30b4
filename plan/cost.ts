/**
 * The estimated monthly cost of the AWS resources a plan declares and of the zone's Cloudflare
 * plan, from the dated price table in components/constants/aws.ts. Fixed monthly charges only: usage
 * (API calls, requests, notifications) is named in each line's note, not guessed.
 *
 * Inputs are read in the engine's wire form: secrets are revealed (a price never depends on a
 * secret, but a flag may be wrapped), and a value unknown before deployment is priced as the
 * costlier choice and said so.
 */
import { reveal, UNKNOWN_VALUE, type Plan, type PlannedResource } from "./types";
import { zonePlanOf } from "./budget";
import { CLOUDWATCH_HIGH_RESOLUTION_PERIOD_BELOW_SECONDS, PRICE_TABLE_DATE, PRICES, type PriceEntry } from "../components/constants/aws";
import { TYPES } from "./model/tokens";

import type { CostEstimate, CostLine } from "./model/schema";
export type { CostEstimate, CostLine };

/** Cents, so sums of 0.1s do not print as 0.30000000000000004. */
const round = (usd: number) => Math.round(usd * 100) / 100;

interface Priced {
  unitUsd: number;
  note: string;
}

const flag = (value: unknown): boolean | "unknown" => {
  const v = reveal(value);
  return v === UNKNOWN_VALUE ? "unknown" : v === true;
};

function describe(entry: PriceEntry, detail?: string): string {
  return [detail, entry.note, entry.source].filter((p) => p !== undefined && p !== "").join("; ");
}

function priceHealthCheck(r: PlannedResource): Priced {
  const type = String(reveal(r.inputs.type) ?? "");
  const features: string[] = [];
  if (type.startsWith("HTTPS")) features.push("HTTPS");
  if (type.endsWith("STR_MATCH")) features.push("string matching");
  const latency = flag(r.inputs.measureLatency);
  if (latency !== false) features.push(latency === "unknown" ? "latency measurement (assumed: unknown before deployment)" : "latency measurement");
  const interval = reveal(r.inputs.requestInterval);
  if (interval === 10 || interval === UNKNOWN_VALUE) features.push(interval === 10 ? "fast interval" : "fast interval (assumed: unknown before deployment)");
  const base = PRICES.route53HealthCheckNonAws;
  const option = PRICES.route53HealthCheckOptionNonAws;
  const detail = `non-AWS endpoint $${base.usd.toFixed(2)}${features.length ? ` + ${features.length} x $${option.usd.toFixed(2)} (${features.join(", ")})` : ""}`;
  return { unitUsd: round(base.usd + features.length * option.usd), note: `${detail}; ${option.source}` };
}

function priceAlarm(r: PlannedResource): Priced {
  // A metric-math alarm is billed per metric it reads.
  const queries = reveal(r.inputs.metricQueries);
  const metrics = Array.isArray(queries) ? Math.max(1, queries.filter((q) => q && typeof q === "object" && "metric" in q).length) : 1;
  const period = reveal(r.inputs.period);
  const highResolution = typeof period === "number" && period < CLOUDWATCH_HIGH_RESOLUTION_PERIOD_BELOW_SECONDS;
  const entry = highResolution ? PRICES.cloudwatchHighResolutionAlarm : PRICES.cloudwatchStandardAlarm;
  const kind = highResolution ? "high-resolution" : reveal(r.inputs.extendedStatistic) !== undefined ? "standard (percentile)" : "standard";
  return { unitUsd: round(entry.usd * metrics), note: describe(entry, `${kind}${metrics > 1 ? `, ${metrics} metrics` : ""}`) };
}

const fixed = (entry: PriceEntry) => (): Priced => ({ unitUsd: entry.usd, note: describe(entry) });

const PRICERS: Record<string, (r: PlannedResource) => Priced> = {
  [TYPES.secret]: fixed(PRICES.secretsManagerSecret),
  [TYPES.kmsKey]: fixed(PRICES.kmsKey),
  [TYPES.healthCheck]: priceHealthCheck,
  [TYPES.metricAlarm]: priceAlarm,
  [TYPES.dashboard]: fixed(PRICES.cloudwatchDashboard),
  [TYPES.sqsQueue]: fixed(PRICES.sqsFifoQueue),
  [TYPES.snsTopic]: fixed(PRICES.snsTopic),
  [TYPES.cloudflareHealthcheck]: fixed(PRICES.cloudflareHealthcheck),
};

/** The resource types the estimate prices; everything else (IAM, aliases, versions, DNS...) has no fixed charge here. */
export const PRICED_TYPES = Object.keys(PRICERS);

/** The line type of the zone's Cloudflare plan: a charge of the zone, declared by the stack or not. */
export const ZONE_PLAN_LINE = TYPES.zone;

/** The zone's Cloudflare plan as a cost line (none for Free; Enterprise is priced by contract). */
function zonePlanLine(config: Plan["config"] | undefined): CostLine | undefined {
  if (config === undefined) return undefined;
  const zonePlan = zonePlanOf({ config });
  if (zonePlan === "enterprise") {
    return { type: ZONE_PLAN_LINE, count: 1, unitUsd: 0, monthlyUsd: 0, note: "Enterprise plan: priced by contract, not estimated here" };
  }
  const entry = zonePlan === "pro" ? PRICES.cloudflarePlanPro : zonePlan === "business" ? PRICES.cloudflarePlanBusiness : undefined;
  return entry && { type: ZONE_PLAN_LINE, count: 1, unitUsd: entry.usd, monthlyUsd: entry.usd, note: describe(entry) };
}

/**
 * The plan's fixed monthly charges. With the plan's config, the zone's Cloudflare plan is one of
 * them (a charge of the domain, whether the stack creates the zone or adopts it).
 */
export function estimateMonthlyCost(plan: Pick<Plan, "resources"> & { config?: Plan["config"] }): CostEstimate {
  // One line per type and price variant (e.g. health checks with and without string matching).
  const lines = new Map<string, CostLine>();
  const zonePlan = zonePlanLine(plan.config);
  if (zonePlan) lines.set(ZONE_PLAN_LINE, zonePlan);
  for (const resource of plan.resources) {
    const pricer = PRICERS[resource.type];
    if (!resource.custom || pricer === undefined) continue;
    const { unitUsd, note } = pricer(resource);
    const key = `${resource.type}\u0000${unitUsd}\u0000${note}`;
    const line = lines.get(key) ?? { type: resource.type, count: 0, unitUsd, monthlyUsd: 0, note };
    line.count += 1;
    line.monthlyUsd = round(line.count * unitUsd);
    lines.set(key, line);
  }
  const sorted = [...lines.values()].sort((a, b) => a.type.localeCompare(b.type) || a.unitUsd - b.unitUsd);
  return { lines: sorted, totalUsd: round(sorted.reduce((sum, l) => sum + l.monthlyUsd, 0)), priceTableDate: PRICE_TABLE_DATE };
}

/** The estimate as the plan prints it: one line per type and price variant, then the total. */
export function formatCost(estimate: CostEstimate): string {
  if (estimate.lines.length === 0) return "Estimated monthly cost: $0.00 (no priced resources).";
  const rows = estimate.lines.map((l) => [`${l.count} × ${l.type === ZONE_PLAN_LINE ? "Zone plan" : l.type.split(":").pop()}`, `$${l.monthlyUsd.toFixed(2)}`, l.note]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  const money = Math.max(...rows.map((r) => r[1]!.length));
  return [
    `Estimated monthly cost (fixed charges; prices of ${estimate.priceTableDate}, usage not included):`,
    ...rows.map(([what, usd, note]) => `  ${what!.padEnd(width)}  ${usd!.padStart(money)}  ${note}`),
    `  ${"total".padEnd(width)}  ${`$${estimate.totalUsd.toFixed(2)}`.padStart(money)}`,
  ].join("\n");
}
