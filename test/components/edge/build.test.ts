/** The pure rule builders, tested as data (rendered text parsed back with rules/). */
import { analyze, createRequest, evaluate, parse } from "../../../rules";
import { buildEdge } from "../../../components/edge/build";
import { packRateLimits } from "../../../components/edge/rateLimits";
import { edgeSchema } from "../../../components/schema/edge";
import type { EdgeSite } from "../../../components/edge/types";

const site = (plan: EdgeSite["plan"], canonical: "apex" | "www" = "apex"): EdgeSite => ({
  apex: "example.com",
  canonicalFqdn: canonical === "apex" ? "example.com" : "www.example.com",
  redirectFqdn: canonical === "apex" ? "www.example.com" : "example.com",
  hosts: [
    { name: "@", fqdn: "example.com", proxied: true, sensitive: false },
    { name: "www", fqdn: "www.example.com", proxied: true, sensitive: false },
    { name: "admin", fqdn: "admin.example.com", proxied: true, sensitive: true },
    { name: "help", fqdn: "help.example.com", proxied: false, sensitive: false },
  ],
  plan,
  environment: "prod",
  isProduction: true,
});
const edge = (value: Record<string, unknown> = {}) => edgeSchema.parse({ ipAllowList: ["203.0.113.0/24"], ...value });
const group = (period: number, mitigationTimeout = 10, requestsPerPeriod = 5) => ({ paths: ["/x"], requestsPerPeriod, period, mitigationTimeout });

describe("packRateLimits", () => {
  it.each<[string, number, Array<[string, ReturnType<typeof group>]>, string[]]>([
    ["one rule each when the plan has room", 5, [["login", group(10)], ["signup", group(10)], ["passwordReset", group(10)], ["webhooks", group(10, 10, 1000)]], ["login", "signup", "passwordReset", "webhooks"]],
    ["auth routes merged first (Pro)", 2, [["login", group(10)], ["signup", group(10)], ["passwordReset", group(10)], ["webhooks", group(10, 10, 1000)]], ["login+signup+passwordReset", "webhooks"]],
    ["the auth routes in one, webhooks left out (Free)", 1, [["login", group(10)], ["signup", group(10)], ["passwordReset", group(10)], ["webhooks", group(10, 10, 1000)]], ["login+signup+passwordReset"]],
    ["only groups that count alike merge, and never with webhooks", 1, [["login", group(60)], ["signup", group(10)], ["webhooks", group(10, 10, 1000)]], ["login", "signup"]],
    ["auth groups that count differently keep their rules on Pro; webhooks give way", 2, [["login", group(60)], ["signup", group(10)], ["passwordReset", group(10)], ["webhooks", group(10, 10, 1000)]], ["login", "signup+passwordReset"]],
  ])("%s", (_name, limit, groups, expected) => {
    const { buckets } = packRateLimits(groups as never, limit);
    expect(buckets.map((b) => b.groups.join("+"))).toEqual(expected);
  });

  it("never puts the auth routes under the webhook limit: with one rule, webhooks are left out and the auth rule keeps its own limit", () => {
    const { buckets, leftOut } = packRateLimits([["login", group(10, 10, 5)], ["signup", group(10, 10, 8)], ["webhooks", group(10, 10, 1000)]] as never, 1);
    expect(buckets).toEqual([{ groups: ["login", "signup"], period: 10, mitigationTimeout: 10, requestsPerPeriod: 8 }]);
    expect(leftOut).toEqual(["webhooks"]);
    expect(packRateLimits([["login", group(10, 10, 5)], ["webhooks", group(10, 10, 1000)]] as never, 2).leftOut).toEqual([]);
  });
});

