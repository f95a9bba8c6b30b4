/**
 * Mutation suite: start from the real prod plan (rendered once from the test-owned prod stack), apply one
 * misconfiguration at a time, and require the policy named in the case to catch it. Most cases
 * edit a planned resource directly (as a hand-written resource or a future refactor would); some
 * edit the stack config and render again, so they go through the components first. The pack,
 * in-process (test/plan/process/inProcess.test.ts holds it to the real process), serves the whole file.
 */
import { testRsaPublicKeyBase64 } from "../support/rsaKeys";
import type { RawConfigValue } from "../../components/config";
import type { RunningPolicyPack } from "../../plan/analyze";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { renderTxtContent } from "../../kernel/txt";
import { DEFAULT_STATIC_EXTENSIONS } from "../../kernel/staticAssets";
import { isSecret, type Plan, type PlannedResource } from "../../plan/types";
import { renderedStack, renderIsolated } from "../support/render";
import { loadTestStack, testPolicySettings, testStackFile, withStackFacts } from "../support/stacks";

const PROD_CONFIG = testPolicySettings("prod");
const PROD_STACK = testStackFile("prod");

// Each render loads a fresh SDK, which adds a process exit listener: 8 renders pass Node's warning threshold of 10.
process.setMaxListeners(20);

let pack: RunningPolicyPack;
let prod: Plan;
beforeAll(async () => {
  const started = startInProcessPolicyPack({ policyConfig: PROD_CONFIG });
  prod = (await renderedStack("prod")).plan;
  pack = await started;
}, 120_000);
afterAll(() => pack?.close());

// --- direct edits of planned resources ---------------------------------------------------------

type Rule = Record<string, unknown>;
const named = (plan: Plan, name: string): PlannedResource => {
  const r = plan.resources.find((x) => x.name === name);
  if (!r) throw new Error(`the prod plan has no resource ${name}; the mutation suite must follow the stack`);
  return r;
};
const rules = (plan: Plan, name: string) => named(plan, name).inputs.rules as Rule[];
const rule = (plan: Plan, rulesetName: string, ref: string) => {
  const r = rules(plan, rulesetName).find((x) => x.ref === ref);
  if (!r) throw new Error(`ruleset ${rulesetName} has no rule ${ref}`);
  return r;
};
const remove = (plan: Plan, name: string) => {
  named(plan, name);
  plan.resources = plan.resources.filter((r) => r.name !== name);
};
const clone = (plan: Plan, name: string, newName: string): PlannedResource => {
  const copy = structuredClone(named(plan, name));
  copy.name = newName;
  copy.urn = copy.urn.replace(/::[^:]+$/, `::${newName}`);
  plan.resources.push(copy);
  return copy;
};
const txt = (value: string) => renderTxtContent(value);
const shortRsaKey = () => testRsaPublicKeyBase64(512, "dkim");
const fakeSlackHook = () => "https://hooks.slack.com/services/" + "T0AAAAAAA/B0BBBBBBB/" + "x".repeat(24);

interface Mutation {
  what: string;
  policy: string;
  edit: (plan: Plan) => void;
}

