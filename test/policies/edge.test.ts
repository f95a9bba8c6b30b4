/**
 * Edge policies through the real analyzer: sensitive-host gates, ruleset shape and budget, rate
 * limit coverage, cache eligibility and redirects. Each starts from the happy plan's rules (as the
 * edge component renders them) and breaks one thing; complying variants show what is allowed.
 */
import type { Plan } from "../../plan/types";
import { ACCESS_APP, HAPPY_RULES, PROD_POLICY_CONFIG, RULESET, ZONE_ID, breakPlan, byPolicy, happyPlan, planned, resourceNamed, ruleset, usePolicyPack } from "./harness";

const pack = usePolicyPack();

type Rule = Record<string, unknown>;
const rulesOf = (p: Plan, rulesetName: string) => resourceNamed(p, rulesetName).inputs.rules as Rule[];
const ruleRef = (p: Plan, rulesetName: string, ref: string) => rulesOf(p, rulesetName).find((r) => r.ref === ref)!;
const withConfig = (policy: string, settings: Record<string, unknown>) => ({ ...PROD_POLICY_CONFIG, [policy]: { ...(PROD_POLICY_CONFIG[policy] as object), ...settings } });
const policiesOf = async (plan: Plan, config?: Record<string, unknown>) => [...new Set((await pack.analyze(plan, config)).map((v) => v.policyName))].sort();
const dropAccess = (p: Plan) => (p.resources = p.resources.filter((r) => r.type !== ACCESS_APP));
const wafRule = (expression: string, action = "block"): Rule => ({ ref: "sensitive-hosts-ip-allowlist", action, enabled: true, expression, description: "admin gate" });
const ALLOW_LIST = 'http.host eq "admin.example.com" and not ip.src in {203.0.113.0/24 2001:db8:1::/48}';

describe("sensitive-hosts-restricted", () => {
  test("an admin host with neither Access nor a WAF rule is a violation on its record", async () => {
    const plan = breakPlan(dropAccess);
    expect(byPolicy(await pack.analyze(plan), "sensitive-hosts-restricted")).toEqual([
      expect.objectContaining({
        enforcementLevel: "mandatory",
        severity: "critical",
        urn: resourceNamed(plan, "admin-cname").urn,
        message: expect.stringMatching(/^Sensitive host admin\.example\.com must be covered by a Cloudflare Access application or a custom WAF rule/),
      }),
    ]);
  });

  test.each([
    ["an Access application on one path only", (p: Plan) => (resourceNamed(p, "admin-access").inputs.destinations = [{ type: "public", uri: "admin.example.com/panel" }])],
    ["an Access application for another host", (p: Plan) => (resourceNamed(p, "admin-access").inputs.destinations = [{ type: "public", uri: "app.example.com" }])],
    ["a WAF rule that only challenges", (p: Plan) => (dropAccess(p), p.resources.push(ruleset("waf", "http_request_firewall_custom", [wafRule(ALLOW_LIST, "managed_challenge")])))],
    ["a WAF block rule on one path", (p: Plan) => (dropAccess(p), p.resources.push(ruleset("waf", "http_request_firewall_custom", [wafRule(`${ALLOW_LIST} and starts_with(http.request.uri.path, "/admin/")`)])))],
    ["a WAF allow-list of the whole internet", (p: Plan) => (dropAccess(p), p.resources.push(ruleset("waf", "http_request_firewall_custom", [wafRule('http.host eq "admin.example.com" and not ip.src in {0.0.0.0/0 ::/0}')])))],
    [
      "a WAF block rule after a skip rule that lets everyone through",
      (p: Plan) => (
        dropAccess(p),
        p.resources.push(ruleset("waf", "http_request_firewall_custom", [{ ...wafRule('http.host eq "admin.example.com"', "skip"), ref: "skip-admin" }, wafRule(ALLOW_LIST)]))
      ),
    ],
  ])("%s is a violation", async (_what, change) => {
    // The whole-internet allow-list is also too wide by address space (waf-allow-list-narrow).
    expect((await policiesOf(breakPlan(change))).filter((n) => n !== "waf-allow-list-narrow")).toEqual(["sensitive-hosts-restricted"]);
  });

  test.each([
    ["a WAF block rule with an IP allow-list (staging's gate)", (p: Plan) => (dropAccess(p), p.resources.push(ruleset("waf", "http_request_firewall_custom", [wafRule(ALLOW_LIST)])))],
    ["a wildcard Access application", (p: Plan) => (resourceNamed(p, "admin-access").inputs.destinations = [{ type: "public", uri: "*.example.com" }])],
    [
      "a v5 AccessApplication with selfHostedDomains",
      (p: Plan) => {
        dropAccess(p);
        p.resources.push(planned("cloudflare:index/accessApplication:AccessApplication", "legacy-access", { type: "self_hosted", selfHostedDomains: ["admin.example.com"] }));
      },
    ],
  ])("%s complies", async (_what, change) => {
    expect(await policiesOf(breakPlan(change))).toEqual([]);
  });

  test("the sensitive hosts come from policy config", async () => {
    const v = byPolicy(await pack.analyze(happyPlan(), withConfig("sensitive-hosts-restricted", { sensitiveHosts: ["admin", "app"] })), "sensitive-hosts-restricted");
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining("Sensitive host app.example.com must be covered")]);
  });
});

