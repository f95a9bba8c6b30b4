/**
 * The `edge` section: what a request meets at Cloudflare's edge. Shape and defaults only here (zod,
 * strict objects so typos fail); the rules that need the rest of the stack (plan, hosts) are in
 * `validateEdge` (components/edge/validate.ts), which builds the very rules the Edge component deploys and checks them against the
 * plan, so config time and deploy time can never disagree.
 *
 * Every key has a default, so `launch-ready:edge: {access: {...}}` is a complete section:
 *   redirects:  [{from: /old-pricing, to: /pricing}]          extra permanent redirects
 *   rateLimits: {login, signup, passwordReset, webhooks}       each {paths, requestsPerPeriod, period, mitigationTimeout}
 *   access:     {accountId, allowedEmailDomain: example.com}   Cloudflare Access on sensitive hosts
 *   ipAllowList: [203.0.113.0/24]                             or a WAF rule blocking other addresses
 *   cache:      {extensions, pathPrefixes, sessionCookies, privatePaths, edgeTtl}
 *   headers:    {frameOptions, referrerPolicy, permissionsPolicy, csp: {policy, reportOnly, hosts}}
 */
import { z } from "zod";
import { PERMANENT_REDIRECT_STATUSES } from "../constants/cloudflare";
import { isPageExtension, pageExtensionMessage } from "../../kernel/staticAssets";
import { DEFAULT_AUTH_ROUTE_PATHS, DEFAULT_PRIVATE_PATHS, DEFAULT_SESSION_COOKIES, DEFAULT_STATIC_EXTENSIONS, DEFAULT_STATIC_PATH_PREFIXES, DEFAULT_WEBHOOK_PATHS } from "../../kernel/edgeDefaults";
import { domainNameProblem } from "./validators";
import { isCidr } from "../../rules/check";