const DIRECT: Mutation[] = [
  { what: "SSL mode flexible", policy: "zone-ssl-encrypts-origin", edit: (p) => (named(p, "setting-ssl").inputs.value = "flexible") },
  { what: "SSL mode full", policy: "zone-ssl-strict", edit: (p) => (named(p, "setting-ssl").inputs.value = "full") },
  { what: "Always Use HTTPS off", policy: "zone-always-use-https", edit: (p) => (named(p, "setting-always_use_https").inputs.value = "off") },
  { what: "TLS 1.0 allowed", policy: "zone-min-tls-1-2", edit: (p) => (named(p, "setting-min_tls_version").inputs.value = "1.0") },
  {
    what: "HSTS disabled",
    policy: "zone-hsts-enabled",
    edit: (p) => (((named(p, "setting-security_header").inputs.value as Rule).strict_transport_security as Rule).enabled = false),
  },
  {
    what: "HSTS for six months in prod",
    policy: "zone-hsts-prod-max-age",
    edit: (p) => (((named(p, "setting-security_header").inputs.value as Rule).strict_transport_security as Rule).max_age = 15552000),
  },
  { what: "the ssl setting left to the dashboard", policy: "zone-settings-present", edit: (p) => remove(p, "setting-ssl") },
  { what: "a proxied record with TTL 300", policy: "dns-proxied-ttl-auto", edit: (p) => (named(p, "app-origin").inputs.ttl = 300) },
  { what: "an unproxied record with TTL 30", policy: "dns-unproxied-ttl-range", edit: (p) => (named(p, "help-origin").inputs.ttl = 30) },
  { what: "the API pointed at a private address", policy: "dns-no-private-targets", edit: (p) => Object.assign(named(p, "api-origin").inputs, { type: "A", content: "10.0.4.20" }) },
  { what: "the admin host unproxied", policy: "dns-sensitive-hosts-proxied", edit: (p) => Object.assign(named(p, "admin-origin").inputs, { proxied: false, ttl: 300 }) },
  { what: "a short record name", policy: "dns-names-in-zone", edit: (p) => (named(p, "app-origin").inputs.name = "app") },
  {
    what: "a TXT record beside the app CNAME",
    policy: "dns-cname-exclusive",
    edit: (p) => Object.assign(clone(p, "email-spf-apex", "app-verification").inputs, { name: "app.example.com", content: txt("verify=1") }),
  },
  { what: "the admin Access application removed", policy: "sensitive-hosts-restricted", edit: (p) => remove(p, "edge-access-admin") },
  {
    what: "the admin Access application narrowed to one path",
    policy: "sensitive-hosts-restricted",
    edit: (p) => Object.assign(named(p, "edge-access-admin").inputs, { destinations: [{ type: "public", uri: "admin.example.com/panel" }], domain: "admin.example.com/panel" }),
  },
  { what: "a second rate limiting ruleset", policy: "edge-one-ruleset-per-phase", edit: (p) => void clone(p, "edge-ratelimits-ruleset", "extra-ratelimits") },
  { what: "a rule without a ref", policy: "edge-rules-have-refs", edit: (p) => delete rule(p, "edge-redirects-ruleset", "canonical-host").ref },
  {
    what: "a second rate limiting rule on Free",
    policy: "edge-rule-budget",
    edit: (p) => rules(p, "edge-ratelimits-ruleset").push({ ...rule(p, "edge-ratelimits-ruleset", "ratelimit-login-signup-password-reset"), ref: "ratelimit-extra" }),
  },
  {
    what: "/login dropped from the rate limit",
    policy: "edge-rate-limits-cover-routes",
    edit: (p) => {
      const r = rule(p, "edge-ratelimits-ruleset", "ratelimit-login-signup-password-reset");
      r.expression = String(r.expression).replace('http.request.uri.path eq "/login" or ', "");
    },
  },
  {
    what: "the webhook route added to the Free auth rule (5 per 10 s throttles a payment provider's retries)",
    policy: "edge-rate-limits-cover-routes",
    edit: (p) => {
      const r = rule(p, "edge-ratelimits-ruleset", "ratelimit-login-signup-password-reset");
      r.expression = `${String(r.expression)} or http.request.uri.path eq "/api/webhooks/stripe"`;
    },
  },
  {
    what: "the rate limit only logging",
    policy: "edge-rate-limits-cover-routes",
    edit: (p) => (rule(p, "edge-ratelimits-ruleset", "ratelimit-login-signup-password-reset").action = "log"),
  },
  {
    what: "static caching that forgets signed-in requests",
    policy: "edge-cache-never-private",
    edit: (p) => {
      const r = rule(p, "edge-cache-ruleset", "cache-static-assets");
      r.expression = String(r.expression).replace(/ and not \(.*\)$/, "");
    },
  },
  {
    what: "a cache-everything rule after the bypass",
    policy: "edge-cache-never-private",
    edit: (p) => rules(p, "edge-cache-ruleset").push({ ...rule(p, "edge-cache-ruleset", "cache-static-assets"), ref: "cache-everything", expression: 'http.host eq "example.com"' }),
  },
  {
    what: "www to apex dropping the query string",
    policy: "edge-redirects-keep-query",
    edit: (p) => (((rule(p, "edge-redirects-ruleset", "canonical-host").actionParameters as Rule).fromValue as Rule).preserveQueryString = false),
  },
  {
    what: "the canonical redirect matching the canonical host",
    policy: "edge-redirects-no-loop",
    edit: (p) => (rule(p, "edge-redirects-ruleset", "canonical-host").expression = 'http.host in {"example.com" "www.example.com"}'),
  },
  { what: "a second SPF record at the apex", policy: "email-spf-single-record", edit: (p) => (clone(p, "email-spf-apex", "email-spf-apex-2").inputs.content = txt("v=spf1 include:sendgrid.net -all")) },
  { what: "SPF +all", policy: "email-spf-no-permissive-all", edit: (p) => (named(p, "email-spf-apex").inputs.content = txt("v=spf1 include:_spf.google.com +all")) },
  {
    what: "SPF over ten lookups",
    policy: "email-spf-lookup-limit",
    edit: (p) => (named(p, "email-spf-apex").inputs.content = txt("v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net include:spf.mtasv.net a mx -all")),
  },
  { what: "the DMARC record removed", policy: "email-dmarc-present", edit: (p) => remove(p, "email-dmarc-apex") },
  { what: "DMARC p=none in prod", policy: "email-dmarc-enforced-in-prod", edit: (p) => (named(p, "email-dmarc-apex").inputs.content = txt("v=DMARC1; p=none; rua=mailto:dmarc@example.com")) },
  { what: "DMARC reports to an https URL", policy: "email-dmarc-rua-mailto", edit: (p) => (named(p, "email-dmarc-apex").inputs.content = txt("v=DMARC1; p=quarantine; rua=https://example.com/dmarc")) },
  { what: "a 512-bit DKIM key", policy: "email-dkim-key-strength", edit: (p) => (named(p, "email-dkim-google-apex").inputs.content = txt(`v=DKIM1; k=rsa; p=${shortRsaKey()}`)) },
  {
    what: "a secret value in plain text",
    policy: "secret-version-value-is-secret",
    edit: (p) => {
      const input = named(p, "secrets-secret-stripe-webhook-signing-key-value").inputs;
      expect(isSecret(input.secretString)).toBe(true);
      input.secretString = "whsec_plaintext";
    },
  },
  // The relay reads the URL from the vault; pasting it into the function's settings is the mistake to catch.
  { what: "a chat webhook URL in plain text in the relay's settings", policy: "no-plaintext-credentials", edit: (p) => (named(p, "uptime-relay-function").inputs.environment = { variables: { WEBHOOK_URL: fakeSlackHook() } }) },
  { what: "a prod secret on the AWS-managed key", policy: "secrets-prod-customer-managed-key", edit: (p) => (named(p, "secrets-secret-stripe-webhook-signing-key").inputs.kmsKeyId = "alias/aws/secretsmanager") },
  { what: "a prod secret deleted at once", policy: "secrets-prod-recovery-window", edit: (p) => (named(p, "secrets-secret-stripe-webhook-signing-key").inputs.recoveryWindowInDays = 0) },
  { what: "a prod secret under the staging path", policy: "secrets-in-environment-path", edit: (p) => (named(p, "secrets-secret-stripe-webhook-signing-key").inputs.name = "launch-ready/staging/stripe-webhook-signing-key") },
  { what: "the login health check removed", policy: "uptime-health-checks-present", edit: (p) => remove(p, "uptime-check-login") },
  { what: "an alarm with no action", policy: "uptime-alarms-have-actions", edit: (p) => (named(p, "uptime-alarm-homepage-down").inputs.alarmActions = []) },
  {
    what: "the regional alerts topic's subscriptions removed",
    policy: "uptime-alerts-reach-someone",
    edit: (p) => p.resources.filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription" && r.name.startsWith("alerts-regional-")).forEach((r) => remove(p, r.name)),
  },
  { what: "an unprotected zone setting", policy: "prod-critical-resources-protected", edit: (p) => (named(p, "setting-ssl").options.protect = false) },
];