describe("edge-one-ruleset-per-phase", () => {
  test("a second ruleset for a phase in the same zone is a violation on the second", async () => {
    const plan = breakPlan((p) => p.resources.push(ruleset("more-ratelimits", "http_ratelimit", [{ ...HAPPY_RULES.rateLimit, ref: "more" }])));
    const v = byPolicy(await pack.analyze(plan), "edge-one-ruleset-per-phase");
    expect(v).toEqual([expect.objectContaining({ urn: resourceNamed(plan, "more-ratelimits").urn, message: expect.stringContaining("ratelimits, more-ratelimits") })]);
  });

  test("the same phase in another zone complies", async () => {
    const other = ruleset("other-zone-ratelimits", "http_ratelimit", [HAPPY_RULES.rateLimit]);
    other.inputs.zoneId = "0".repeat(32);
    expect(byPolicy(await pack.analyze(breakPlan((p) => p.resources.push(other))), "edge-one-ruleset-per-phase")).toEqual([]);
  });
});

describe("edge-rules-have-refs", () => {
  test("a rule without a ref is a violation", async () => {
    const plan = breakPlan((p) => delete ruleRef(p, "cache", "cache-static-assets").ref);
    expect(byPolicy(await pack.analyze(plan), "edge-rules-have-refs")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "cache").urn, message: "Rule #2 of cache must have a ref, or every edit replaces its rule id." }),
    ]);
  });

  test("a repeated ref is a violation", async () => {
    const plan = breakPlan((p) => (ruleRef(p, "redirects", "canonical-host").ref = "redirect-old-pricing"));
    expect(await policiesOf(plan)).toEqual(["edge-rules-have-refs"]);
  });
});

describe("edge-rule-budget", () => {
  const twoRateLimits = () => breakPlan((p) => rulesOf(p, "ratelimits").push({ ...HAPPY_RULES.webhookRateLimit }));

  test("two rate limiting rules on the Free plan is a violation naming the plan", async () => {
    expect(byPolicy(await pack.analyze(twoRateLimits()), "edge-rule-budget")).toEqual([
      expect.objectContaining({ message: "Zone example.com declares 2 rate limiting rules (http_ratelimit); the free plan allows 1." }),
    ]);
  });

  test("the same rules fit the Pro plan (cloudflarePlan from policy config)", async () => {
    expect(await policiesOf(twoRateLimits(), withConfig("edge-rule-budget", { cloudflarePlan: "pro" }))).toEqual([]);
  });

  test("eleven redirects on Free is a violation; ten comply", async () => {
    const redirects = (n: number) =>
      breakPlan((p) => {
        const rules = rulesOf(p, "redirects");
        for (let i = rules.length; i < n; i++) rules.push({ ...HAPPY_RULES.redirect, ref: `redirect-${i}`, expression: `http.request.uri.path eq "/old-${i}"` });
      });
    expect(await policiesOf(redirects(11))).toEqual(["edge-rule-budget"]);
    expect(await policiesOf(redirects(10))).toEqual([]);
  });
});

