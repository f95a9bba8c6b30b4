/**
 * The simulator over both example stacks: a table of requests with their expected outcome, read
 * from the rendered rule text of the planned Rulesets.
 */
import type { RenderResult } from "../../plan/render";
import type { Simulation } from "../../plan/simulate";
import { renderedStack } from "../support/render";
import { stackArgs, testStackFile } from "../support/stacks";

let prod: RenderResult;
let staging: RenderResult;
let sim: typeof import("../../plan/simulate");

beforeAll(async () => {
  prod = await renderedStack("prod");
  staging = await renderedStack("staging");
  sim = require("../../plan/simulate") as typeof import("../../plan/simulate");
});

type Expected = Partial<Pick<Simulation, "redirect" | "rateLimitRefs" | "cache" | "accessRequired" | "blocked" | "reachesEdge">> & {
  headers?: Record<string, string | undefined>;
  matches?: string[];
};

const PROD_RL = "ratelimit-login-signup-password-reset";
const STAGING_AUTH_RL = "ratelimit-login-signup-password-reset";
const STAGING_WEBHOOK_RL = "ratelimit-webhooks";
const JS = "/_next/static/chunks/main-3f2a1b9c.js";

const cases: Array<[stack: "prod" | "staging", request: string, expected: Expected]> = [
  // www -> apex, path and query kept, both schemes; the canonical host never redirects.
  ["prod", "GET http://www.example.com/pricing?ref=x", { redirect: { status: 301, location: "https://example.com/pricing?ref=x" }, matches: ["canonical-host"] }],
  ["prod", "GET https://www.example.com/pricing?ref=x", { redirect: { status: 301, location: "https://example.com/pricing?ref=x" } }],
  ["prod", "GET https://www.example.com/", { redirect: { status: 301, location: "https://example.com/" } }],
  ["prod", "POST http://www.example.com/login?next=%2Fhome", { redirect: { status: 301, location: "https://example.com/login?next=%2Fhome" }, rateLimitRefs: [] }],
  ["prod", "GET https://example.com/pricing?ref=x", { redirect: null, rateLimitRefs: [], cache: "default" }],
  ["prod", "GET http://example.com/pricing", { redirect: null }],
  ["staging", "GET http://www.example-staging.com/a/b?c=d&e=f", { redirect: { status: 301, location: "https://example-staging.com/a/b?c=d&e=f" } }],
  ["staging", "GET https://www.example-staging.com/pricing", { redirect: { status: 301, location: "https://example-staging.com/pricing" } }],
  ["staging", "GET https://example-staging.com/pricing", { redirect: null, rateLimitRefs: [] }],
  // Rate limits: auth and webhook routes counted, ordinary pages not.
  ["prod", "POST https://example.com/login", { rateLimitRefs: [PROD_RL], cache: "bypass" }],
  ["prod", "POST https://app.example.com/signup", { rateLimitRefs: [PROD_RL] }],
  ["prod", "POST https://app.example.com/password/reset", { rateLimitRefs: [PROD_RL] }],
  ["prod", "POST https://app.example.com/forgot-password", { rateLimitRefs: [PROD_RL] }],
  // Free: the one rule is the auth routes' at 5 per 10 s; the webhook route is left to signature checks (never cached).
  ["prod", "POST https://api.example.com/api/webhooks/stripe", { rateLimitRefs: [], cache: "bypass" }],
  ["prod", "GET https://example.com/login", { rateLimitRefs: [PROD_RL], cache: "bypass" }],
  ["prod", "GET https://example.com/pricing", { rateLimitRefs: [] }],
  ["staging", "POST https://example-staging.com/login", { rateLimitRefs: [STAGING_AUTH_RL] }],
  ["staging", "POST https://app.example-staging.com/password/reset", { rateLimitRefs: [STAGING_AUTH_RL] }],
  ["staging", "POST https://api.example-staging.com/api/webhooks/stripe", { rateLimitRefs: [STAGING_WEBHOOK_RL] }],
  ["staging", "GET https://example-staging.com/pricing", { rateLimitRefs: [] }],
  // Cache: fingerprinted assets eligible; session cookie, Authorization, /api and the admin host never.
  ["prod", `GET https://example.com${JS}`, { cache: "eligible", matches: ["cache-static-assets", "security-headers"] }],
  ["prod", `GET https://app.example.com${JS}`, { cache: "eligible" }],
  ["prod", `GET https://example.com${JS} | Cookie: theme=dark; session=abc123`, { cache: "bypass" }],
  ["prod", `GET https://example.com${JS} | Cookie: __Secure-next-auth.session-token=x`, { cache: "bypass" }],
  ["prod", `GET https://example.com${JS} | Authorization: Bearer t0k3n`, { cache: "bypass" }],
  ["prod", "GET https://example.com/assets/logo.png", { cache: "eligible" }],
  ["prod", "GET https://api.example.com/api/members", { cache: "bypass" }],
  ["prod", "GET https://api.example.com/api/static/app.js", { cache: "bypass" }],
  ["prod", "GET https://app.example.com/api", { cache: "bypass" }],
  ["prod", "GET https://example.com/apiary", { cache: "default" }],
  ["prod", "GET https://admin.example.com/assets/admin.js", { cache: "bypass", accessRequired: true }],
  // Auth and webhook routes and everything below them: never cache-eligible, even files that look static.
  ["prod", "GET https://example.com/login/x.js", { cache: "bypass" }],
  ["prod", "GET https://app.example.com/signup/app.css", { cache: "bypass" }],
  ["prod", "GET https://app.example.com/password/reset/logo.png", { cache: "bypass" }],
  ["prod", "GET https://example.com/login-help/x.js", { cache: "eligible" }],
  ["staging", "GET https://example-staging.com/forgot-password/x.js", { cache: "bypass" }],
  ["staging", `GET https://example-staging.com${JS}`, { cache: "eligible" }],
  ["staging", `GET https://example-staging.com${JS} | Cookie: session=abc`, { cache: "bypass" }],
  // Admin: Access on prod, the IP allow-list on staging.
  ["prod", "GET https://admin.example.com/", { accessRequired: true, blocked: false }],
  ["prod", "GET https://app.example.com/", { accessRequired: false }],
  ["staging", "GET https://admin.example-staging.com/", { blocked: true, matches: ["sensitive-hosts-ip-allowlist"] }],
  ["staging", "GET https://admin.example-staging.com/ | CF-Connecting-IP: 203.0.113.77", { blocked: false, accessRequired: false, cache: "bypass" }],
  ["staging", "GET https://admin.example-staging.com/ | CF-Connecting-IP: 2001:db8:1::5", { blocked: false }],
  ["staging", "GET https://admin.example-staging.com/ | CF-Connecting-IP: 198.51.100.7", { blocked: true }],
  ["staging", "GET https://app.example-staging.com/ | CF-Connecting-IP: 198.51.100.7", { blocked: false }],
  // Extra redirects land where configured, in one hop even from www.
  ["prod", "GET https://example.com/old-pricing", { redirect: { status: 301, location: "https://example.com/pricing" }, matches: ["redirect-old-pricing"] }],
  ["prod", "GET http://www.example.com/old-pricing?utm=1", { redirect: { status: 301, location: "https://example.com/pricing?utm=1" } }],
  ["prod", "GET https://example.com/forum", { redirect: { status: 308, location: "https://community.example.org/" } }],
  ["staging", "GET https://www.example-staging.com/old-pricing", { redirect: { status: 301, location: "https://example-staging.com/pricing" } }],
  // Headers: enforced CSP by default, report-only override on the app host, frame protection everywhere.
  ["prod", "GET https://example.com/", { headers: { "Content-Security-Policy": "default-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'", "Content-Security-Policy-Report-Only": undefined, "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" } }],
  ["prod", "GET https://app.example.com/dashboard", { headers: { "Content-Security-Policy": undefined, "Content-Security-Policy-Report-Only": expect.stringContaining("https://js.stripe.com") as unknown as string, "Referrer-Policy": "strict-origin-when-cross-origin" } }],
  ["staging", "GET https://example-staging.com/", { headers: { "Content-Security-Policy-Report-Only": "default-src 'self'; frame-ancestors 'none'", "Content-Security-Policy": undefined } }],
  // Hosts Cloudflare never sees.
  ["prod", "GET https://help.example.com/article/1", { reachesEdge: false, matches: [], headers: {} }],
  ["prod", "GET https://example.org/", { reachesEdge: false, rateLimitRefs: [] }],
];

