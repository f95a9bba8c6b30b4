/**
 * The stack's own rate limits, as verify must respect them. Cloudflare's rate limiting rules count
 * every client, a launch check included: a run that sends more than a rule allows to the routes it
 * counts gets the edge's 429s and judges them as errors (the Free plan's one rule allows 5 requests
 * per 10 s per IP to login, signup and password reset, also verify's default performance routes).
 *
 * Which rule counts a request is decided by the project's Rules-language evaluator (rules/) on the
 * rule's rendered expression, as the offline simulator does; the budget then spaces verify's
 * requests so no rule ever sees more than it allows within its period.
 * Source: https://developers.cloudflare.com/waf/rate-limiting-rules/ (period, requests per period,
 * mitigation timeout; the action applies once the rate is reached).
 */
import { createRequest, evaluate, parseCached } from "../rules";
import { reveal, UNKNOWN_VALUE, type Plan } from "../plan/types";
import { rulesetsByPhase } from "../plan/budget";
import type { RateLimitRule, VerifyTarget } from "./types";

export type { RateLimitRule } from "./types";


/** The enabled rate limiting rules of a plan whose expression and numbers are known before deploy. */
export function rateLimitRulesOf(plan: Plan): RateLimitRule[] {
  return (rulesetsByPhase(plan).get("http_ratelimit") ?? []).flatMap((ruleset) => {
    const rules = reveal(ruleset.inputs.rules);
    return (Array.isArray(rules) ? rules : []).flatMap((raw, i): RateLimitRule[] => {
      const r = raw as Record<string, unknown>;
      const rl = reveal(r.ratelimit) as Record<string, unknown> | undefined;
      const expression = reveal(r.expression);
      if (reveal(r.enabled) === false || typeof expression !== "string" || expression === UNKNOWN_VALUE || !rl) return [];
      const n = (v: unknown) => (typeof reveal(v) === "number" ? (reveal(v) as number) : undefined);
      const requestsPerPeriod = n(rl.requestsPerPeriod);
      const period = n(rl.period);
      if (requestsPerPeriod === undefined || period === undefined) return [];
      return [{ ref: String(reveal(r.ref) ?? `${ruleset.name}#${i}`), expression, requestsPerPeriod, period, mitigationTimeout: n(rl.mitigationTimeout) ?? period }];
    });
  });
}

/**
 * The rules that count a GET of `url`. An expression the evaluator cannot read counts every
 * request (the safe side: verify then sends less, never more).
 */
export function rulesCounting(rules: readonly RateLimitRule[], url: URL, method = "GET"): RateLimitRule[] {
  if (rules.length === 0) return [];
  const req = createRequest({ url: `${url.protocol}//${url.hostname}${url.pathname}${url.search}`, method });
  return rules.filter((r) => {
    try {
      return evaluate(parseCached(r.expression), req);
    } catch {
      return true;
    }
  });
}

/** The hosts whose requests the zone's rules see: inside the zone, except hosts the stack declares unproxied (DNS only). */
export function edgeCounts(target: Pick<VerifyTarget, "apex" | "hosts">): (host: string) => boolean {
  const unproxied = new Set(target.hosts.filter((h) => !h.proxied).map((h) => h.fqdn));
  return (host) => (host === target.apex || host.endsWith(`.${target.apex}`)) && !unproxied.has(host);
}

export const describeRule = (r: RateLimitRule) => `${r.ref} (${r.requestsPerPeriod} requests per ${r.period} s per IP)`;

/**
 * One run's account of what it sent under each rule: a sliding window per rule, so within any
 * `period` (plus a second for the edge's clock) at most `requestsPerPeriod` requests it counts
 * leave verify. A request over the budget waits for room (spacing), bounded by the caller's signal.
 */
export class RequestBudget {
  private readonly sent = new Map<string, number[]>();
  private readonly most = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly rules: readonly RateLimitRule[],
    /** Which hosts the zone's rules see (proxied hosts of the stack): others are not counted. */
    private readonly counted: (host: string) => boolean,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The rules that would count this request at the edge. */
  countingRules(url: URL): RateLimitRule[] {
    return this.counted(url.hostname) ? rulesCounting(this.rules, url) : [];
  }

  /**
   * Books one request to `url` under every rule that counts it, waiting until each has room.
   * Bookings are served in order, so an early caller is never starved by later ones.
   */
  take(url: URL, signal?: AbortSignal): Promise<RateLimitRule[]> {
    const rules = this.countingRules(url);
    if (rules.length === 0) return Promise.resolve([]);
    const turn = this.queue.then(() => this.book(rules, signal));
    this.queue = turn.then(() => undefined, () => undefined);
    return turn.then(() => rules);
  }

  /** The most requests sent under a rule within any one of its windows during the run. */
  mostInWindow(ref: string): number {
    return this.most.get(ref) ?? 0;
  }

  private async book(rules: RateLimitRule[], signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new Error("aborted");
      const now = this.clock();
      let wait = 0;
      for (const r of rules) {
        const windowMs = (r.period + 1) * 1000;
        const live = (this.sent.get(r.ref) ?? []).filter((t) => t > now - windowMs);
        this.sent.set(r.ref, live);
        if (live.length >= r.requestsPerPeriod) wait = Math.max(wait, live[0]! + windowMs - now);
      }
      if (wait <= 0) break;
      // Re-checked in short steps: the clock decides, and an abort is noticed soon.
      await sleep(Math.min(wait, 250), signal);
    }
    const now = this.clock();
    for (const r of rules) {
      const live = [...(this.sent.get(r.ref) ?? []), now];
      this.sent.set(r.ref, live);
      this.most.set(r.ref, Math.max(this.mostInWindow(r.ref), live.length));
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(new Error("aborted")));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
