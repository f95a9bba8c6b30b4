/** Requests addressed through the run's resolver and port mapping (`--http-port`, `--https-port`). */
import * as net from "node:net";
import type * as http from "node:http";
import type { JobContext } from "../context";
import { resolveAddress } from "../dns/resolver";
import type { RateLimitRule } from "../ratelimit";
import { fetchOnce, type FetchResponse } from "./client";

/** Raised when a host has no address: the check reports it instead of a connection error. */
export class NoAddressError extends Error {}

export async function addressFor(ctx: JobContext, hostname: string): Promise<string> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(bare)) return bare;
  const address = await resolveAddress(ctx.resolver, bare, ctx.signal);
  if (!address) throw new NoAddressError(`${bare} has no A or AAAA record`);
  return address;
}

/** The port to connect to: an explicit port in the URL wins, else the scheme's configured port. */
export function portFor(ctx: JobContext, url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? ctx.options.httpsPort : ctx.options.httpPort;
}

/** A response, with the stack's rate limiting rules that counted its request (verify/ratelimit.ts). */
export interface CountedResponse extends FetchResponse {
  countedBy: RateLimitRule[];
}

/** A 429 to a request the stack's own rule counts: that rule working, not the app failing. */
export function limitedBy(res: Pick<CountedResponse, "status" | "countedBy">): RateLimitRule | undefined {
  return res.status === 429 ? res.countedBy[0] : undefined;
}

export async function fetchVia(ctx: JobContext, url: URL, extra: { agent?: http.Agent; maxBytes?: number; keepBytes?: number; headers?: Record<string, string>; verifyTls?: boolean } = {}): Promise<CountedResponse> {
  const address = await addressFor(ctx, url.hostname);
  const agent = extra.agent ?? (url.protocol === "https:" ? ctx.httpsAgent : undefined);
  // Booked after the address is known, so only requests that leave count against the budget.
  const countedBy = (await ctx.budget?.take(url, ctx.signal)) ?? [];
  const res = await fetchOnce({ url, address, port: portFor(ctx, url), timeoutMs: ctx.options.timeoutMs, signal: ctx.signal, secureContext: ctx.secureContext, ...extra, ...(agent ? { agent } : {}) });
  return { ...res, countedBy };
}
