/** What every job gets: the target, the options, the shared resolver, and its own abort signal. */
import type { Cidr } from "./edge";
import type { Resolver } from "./dns/resolver";
import type { Check, VerifyOptions, VerifyTarget } from "./types";

export interface JobContext {
  target: VerifyTarget;
  options: VerifyOptions;
  resolver: Resolver;
  edge: Cidr[];
  /** Aborts when the job's timeout or the run bound is reached: close sockets, stop waiting. */
  signal: AbortSignal;
  /** Trusted CAs for TLS: Node's roots plus `--ca-file`, or undefined for Node's default. */
  ca?: string[];
  now: Date;
}

export interface Job {
  /** Shown in progress output, e.g. "redirect http://www.example.com". */
  name: string;
  /** Upper bound of this job; the runner aborts it after this long. */
  timeoutMs: number;
  run(ctx: JobContext): Promise<Check[]>;
}
