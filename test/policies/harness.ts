/**
 * Test harness for the policy pack: a happy-path prod plan built by hand (resources exactly as the
 * engine would send them), helpers to break one field, and the pack per test file, in-process
 * (test/plan/process/inProcess.test.ts holds that layer to the real pack process).
 */
import type { RunningPolicyPack } from "../../plan/analyze";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE, type Plan, type PlannedResource, type PolicyViolation } from "../../plan/types";
import { testPolicySettings, withStackFacts } from "../support/stacks";

/** The settings derived from the test-owned prod stack, as `plan` would judge it. */
export const PROD_POLICY_CONFIG: Record<string, unknown> = testPolicySettings("prod");
export const ZONE_ID = "3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60";
const PROJECT = "launch-ready";

export const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
export { UNKNOWN_VALUE };

export const urnOf = (type: string, name: string, stack = "prod") => `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;

export function planned(type: string, name: string, inputs: Record<string, unknown>, protect = true): PlannedResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    inputs,
    options: { protect, deleteBeforeReplace: false, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] },
  };
}

const ZS = "cloudflare:index/zoneSetting:ZoneSetting";
const DNS = "cloudflare:index/dnsRecord:DnsRecord";
export const RULESET = "cloudflare:index/ruleset:Ruleset";
export const ACCESS_APP = "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication";
export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

export const zoneSetting = (settingId: string, value: unknown) => planned(ZS, `setting-${settingId}`, { zoneId: ZONE_ID, settingId, value });
export const dnsRecord = (name: string, inputs: Record<string, unknown>) =>
  planned(DNS, name, { zoneId: ZONE_ID, ttl: 1, proxied: true, comment: "managed by launch-ready", ...inputs });
/** A TXT record in Cloudflare's quoted content form, unproxied. */
export const txtRecord = (name: string, fqdn: string, value: string) =>
  dnsRecord(name, { name: fqdn, type: "TXT", content: `"${value}"`, proxied: false, ttl: 3600 });
export const ruleset = (name: string, phase: string, rules: Array<Record<string, unknown>>) =>
  planned(RULESET, name, { zoneId: ZONE_ID, kind: "zone", name: `launch-ready ${phase}`, phase, rules });
export const healthCheck = (name: string, fqdn: string, resourcePath: string) =>
  planned(HEALTH_CHECK, `check-${name}`, { type: "HTTPS", fqdn, port: 443, resourcePath, enableSni: true, failureThreshold: 3, requestInterval: 30 }, false);

/** The happy plan's never-cache filter: session cookies, Authorization, /api, /admin, auth routes, the admin host (config/prod.json's lists). */
const BYPASS =
  'http.cookie contains "session=" or http.cookie contains "__Host-session=" or http.cookie contains "__Secure-next-auth.session-token=" or ' +
  'http.cookie contains "next-auth.session-token=" or len(http.request.headers["authorization"]) gt 0 or http.request.uri.path eq "/api" or ' +
  'starts_with(http.request.uri.path, "/api/") or http.request.uri.path eq "/admin" or starts_with(http.request.uri.path, "/admin/") or ' +
  'http.request.uri.path in {"/login" "/signup" "/password/reset" "/forgot-password"} or starts_with(http.request.uri.path, "/login/") or ' +
  'starts_with(http.request.uri.path, "/signup/") or starts_with(http.request.uri.path, "/password/reset/") or ' +
  'starts_with(http.request.uri.path, "/forgot-password/") or http.host eq "admin.example.com"';

/** What static assets are never cached for: private paths, auth routes and below, the admin host (signed-in requests may be). */
const STATIC_EXCLUDED =
  'http.request.uri.path eq "/api" or starts_with(http.request.uri.path, "/api/") or http.request.uri.path eq "/admin" or ' +
  'starts_with(http.request.uri.path, "/admin/") or http.request.uri.path in {"/login" "/signup" "/password/reset" "/forgot-password"} or ' +
  'starts_with(http.request.uri.path, "/login/") or starts_with(http.request.uri.path, "/signup/") or ' +
  'starts_with(http.request.uri.path, "/password/reset/") or starts_with(http.request.uri.path, "/forgot-password/") or http.host eq "admin.example.com"';

/** Edge rules the happy plan declares, one Ruleset per phase, as the edge component renders them. */
export const HAPPY_RULES = {
  redirect: {
    ref: "redirect-old-pricing",
    action: "redirect",
    enabled: true,
    expression: 'http.host in {"example.com" "www.example.com"} and http.request.uri.path eq "/old-pricing"',
    actionParameters: { fromValue: { statusCode: 301, preserveQueryString: false, targetUrl: { value: "https://example.com/pricing" } } },
  },
  canonical: {
    ref: "canonical-host",
    action: "redirect",
    enabled: true,
    expression: 'http.host eq "www.example.com"',
    actionParameters: { fromValue: { statusCode: 301, preserveQueryString: true, targetUrl: { expression: 'concat("https://example.com", http.request.uri.path)' } } },
  },
  /** Free: the one rule protects the auth routes at their own limit; webhooks are left to the app. */
  rateLimit: {
    ref: "ratelimit-login-signup-password-reset",
    action: "block",
    enabled: true,
    expression: 'http.request.uri.path in {"/login" "/signup" "/password/reset" "/forgot-password"}',
    ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 10, requestsPerPeriod: 5, mitigationTimeout: 10 },
  },
  /** The webhook rule a plan with a second rate limiting rule adds, at the retry-burst floor. */
  webhookRateLimit: {
    ref: "ratelimit-webhooks",
    action: "block",
    enabled: true,
    expression: 'http.request.uri.path eq "/api/webhooks/stripe"',
    ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 10, requestsPerPeriod: 1000, mitigationTimeout: 10 },
  },
  cacheBypass: { ref: "cache-bypass-private", action: "set_cache_settings", enabled: true, expression: BYPASS, actionParameters: { cache: false } },
  cacheStatic: {
    ref: "cache-static-assets",
    action: "set_cache_settings",
    enabled: true,
    // The static-asset rule: hashed assets and static files are the same for everyone, so signed-in members get them from cache too.
    expression: `(http.request.uri.path.extension in {"js" "css" "png"} or starts_with(http.request.uri.path, "/assets/")) and not (${STATIC_EXCLUDED})`,
    actionParameters: { cache: true, edgeTtl: { mode: "override_origin", default: 2592000 } },
  },
};

/** A prod plan that every policy accepts (zero violations at any level with config/prod.json). */
export function happyPlan(): Plan {
  return {
    project: PROJECT,
    stack: "prod",
    config: { environment: "prod", domain: "example.com" },
    outputs: {},
    resources: [
      zoneSetting("ssl", "strict"),
      zoneSetting("always_use_https", "on"),
      zoneSetting("min_tls_version", "1.2"),
      zoneSetting("security_header", {
        strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true },
      }),
      dnsRecord("apex-a", { name: "example.com", type: "A", content: "93.184.216.34" }),
      dnsRecord("app-cname", { name: "app.example.com", type: "CNAME", content: "example-web.vercel.app" }),
      dnsRecord("admin-cname", { name: "admin.example.com", type: "CNAME", content: "example-web.vercel.app" }),
      dnsRecord("help-cname", { name: "help.example.com", type: "CNAME", content: "custom.intercom.help", proxied: false, ttl: 3600 }),
      dnsRecord("apex-mx", { name: "example.com", type: "MX", content: "mx.example.net", priority: 10, proxied: false, ttl: 3600 }),
      txtRecord("apex-dmarc", "_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"),
      ruleset("redirects", "http_request_dynamic_redirect", [HAPPY_RULES.redirect, HAPPY_RULES.canonical]),
      ruleset("ratelimits", "http_ratelimit", [HAPPY_RULES.rateLimit]),
      ruleset("cache", "http_request_cache_settings", [HAPPY_RULES.cacheBypass, HAPPY_RULES.cacheStatic]),
      planned(ACCESS_APP, "admin-access", {
        accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b",
        type: "self_hosted",
        name: "admin.example.com",
        domain: "admin.example.com",
        destinations: [{ type: "public", uri: "admin.example.com" }],
        policies: [{ id: UNKNOWN_VALUE, precedence: 1 }],
      }),
      planned("aws:kms/key:Key", "secrets-key", { enableKeyRotation: true, description: "prod secrets" }),
      planned("aws:secretsmanager/secret:Secret", "stripe-key", { name: "launch-ready/prod/stripe", kmsKeyId: UNKNOWN_VALUE, recoveryWindowInDays: 7 }),
      planned("aws:secretsmanager/secretVersion:SecretVersion", "stripe-key-version", { secretId: UNKNOWN_VALUE, secretString: secret("sk_" + "live_" + "x".repeat(24)) }, false),
      healthCheck("homepage", "example.com", "/"),
      healthCheck("login", "example.com", "/login"),
      healthCheck("api", "api.example.com", "/api/health"),
      planned(METRIC_ALARM, "homepage-down", { name: "homepage-down", namespace: "AWS/Route53", metricName: "HealthCheckStatus", comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 1, period: 60, alarmActions: [UNKNOWN_VALUE] }, false),
    ],
  };
}

/** The happy plan with one change applied to a deep copy. */
export function breakPlan(change: (plan: Plan) => void): Plan {
  const plan = structuredClone(happyPlan());
  change(plan);
  return plan;
}

export function resourceNamed(plan: Plan, name: string): PlannedResource {
  const r = plan.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name} in the test plan`);
  return r;
}

export const byPolicy = (violations: PolicyViolation[], policyName: string) => violations.filter((v) => v.policyName === policyName);

/** Loads the pack (its own analyzer handlers, in this process) before the file's tests. */
export function usePolicyPack(): { analyze(plan: Plan, config?: Record<string, unknown>, facts?: Record<string, unknown>): Promise<PolicyViolation[]> } {
  let pack: RunningPolicyPack | undefined;
  beforeAll(async () => {
    pack = await startInProcessPolicyPack({ policyConfig: PROD_POLICY_CONFIG });
  }, 120_000);
  afterAll(async () => {
    await pack?.close();
  });
  return {
    analyze: (plan, config, facts) => {
      if (!pack) throw new Error("the policy pack did not start");
      // Facts other than the test stack's reach the policies only through the settings too.
      return pack.analyze(plan, facts ? withStackFacts(config ?? PROD_POLICY_CONFIG, facts) : config, facts);
    },
  };
}