// --- guards present but ineffective or weakened (issue 18) -------------------------------------
// Each starts from a valid resource of the prod plan (or one the stack declares with another
// config, like the IP allow-list rule) and changes one field so the guard stays but stops working.

interface WeakenedGuard extends Mutation {
  /** Policy config replacing config/prod.json's (a settings file that leaves a fact out). */
  config?: Record<string, unknown>;
  /** Stack facts `plan` fills from the stack config (cli/commands/plan.ts policyFactsOf). */
  facts?: Record<string, unknown>;
}

const accessPolicy = (p: Plan) => named(p, "edge-access-allow").inputs;
const FIREWALL = "http_request_firewall_custom";
/** The admin host behind the WAF allow-list rule the edge component declares for edge.ipAllowList (instead of Access). */
const withAllowList = (p: Plan, cidrs: string): void => {
  remove(p, "edge-access-admin");
  const ruleset = clone(p, "edge-ratelimits-ruleset", "edge-access-ruleset");
  Object.assign(ruleset.inputs, {
    phase: FIREWALL,
    name: "launch-ready custom rules",
    rules: [{ ref: "sensitive-hosts-ip-allowlist", action: "block", enabled: true, expression: `http.host eq "admin.example.com" and not ip.src in {${cidrs}}` }],
  });
};
const staticRule = (p: Plan) => rule(p, "edge-cache-ruleset", "cache-static-assets");
const redirectTarget = (p: Plan, ref: string) => (rule(p, "edge-redirects-ruleset", ref).actionParameters as Rule).fromValue as Rule;

