/**
 * Guards that exist but do not work (issue 18): cases of each kind that the mutation suite does
 * not use, on the hand-built happy plan through the real analyzer, so each policy is seen to judge
 * the kind (address space, who an Access rule admits, where a redirect goes...), not one example.
 */
import { renderTxtContent } from "../../kernel/txt";
import type { Plan } from "../../plan/types";
import { ACCESS_APP, RULESET, breakPlan, byPolicy, dnsRecord, happyPlan, planned, resourceNamed, txtRecord, usePolicyPack, ZONE_ID } from "./harness";

const pack = usePolicyPack();
type Rule = Record<string, unknown>;
const ACCESS_POLICY = "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

const caught = async (plan: Plan, policy: string, facts?: Record<string, unknown>) => byPolicy(await pack.analyze(plan, undefined, facts), policy);
const withResource = (...resources: ReturnType<typeof planned>[]) => breakPlan((p) => p.resources.push(...resources));
const accessPolicy = (inputs: Record<string, unknown>) =>
  planned(ACCESS_POLICY, "admins", { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", name: "admins", decision: "allow", sessionDuration: "24h", ...inputs });
const rulesOf = (p: Plan, name: string) => resourceNamed(p, name).inputs.rules as Rule[];
const ruleRef = (p: Plan, name: string, ref: string) => rulesOf(p, name).find((r) => r.ref === ref)!;
const allowList = (set: string) =>
  planned(RULESET, "firewall", {
    zoneId: ZONE_ID,
    kind: "zone",
    name: "launch-ready custom rules",
    phase: "http_request_firewall_custom",
    rules: [{ ref: "sensitive-hosts-ip-allowlist", action: "block", enabled: true, expression: `http.host eq "admin.example.com" and not ip.src in {${set}}` }],
  });

describe("access-policy-admits-named-people", () => {
  test.each([
    ["another public mail domain", [{ emailDomain: { domain: "outlook.com" } }], {}],
    ["a subdomain of a public mail domain", [{ emailDomain: { domain: "mail.yahoo.com" } }], {}],
    ["an auth method on its own", [{ authMethod: { authMethod: "mfa" } }], {}],
    ["a country", [{ geo: { countryCode: "US" } }], {}],
    ["a /8 by IP", [{ ip: { ip: "10.0.0.0/8" } }], {}],
    ["everyone, with a require that admits anyone too", [{ everyone: {} }], { requires: [{ loginMethod: { id: "otp" } }] }],
  ])("%s is caught", async (_what, includes, extra) => {
    expect(await caught(withResource(accessPolicy({ includes, ...extra })), "access-policy-admits-named-people")).toHaveLength(1);
  });

  test.each([
    ["named addresses", [{ email: { email: "ops@example.com" } }], {}],
    ["the company's own domain", [{ emailDomain: { domain: "example.com" } }], {}],
    ["an office /24", [{ ip: { ip: "203.0.113.0/24" } }], {}],
    ["a login method narrowed by a require that names people", [{ loginMethod: { id: "otp" } }], { requires: [{ emailDomain: { domain: "example.com" } }] }],
    ["a deny policy for everyone", [{ everyone: {} }], { decision: "deny" }],
  ])("%s complies", async (_what, includes, extra) => {
    expect(await caught(withResource(accessPolicy({ includes, ...extra })), "access-policy-admits-named-people")).toEqual([]);
  });
});

describe("access-session-bounded", () => {
  test.each([["720h"], ["8d"], ["169h"]])("a session of %s is caught (over a week, or not a duration)", async (d) => {
    expect(await caught(withResource(accessPolicy({ includes: [{ email: { email: "ops@example.com" } }], sessionDuration: d })), "access-session-bounded")).toHaveLength(1);
  });
  test.each([["168h"], ["24h"], ["2h45m"]])("a session of %s complies", async (d) => {
    const plan = breakPlan((p) => (resourceNamed(p, "admin-access").inputs.sessionDuration = d));
    expect(await caught(plan, "access-session-bounded")).toEqual([]);
  });
  test("the application type is judged too", async () => {
    const plan = breakPlan((p) => (resourceNamed(p, "admin-access").inputs.sessionDuration = "2160h"));
    expect((await caught(plan, "access-session-bounded"))[0]!.message).toMatch(/^Access application admin\.example\.com session "2160h" must be at most 168h\.$/);
    expect(ACCESS_APP).toContain("ZeroTrustAccessApplication");
  });
});

describe("waf-allow-list-narrow", () => {
  test.each([
    ["an IPv4 range written as start..end", "1.0.0.0..200.0.0.0"],
    ["two /1 halves", "0.0.0.0/1 128.0.0.0/1"],
    ["many /9s adding up past a /16", Array.from({ length: 4 }, (_, i) => `${i * 2 + 11}.0.0.0/9`).join(" ")],
    ["an IPv6 /16", "2001::/16"],
  ])("%s is caught", async (_what, set) => {
    const v = await caught(withResource(allowList(set)), "waf-allow-list-narrow");
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/^IP allow-list of rule sensitive-hosts-ip-allowlist must cover at most 65,536 IPv4 and 2\^96 IPv6 addresses, but covers /)]);
  });
  test.each([
    ["an office, a VPN and an IPv6 site", "203.0.113.0/24 198.51.100.10 2001:db8::/48"],
    ["overlapping ranges counted once", "10.1.0.0/16 10.1.2.0/24"],
  ])("%s complies", async (_what, set) => {
    expect(await caught(withResource(allowList(set)), "waf-allow-list-narrow")).toEqual([]);
  });
});

