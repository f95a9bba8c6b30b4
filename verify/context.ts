/** What every job gets: the target, the options, the shared resolver, and its own abort signal. */
import type { Agent as HttpsAgent } from "node:https";
import type { SecureContext } from "node:tls";
import type { Cidr } from "./edge";
import type { Resolver } from "./dns/resolver";
import type { RequestBudget } from "./ratelimit";
import type { Check, VerifyOptions, VerifyTarget } from "./types";

export interface JobContext {
  target: VerifyTarget;
  options: VerifyOptions;
  resolver: Resolver;
  edge: Cidr[];
  /** Aborts when the job's timeout or the run bound is reached: close sockets, stop waiting. */
  signal: AbortSignal;
  /**
   * One TLS context for the whole run, trusting Node's roots plus `--ca-file`: building it parses
   * every root certificate, far too slow to repeat per connection.
   */
  secureContext: SecureContext;
  /**
   * One HTTPS agent for the run's requests: no keep-alive (every request is its own connection, as
   * a first visit is), but TLS sessions are resumed, so a run of a hundred requests to a host does
   * a hundred full handshakes' work on neither side. The TLS checks connect on their own.
   */
  httpsAgent?: HttpsAgent;
  /** The run's account of requests under the stack's rate limits: every request to the edge books here first. */
  budget?: RequestBudget;
  now: Date;
}

export interface Job {
  /** Shown in progress output, e.g. "redirect http://www.example.com". */
  name: string;
  /** Upper bound of this job; the runner aborts it after this long. */
  timeoutMs: number;
  run(ctx: JobContext): Promise<Check[]>;
}
