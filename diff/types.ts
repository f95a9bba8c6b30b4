/**
 * What `launch-ready diff` reports about two plans (base and head of a pull request): the same
 * structure is printed as Markdown for the PR comment and as JSON (`--format json`) for machines.
 * Every value in it has already been masked (see mask.ts): it is safe to print.
 */
import type { PolicyViolation } from "../plan/types";

export type RiskKind =
  | "dns-record-deleted"
  | "dns-record-replaced"
  | "host-unproxied"
  | "tls-downgrade"
  | "dmarc-weakened"
  | "rate-limit-removed"
  | "cache-widened"
  | "protection-removed"
  | "production-urn-changed"
  /** A guard still in place but no longer working (policies/guards.ts judges it). */
  | "guard-weakened"
  /** The policy pack's settings (policies/choices.json, policies/config/*.json) weaker in the head (plan/policySettingsStrength.ts). */
  | "policy-settings-weakened";

/** How bad a risk is, when its rule grades it (the verify checks' scale). */
export type RiskSeverity = "critical" | "high" | "medium" | "low";

/** One risky change; `message` is a full sentence a reviewer can act on. */
export interface Risk {
  kind: RiskKind;
  message: string;
  /** Set by rules that grade their findings (a sensitive host losing its guard is high). */
  severity?: RiskSeverity;
  /** The resource at fault (head URN when it still exists, else the base URN). */
  urn?: string;
  /** A name a reviewer recognises: a host name, a rule ref, a setting id. */
  subject: string;
}

/** One leaf property that differs; values are masked display strings (JSON for non-strings). */
export interface PropertyChange {
  /** Dotted path from the resource, e.g. `inputs.value.strict_transport_security.max_age`, `options.protect`. */
  path: string;
  /** Absent when the property was added. */
  before?: string;
  /** Absent when the property was removed. */
  after?: string;
}

export interface ResourceChange {
  kind: "added" | "removed" | "changed";
  /** The head URN (the base URN for removals). */
  urn: string;
  type: string;
  name: string;
  /** Set when the head resource answers to the base one through an alias. */
  renamedFrom?: string;
  /** Only for "changed". */
  properties: PropertyChange[];
}

export interface BudgetRow {
  phase: string;
  baseUsed?: number;
  headUsed?: number;
  /** The plan's limit for the phase, when the plan's ruleBudget section gives it. */
  limit?: number;
}

export interface MermaidDiagrams {
  /** hosts -> edge (proxied, Access, redirects) -> origins, of the head plan. */
  edge: string;
  /** MX, SPF, DKIM, DMARC (and MTA-STS, TLS-RPT) of the head plan. */
  mail: string;
}

export interface DiffReport {
  project: string;
  stack: string;
  risks: Risk[];
  counts: { added: number; changed: number; removed: number; unchanged: number };
  changes: ResourceChange[];
  violations: { added: PolicyViolation[]; resolved: PolicyViolation[] };
  ruleBudget: BudgetRow[];
  diagrams: MermaidDiagrams;
  /** Rules that could not be judged (unparseable expressions, unknown values): review them by hand. */
  notes: string[];
}
