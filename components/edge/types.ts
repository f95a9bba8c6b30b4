/**
 * The data the edge rule builders produce: rules in the exact input shape of a `cloudflare.Ruleset`
 * rule (provider v6, camelCase), with the expression already rendered to Rules-language text, plus
 * the Access applications. Pure data, so builders are tested without the Pulumi runtime.
 */
import type { EdgePhase } from "../constants/cloudflare";
import type { CloudflarePlan, HostSummary } from "../schema/context";

export interface EdgeRule {
  /** Stable rule id within its ruleset: edits keep it, so Cloudflare updates rather than replaces. */
  ref: string;
  description: string;
  /** Rendered Rules-language filter (what Pulumi sends, and what the simulator parses back). */
  expression: string;
  action: "redirect" | "block" | "set_cache_settings" | "rewrite";
  actionParameters?: Record<string, unknown>;
  ratelimit?: {
    characteristics: string[];
    period: number;
    requestsPerPeriod: number;
    mitigationTimeout: number;
  };
  enabled: boolean;
}

export type EdgeRules = Record<EdgePhase, EdgeRule[]>;

/** What the builders know about the stack. */
export interface EdgeSite {
  apex: string;
  /** The host everything redirects to (apex or www). */
  canonicalFqdn: string;
  /** Its www/apex twin, which only redirects. */
  redirectFqdn: string;
  hosts: HostSummary[];
  plan: CloudflarePlan;
  environment: string;
  isProduction: boolean;
}

/** One Access application (and its share of the allow policy) for a sensitive host. */
export interface AccessAppSpec {
  /** Logical-name key: the host label ("admin"). */
  key: string;
  fqdn: string;
  accountId: string;
  sessionDuration: string;
  allowedEmails: string[];
  allowedEmailDomain?: string;
}

/** A problem found while building, by path inside the `edge` section. */
export interface EdgeProblem {
  level: "error" | "warning";
  path: Array<string | number>;
  message: string;
}

export interface EdgeBuild {
  rules: EdgeRules;
  accessApps: AccessAppSpec[];
  problems: EdgeProblem[];
}