describe("buildEdge", () => {
  it("redirects the apex to www when www is canonical, keeping the path (http and https alike)", () => {
    const [rule] = buildEdge(edge(), site("free", "www")).rules.http_request_dynamic_redirect;
    expect(rule).toMatchObject({
      ref: "canonical-host",
      expression: 'http.host eq "example.com"',
      actionParameters: { fromValue: { statusCode: 301, preserveQueryString: true, targetUrl: { expression: 'concat("https://www.example.com", http.request.uri.path)' } } },
    });
    expect(rule!.expression).not.toContain("ssl");
  });

  it("writes rate limiting rules with path fields only below Business, and POST-only matching from Business", () => {
    const free = buildEdge(edge(), site("free")).rules.http_ratelimit;
    expect(analyze(parse(free[0]!.expression)).fieldGroups).toEqual(["path"]);
    const business = buildEdge(edge(), site("business")).rules.http_ratelimit;
    expect(business.map((r) => r.ref)).toEqual(["ratelimit-login", "ratelimit-signup", "ratelimit-password-reset", "ratelimit-webhooks"]);
    expect(business[0]!.expression).toBe('http.request.method eq "POST" and http.request.uri.path eq "/login"');
  });

  it("turns prefix patterns into wildcards and exact paths into a set", () => {
    const rules = buildEdge(edge({ rateLimits: { login: { paths: ["/login", "/auth/*", "/sign-in"] } } }), site("business")).rules.http_ratelimit;
    expect(rules[0]!.expression).toBe('http.request.method eq "POST" and (http.request.uri.path in {"/login" "/sign-in"} or http.request.uri.path wildcard "/auth/*")');
  });

  it("keeps the static-asset cache rule clear of everything the bypass rule covers", () => {
    const [bypass, cached] = buildEdge(edge(), site("free")).rules.http_request_cache_settings;
    expect(bypass).toMatchObject({ ref: "cache-bypass-private", actionParameters: { cache: false } });
    expect(cached!.expression.endsWith(`and not (${bypass!.expression})`)).toBe(true);
    expect(cached!.actionParameters).toMatchObject({ cache: true, edgeTtl: { mode: "override_origin", default: 2592000 } });
  });

  /** The cache decision of the rendered rules for a GET, as Cloudflare applies them: the last matching rule wins. */
  const cacheOf = (built: ReturnType<typeof buildEdge>, url: string, headers: Record<string, string> = {}) => {
    let verdict: "eligible" | "bypass" | "default" = "default";
    for (const r of built.rules.http_request_cache_settings) {
      if (evaluate(parse(r.expression), createRequest({ url, headers }))) verdict = r.actionParameters!.cache ? "eligible" : "bypass";
    }
    return verdict;
  };

  it.each<[string, Record<string, unknown>]>([
    ["with every rate limit on", {}],
    ["with login rate limiting off", { login: false }],
    ["with every rate limit off", { login: false, signup: false, passwordReset: false, webhooks: false }],
  ])("never makes an auth or webhook route, or a file below one, cache-eligible %s", (_name, rateLimits) => {
    const built = buildEdge(edge({ rateLimits }), site("free"));
    for (const path of ["/login", "/login/x.js", "/signup/app.css", "/password/reset/logo.png", "/forgot-password/a.js", "/api/webhooks/stripe/x.js"]) {
      expect([path, cacheOf(built, `https://example.com${path}`)]).toEqual([path, "bypass"]);
    }
    // Only below the route: a sibling path that merely starts alike stays an ordinary static file.
    expect(cacheOf(built, "https://example.com/login-help/x.js")).toBe("eligible");
    expect(cacheOf(built, "https://example.com/assets/x.js")).toBe("eligible");
  });

  it("bypasses the paths a group is configured with, prefix patterns included", () => {
    const built = buildEdge(edge({ rateLimits: { login: { paths: ["/sign-in", "/auth/*"] } } }), site("free"));
    expect(cacheOf(built, "https://example.com/sign-in/x.js")).toBe("bypass");
    expect(cacheOf(built, "https://example.com/auth/callback/x.js")).toBe("bypass");
  });

  it("sets headers on proxied hosts only, and never both CSP headers on an override host", () => {
    const build = buildEdge(edge({ headers: { csp: { policy: "default-src 'self'", reportOnly: false, hosts: { admin: { reportOnly: true } } } } }), site("free"));
    const [base, admin] = build.rules.http_response_headers_transform;
    expect(base!.expression).not.toContain("help.example.com");
    expect(admin).toMatchObject({
      ref: "csp-admin",
      actionParameters: { headers: { "Content-Security-Policy-Report-Only": { operation: "set", value: "default-src 'self'" }, "Content-Security-Policy": { operation: "remove" } } },
    });
  });

  it("has no firewall rule without an IP allow-list, and Access applications per sensitive host with Access", () => {
    const build = buildEdge(edgeSchema.parse({ access: { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", allowedEmails: ["ops@example.com"] } }), site("free"));
    expect(build.rules.http_request_firewall_custom).toEqual([]);
    expect(build.accessApps).toEqual([expect.objectContaining({ key: "admin", fqdn: "admin.example.com", allowedEmails: ["ops@example.com"] })]);
    expect(build.problems.filter((p) => p.level === "error")).toEqual([]);
  });

  it("renders every rule so that rules/ parses it back (the text Pulumi sends is valid)", () => {
    const build = buildEdge(edge({ redirects: [{ from: "/a", to: "/b" }] }), site("pro"));
    for (const rules of Object.values(build.rules)) for (const r of rules) expect(() => parse(r.expression)).not.toThrow();
  });
});