describe("edge-rate-limits-cover-routes", () => {
  const setRateLimit = (change: (rule: Rule) => void) => breakPlan((p) => change(ruleRef(p, "ratelimits", "ratelimit-login-signup-password-reset")));
  const pro = { ...withConfig("edge-rule-budget", { cloudflarePlan: "pro" }), "edge-rate-limits-cover-routes": { ...(PROD_POLICY_CONFIG["edge-rate-limits-cover-routes"] as object), cloudflarePlan: "pro" } };

  test("a route missing from the expression is a violation that names the probe", async () => {
    const plan = setRateLimit((r) => (r.expression = 'http.request.uri.path in {"/signup" "/password/reset" "/forgot-password"}'));
    const v = byPolicy(await pack.analyze(plan), "edge-rate-limits-cover-routes");
    expect(v).toEqual([expect.objectContaining({ urn: resourceNamed(plan, "ratelimits").urn, message: expect.stringContaining("must rate-limit POST https://example.com/login") })]);
  });

  test.each([
    ["a disabled rule", (r: Rule) => (r.enabled = false)],
    ["a log-only rule", (r: Rule) => (r.action = "log")],
    ["a rule scoped to another host", (r: Rule) => (r.expression = `http.host eq "app.example.com" and ${HAPPY_RULES.rateLimit.expression}`)],
    ["a rule for GET only", (r: Rule) => (r.expression = `http.request.method eq "GET" and ${HAPPY_RULES.rateLimit.expression}`)],
  ])("%s is a violation", async (_what, change) => {
    expect(await policiesOf(setRateLimit(change))).toEqual(["edge-rate-limits-cover-routes"]);
  });

  test("no rate limiting ruleset at all is a violation", async () => {
    expect(await policiesOf(breakPlan((p) => (p.resources = p.resources.filter((r) => r.name !== "ratelimits"))))).toEqual(["edge-rate-limits-cover-routes"]);
  });

  test("routes come from policy config, as paths or full URLs", async () => {
    const config = (routes: string[]) => withConfig("edge-rate-limits-cover-routes", { routes });
    expect(await policiesOf(happyPlan(), config(["POST /members/invite"]))).toEqual(["edge-rate-limits-cover-routes"]);
    expect(await policiesOf(happyPlan(), config(["POST https://app.example.com/login", "/signup"]))).toEqual([]);
  });

  test("a prefix wildcard and a rule per route comply", async () => {
    const plan = breakPlan((p) => rulesOf(p, "ratelimits").push({ ...HAPPY_RULES.webhookRateLimit, expression: 'http.request.uri.path wildcard "/api/webhooks/*"' }));
    expect(await policiesOf(plan, pro)).toEqual([]);
  });

  test("on Free the one rule is the auth routes' and the webhook route needs none; from Pro it does", async () => {
    expect(await policiesOf(happyPlan())).toEqual([]);
    const v = byPolicy(await pack.analyze(happyPlan(), pro), "edge-rate-limits-cover-routes");
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/^Zone example\.com must rate-limit POST https:\/\/example\.com\/api\/webhooks\/stripe, .*but no enabled rate limiting rule matches them\.$/)]);
  });

  test.each([
    ["the webhook route in the Free auth rule (5 per 10 s)", (p: Plan) => (ruleRef(p, "ratelimits", "ratelimit-login-signup-password-reset").expression = 'http.request.uri.path in {"/login" "/signup" "/password/reset" "/forgot-password" "/api/webhooks/stripe"}')],
    ["a webhook rule at 50 per 10 s", (p: Plan) => rulesOf(p, "ratelimits").push({ ...HAPPY_RULES.webhookRateLimit, ratelimit: { ...HAPPY_RULES.webhookRateLimit.ratelimit, requestsPerPeriod: 50 } })],
  ])("%s throttles a payment provider's retries: a violation naming the rule and its rate", async (_what, change) => {
    const v = byPolicy(await pack.analyze(breakPlan(change), pro), "edge-rate-limits-cover-routes");
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/^Rate limiting rule ratelimit-(login-signup-password-reset|webhooks) must allow at least 100 requests\/s per IP on the webhook route .*but it allows (0\.5|5) and counts POST https:\/\/example\.com\/api\/webhooks\/stripe/)]);
  });
});