describe("edge-rate-limits-strict", () => {
  test("2 requests/s over a minute is caught; 10 per 10 s complies", async () => {
    const at = (n: number, period: number) => breakPlan((p) => Object.assign(ruleRef(p, "ratelimits", "ratelimit-login-signup-password-reset").ratelimit as Rule, { requestsPerPeriod: n, period }));
    expect(await caught(at(120, 60), "edge-rate-limits-strict")).toHaveLength(1);
    expect(await caught(at(10, 10), "edge-rate-limits-strict")).toEqual([]);
  });
  test("a strict rule beside a loose one on the same route complies (the strictest counts)", async () => {
    const plan = breakPlan((p) => rulesOf(p, "ratelimits").push({ ...ruleRef(p, "ratelimits", "ratelimit-login-signup-password-reset"), ref: "loose", ratelimit: { period: 10, requestsPerPeriod: 100000 } }));
    expect(await caught(plan, "edge-rate-limits-strict")).toEqual([]);
  });
  test("a declared auth route no rule counts is caught by the coverage policy", async () => {
    const v = await caught(happyPlan(), "edge-rate-limits-cover-routes", { declaredAuthRoutes: ["/users/sign_in"] });
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining("POST https://example.com/users/sign_in")]);
  });
});

describe("email-dmarc-enforced-in-prod (pct) and email-spf-no-broad-ranges", () => {
  const dmarc = (value: string) => breakPlan((p) => (resourceNamed(p, "apex-dmarc").inputs.content = renderTxtContent(value)));
  test("pct=99 is caught; pct=100 complies", async () => {
    expect(await caught(dmarc("v=DMARC1; p=reject; pct=99; rua=mailto:dmarc@example.com"), "email-dmarc-enforced-in-prod")).toHaveLength(1);
    expect(await caught(dmarc("v=DMARC1; p=reject; pct=100; rua=mailto:dmarc@example.com"), "email-dmarc-enforced-in-prod")).toEqual([]);
  });
  const spf = (value: string) => withResource(txtRecord("apex-spf", "example.com", value));
  test.each([["v=spf1 ip4:0.0.0.0/1 ip4:128.0.0.0/1 -all"], ["v=spf1 ip6:2000::/3 -all"], ["v=spf1 +ip4:64.0.0.0/8 ~all"]])("%s is caught", async (value) => {
    expect(await caught(spf(value), "email-spf-no-broad-ranges")).toHaveLength(1);
  });
  test.each([["v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/48 -all"], ["v=spf1 -ip4:0.0.0.0/0 include:_spf.google.com -all"]])("%s complies", async (value) => {
    expect(await caught(spf(value), "email-spf-no-broad-ranges")).toEqual([]);
  });
});

