/**
 * One HTTP(S) request to a chosen address, never the system resolver's: SNI and Host carry the
 * hostname. No redirect following, a timeout, an AbortSignal, and a byte cap on the body.
 * Certificates are not enforced unless asked (TLS checks judge them), so a bad certificate does not
 * hide redirect or header findings.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { SecureContext } from "node:tls";

export interface FetchRequest {
  url: URL;
  /** IP address to connect to. */
  address: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** TLS context with the trusted CAs (trust is judged by the TLS checks, not enforced here). */
  secureContext?: SecureContext;
  /** A keep-alive agent for repeated samples; default: a fresh connection. */
  agent?: http.Agent;
  /** Stop reading the body after this many bytes (the size is then reported as > maxBytes). */
  maxBytes?: number;
  /** Body text kept for the caller (default 64 KiB, enough for content checks; the client-code scan keeps whole scripts). */
  keepBytes?: number;
  /** Extra request headers (e.g. Origin for the CORS probe). */
  headers?: Record<string, string>;
  /** Refuse an untrusted or misnamed certificate, as a client that enforces trust would (MTA-STS senders). */
  verifyTls?: boolean;
}

export interface FetchResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Name/value pairs as received, so repeated headers can be counted. */
  rawHeaders: string[];
  bytes: number;
  /** True when the body was cut at maxBytes. */
  truncated: boolean;
  /** Request start to last body byte. */
  ms: number;
  body: string;
}

/** Values of header `name` as received (each occurrence separately). */
export function headerValues(res: Pick<FetchResponse, "rawHeaders">, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]!.toLowerCase() === name) out.push(res.rawHeaders[i + 1]!);
  return out;
}

/** Keeps at most this much body text for content checks. */
const BODY_TEXT_LIMIT = 64 * 1024;

export function fetchOnce(req: FetchRequest): Promise<FetchResponse> {
  const started = performance.now();
  const isHttps = req.url.protocol === "https:";
  const hostname = req.url.hostname.replace(/^\[|\]$/g, "");
  return new Promise<FetchResponse>((resolve, reject) => {
    let settled = false;
    const done = (err: Error | null, v?: FetchResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
      if (err) {
        r.destroy();
        reject(err);
      } else resolve(v!);
    };
    const options: https.RequestOptions = {
      host: req.address,
      port: req.port,
      method: "GET",
      path: req.url.pathname + req.url.search,
      headers: { host: hostname, "user-agent": "launch-ready-verify/1", accept: "*/*", ...req.headers },
      agent: req.agent ?? false,
      ...(isHttps ? { servername: hostname, rejectUnauthorized: req.verifyTls === true, secureContext: req.secureContext } : {}),
    };
    const r = (isHttps ? https : http).request(options, (res) => {
      let bytes = 0;
      let truncated = false;
      const chunks: Buffer[] = [];
      let kept = 0;
      const keep = req.keepBytes ?? BODY_TEXT_LIMIT;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        if (kept < keep) {
          chunks.push(c);
          kept += c.length;
        }
        if (req.maxBytes !== undefined && bytes > req.maxBytes) {
          truncated = true;
          finish();
          r.destroy();
        }
      });
      const finish = () =>
        done(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          bytes,
          truncated,
          ms: performance.now() - started,
          body: Buffer.concat(chunks).subarray(0, keep).toString("utf8"),
        });
      res.on("end", finish);
      res.on("error", (e) => done(e));
    });
    const onAbort = () => done(new Error("aborted"));
    const timer = setTimeout(() => done(new Error(`no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    if (req.signal?.aborted) return done(new Error("aborted"));
    req.signal?.addEventListener("abort", onAbort);
    r.on("error", (e) => done(e));
    r.end();
  });
}