describe("edge-cache-never-private", () => {
  const setCache = (ref: string, change: (rule: Rule) => void) => breakPlan((p) => change(ruleRef(p, "cache", ref)));

  test("a static-asset rule without the private exclusion is a violation on the cache ruleset", async () => {
    const plan = setCache("cache-static-assets", (r) => (r.expression = 'http.request.uri.path.extension in {"js" "css" "png"} or starts_with(http.request.uri.path, "/assets/")'));
    const v = byPolicy(await pack.analyze(plan), "edge-cache-never-private");
    expect(v).toEqual([expect.objectContaining({ severity: "critical", urn: resourceNamed(plan, "cache").urn })]);
    expect(v[0]!.message).toMatch(/^Cache rule cache-static-assets must not make private requests cache-eligible, but it does for: .*under private path \/api \(example\.com\/api\/app\.js\)/);
    // Signed-in requests for static assets are not what it reports: those files are the same for everyone.
    expect(v[0]!.message).not.toMatch(/signed-in [^;]*\(example\.com\//);
  });

  test("the static-asset rule: signed-in members may get static assets from cache, never pages", async () => {
    expect(await policiesOf(happyPlan())).toEqual([]);
    expect(ruleRef(happyPlan(), "cache", "cache-static-assets").expression).not.toContain("http.cookie");
    const pages = setCache("cache-static-assets", (r) => (r.expression = String(r.expression).replace('{"js" "css" "png"}', '{"js" "css" "png" "html" "json"}')));
    const v = byPolicy(await pack.analyze(pages), "edge-cache-never-private");
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/signed-in \(cookie session\) \(example\.com\/members\/index\.html\)/)]);
  });

  test("a later cache-everything rule overrides the bypass (the last matching rule wins)", async () => {
    const plan = breakPlan((p) => rulesOf(p, "cache").push({ ...HAPPY_RULES.cacheStatic, ref: "cache-everything", expression: 'http.host eq "example.com"' }));
    const v = byPolicy(await pack.analyze(plan), "edge-cache-never-private");
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining("Cache rule cache-everything must not make private requests cache-eligible")]);
    expect(v[0]!.message).toContain("under private path /api");
  });

  test("a bypass that covers the auth routes but not the files below them is a violation", async () => {
    const exactOnly = (e: unknown) => String(e).replace(/ or starts_with\(http\.request\.uri\.path, "\/(login|signup|password\/reset|forgot-password)\/"\)/g, "");
    const plan = breakPlan((p) => {
      for (const r of rulesOf(p, "cache")) r.expression = exactOnly(r.expression);
    });
    expect(ruleRef(plan, "cache", "cache-bypass-private").expression).not.toContain('"/login/"');
    const v = byPolicy(await pack.analyze(plan), "edge-cache-never-private");
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining("under an auth route (example.com/login/app.js)")]);
  });

  test("a bypass placed last wins over an earlier broad rule: complies", async () => {
    const plan = breakPlan((p) => {
      const rules = rulesOf(p, "cache");
      rules.reverse();
      rules[0]!.expression = 'http.host eq "example.com"';
    });
    expect(await policiesOf(plan)).toEqual([]);
  });

  test.each([
    ["an extension that is static by the stack's definition only", { staticExtensions: ["css"], staticPathPrefixes: [] }, "signed-in (cookie session) (example.com/assets/app.js)"],
    ["a private path", { privatePaths: ["/members"] }, "under private path /members"],
    ["an auth route", { authRoutes: ["/assets/login.js"] }, "an auth route"],
  ])("%s comes from policy config", async (_what, settings, expected) => {
    const v = byPolicy(await pack.analyze(happyPlan(), withConfig("edge-cache-never-private", settings)), "edge-cache-never-private");
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining(expected)]);
  });

  test("without any cache-eligible rule there is nothing to check", async () => {
    expect(await policiesOf(breakPlan((p) => rulesOf(p, "cache").pop()))).toEqual([]);
  });
});