describe("edge-redirects-safe-target", () => {
  const target = (targetUrl: Rule) => breakPlan((p) => (((ruleRef(p, "redirects", "redirect-old-pricing").actionParameters as Rule).fromValue as Rule).targetUrl = targetUrl));
  test.each([
    ["the Referer header", { expression: "http.referer" }],
    ["the query string as the host", { expression: 'concat("https://", http.request.uri.query)' }],
    ["an http:// target off the zone", { value: "http://community.example.org/" }],
  ])("a target from %s is caught", async (_what, t) => {
    expect(await caught(target(t), "edge-redirects-safe-target")).toHaveLength(1);
  });
  test("a fixed https target, and the canonical host plus the request path, comply", async () => {
    expect(await caught(target({ value: "https://community.example.org/" }), "edge-redirects-safe-target")).toEqual([]);
    expect(await caught(happyPlan(), "edge-redirects-safe-target")).toEqual([]);
  });
});

describe("edge-cache-never-private: member pages", () => {
  test.each([
    ["a rule on /account by equality", 'http.request.uri.path eq "/account"'],
    ["a rule on a member path given by the rule itself", 'starts_with(http.request.uri.path, "/community/threads/")'],
  ])("%s, without a cookie bypass, is caught", async (_what, expression) => {
    const plan = breakPlan((p) => rulesOf(p, "cache").push({ ref: "cache-members", action: "set_cache_settings", enabled: true, expression, actionParameters: { cache: true } }));
    expect(await caught(plan, "edge-cache-never-private")).toHaveLength(1);
  });
});

describe("other guards", () => {
  test("SSL full is mandatory-refused in prod only", async () => {
    const plan = breakPlan((p) => (resourceNamed(p, "setting-ssl").inputs.value = "full"));
    expect(await caught(plan, "zone-ssl-strict-in-prod")).toHaveLength(1);
    const staging = byPolicy(await pack.analyze(plan, { "zone-ssl-strict-in-prod": { environment: "staging" } }), "zone-ssl-strict-in-prod");
    expect(staging).toEqual([]);
  });

  test("an https subscription to an http:// endpoint is caught without echoing the endpoint", async () => {
    const endpoint = "http://hooks.example.net/alerts/t0ken-value";
    const v = await caught(withResource(planned(SUBSCRIPTION, "alerts-hook", { topic: "arn", protocol: "https", endpoint }, false)), "uptime-alerts-over-https");
    expect(v).toHaveLength(1);
    expect(v[0]!.message).not.toContain("t0ken");
  });

  const caa = (tag: string, value: string, name = `caa-${tag}-${value}`) => dnsRecord(name, { name: "example.com", type: "CAA", data: { flags: 0, tag, value }, proxied: false, ttl: 3600 });
  test.each([
    ["issue sectigo.com only", [caa("issue", "sectigo.com")]],
    ["issue allowed, issuewild forbidding every CA", [caa("issue", "letsencrypt.org"), caa("issuewild", ";")]],
  ])("CAA %s is caught", async (_what, records) => {
    expect(await caught(withResource(...records), "zone-caa-allows-edge-issuer")).toHaveLength(1);
  });
  test("CAA with a Cloudflare CA and parameters complies", async () => {
    expect(await caught(withResource(caa("issue", "pki.goog; cansignhttpexchanges=yes"), caa("issue", "digicert.com")), "zone-caa-allows-edge-issuer")).toEqual([]);
  });

  test("an unproxied A record sharing the admin host's address is caught; the proxied twin is not", async () => {
    const plan = breakPlan((p) => {
      Object.assign(resourceNamed(p, "admin-cname").inputs, { type: "A", content: "93.184.216.40" });
      p.resources.push(dnsRecord("status-a", { name: "status.example.com", type: "A", content: "93.184.216.40", proxied: false, ttl: 300 }));
      p.resources.push(dnsRecord("beta-a", { name: "beta.example.com", type: "A", content: "93.184.216.40" }));
    });
    const v = await caught(plan, "dns-sensitive-origin-hidden");
    expect(v.map((x) => x.message)).toEqual([expect.stringMatching(/^Unproxied record status\.example\.com must not point at 93\.184\.216\.40, the origin of the sensitive host admin\.example\.com/)]);
  });
});