const WEAKENED: WeakenedGuard[] = [
  { what: "the admin Access policy admits everyone", policy: "access-policy-admits-named-people", edit: (p) => (accessPolicy(p).includes = [{ everyone: {} }]) },
  { what: "the admin Access policy admits a public mail domain", policy: "access-policy-admits-named-people", edit: (p) => (accessPolicy(p).includes = [{ emailDomain: { domain: "gmail.com" } }]) },
  { what: "the admin Access policy admits any login method user", policy: "access-policy-admits-named-people", edit: (p) => (accessPolicy(p).includes = [{ loginMethod: { id: "otp-login-method-id" } }]) },
  { what: "the admin Access policy admits any email", policy: "access-policy-admits-named-people", edit: (p) => (accessPolicy(p).includes = [{ email: { email: "*@*" } }]) },
  { what: "the admin Access policy admits the whole internet by IP", policy: "access-policy-admits-named-people", edit: (p) => (accessPolicy(p).includes = [{ ip: { ip: "0.0.0.0/0" } }]) },
  { what: "the admin Access policy turned into a bypass", policy: "access-policy-admits-named-people", edit: (p) => (accessPolicy(p).decision = "bypass") },
  { what: "a 100-year Access session on the admin application", policy: "access-session-bounded", edit: (p) => (named(p, "edge-access-admin").inputs.sessionDuration = "876000h") },
  { what: "a one-year Access policy session", policy: "access-session-bounded", edit: (p) => (accessPolicy(p).sessionDuration = "8760h") },
  { what: "an IP allow-list of three huge ranges a probe address misses", policy: "waf-allow-list-narrow", edit: (p) => withAllowList(p, "0.0.0.0/1 128.0.0.0/2 224.0.0.0/3") },
  { what: "an IP allow-list of 0.0.0.0/0", policy: "waf-allow-list-narrow", edit: (p) => withAllowList(p, "0.0.0.0/0") },
  { what: "an IP allow-list of all of IPv6", policy: "waf-allow-list-narrow", edit: (p) => withAllowList(p, "203.0.113.0/24 ::/0") },
  {
    what: "the auth rate limit at 10^9 requests",
    policy: "edge-rate-limits-strict",
    edit: (p) => ((rule(p, "edge-ratelimits-ruleset", "ratelimit-login-signup-password-reset").ratelimit as Rule).requestsPerPeriod = 1_000_000_000),
  },
  {
    what: "the auth rate limit at 50 per 10 s",
    policy: "edge-rate-limits-strict",
    edit: (p) => ((rule(p, "edge-ratelimits-ruleset", "ratelimit-login-signup-password-reset").ratelimit as Rule).requestsPerPeriod = 50),
  },
  {
    what: "the login route declared at /auth/login while the limit counts /login",
    policy: "edge-rate-limits-cover-routes",
    facts: { declaredAuthRoutes: ["/auth/login"] },
    edit: () => undefined,
  },
  { what: "DMARC on half the mail in prod", policy: "email-dmarc-enforced-in-prod", edit: (p) => (named(p, "email-dmarc-apex").inputs.content = txt("v=DMARC1; p=quarantine; pct=50; rua=mailto:dmarc@example.com")) },
  { what: "a redirect downgrading to http://", policy: "edge-redirects-safe-target", edit: (p) => ((redirectTarget(p, "redirect-old-pricing").targetUrl as Rule).value = "http://example.com/pricing") },
  {
    what: "the canonical redirect downgrading to http://",
    policy: "edge-redirects-safe-target",
    edit: (p) => ((redirectTarget(p, "canonical-host").targetUrl as Rule).expression = 'concat("http://example.com", http.request.uri.path)'),
  },
  {
    what: "a redirect taking its target from a request header (open redirect)",
    policy: "edge-redirects-safe-target",
    edit: (p) => (redirectTarget(p, "redirect-old-pricing").targetUrl = { expression: 'http.request.headers["x-redirect-to"][0]' }),
  },
  {
    what: "the static cache rule widened to member pages",
    policy: "edge-cache-never-private",
    edit: (p) => (staticRule(p).expression = 'starts_with(http.request.uri.path, "/members/")'),
  },
  {
    what: "member pages cached while the app's session cookie (verify.sessionCookies) is not a bypass cookie",
    policy: "edge-cache-never-private",
    facts: { appSessionCookies: ["sid"] },
    edit: (p) => (staticRule(p).expression = String(staticRule(p).expression).replace('starts_with(http.request.uri.path, "/assets/")', 'starts_with(http.request.uri.path, "/members/")')),
  },
  {
    what: "html listed as a static extension (edge.cache.extensions) and cached for members",
    policy: "edge-cache-never-private",
    config: withStackFacts(PROD_CONFIG, { staticExtensions: [...DEFAULT_STATIC_EXTENSIONS, "html"] }),
    edit: (p) => (staticRule(p).expression = String(staticRule(p).expression).replace(/\}/, ' "html"}')),
  },
  {
    what: "json listed as a static extension (edge.cache.extensions), the cache rule unchanged",
    policy: "edge-cache-never-private",
    config: withStackFacts(PROD_CONFIG, { staticExtensions: [...DEFAULT_STATIC_EXTENSIONS, "json"] }),
    edit: () => undefined,
  },
  { what: "SSL mode full in prod", policy: "zone-ssl-strict-in-prod", edit: (p) => (named(p, "setting-ssl").inputs.value = "full") },
  {
    // The prod plan names an existing app role; the relay's role is the one role it creates. Its trust
    // turned into a web-identity trust whose subject admits every project of the issuer.
    what: "a role trusting any subject of an OIDC issuer (StringLike sub *)",
    policy: "iam-web-identity-trust-exact-subject",
    edit: (p) =>
      (named(p, "uptime-relay-role").inputs.assumeRolePolicy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: "arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } },
          },
        ],
      })),
  },
  { what: "an alert subscription over plain http", policy: "uptime-alerts-over-https", edit: (p) => (named(p, "uptime-alerts-relay").inputs.protocol = "http") },
  {
    what: "a CAA set without any CA Cloudflare issues from",
    policy: "zone-caa-allows-edge-issuer",
    edit: (p) => p.resources.filter((r) => r.name.startsWith("caa-issue-")).forEach((r) => ((r.inputs.data as Rule).value = "digicert.com")),
  },
  { what: "an unproxied host pointing at the admin host's origin", policy: "dns-sensitive-origin-hidden", edit: (p) => (named(p, "help-origin").inputs.content = "example-web.vercel.app") },
  { what: "SPF ip4:0.0.0.0/0 ip6:::/0", policy: "email-spf-no-broad-ranges", edit: (p) => (named(p, "email-spf-apex").inputs.content = txt("v=spf1 include:_spf.google.com ip4:0.0.0.0/0 ip6:::/0 -all")) },
  {
    what: "the admin host unproxied while the settings file lists no sensitive host",
    policy: "dns-sensitive-hosts-proxied",
    config: { ...PROD_CONFIG, "dns-sensitive-hosts-proxied": { sensitiveHosts: [] } },
    edit: (p) => Object.assign(named(p, "admin-origin").inputs, { proxied: false, ttl: 300 }),
  },
];