describe("edge-redirects-keep-query", () => {
  test("a www-to-apex redirect that drops the query string is a violation", async () => {
    const plan = breakPlan((p) => (((ruleRef(p, "redirects", "canonical-host").actionParameters as Rule).fromValue as Rule).preserveQueryString = false));
    expect(byPolicy(await pack.analyze(plan), "edge-redirects-keep-query")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "redirects").urn, message: expect.stringMatching(/^Host redirect rule canonical-host must keep the query string: https:\/\/www\.example\.com\/\?utm_source/) }),
    ]);
  });

  test("an old host sent to a fixed page is a host redirect too", async () => {
    const plan = breakPlan((p) =>
      rulesOf(p, "redirects").push({ ...HAPPY_RULES.redirect, ref: "retired-host", expression: 'http.host eq "old.example.com"', actionParameters: { fromValue: { statusCode: 301, targetUrl: { value: "https://example.com/" } } } }),
    );
    expect(await policiesOf(plan)).toEqual(["edge-redirects-keep-query"]);
  });

  test("a page redirect may drop the query (old-pricing in the happy plan)", async () => {
    expect(byPolicy(await pack.analyze(happyPlan()), "edge-redirects-keep-query")).toEqual([]);
  });
});

describe("edge-redirects-no-loop", () => {
  const addRedirect = (ref: string, expression: string, target: string) =>
    (p: Plan) => rulesOf(p, "redirects").push({ ...HAPPY_RULES.redirect, ref, expression, actionParameters: { fromValue: { statusCode: 301, targetUrl: { value: target } } } });

  test("a rule that redirects a URL to itself is a violation", async () => {
    const plan = breakPlan(addRedirect("pricing-to-pricing", 'http.request.uri.path eq "/pricing"', "https://example.com/pricing"));
    expect(byPolicy(await pack.analyze(plan), "edge-redirects-no-loop")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "redirects").urn, message: expect.stringContaining("Redirect rule pricing-to-pricing must not send a URL back to itself: https://example.com/pricing -> https://example.com/pricing") }),
    ]);
  });

  test("a canonical-host rule that also matches the canonical host loops", async () => {
    const plan = breakPlan((p) => (ruleRef(p, "redirects", "canonical-host").expression = 'http.host in {"example.com" "www.example.com"}'));
    expect(byPolicy(await pack.analyze(plan), "edge-redirects-no-loop").map((v) => v.message)).toEqual([expect.stringContaining("Redirect rule canonical-host must not send a URL back to itself")]);
  });

  test("two rules that send a URL back and forth loop", async () => {
    const plan = breakPlan((p) => {
      addRedirect("a-to-b", 'http.request.uri.path eq "/a"', "https://example.com/b")(p);
      addRedirect("b-to-a", 'http.request.uri.path eq "/b"', "https://example.com/a")(p);
    });
    expect(await policiesOf(plan)).toEqual(["edge-redirects-no-loop"]);
  });

  test("a chain that ends complies", async () => {
    const plan = breakPlan(addRedirect("pricing-to-plans", 'http.host eq "example.com" and http.request.uri.path eq "/pricing"', "https://example.com/plans"));
    expect(await policiesOf(plan)).toEqual([]);
  });
});

test("the happy plan's edge complies with every policy", async () => {
  expect(await pack.analyze(happyPlan())).toEqual([]);
  expect(resourceNamed(happyPlan(), "ratelimits").type).toBe(RULESET);
  expect(resourceNamed(happyPlan(), "ratelimits").inputs.zoneId).toBe(ZONE_ID);
});