describe("simulate over the example stacks", () => {
  it.each(cases)("%s: %s", (stack, request, expected) => {
    const [result] = sim.simulate((stack === "prod" ? prod : staging).plan, [request]);
    const { headers, matches, ...rest } = expected;
    expect(result).toMatchObject(rest);
    if (matches) expect(result!.matches.map((m) => m.ref)).toEqual(matches);
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value === undefined) expect(result!.headers).not.toHaveProperty(name);
      else expect(result!.headers[name]).toEqual(value);
    }
    if (headers && Object.keys(headers).length === 0) expect(result!.headers).toEqual({});
  });

  it("never sends a member through two redirects: every redirect's target is served without another", () => {
    for (const [stack, request] of cases) {
      const plan = (stack === "prod" ? prod : staging).plan;
      const [first] = sim.simulate(plan, [request]);
      if (!first!.redirect || !first!.redirect.location.includes(stack === "prod" ? "example.com" : "example-staging.com")) continue;
      const [second] = sim.simulate(plan, [`GET ${first!.redirect.location}`]);
      expect({ request, next: second!.redirect }).toEqual({ request, next: null });
    }
  });

  it("judges the rendered rule text, not the builders: editing a planned expression changes the outcome", () => {
    const plan = JSON.parse(JSON.stringify(prod.plan));
    const ruleset = plan.resources.find((r: { inputs: { phase?: string } }) => r.inputs.phase === "http_ratelimit");
    ruleset.inputs.rules[0].expression = 'http.request.uri.path eq "/pricing"';
    expect(sim.simulate(plan, ["POST https://example.com/login"])[0]!.rateLimitRefs).toEqual([]);
    expect(sim.simulate(plan, ["GET https://example.com/pricing"])[0]!.rateLimitRefs).toEqual([PROD_RL]);
  });

  it.each([
    ["GET", /has no host|not an absolute URL/],
    ["FETCH https://example.com/ extra", /3 words/],
    ["GET ftp://example.com/file", /scheme "ftp"/],
    ["GET https://example.com/ | no-colon-here", /"Name: value"/],
    ["GET https://example.com/ | CF-Connecting-IP: 999.1.1.1", /not an IPv4 or IPv6 address/],
  ])("rejects the malformed request %j, naming it", (line, reason) => {
    expect(() => sim.simulate(prod.plan, ["GET https://example.com/", line])).toThrow(sim.SimulationRequestError);
    expect(() => sim.simulate(prod.plan, [line])).toThrow(reason);
    expect(() => sim.simulate(prod.plan, [line])).toThrow(JSON.stringify(line));
  });

  it("reads a request file: comments and blanks skipped, indented lines are headers", () => {
    const requests = sim.readSimulationFile(["# smoke", "GET https://example.com/", "", `GET https://example.com${JS}`, "  Cookie: session=1", "POST https://example.com/login"].join("\n"));
    expect(requests).toEqual(["GET https://example.com/", `GET https://example.com${JS} | Cookie: session=1`, "POST https://example.com/login"]);
    expect(sim.simulate(prod.plan, requests).map((s) => s.cache)).toEqual(["default", "bypass", "bypass"]);
  });
});