/** A URL path: starts with "/", no query, fragment, spaces or wildcards. */
const pathSchema = z.string().regex(/^\/[^\s?#*]*$/, { error: 'a path starting with "/" (no query, fragment or "*") is expected, e.g. "/login"' });

/** A path, or a path prefix written with one trailing "*" ("/api/webhooks/*"). */
const pathPatternSchema = z
  .string()
  .regex(/^\/[^\s?#*]*\*?$/, { error: 'a path starting with "/", optionally ending in "*" for a prefix, is expected, e.g. "/login" or "/auth/*"' });

const methodSchema = z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], { error: "an upper-case HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD) is expected" });

/** Cloudflare account ids are 32 lower-case hex characters. */
const accountIdSchema = z.string().regex(/^[0-9a-f]{32}$/, { error: "a Cloudflare account id (32 hex characters) is expected" });

const domainSchema = z.string().superRefine((value, ctx) => {
  const problem = domainNameProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} ${problem}; an email domain like "example.com" is expected` });
});

const cidrSchema = z.string().refine(isCidr, { error: "an IPv4 or IPv6 CIDR such as 203.0.113.0/24 or 2001:db8::/48 is expected" });

/** A header value Cloudflare can send: printable, one line. */
const headerValueSchema = z.string().min(1).regex(/^[^\r\n\u0000]*$/, { error: "a one-line header value is expected" });

export interface RateLimitDefaults {
  paths: readonly string[];
  requestsPerPeriod: number;
}

/**
 * One group of routes under one limit. The period and timeout default to 10 s, the only values the
 * Free plan accepts, so the defaults fit every plan. `false` parses, so that validateEdge can refuse it
 * with the reason (components/edge/rateLimits.ts) rather than a shape error.
 */
function rateLimitGroup(defaults: RateLimitDefaults) {
  return z.union(
    [
      z.strictObject({
        paths: z.array(pathPatternSchema).min(1, { error: "at least one path is expected" }).default([...defaults.paths]),
        /** @default POST where the plan can match methods (Business and up); Free and Pro match the path only. */
        methods: z.array(methodSchema).min(1).optional(),
        /** Requests one client IP may send per period (per Cloudflare data centre). */
        requestsPerPeriod: z.number().int().positive({ error: "a positive whole number of requests is expected" }).default(defaults.requestsPerPeriod),
        /** @default 10 (seconds); Free allows only 10, Pro up to 60, Business up to 600. */
        period: z.number().int().positive().default(10),
        /** @default 10 (seconds) of blocking once the limit is hit; Free allows only 10, Pro up to 3600. */
        mitigationTimeout: z.number().int().positive().default(10),
      }),
      z.literal(false),
    ],
    { error: "a rate limit {paths, requestsPerPeriod, period, mitigationTimeout} is expected" },
  );
}

/**
 * Default limits. Auth routes: 5 attempts per 10 s per IP stops scripted guessing without
 * bothering a person. Webhooks: 1000 per 10 s is the floor that a payment provider's retry burst
 * needs (WEBHOOK_MIN_REQUESTS_PER_SECOND in constants/cloudflare.ts says why).
 */
export const RATE_LIMIT_DEFAULTS = {
  login: { paths: DEFAULT_AUTH_ROUTE_PATHS.login, requestsPerPeriod: 5 },
  signup: { paths: DEFAULT_AUTH_ROUTE_PATHS.signup, requestsPerPeriod: 5 },
  passwordReset: { paths: DEFAULT_AUTH_ROUTE_PATHS.passwordReset, requestsPerPeriod: 5 },
  webhooks: { paths: DEFAULT_WEBHOOK_PATHS, requestsPerPeriod: 1000 },
} as const satisfies Record<string, RateLimitDefaults>;

export const RATE_LIMIT_GROUPS = ["login", "signup", "passwordReset", "webhooks"] as const;
export type RateLimitGroupName = (typeof RATE_LIMIT_GROUPS)[number];

const rateLimitsSchema = z.strictObject({
  login: rateLimitGroup({ ...RATE_LIMIT_DEFAULTS.login, paths: [...RATE_LIMIT_DEFAULTS.login.paths] }).prefault({}),
  signup: rateLimitGroup({ ...RATE_LIMIT_DEFAULTS.signup, paths: [...RATE_LIMIT_DEFAULTS.signup.paths] }).prefault({}),
  passwordReset: rateLimitGroup({ ...RATE_LIMIT_DEFAULTS.passwordReset, paths: [...RATE_LIMIT_DEFAULTS.passwordReset.paths] }).prefault({}),
  webhooks: rateLimitGroup({ ...RATE_LIMIT_DEFAULTS.webhooks, paths: [...RATE_LIMIT_DEFAULTS.webhooks.paths] }).prefault({}),
});

/**
 * A redirect target as written, before it is resolved (components/edge/redirects.ts). The WHATWG URL
 * parser a browser uses drops tab/CR/LF anywhere and reads "\\" as "/" in http(s) URLs, so
 * "/\t/evil.example/" or "/\\evil.example" become protocol-relative and leave the site
 * (https://url.spec.whatwg.org/#concept-basic-url-parser). A real target never needs raw
 * whitespace, control characters or backslashes (they are percent-encoded), so they are refused.
 */
const redirectTargetSchema = z
  .string()
  .min(1, { error: 'a path such as "/pricing" or an https:// URL is expected' })
  .refine((to) => !/[\s\\\u0000-\u001f\u007f-\u009f]/u.test(to), {
    error: 'whitespace, control characters and backslashes are not allowed (a browser rewrites them, and "/\\t/evil.example/" lands on another site); percent-encode them, e.g. "/pricing%20plans"',
  });

const redirectSchema = z.strictObject({
  /** The path that moved ("/old-pricing"), on the canonical host and its www/apex twin. */
  from: pathSchema,
  /** Where it went: a path on the canonical host ("/pricing") or an absolute https URL elsewhere. */
  to: redirectTargetSchema,
  /** @default 301. Only permanent redirects: temporary ones belong in the app. */
  status: z.union(PERMANENT_REDIRECT_STATUSES.map((s) => z.literal(s)), { error: "301 or 308 is expected (permanent redirects only)" }).default(301),
  /** @default false: the request's query string is dropped (true carries it over). */
  preserveQueryString: z.boolean().default(false),
});

const accessSchema = z.strictObject({
  /** The Cloudflare account that holds the Access policy (Access lives at account level). */
  accountId: accountIdSchema,
  /** People allowed in, by address. */
  allowedEmails: z.array(z.email({ error: "an email address is expected" })).min(1).optional(),
  /** Everyone with an address at this domain is allowed in (your Google Workspace domain, say). */
  allowedEmailDomain: domainSchema.optional(),
  /** @default "24h": how long an Access login lasts (Go duration: "30m", "8h", "2h45m"). */
  sessionDuration: z.string().regex(/^(\d+(ns|us|µs|ms|s|m|h))+$/, { error: 'a duration such as "30m", "8h" or "2h45m" is expected' }).default("24h"),
});

const cookieNameSchema = z.string().regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, { error: "a cookie name (letters, digits and !#$%&'*+-.^_`|~) is expected" });

const cacheSchema = z.strictObject({
  /** @default common static file types: cached at the edge wherever they are served. Never a page or API type (html, json, php, ...). */
  extensions: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9]{1,10}$/, { error: 'a lower-case extension without the dot is expected, e.g. "js"' })
        .refine((extension) => !isPageExtension(extension), { error: (issue) => pageExtensionMessage(String(issue.input)) }),
    )
    .min(1)
    .default([...DEFAULT_STATIC_EXTENSIONS]),
  /** @default build-output folders whose files are fingerprinted, so they can be cached for long. */
  pathPrefixes: z
    .array(z.string().regex(/^\/[^\s?#*]*\/$/, { error: 'a path prefix starting and ending with "/" is expected, e.g. "/assets/"' }))
    .default([...DEFAULT_STATIC_PATH_PREFIXES]),
  /** @default the usual session cookie names: a request carrying one is never served from cache. */
  sessionCookies: z.array(cookieNameSchema).min(1).default([...DEFAULT_SESSION_COOKIES]),
  /** @default /api and /admin: these paths (and everything below them) are never cached. */
  privatePaths: z.array(pathSchema).default([...DEFAULT_PRIVATE_PATHS]),
  /** @default 2592000 (30 days) at the edge for static assets; at least the plan's minimum Edge TTL. */
  edgeTtl: z.number().int().positive().default(2592000),
});

const cspSchema = z.strictObject({
  /** The policy text, e.g. "default-src 'self'; frame-ancestors 'none'". */
  policy: headerValueSchema,
  /** @default true: sent as Content-Security-Policy-Report-Only until its reports are clean. */
  reportOnly: z.boolean().default(true),
  /** Per-host overrides by host name as in `hosts` ("app", "@"). */
  hosts: z.record(z.string(), z.strictObject({ policy: headerValueSchema.optional(), reportOnly: z.boolean().optional() })).default({}),
});

const headersSchema = z.strictObject({
  /** @default "DENY": no site may frame these pages (clickjacking). */
  frameOptions: z.enum(["DENY", "SAMEORIGIN"], { error: '"DENY" or "SAMEORIGIN" is expected' }).default("DENY"),
  /** @default "strict-origin-when-cross-origin" */
  referrerPolicy: z
    .enum(["no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin"], {
      error: "a Referrer-Policy token such as \"strict-origin-when-cross-origin\" is expected (\"unsafe-url\" leaks full URLs)",
    })
    .default("strict-origin-when-cross-origin"),
  /** @default camera, microphone and geolocation off. */
  permissionsPolicy: headerValueSchema.default("camera=(), microphone=(), geolocation=()"),
  /** No CSP unless configured: a wrong policy breaks the app, so it starts as report-only. */
  csp: cspSchema.optional(),
});

export const edgeSchema = z.strictObject({
  redirects: z.array(redirectSchema).default([]),
  rateLimits: rateLimitsSchema.prefault({}),
  /** Cloudflare Access in front of each sensitive host. */
  access: accessSchema.optional(),
  /** Addresses allowed to reach sensitive hosts; a custom WAF rule blocks everyone else. */
  ipAllowList: z.array(cidrSchema).min(1, { error: "at least one CIDR is expected (or leave ipAllowList out)" }).optional(),
  cache: cacheSchema.prefault({}),
  headers: headersSchema.prefault({}),
});

export type EdgeConfig = z.output<typeof edgeSchema>;
export type RateLimitGroupConfig = Exclude<EdgeConfig["rateLimits"][RateLimitGroupName], false>;

