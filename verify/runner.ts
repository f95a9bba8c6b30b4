/**
 * Runs the jobs concurrently (bounded), each under its own timeout, the whole run under a bound,
 * and turns the results into a report. Nothing here can hang: every wait is raced against a timer.
 */
import { setMaxListeners } from "node:events";
import * as https from "node:https";
import * as tls from "node:tls";
import { fail } from "./check";
import type { JobContext } from "./context";
import { DnsQueryError, createResolver } from "./dns/resolver";
import { compileRanges } from "./edge";
import { NoAddressError } from "./http/via";
import { perfPlan, planJobs, starttlsNote, type PlannedJob } from "./jobs";
import { edgeCounts, RequestBudget } from "./ratelimit";
import { nothingResolves } from "./delegation";
import { buildReport } from "./report";
import type { Check, VerifyOptions, VerifyReport, VerifyTarget } from "./types";

/**
 * The run's upper bound. With list scheduling over `concurrency` workers, the run ends by
 * sum(timeouts)/concurrency + max(timeout) (Graham's bound), plus a second of slack for start-up.
 */
export function runBound(jobs: Array<{ timeoutMs: number }>, concurrency: number): number {
  const sum = jobs.reduce((a, j) => a + j.timeoutMs, 0);
  const max = jobs.reduce((a, j) => Math.max(a, j.timeoutMs), 0);
  return Math.ceil(sum / concurrency) + max + 1000;
}

const trustStores = new Map<string, tls.SecureContext>();

/**
 * Node's roots plus `--ca-file`, as one TLS context. Building it parses every root certificate
 * (tens of milliseconds of CPU), so it is built once per process and CA file, not per run.
 */
function trustStore(extraCa: string | undefined): tls.SecureContext {
  const key = extraCa ?? "";
  let ctx = trustStores.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext(extraCa ? { ca: [...tls.rootCertificates, extraCa] } : {});
    trustStores.set(key, ctx);
  }
  return ctx;
}

/** Converts whatever ended a job into checks; an unexplained error fails the job's check (fail closed). */
function failure(job: PlannedJob, err: unknown, timedOut: boolean, runEnded: boolean): Check[] {
  if (err instanceof DnsQueryError) return [fail("dns.resolve", `${err.qname} ${err.qtype}`, `${err.reason} from resolver ${err.server.host}:${err.server.port}`)];
  if (runEnded) return [fail("run.bound", job.target, `${job.name}: stopped at the run bound`)];
  if (timedOut) return [fail(job.failId, job.target, `${job.name}: no result within ${job.timeoutMs} ms`)];
  if (err instanceof NoAddressError) return [fail(job.failId, job.target, err.message)];
  return [fail(job.failId, job.target, `${job.name}: ${(err as Error)?.message ?? String(err)}`)];
}

export async function runVerify(target: VerifyTarget, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const jobs = planJobs(target, options);
  const boundMs = options.runBoundMs ?? runBound(jobs, options.concurrency);
  const run = new AbortController();
  setMaxListeners(0, run.signal);
  const boundTimer = setTimeout(() => run.abort(), boundMs);
  const resolver = createResolver(options.resolver, options.timeoutMs, run.signal);
  const edge = compileRanges(options.edgeRanges);
  const secureContext = trustStore(options.extraCa);
  const httpsAgent = new https.Agent({ keepAlive: false, maxCachedSessions: 512 });
  const now = (options.now ?? (() => new Date()))();
  const budget = new RequestBudget(target.rateLimits ?? [], edgeCounts(target));
  const checks: Check[] = [];
  let sumOfJobsMs = 0;
  let done = 0;

  async function runJob(job: PlannedJob): Promise<void> {
    const t0 = performance.now();
    if (run.signal.aborted) {
      checks.push(fail("run.bound", job.target, `${job.name}: not started before the run bound of ${boundMs} ms`));
      return;
    }
    const own = new AbortController();
    // Every in-flight query and request of the job listens for its abort: more than Node's default 10.
    setMaxListeners(0, own.signal);
    const onRunAbort = () => own.abort();
    run.signal.addEventListener("abort", onRunAbort, { once: true });
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const ctx: JobContext = { target, options, resolver, edge, signal: own.signal, secureContext, httpsAgent, budget, now };
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          own.abort();
          reject(new Error("timeout"));
        }, job.timeoutMs);
        own.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
      });
      timeout.catch(() => undefined); // settles after the race when the job ends first

      const result = await Promise.race([job.run(ctx), timeout]);
      const ms = performance.now() - t0;
      for (const c of result) checks.push({ ...c, durationMs: Math.round(ms) });
    } catch (err) {
      for (const c of failure(job, err, timedOut, run.signal.aborted && !timedOut)) checks.push({ ...c, durationMs: Math.round(performance.now() - t0) });
    } finally {
      clearTimeout(timer);
      own.abort(); // closes anything the job left open
      run.signal.removeEventListener("abort", onRunAbort);
      const ms = performance.now() - t0;
      sumOfJobsMs += ms;
      done += 1;
      options.onProgress?.({ done, total: jobs.length, job: job.name, ms });
    }
  }

  // Longest first (by timeout, the only estimate there is): the perf samplers start at once, so
  // the run ends soon after its slowest job instead of starting it last.
  const queue = [...jobs].sort((a, b) => b.timeoutMs - a.timeoutMs);
  let next = 0;
  const worker = async () => {
    while (next < queue.length) await runJob(queue[next++]!);
  };
  let summary: string | undefined;
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, worker));
    if (!run.signal.aborted) summary = await nothingResolves(target, resolver, run.signal);
  } finally {
    clearTimeout(boundTimer);
    run.abort();
    httpsAgent.destroy();
  }
  return buildReport(checks, { runMs: Math.round(performance.now() - started), sumOfJobsMs: Math.round(sumOfJobsMs), jobs: jobs.length, boundMs }, target.unknownRecords, [...target.uncheckable, ...starttlsNote(target, options), ...(target.version ? [] : ["app.commit: not run: the config names no version route (verify.version, docs/config.md)"]), ...perfPlan(target, options).notes((ref) => budget.mostInWindow(ref))], summary);
}