// --- config edits, rendered through the components ---------------------------------------------

const stackFile = loadTestStack("prod");
/** An override of one namespaced key: the stack file's value with `change` applied. */
const override = (key: string, change: (value: Record<string, unknown>) => unknown): Record<string, RawConfigValue> => {
  const full = `launch-ready:${key}`;
  const current = stackFile.raw[full];
  return { [full]: { value: change(structuredClone((current?.value ?? {}) as Record<string, unknown>)) as RawConfigValue["value"], secret: false } };
};
const edge = (change: (e: Record<string, unknown>) => void) => override("edge", (e) => (change(e), e));

interface ConfigMutation {
  what: string;
  policy: string;
  overrides: Record<string, RawConfigValue>;
}

const CONFIG: ConfigMutation[] = [
  // `rateLimits.<group>: false` is a config error now (test/components/edge/config.test.ts); moving a group's paths is not.
  // verify's login route moves with it: a login route no limit counts is a config error now (components/guards.ts).
  {
    what: "edge.rateLimits.login moved off /login",
    policy: "edge-rate-limits-cover-routes",
    overrides: { ...edge((e) => (e.rateLimits = { login: { paths: ["/sign-in"] } })), ...override("verify", (v) => ({ ...v, routes: { ...(v.routes as object), login: "/sign-in" } })) },
  },
  { what: "edge.rateLimits.passwordReset narrowed to one route", policy: "edge-rate-limits-cover-routes", overrides: edge((e) => (e.rateLimits = { passwordReset: { paths: ["/password/reset"] } })) },
  { what: "edge.cache.privatePaths: []", policy: "edge-cache-never-private", overrides: edge((e) => (e.cache = { privatePaths: [] })) },
  // (Renaming edge.cache.sessionCookies is no longer a leak: the only cache: true rule is the static-asset
  // rule, and static assets may be served from cache to signed-in members; see the cache good cases.)
  {
    what: "monitoring.checks without login",
    policy: "uptime-health-checks-present",
    overrides: override("monitoring", (m) => ({ ...m, checks: (m.checks as Array<{ name: string }>).filter((c) => c.name !== "login") })),
  },
  { what: "protect: false", policy: "prod-critical-resources-protected", overrides: { "launch-ready:protect": { value: false, secret: false } } },
];

