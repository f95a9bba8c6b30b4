/**
 * The input and output shapes of `launch-ready verify`. The library checks a `VerifyTarget` (what the
 * stack declares, built by target.ts from a plan) against the live internet and returns `Check`s.
 */

import type { SecretFingerprint } from "./clientcode/scan";

/** A planned rate limiting rule as verify judges it (read from the plan by ratelimit.ts). */
export interface RateLimitRule {
  ref: string;
  /** The rule's filter expression as planned (Rules language). */
  expression: string;
  requestsPerPeriod: number;
  /** Seconds. */
  period: number;
  /** Seconds the edge blocks a client after it reached the rate. */
  mitigationTimeout: number;
}

export type CheckStatus = "pass" | "warn" | "fail";
/** Launch impact of a check going wrong; ranks the risk list. */
export type Severity = "critical" | "high" | "medium" | "low";

export interface Check {
  /** Stable id from verify/catalog.ts, e.g. `dns.record`, `tls.expiry`. */
  id: string;
  /** What was checked: a host, a URL, "name TYPE", a route. */
  target: string;
  status: CheckStatus;
  severity: Severity;
  message: string;
  /** Wall time of the job that produced the check (several checks may share one job). */
  durationMs?: number;
}

export type DeclaredRecordType = "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "CAA";

export interface DeclaredRecord {
  /** Fully qualified, lower case, no trailing dot. */
  name: string;
  type: DeclaredRecordType;
  /** Undefined when the value is only known after deployment: the record is then skipped. */
  content: string | undefined;
  proxied: boolean;
  /** MX preference. */
  priority?: number;
}

export interface VerifyHost {
  fqdn: string;
  proxied: boolean;
  /** Behind an access gate (admin): the http-to-https upgrade, the https side reaching its gate (judgeGated), TLS and HSTS are checked. */
  sensitive: boolean;
  /** Where this host's URLs must end: the canonical host for apex/www, the host itself for services. */
  redirectsTo: string;
  /**
   * Response headers the edge's transform rules declare for this host's pages, by lower-case name:
   * a value is set (the live header must equal it), null is removed (it must be absent).
   * Undefined when no rule applies to the host.
   */
  declaredHeaders?: Record<string, string | null>;
}

export interface HstsExpectation {
  /** Declared max-age in seconds; the live value must equal it. Undefined: only the floor applies. */
  maxAge?: number;
  includeSubDomains?: boolean;
  preload?: boolean;
  /**
   * A max-age under the 6-month floor that equals the declared one warns instead of failing
   * (non-production stacks rolling HSTS out). Production holds the floor.
   */
  shortDeclaredAllowed?: boolean;
}

export interface DkimExpectation {
  /** `<selector>._domainkey.<domain>`, fully qualified. */
  name: string;
  /** Declared with an empty `p=` (a revoked key, e.g. the no-mail wildcard): a live empty key passes. */
  revoked: boolean;
}

/** An MTA-STS domain: its `_mta-sts` TXT is declared, so its policy must be served (RFC 8461). */
export interface MtaStsExpectation {
  /** The mail domain the policy covers ("example.com"). */
  domain: string;
  /** Serves https://<policyHost>/.well-known/mta-sts.txt ("mta-sts.example.com"). */
  policyHost: string;
  /** The declared policy, when the stack's email section builds one; otherwise only validity and the live MX are judged. */
  policy?: { mode: "enforce" | "testing" | "none"; mx: string[]; maxAge: number };
}

export interface EmailExpectation {
  /** Names whose SPF is judged live: the apex, and every name the stack declares SPF at. */
  spfNames: string[];
  /** Names with a declared SPF record: there, a missing record fails rather than warns. */
  spfDeclared: string[];
  /** The declared DMARC policy, when a DMARC record is declared. */
  dmarcPolicy?: "none" | "quarantine" | "reject";
  /** DKIM key records whose names are known before deploy, plus `verify.dkimSelectors` at the apex. */
  dkim: DkimExpectation[];
  /** Names whose MX hosts must resolve and offer STARTTLS: the apex and every name with a declared MX. */
  mxNames: string[];
  /** The domain declares it sends no mail (SPF `v=spf1 -all` and the null MX at the apex). */
  noMail: boolean;
  mtaSts: MtaStsExpectation[];
}

export interface SmokeRoutes {
  homepage: string;
  login: string;
  signup: string;
  passwordReset: string;
  protectedPage: string;
  apiRoutes: Array<{ path: string; expectStatus?: number[] }>;
  /** Text a page must contain, by path (e.g. the login form's button): a 2xx error page is not a page. */
  content: Record<string, string>;
}

