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
import { addressFor, portFor } from "./via";

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
}

export function judgePerformance(target: string, samples: Sample[], budget: PerformanceBudget): Check[] {
  const ok = samples.filter((s) => s.error === undefined && s.status !== undefined && s.status < 400);
  const errors = samples.length - ok.length;
  const rate = samples.length ? errors / samples.length : 1;
  const p95 = percentile(ok.map((s) => s.ms), 95);
  const out: Check[] = [];
  if (p95 === undefined) out.push(fail("perf.p95", target, `no successful sample out of ${samples.length}`));
  else if (p95 > budget.p95BudgetMs) out.push(fail("perf.p95", target, `p95 ${Math.round(p95)} ms over the ${budget.p95BudgetMs} ms budget (${ok.length} samples)`));
  else if (p95 >= budget.p95BudgetMs * budget.degradedRatio) out.push(check("perf.p95", target, "warn", `degraded: p95 ${Math.round(p95)} ms is ${Math.round((p95 / budget.p95BudgetMs) * 100)} % of the ${budget.p95BudgetMs} ms budget`));
  else out.push(pass("perf.p95", target, `p95 ${Math.round(p95)} ms of ${budget.p95BudgetMs} ms (${ok.length} samples)`));
  const firstError = samples.find((s) => s.error !== undefined || (s.status ?? 0) >= 400);
  const reason = firstError ? ` (e.g. ${firstError.error ?? `status ${firstError.status}`})` : "";
  out.push(errors > 0 && rate >= budget.maxErrorRate
    ? fail("perf.errors", target, `${errors} of ${samples.length} samples failed (${(rate * 100).toFixed(1)} %, limit under ${budget.maxErrorRate * 100} %)${reason}`)
    : pass("perf.errors", target, `${errors} of ${samples.length} samples failed`));
  const biggest = Math.max(0, ...samples.map((s) => s.bytes ?? 0));
  out.push(biggest > budget.maxBytes ? fail("perf.size", target, `a response exceeded ${budget.maxBytes} bytes`) : pass("perf.size", target, `largest response ${biggest} bytes of ${budget.maxBytes}`));
  return out;
}

/** How long a perf job may take: warm-up plus its samples in PERF_PARALLEL lanes, each bounded by the timeout. */
export function perfJobTimeout(samples: number, timeoutMs: number): number {
  return (Math.ceil(samples / PERF_PARALLEL) + 2) * timeoutMs;
}

export async function checkPerformance(ctx: JobContext, path: string): Promise<Check[]> {
  const budget = ctx.target.performance;
  const n = ctx.options.samples ?? budget.samples;
  const url = new URL(path, `https://${ctx.target.canonicalHost}`);
  const address = await addressFor(ctx, url.hostname);
  // Keep-alive, like k6 and browsers: the budget is for the server's answer, not a handshake per sample.
  const agent = url.protocol === "https:" ? new https.Agent({ keepAlive: true, maxSockets: PERF_PARALLEL }) : new http.Agent({ keepAlive: true, maxSockets: PERF_PARALLEL });
  const samples: Sample[] = [];
  let next = 0;
  const request = () => fetchOnce({ url, address, port: portFor(ctx, url), timeoutMs: ctx.options.timeoutMs, signal: ctx.signal, secureContext: ctx.secureContext, agent, maxBytes: budget.maxBytes });
  const lane = async () => {
    // One uncounted warm-up request a lane opens its connection: the budget is for answers, and a
    // cold TLS handshake in 1 of 20 samples would otherwise be the p95.
    await request().catch(() => undefined);
    while (next < n && !ctx.signal.aborted) {
      next += 1;
      try {
        const r = await request();
        samples.push({ ms: r.ms, status: r.status, bytes: r.truncated ? budget.maxBytes + 1 : r.bytes });
      } catch (e) {
        samples.push({ ms: ctx.options.timeoutMs, error: (e as Error).message });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(PERF_PARALLEL, n) }, lane));
  } finally {
    agent.destroy();
  }
  return judgePerformance(url.href, samples, budget);
}