/**
 * `settings` with every policy but `policy` disabled: a case asks whether its policy catches the
 * mutation, and policies judge independently, so the others need not run (the pack skips a
 * disabled policy). The unmutated plan and the facts cases below run the whole pack.
 */
function only(policy: string, settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings };
  for (const { name } of pack.policies) {
    if (name === policy) continue;
    const given = settings[name];
    out[name] = given !== null && typeof given === "object" ? { ...(given as Record<string, unknown>), enforcementLevel: "disabled" } : "disabled";
  }
  return out;
}

const policiesCatching = async (plan: Plan, policy: string, settings = PROD_CONFIG, facts?: Record<string, unknown>) =>
  (await pack.analyze(plan, only(policy, settings), facts)).map((v) => v.policyName);

test("the unmutated prod plan has no violation at any level, so every catch below is the mutation's", async () => {
  expect(prod.resources.length).toBeGreaterThan(50);
  expect(await pack.analyze(prod)).toEqual([]);
});

test("a case's analysis runs its own policy alone: another policy's finding on the same plan is not reported", async () => {
  const caseOf = (policy: string) => DIRECT.find((m) => m.policy === policy)!;
  const [ssl, ttl] = [caseOf("zone-ssl-encrypts-origin"), caseOf("dns-proxied-ttl-auto")];
  const plan = structuredClone(prod);
  ssl.edit(plan);
  ttl.edit(plan);
  expect((await pack.analyze(plan)).map((v) => v.policyName)).toEqual(expect.arrayContaining([ssl.policy, ttl.policy]));
  expect(new Set(await policiesCatching(plan, ssl.policy))).toEqual(new Set([ssl.policy]));
  expect(new Set(await policiesCatching(plan, ttl.policy))).toEqual(new Set([ttl.policy]));
});

