/**
 * The contract between the root stack schema (components/config.ts) and each section's schema
 * (components/schema/<section>.ts).
 *
 * A section exports its zod schema (`<section>Schema`, `.strict()` so typos in stack files are
 * caught) and, when its rules depend on the rest of the stack (environment, plan, hosts), a
 * `check<Section>(section, context, report)` function that config.ts calls after the whole file
 * parsed. Every problem is reported (never thrown) so the user sees all of them at once.
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