describe("plan --simulate / --simulate-file", () => {
  const { runMain } = require("../support/cli") as typeof import("../support/cli");
  const { planJson } = require("../../plan/pipeline") as typeof import("../../plan/pipeline");
  const { formatRuleBudget, planRuleBudget, zonePlanOf } = require("../../plan/budget") as typeof import("../../plan/budget");

  it("adds simulations and the rule budget to --json", () => {
    const fs = require("node:fs") as typeof import("node:fs");
    // As the command orders them: --simulate requests first, then the file's.
    const requests = ["GET https://example.com/pricing", ...sim.readSimulationFile(fs.readFileSync("test/fixtures/simulate/prod-requests.txt", "utf8"))];
    const plan = planJson(prod, sim.simulate(prod.plan, requests)) as { ruleBudget: unknown[]; simulations: Simulation[] };
    expect(plan.ruleBudget).toContainEqual({ phase: "http_ratelimit", used: 1, limit: 1 });
    expect(plan.simulations.map((s: Simulation) => [s.redirect?.location ?? null, s.rateLimitRefs.length, s.cache, s.accessRequired])).toEqual([
      [null, 0, "default", false],
      ["https://example.com/pricing?ref=x", 0, "default", false],
      [null, 1, "bypass", false],
      [null, 0, "bypass", false],
      [null, 0, "bypass", true],
    ]);
  });

  it("prints the budget table and each simulation", () => {
    expect(formatRuleBudget(planRuleBudget(staging.plan), zonePlanOf(staging.plan))).toMatch(/Rule budget \(pro plan\)[\s\S]*http_ratelimit\s+2 \/ 2/);
    expect(sim.formatSimulations(sim.simulate(staging.plan, ["GET http://www.example-staging.com/pricing?ref=x"]))).toContain("-> 301 https://example-staging.com/pricing?ref=x");
  });

  // The Free prod stack passes every mandatory policy: test/cli/planChecks.test.ts judges it through the pack.
  it("on the Free prod stack: the webhook route's warning among the diagnostics, /login counted and GET /login/x.js never cached", () => {
    const plan = planJson(prod, sim.simulate(prod.plan, ["POST https://example.com/login", "GET https://example.com/login/x.js"])) as { diagnostics: unknown[]; simulations: Simulation[] };
    expect(plan.diagnostics).toContainEqual({ severity: "warning", message: expect.stringMatching(/^launch-ready:edge\.rateLimits\.webhooks: \/api\/webhooks\/stripe is not rate limited at the edge/) });
    expect(plan.simulations.map((s: Simulation) => [s.rateLimitRefs, s.cache])).toEqual([[[PROD_RL], "bypass"], [[], "bypass"]]);
  });

  it("refuses edge.rateLimits.login: false at config time (exit 2, the key and why) instead of failing a policy later", async () => {
    const fs = require("node:fs") as typeof import("node:fs");
    const os = require("node:os") as typeof import("node:os");
    const path = require("node:path") as typeof import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-"));
    const file = path.join(dir, "Pulumi.prod.yaml");
    const stack = fs.readFileSync(testStackFile("prod"), "utf8");
    expect(stack).toContain("  launch-ready:edge:\n");
    fs.writeFileSync(file, stack.replace("  launch-ready:edge:\n", "  launch-ready:edge:\n    rateLimits:\n      login: false\n"));
    // --no-policies: a plan that got past the config would still print "Policies: skipped", and the
    // policy pack's process (seconds of start-up) is not what this checks.
    const { status, stdout, stderr } = await runMain(["plan", "--config-file", file, "--no-policies", "--simulate", "GET https://example.com/login/x.js"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/launch-ready:edge\.rateLimits\.login: false turns off rate limiting of \/login, which leaves them open to password guessing.*edge-rate-limits-cover-routes/);
    expect(stdout).not.toContain("Policies:");
    expect(stderr).not.toMatch(/\n\s+at /);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("exits 2 naming a malformed request line, without a stack trace", async () => {
    const { status, stderr } = await runMain(["plan", ...stackArgs("prod"), "--no-policies", "--simulate-file", "test/fixtures/simulate/malformed.txt"]);
    expect(status).toBe(2);
    expect(stderr).toContain('"GET example.com/no-scheme"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