export interface PerformanceBudget {
  samples: number;
  p95BudgetMs: number;
  /** Warn ("degraded") when p95 reaches this share of the budget. */
  degradedRatio: number;
  maxErrorRate: number;
  maxBytes: number;
  /** Paths sampled. */
  routes: string[];
  /** The config names the routes (`verify.performance.routes`): rate-limited ones among them are sampled too, capped. */
  routesDeclared?: boolean;
}

export interface VerifyTarget {
  apex: string;
  canonicalHost: string;
  /** Production: DMARC p=none is a failure rather than a rollout step. */
  isProduction: boolean;
  hosts: VerifyHost[];
  records: DeclaredRecord[];
  /** Declared records skipped because their value is unknown until deploy, as "name TYPE". */
  unknownRecords: string[];
  /** Other things the plan cannot tell before deploy (e.g. SES DKIM names), as sentences for the report's notes. */
  uncheckable: string[];
  email: EmailExpectation;
  hsts: HstsExpectation;
  /**
   * A non-production stack whose edge declares a report-only CSP for the canonical host: there a
   * report-only header is the declared rollout step and warns. Production holds an enforced CSP.
   */
  cspReportOnlyAllowed?: boolean;
  /** Path and query used to test that redirects keep both. */
  samplePath: string;
  smoke: SmokeRoutes;
  performance: PerformanceBudget;
  /** Cookie names to treat as session cookies, besides those matched by name heuristics. */
  sessionCookies: string[];
  /** Each `edge.redirects` entry, with what the planned redirect rule answers for it (plan/simulate.ts). */
  declaredRedirects?: DeclaredRedirect[];
  /** `verify.version`: where the app tells its commit, and the commit the plan says is deployed (its `deployedCommit` output, when known). */
  version?: { path: string; header?: string; jsonField?: string; expected?: string };
  /** The stack's own rate limiting rules: verify never sends more than they allow (verify/ratelimit.ts). */
  rateLimits?: RateLimitRule[];
  /** Fingerprints of the stack's secret values (never the values), for the client-code scan; empty from a redacted plan file. */
  secretFingerprints?: SecretFingerprint[];
}

export interface DeclaredRedirect {
  /** The request made: the declared path on the canonical host, with the sample query. */
  url: string;
  status: number;
  /** The Location the planned rule sends (absolute). */
  location: string;
  preserveQueryString: boolean;
}

export interface Endpoint {
  host: string;
  port: number;
}

export interface VerifyOptions {
  /** DNS server used for every lookup, including finding the hosts' addresses. */
  resolver: Endpoint;
  /** CIDRs that count as the proxy's edge. */
  edgeRanges: string[];
  /** Extra trusted CA certificates (PEM), added to Node's root store. */
  extraCa?: string;
  httpPort: number;
  httpsPort: number;
  /** Probe STARTTLS on the MX hosts at this port (25; tests use a loopback port). Undefined: not probed (see jobs.ts starttlsNote). */
  smtpPort?: number;
  /** Timeout of one network operation (a DNS query, an HTTP request). */
  timeoutMs: number;
  /** Jobs running at once. */
  concurrency: number;
  /** Overrides target.performance.samples. */
  samples?: number;
  /** Every private address accepted (the bare `--allow-private-addresses`, which warns). */
  allowPrivateAddresses?: boolean;
  /** Private addresses inside these CIDRs are accepted (a split-horizon staging's own ranges); others still fail dns.private. */
  privateAddressRanges?: string[];
  /** `--secret-values FILE`: fingerprints of the deployed secret values, looked for in client code besides the plan's. */
  secretFingerprints?: SecretFingerprint[];
  /** `--expect-commit SHA`: overrides the plan's deployedCommit for the app.commit check. */
  expectCommit?: string;
  /** Upper bound of the whole run; default computed from the jobs (see runner.ts). */
  runBoundMs?: number;
  /** Called as each job finishes. */
  onProgress?: (event: { done: number; total: number; job: string; ms: number }) => void;
  /** The clock, for expiry arithmetic in tests. */
  now?: () => Date;
}

export interface Risk {
  rank: number;
  id: string;
  target: string;
  status: CheckStatus;
  severity: Severity;
  message: string;
  /** Why it matters for launch, from the catalog. */
  why: string;
}

export interface VerifyReport {
  verdict: "GO" | "NO-GO";
  checks: Check[];
  risks: Risk[];
  /** Wall time of the run and the sum of every job's time: concurrency shows as the gap. */
  timing: { runMs: number; sumOfJobsMs: number; jobs: number; boundMs: number };
  /** What was not checked and why (e.g. records whose value is unknown until deploy). */
  notes: string[];
  /** One sentence when the run's failures share one cause (nothing resolves: the zone not delegated). */
  summary?: string;
}
