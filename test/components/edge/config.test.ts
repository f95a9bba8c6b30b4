/** The `edge` section at config time: defaults, and every config the stack must refuse, by key path. */
import { ConfigError, parseStackConfig } from "../../../components/config";
import { raw, VALID_CORE } from "../../support/config";

const ACCESS = { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", allowedEmailDomain: "example.com" };

function parse(edge: Record<string, unknown> | undefined, core: Record<string, unknown> = {}) {
  return parseStackConfig(raw({ ...VALID_CORE, ...core, ...(edge === undefined ? {} : { edge }) }));
}

function problems(edge: Record<string, unknown>, core: Record<string, unknown> = {}): string[] {
  try {
    parse(edge, core);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const redirects = (...pairs: Array<[string, string]>) => pairs.map(([from, to]) => ({ from, to }));

describe("edge defaults", () => {
  it("needs nothing but admin protection; rate limits, cache and headers default", () => {
    const { config, warnings } = parse({ access: ACCESS });
    const edge = (config as unknown as { edge: Record<string, any> }).edge;
    expect(edge.rateLimits.login).toEqual({ paths: ["/login"], requestsPerPeriod: 5, period: 10, mitigationTimeout: 10 });
    expect(edge.rateLimits.webhooks.requestsPerPeriod).toBe(1000);
    expect(edge.cache.pathPrefixes).toEqual(["/assets/", "/_next/static/"]);
    expect(edge.headers.frameOptions).toBe("DENY");
    // Free has one rate-limiting rule: it goes to the auth routes at their own limit, webhooks are left
    // to the app's signature checks, and the user is told so on the webhooks key.
    const edgeWarnings = warnings.filter((w) => w.path.startsWith("launch-ready:edge"));
    expect(edgeWarnings).toEqual([
      {
        path: "launch-ready:edge.rateLimits.webhooks",
        message: expect.stringMatching(/^\/api\/webhooks\/stripe is not rate limited at the edge: the free plan allows 1 rate limiting rule, which goes to login, signup, passwordReset at their own limit .*verify every webhook's signature.*on the pro plan \(2 rate limiting rules\)/),
      },
    ]);
    expect(edgeWarnings[0]!.message).not.toMatch(/share one rule/);
  });

  it("keeps auth routes and webhooks in rules of their own on Pro (auth routes share one), with no warning", () => {
    const { warnings } = parse({ access: ACCESS }, { cloudflarePlan: "pro" });
    expect(warnings.filter((w) => w.path.startsWith("launch-ready:edge"))).toEqual([]);
  });

  it("keeps auth routes apart from webhooks where the plan has the rules (Business: one each, no warning)", () => {
    const { warnings } = parse({ access: ACCESS }, { cloudflarePlan: "business" });
    expect(warnings.filter((w) => w.path.startsWith("launch-ready:edge"))).toEqual([]);
  });

  it("refuses auth limits that take every Pro rule from the webhooks (the mandatory policy would block the plan)", () => {
    const found = problems({ access: ACCESS, rateLimits: { login: { period: 60, mitigationTimeout: 60 } } }, { cloudflarePlan: "pro" });
    expect(found).toEqual([
      expect.stringMatching(/^launch-ready:edge\.rateLimits\.webhooks: \/api\/webhooks\/stripe gets no rate limiting rule: the pro plan's 2 rules all go to the auth routes \(login, signup\+passwordReset\).*same period and mitigationTimeout/),
    ]);
  });

  it("accepts an IP allow-list instead of Access", () => {
    expect(problems({ ipAllowList: ["203.0.113.0/24", "2001:db8::/48"] })).toEqual([]);
  });
});

describe("report-only CSP warnings", () => {
  const POLICY = "default-src 'self'";
  const cspWarnings = (csp: Record<string, unknown>, environment = "prod") =>
    parse({ access: ACCESS, headers: { csp: { policy: POLICY, ...csp } } }, { environment }).warnings.filter((w) => w.path.startsWith("launch-ready:edge.headers"));
  const REPORT_ONLY = "true in production only reports violations (the browser still runs injected scripts); set false once the reports are clean";

  it.each<[string, Record<string, unknown>, string, string[]]>([
    ["the default (reportOnly left out) in production", {}, "prod", ["launch-ready:edge.headers.csp.reportOnly"]],
    ["reportOnly: true in production", { reportOnly: true }, "production", ["launch-ready:edge.headers.csp.reportOnly"]],
    ["an enforced policy in production", { reportOnly: false }, "prod", []],
    ["report-only outside production (the safe way to start)", { reportOnly: true }, "staging", []],
    ["one host opting into report-only in production", { reportOnly: false, hosts: { app: { reportOnly: true } } }, "prod", ["launch-ready:edge.headers.csp.hosts.app.reportOnly"]],
    ["a host enforcing while the default reports, in production: the default's warning only", { reportOnly: true, hosts: { app: { reportOnly: false } } }, "prod", ["launch-ready:edge.headers.csp.reportOnly"]],
    ["a host override that only changes the policy", { reportOnly: false, hosts: { app: { policy: "default-src 'none'" } } }, "prod", []],
    ["a host opting into report-only outside production", { reportOnly: false, hosts: { app: { reportOnly: true } } }, "staging", []],
  ])("%s", (_name, csp, environment, paths) => {
    const warnings = cspWarnings(csp, environment);
    expect(warnings.map((w) => w.path)).toEqual(paths);
    for (const w of warnings) expect(w.message).toBe(REPORT_ONLY);
  });
});

describe("edge rejections", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, RegExp]>([
    ["a sensitive host with neither Access nor an IP list", {}, {}, /launch-ready:edge: leaves the sensitive host admin\.example\.com open to anyone/],
    ["a bad CIDR", { ipAllowList: ["203.0.113.0/33"] }, {}, /launch-ready:edge\.ipAllowList\[0\]: .*CIDR/],
    ["a page type among the static extensions", { access: ACCESS, cache: { extensions: ["js", "html"] } }, {}, /launch-ready:edge\.cache\.extensions\[1\]: "html" is a page or API answer, not a static asset/],
    ["an API answer type among the static extensions", { access: ACCESS, cache: { extensions: ["json", "css"] } }, {}, /launch-ready:edge\.cache\.extensions\[0\]: "json" is a page or API answer/],
    ["an address where a CIDR is expected", { ipAllowList: ["not-an-ip"] }, {}, /edge\.ipAllowList\[0\]/],
    ["Access that lets nobody in", { access: { accountId: ACCESS.accountId } }, {}, /edge\.access: allows nobody in/],
    ["a bad account id", { access: { ...ACCESS, accountId: "xyz" } }, {}, /edge\.access\.accountId: .*32 hex/],
    ["a redirect loop", { access: ACCESS, redirects: redirects(["/a", "/a"]) }, {}, /edge\.redirects\[0\]\.to: "\/a" redirects \/a to itself \(a loop\)/],
    ["a two-hop chain", { access: ACCESS, redirects: redirects(["/a", "/b"], ["/b", "/c"]) }, {}, /edge\.redirects\[0\]\.to: "\/b" is itself redirected by redirects\[1\].*chain of two hops/],
    ["a cycle of two", { access: ACCESS, redirects: redirects(["/a", "/b"], ["/b", "/a"]) }, {}, /edge\.redirects\[1\]\.to: .*loops back/],
    ["a target on the www twin (chains through the www/apex redirect)", { access: ACCESS, redirects: redirects(["/a", "https://www.example.com/b"]) }, {}, /edge\.redirects\[0\]\.to: .*www\.example\.com.*write the target as a path/],
    ["a plain-http target in the zone (chains through Always Use HTTPS)", { access: ACCESS, redirects: redirects(["/a", "http://app.example.com/b"]) }, {}, /edge\.redirects\[0\]\.to: .*plain http.*two hops/],
    ["the same path twice", { access: ACCESS, redirects: redirects(["/a", "/b"], ["/a", "/c"]) }, {}, /edge\.redirects\[1\]\.from: "\/a" is already redirected by redirects\[0\]/],
    ["a tab that a browser drops, turning a path into //evil.example", { access: ACCESS, redirects: redirects(["/a", "/\t/evil.example/"]) }, {}, /edge\.redirects\[0\]\.to: whitespace, control characters and backslashes are not allowed/],
    ["a backslash a browser reads as a slash", { access: ACCESS, redirects: redirects(["/a", "/\\evil.example/"]) }, {}, /edge\.redirects\[0\]\.to: whitespace, control characters and backslashes are not allowed/],
    ["a newline inside an absolute target", { access: ACCESS, redirects: redirects(["/a", "https://other.example/\nx"]) }, {}, /edge\.redirects\[0\]\.to: whitespace, control characters/],
    ["the apex written with a trailing dot (same host)", { access: ACCESS, redirects: redirects(["/a", "https://example.com./b"]) }, {}, /edge\.redirects\[0\]\.to: "https:\/\/example\.com\.\/b" names example\.com, one of the www\/apex pair/],
    ["the www twin written with a trailing dot", { access: ACCESS, redirects: redirects(["/a", "https://WWW.example.com../b"]) }, {}, /edge\.redirects\[0\]\.to: .*names www\.example\.com, one of the www\/apex pair/],
    ["a temporary status", { access: ACCESS, redirects: [{ from: "/a", to: "/b", status: 302 }] }, {}, /edge\.redirects\[0\]\.status: .*301 or 308/],
    ["a from with a query", { access: ACCESS, redirects: redirects(["/a?x=1", "/b"]) }, {}, /edge\.redirects\[0\]\.from/],
    ["more redirects than the Free plan holds", { access: ACCESS, redirects: Array.from({ length: 10 }, (_, i) => ({ from: `/old-${i}`, to: `/new-${i}` })) }, {}, /edge\.redirects: needs 11 single redirects .* the free plan allows 10/],
    ["a period the Free plan does not offer", { access: ACCESS, rateLimits: { login: { period: 60 } } }, {}, /edge\.rateLimits\.login\.period: 60 s is not a counting period the free plan offers; one of 10 is expected/],
    ["a timeout the Pro plan does not offer", { access: ACCESS, rateLimits: { login: { mitigationTimeout: 86400 } } }, { cloudflarePlan: "pro" }, /edge\.rateLimits\.login\.mitigationTimeout: 86400 s is not a mitigation timeout the pro plan offers/],
    ["method matching below Business", { access: ACCESS, rateLimits: { login: { methods: ["POST"] } } }, { cloudflarePlan: "pro" }, /edge\.rateLimits\.login\.methods: cannot be matched on the pro plan/],
    [
      "rate limits the Pro plan cannot hold",
      { access: ACCESS, rateLimits: { login: { period: 60, mitigationTimeout: 600 }, signup: { period: 30 } } },
      { cloudflarePlan: "pro" },
      /edge\.rateLimits: needs 3 rate limiting rules for the auth routes alone \(login, signup, passwordReset:.*the pro plan allows 2/,
    ],
    ["a webhook limit below a payment provider's retries", { access: ACCESS, rateLimits: { webhooks: { requestsPerPeriod: 50 } } }, {}, /edge\.rateLimits\.webhooks\.requestsPerPeriod: 50 per 10 s is below .*100 requests\/s per IP.*at least 1000/],
    ["a path pattern with an inner wildcard", { access: ACCESS, rateLimits: { login: { paths: ["/a*b"] } } }, {}, /edge\.rateLimits\.login/],
    ["an edge TTL under the Free plan's minimum", { access: ACCESS, cache: { edgeTtl: 60 } }, {}, /edge\.cache\.edgeTtl: 60 s is below the free plan's minimum Edge Cache TTL; at least 7200/],
    ["a CSP override for a host the stack does not have", { access: ACCESS, headers: { csp: { policy: "default-src 'self'", hosts: { shop: {} } } } }, {}, /edge\.headers\.csp\.hosts\.shop: names no host of this stack/],
    ["a header value over two lines", { access: ACCESS, headers: { permissionsPolicy: "camera=()\nmicrophone=()" } }, {}, /edge\.headers\.permissionsPolicy: .*one-line/],
    ["an unknown key", { access: ACCESS, cache: { ttl: 5 } }, {}, /edge\.cache/],
  ])("refuses %s", (_name, edge, core, expected) => {
    const list = problems(edge, core);
    expect(list.join("\n")).toMatch(expected);
  });

  it.each<[string, string, RegExp]>([
    ["login", "/login", /password guessing/],
    ["signup", "/signup", /sign-up spam/],
    ["passwordReset", "/password/reset, /forgot-password", /reset-mail bombing/],
    ["webhooks", "/api/webhooks/stripe", /forged webhook calls/],
  ])("refuses rateLimits.%s: false in production and elsewhere, naming the key, the routes and why", (group, routes, why) => {
    for (const environment of ["prod", "staging"]) {
      const list = problems({ access: ACCESS, rateLimits: { [group]: false } }, { environment });
      const mine = list.filter((p) => p.startsWith(`launch-ready:edge.rateLimits.${group}: `));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toContain(`false turns off rate limiting of ${routes}`);
      expect(mine[0]).toMatch(why);
      expect(mine[0]).toMatch(/mandatory policy edge-rate-limits-cover-routes; a rate limit \{paths, requestsPerPeriod, period, mitigationTimeout\} is expected/);
    }
  });

  it("lists every edge problem at once", () => {
    const list = problems({ ipAllowList: ["bad"], redirects: redirects(["/a", "/a"]), rateLimits: { webhooks: { requestsPerPeriod: 1 } } });
    // Schema problems stop the section before its checks; fix the CIDR and all three checks report.
    expect(list.some((p) => p.includes("ipAllowList[0]"))).toBe(true);
    const next = problems({ redirects: redirects(["/a", "/a"]), rateLimits: { webhooks: { requestsPerPeriod: 1 } } });
    expect(next.filter((p) => p.startsWith("launch-ready:edge"))).toHaveLength(3);
  });
});
