/**
 * The `verify` section of the stack config: what `launch-ready verify` checks beyond what the
 * stack's resources already declare (DNS records, hosts, HSTS and DMARC come from the plan).
 * Smoke routes, the redirect sample, and the performance budget of the launch target.
 */
import { z } from "zod";

/** A request path: starts with "/", no scheme or host (the canonical host is prepended). */
const pathSchema = z.string().regex(/^\/[^\s#]*$/, { error: 'a path starting with "/" (optionally with "?query") is expected' });

/** Launch targets: p95 of core reads under 300 ms, error rate under 1 % (k6's `rate<0.01`). */
export const VERIFY_DEFAULTS = {
  samplePath: "/launch-check?probe=1",
  homepage: "/",
  login: "/login",
  signup: "/signup",
  passwordReset: "/password/reset",
  protectedPage: "/members",
  samples: 20,
  p95BudgetMs: 300,
  degradedRatio: 0.8,
  maxErrorRate: 0.01,
  /** 2 MB (decimal): HTTP Archive's median page weight is about 2 MB, a single response should not be. */
  maxBytes: 2_000_000,
} as const;

export const verifySchema = z
  .strictObject({
    /** Path and query requested on every host to prove redirects keep both. */
    samplePath: pathSchema.default(VERIFY_DEFAULTS.samplePath),
    /** The host every other host redirects to; default: the apex if it has an address record, else www. */
    canonicalHost: z.string().optional(),
    routes: z
      .strictObject({
        homepage: pathSchema.default(VERIFY_DEFAULTS.homepage),
        login: pathSchema.default(VERIFY_DEFAULTS.login),
        signup: pathSchema.default(VERIFY_DEFAULTS.signup),
        passwordReset: pathSchema.default(VERIFY_DEFAULTS.passwordReset),
        /** A members-only page: must answer 401/403 or redirect to login when anonymous. */
        protectedPage: pathSchema.default(VERIFY_DEFAULTS.protectedPage),
        /** API routes that must answer anonymously; `expectStatus` defaults to any 2xx. */
        api: z
          .array(z.strictObject({ path: pathSchema, expectStatus: z.array(z.int().min(100).max(599)).min(1).optional() }))
          .default([]),
        /**
         * Text each page must contain, by path: `{"/login": "Sign in"}`. A 2xx that is really an
         * error or placeholder page then fails its smoke check. @default - any non-empty body
         */
        content: z
          .record(pathSchema, z.string().min(1, { error: "the expected text must not be empty" }), {
            error: (iss) => (iss.code === "invalid_key" ? `key ${JSON.stringify(iss.input)}: a path starting with "/" (optionally with "?query") is expected` : undefined),
          })
          .default({}),
      })
      .prefault({}),
    performance: z
      .strictObject({
        samples: z.int().min(1, { error: "at least 1 sample is expected" }).max(1000).default(VERIFY_DEFAULTS.samples),
        p95BudgetMs: z.number().positive().default(VERIFY_DEFAULTS.p95BudgetMs),
        /** Warn ("degraded") when p95 reaches this share of the budget. */
        degradedRatio: z.number().gt(0).max(1).default(VERIFY_DEFAULTS.degradedRatio),
        /** A route fails when this share of samples or more fail. */
        maxErrorRate: z.number().min(0).max(1).default(VERIFY_DEFAULTS.maxErrorRate),
        maxBytes: z.int().positive().default(VERIFY_DEFAULTS.maxBytes),
        /** Routes sampled; default: homepage, login, signup and password reset. */
        routes: z.array(pathSchema).min(1).optional(),
      })
      .prefault({}),
    /**
     * DKIM keys to check beyond the stack's own records: a selector at the apex ("google"), or a key
     * name relative to the apex ("<token>._domainkey.mail", e.g. SES's tokens once deployed).
     */
    dkimSelectors: z.array(z.string().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i, { error: 'a DKIM selector like "s1" or "google" is expected' })).default([]),
    /**
     * Where the app tells its deployed commit: a route, read from a response header, a JSON field
     * (dotted path) or, with neither, the whole body. verify compares it with the plan's
     * `deployedCommit` output or `--expect-commit`; absent, the check is not run.
     */
    version: z
      .strictObject({
        path: pathSchema,
        header: z.string().regex(/^[!#$%&'*+.^_`|~0-9a-z-]+$/i, { error: "an HTTP header name is expected" }).optional(),
        jsonField: z.string().regex(/^[a-z0-9_$-]+(\.[a-z0-9_$-]+)*$/i, { error: 'a dotted JSON field like "build.commit" is expected' }).optional(),
      })
      .refine((v) => !(v.header && v.jsonField), { error: "header or jsonField, not both" })
      .optional(),
    /** Session cookie names whose flags must be Secure, HttpOnly and SameSite (besides name heuristics). */
    sessionCookies: z.array(z.string().min(1)).default([]),
  })
  .prefault({});

export type VerifyConfig = z.infer<typeof verifySchema>;
