/**
 * The contract between the root stack schema (components/config.ts) and each section's schema
 * (components/schema/<section>.ts).
 *
 * A section's schema file exports its zod schema (`<section>Schema`, `.strict()` so typos in stack
 * files are caught) and nothing else: shape only. When its rules depend on the rest of the stack
 * (environment, plan, hosts), the concern folder has a `validate.ts` whose
 * `validate<Section>(section, context)` returns every problem as `SectionProblems` (never thrown, so
 * the user sees all of them at once); config.ts calls it after the whole file parsed. Schema files
 * never import their concern folder, so the two never import each other.
 */

export type CloudflarePlan = "free" | "pro" | "business" | "enterprise";

export interface HostSummary {
  /** The label inside the zone ("app", "www"; "@" for the apex). */
  name: string;
  /** The fully qualified name ("app.example.com"). */
  fqdn: string;
  proxied: boolean;
  sensitive: boolean;
}

/** What a section's cross-field check may know about the rest of the stack. */
export interface SectionContext {
  /** The environment name from config ("prod", "staging", ...). */
  environment: string;
  /** True for the production environment: stricter rules apply. */
  isProduction: boolean;
  /** The apex domain of the zone ("example.com"). */
  apex: string;
  plan: CloudflarePlan;
  /** Every host the stack declares, apex and www included. */
  hosts: HostSummary[];
}

/**
 * Reports one problem. `path` is relative to the section (e.g. ["dmarc", "rua", 0]); config.ts
 * prefixes the section key and `launch-ready:`. `message` says what is wrong with the value and
 * what is expected, e.g. `"http://x" is not a mailto: URI; a "mailto:" address is expected`.
 */
export type ReportIssue = (path: ReadonlyArray<string | number>, message: string) => void;

/** A soft problem: printed as a warning by plan, never blocks. */
export type ReportWarning = (path: ReadonlyArray<string | number>, message: string) => void;

/** One problem of a section: `path` is relative to the section, as for `ReportIssue`. */
export interface SectionProblem {
  path: ReadonlyArray<string | number>;
  message: string;
}

/** What every section validator returns: errors block the plan, warnings are printed. */
export interface SectionProblems {
  errors: SectionProblem[];
  warnings: SectionProblem[];
}