test("the suite is at least 30 mutations and reaches every policy of the pack", () => {
  const all = [...DIRECT, ...WEAKENED, ...CONFIG];
  expect(all.length).toBeGreaterThanOrEqual(30);
  expect(new Set(all.map((m) => m.policy))).toEqual(new Set(pack.policies.map((p) => p.name)));
});

describe("direct edits of planned resources", () => {
  test.each(DIRECT.map((m) => [m.what, m.policy, m] as const))("%s is caught by %s", async (_what, policy, m) => {
    const plan = structuredClone(prod);
    m.edit(plan);
    expect(await policiesCatching(plan, policy)).toContain(policy);
  });
});

describe("guards present but ineffective or weakened", () => {
  test("at least 20 cases, each a guard the unmutated plan passes", () => expect(WEAKENED.length).toBeGreaterThanOrEqual(20));
  test.each(WEAKENED.map((m) => [m.what, m.policy, m] as const))("%s is caught by %s", async (_what, policy, m) => {
    const plan = structuredClone(prod);
    m.edit(plan);
    expect(await policiesCatching(plan, policy, withStackFacts(m.config ?? PROD_CONFIG, m.facts), m.facts)).toContain(policy);
  });
  test("the facts the weakened cases rely on are what makes them caught (no fact, no finding)", async () => {
    for (const m of WEAKENED.filter((x) => x.facts)) {
      const plan = structuredClone(prod);
      m.edit(plan);
      expect((await pack.analyze(plan, PROD_CONFIG)).map((v) => v.policyName)).not.toContain(m.policy);
    }
  });
});

describe("config edits, rendered", () => {
  test.each(CONFIG.map((m) => [m.what, m.policy, m] as const))("%s is caught by %s", async (_what, policy, m) => {
    const { plan } = await renderIsolated({ stack: "prod", configFile: PROD_STACK, overrides: m.overrides });
    expect(await policiesCatching(plan, policy)).toContain(policy);
  }, 60_000);
});
