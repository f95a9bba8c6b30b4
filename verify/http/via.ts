/** Requests addressed through the run's resolver and port mapping (`--http-port`, `--https-port`). */
import * as net from "node:net";
import type * as http from "node:http";
import type { JobContext } from "../context";
import { resolveAddress } from "../dns/resolver";
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

export async function fetchVia(ctx: JobContext, url: URL, extra: { agent?: http.Agent; maxBytes?: number; headers?: Record<string, string>; verifyTls?: boolean } = {}): Promise<FetchResponse> {
  const address = await addressFor(ctx, url.hostname);
  const agent = extra.agent ?? (url.protocol === "https:" ? ctx.httpsAgent : undefined);
  return fetchOnce({ url, address, port: portFor(ctx, url), timeoutMs: ctx.options.timeoutMs, signal: ctx.signal, secureContext: ctx.secureContext, ...extra, ...(agent ? { agent } : {}) });
}
