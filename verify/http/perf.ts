/**
 * Performance guardrail: N samples of each core route on the canonical host, judged like k6
 * thresholds (`p(95)<budget`, `rate<0.01`), plus a response size limit and a "degraded" level.
 */
import * as http from "node:http";
import * as https from "node:https";
import { check, fail, pass } from "../check";
import type { JobContext } from "../context";
import type { Check, PerformanceBudget } from "../types";
import { fetchOnce } from "./client";
import { describeRule, type RateLimitRule } from "../ratelimit";
import { addressFor, limitedBy as limitedBy429, portFor } from "./via";

/** Samples in flight at once per route: enough to overlap latency, too few to load-test anyone. */
export const PERF_PARALLEL = 4;

/** Nearest-rank percentile (k6 and most load tools): the smallest value with p% of samples at or below it. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface Sample {
  ms: number;
  status?: number;
  bytes?: number;
  error?: string;
  /** A 429 to a request the stack's own rate limiting rule counts: the rule working (its ref). */
  limitedBy?: string;
}

export function judgePerformance(target: string, all: Sample[], budget: PerformanceBudget, note = ""): Check[] {
  // The stack's own rule answering 429 is that rule working: neither an error nor a latency sample.
  const limited = all.filter((s) => s.limitedBy !== undefined);
  const samples = all.filter((s) => s.limitedBy === undefined);
  const limitedNote = limited.length ? `; ${limited.length} answered 429 by the stack's own rate limit ${limited[0]!.limitedBy} (the rule working, not counted)` : "";
  const ok = samples.filter((s) => s.error === undefined && s.status !== undefined && s.status < 400);
  const errors = samples.length - ok.length;
  const rate = samples.length ? errors / samples.length : 1;
  const p95 = percentile(ok.map((s) => s.ms), 95);
  const out: Check[] = [];
  if (samples.length === 0 && limited.length) {
    return [check("perf.p95", target, "warn", `not measured: every sample answered 429 by the stack's own rate limit ${limited[0]!.limitedBy} (the rule working)${note}`)];
  }
  if (p95 === undefined) out.push(fail("perf.p95", target, `no successful sample out of ${samples.length}${limitedNote}`));
  else if (p95 > budget.p95BudgetMs) out.push(fail("perf.p95", target, `p95 ${Math.round(p95)} ms over the ${budget.p95BudgetMs} ms budget (${ok.length} samples)`));
  else if (p95 >= budget.p95BudgetMs * budget.degradedRatio) out.push(check("perf.p95", target, "warn", `degraded: p95 ${Math.round(p95)} ms is ${Math.round((p95 / budget.p95BudgetMs) * 100)} % of the ${budget.p95BudgetMs} ms budget`));
  else out.push(pass("perf.p95", target, `p95 ${Math.round(p95)} ms of ${budget.p95BudgetMs} ms (${ok.length} samples${note})${limitedNote}`));
  const firstError = samples.find((s) => s.error !== undefined || (s.status ?? 0) >= 400);
  const reason = firstError ? ` (e.g. ${firstError.error ?? `status ${firstError.status}`})` : "";
  out.push(errors > 0 && rate >= budget.maxErrorRate
    ? fail("perf.errors", target, `${errors} of ${samples.length} samples failed (${(rate * 100).toFixed(1)} %, limit under ${budget.maxErrorRate * 100} %)${reason}`)
    : pass("perf.errors", target, `${errors} of ${samples.length} samples failed${limitedNote}`));
  const biggest = Math.max(0, ...samples.map((s) => s.bytes ?? 0));
  out.push(biggest > budget.maxBytes ? fail("perf.size", target, `a response exceeded ${budget.maxBytes} bytes`) : pass("perf.size", target, `largest response ${biggest} bytes of ${budget.maxBytes}`));
  return out;
}

/** How long a perf job may take: warm-up plus its samples in PERF_PARALLEL lanes, each bounded by the timeout. */
export function perfJobTimeout(samples: number, timeoutMs: number): number {
  return (Math.ceil(samples / PERF_PARALLEL) + 2) * timeoutMs;
}

/** How a route is sampled: `samples` requests, capped under `limitedBy` when a rate limit counts them. */
export interface PerfRoute {
  path: string;
  samples: number;
  limitedBy?: RateLimitRule;
  /** Samples wanted before the cap. */
  wanted: number;
}

export async function checkPerformance(ctx: JobContext, route: PerfRoute): Promise<Check[]> {
  const budget = ctx.target.performance;
  const n = route.samples;
  const url = new URL(route.path, `https://${ctx.target.canonicalHost}`);
  const address = await addressFor(ctx, url.hostname);
  // Keep-alive, like k6 and browsers: the budget is for the server's answer, not a handshake per sample.
  const agent = url.protocol === "https:" ? new https.Agent({ keepAlive: true, maxSockets: PERF_PARALLEL }) : new http.Agent({ keepAlive: true, maxSockets: PERF_PARALLEL });
  const samples: Sample[] = [];
  let next = 0;
  const request = async () => {
    const countedBy = (await ctx.budget?.take(url, ctx.signal)) ?? [];
    const r = await fetchOnce({ url, address, port: portFor(ctx, url), timeoutMs: ctx.options.timeoutMs, signal: ctx.signal, secureContext: ctx.secureContext, agent, maxBytes: budget.maxBytes });
    return { ...r, countedBy };
  };
  const lane = async () => {
    // One uncounted warm-up request a lane opens its connection: the budget is for answers, and a
    // cold TLS handshake in 1 of 20 samples would otherwise be the p95. Not under a rate limit,
    // where every request the rule counts is one fewer sample.
    if (!route.limitedBy) await request().catch(() => undefined);
    while (next < n && !ctx.signal.aborted) {
      next += 1;
      try {
        const r = await request();
        const limitedBy = limitedBy429(r);
        samples.push({ ms: r.ms, status: r.status, bytes: r.truncated ? budget.maxBytes + 1 : r.bytes, ...(limitedBy ? { limitedBy: limitedBy.ref } : {}) });
      } catch (e) {
        samples.push({ ms: ctx.options.timeoutMs, error: (e as Error).message });
      }
    }
  };
  try {
    // A rate-limited route is sampled one request at a time, as the budget spaces them.
    await Promise.all(Array.from({ length: route.limitedBy ? Math.min(1, n) : Math.min(PERF_PARALLEL, n) }, lane));
  } finally {
    agent.destroy();
  }
  const note = route.limitedBy && route.samples < route.wanted ? `, capped from ${route.wanted}: ${describeRule(route.limitedBy)} counts this route` : "";
  return judgePerformance(url.href, samples, budget, note);
}
