/**
 * Verify and the stack's own rate limits: which rule counts a request (the Rules evaluator on the
 * rule's expression), the run's budget spacing requests, the performance plan leaving limited routes
 * out unless the config names them (then capped), and a 429 from the rule judged as the rule working.
 */
import { judgeDeclaredRedirect } from "../../verify/http/redirects";
import { judgePerformance } from "../../verify/http/perf";
import { perfPlan } from "../../verify/jobs";
import { RequestBudget, rulesCounting, type RateLimitRule } from "../../verify/ratelimit";
import { targetFromPlan } from "../../verify";
import { stackPlan } from "./support/stack";

const AUTH: RateLimitRule = {
  ref: "ratelimit-login-signup-password-reset",
  expression: '(http.request.uri.path in {"/login" "/signup" "/password/reset"})',
  requestsPerPeriod: 5,
  period: 10,
  mitigationTimeout: 10,
};

test("the evaluator decides which rule counts a request: paths in the rule, not others, not the query", () => {
  expect(rulesCounting([AUTH], new URL("https://example.test/login?next=/members")).map((r) => r.ref)).toEqual([AUTH.ref]);
  expect(rulesCounting([AUTH], new URL("https://example.test/login/help"))).toEqual([]);
  expect(rulesCounting([AUTH], new URL("https://example.test/"))).toEqual([]);
});

test("the budget never lets more than the rule allows leave within a window: the sixth waits for the window to pass", async () => {
  let now = 0;
  const budget = new RequestBudget([AUTH], () => true, () => now);
  const url = new URL("https://example.test/signup");
  for (let i = 0; i < 5; i++) await budget.take(url);
  let sixth = false;
  const p = budget.take(url).then(() => (sixth = true));
  await new Promise((r) => setTimeout(r, 30));
  expect(sixth).toBe(false);
  now = 11_001; // past the period plus the edge's second
  await p;
  expect(sixth).toBe(true);
  expect(budget.mostInWindow(AUTH.ref)).toBe(5);
  // Not counted: other paths, and hosts the zone's rules do not see.
  expect(await budget.take(new URL("https://example.test/"))).toEqual([]);
  expect(await new RequestBudget([AUTH], (h) => h !== "help.example.test").take(new URL("https://help.example.test/login"))).toEqual([]);
});

test("a waiting request gives up when its job is aborted", async () => {
  const budget = new RequestBudget([{ ...AUTH, requestsPerPeriod: 1 }], () => true, () => 0);
  await budget.take(new URL("https://example.test/login"));
  const abort = new AbortController();
  const waiting = budget.take(new URL("https://example.test/login"), abort.signal);
  abort.abort();
  await expect(waiting).rejects.toThrow("aborted");
});

describe("performance plan under the stack's rate limit", () => {
  const base = targetFromPlan(stackPlan());
  const target = { ...base, rateLimits: [AUTH] };

  test("by default limited routes are left out, and the note says where and why", () => {
    const plan = perfPlan(target, {});
    expect(plan.routes.map((r) => r.path)).toEqual(["/"]);
    expect(plan.notes(() => 4)).toEqual([
      `rate limit ${AUTH.ref} (5 requests per 10 s per IP) counts /login, /password/reset, /signup: verify sends at most 5 requests there within any 10 s, spaced when more are due (this run: at most 4); performance not sampled at /login, /signup, /password/reset (name them in verify.performance.routes to sample them, capped to the rule's budget)`,
    ]);
  });

  test("named in the config, a limited route is sampled, capped to what the rule leaves after the other checks", () => {
    const named = { ...target, performance: { ...target.performance, routes: ["/", "/login"], routesDeclared: true } };
    // Smoke login, signup, reset and the cookie check's login: 4 of 5, one sample left.
    const plan = perfPlan(named, { samples: 20 });
    expect(plan.routes).toEqual([{ path: "/", samples: 20, wanted: 20 }, { path: "/login", samples: 1, wanted: 20, limitedBy: AUTH }]);
    expect(plan.notes(() => 5)[1]).toBe(`performance /login: 1 sample(s) instead of 20, capped by ${AUTH.ref} (5 requests per 10 s per IP)`);
  });
});

test("a 429 from the stack's own rule is the rule working: neither an error nor a latency sample", () => {
  const budget = targetFromPlan(stackPlan()).performance;
  const checks = judgePerformance("https://example.test/login", [{ ms: 20, status: 200, bytes: 10 }, { ms: 5, status: 429, bytes: 10, limitedBy: AUTH.ref }], budget);
  expect(checks.map((c) => [c.id, c.status])).toEqual([["perf.p95", "pass"], ["perf.errors", "pass"], ["perf.size", "pass"]]);
  expect(checks[1]!.message).toBe(`0 of 1 samples failed; 1 answered 429 by the stack's own rate limit ${AUTH.ref} (the rule working, not counted)`);
  // The same 429 from the app (no rule counts the route) is an error.
  expect(judgePerformance("https://example.test/x", [{ ms: 20, status: 200 }, { ms: 5, status: 429 }], budget)[1]!.status).toBe("fail");
});

describe("declared redirects judged on their first live answer", () => {
  const keeps = { url: "https://example.test/old-pricing?probe=1", status: 301, location: "https://example.test/pricing?probe=1", preserveQueryString: true };
  const drops = { url: "https://example.test/forum?probe=1", status: 308, location: "https://community.example.org/", preserveQueryString: false };
  test.each<[string, typeof keeps, { status: number; location?: string }, string, RegExp]>([
    ["as declared, query kept", keeps, { status: 301, location: "/pricing?probe=1" }, "pass", /^301 to https:\/\/example\.test\/pricing\?probe=1, query kept as declared$/],
    ["the query dropped although kept is declared", keeps, { status: 301, location: "https://example.test/pricing" }, "fail", /^drops the query string \?probe=1, declared kept/],
    ["a query carried over although dropped is declared", drops, { status: 308, location: "https://community.example.org/?probe=1" }, "fail", /^query \?probe=1, declared dropped/],
    ["a temporary status", drops, { status: 302, location: "https://community.example.org/" }, "fail", /^status 302, declared 308/],
    ["another target", keeps, { status: 301, location: "https://example.test/prices?probe=1" }, "fail", /^goes to https:\/\/example\.test\/prices, declared https:\/\/example\.test\/pricing/],
    ["no redirect at all", keeps, { status: 200 }, "fail", /^answers 200 without redirecting; declared 301/],
  ])("%s", (_name, exp, live, status, message) => {
    const c = judgeDeclaredRedirect(exp, live);
    expect(c).toEqual(expect.objectContaining({ id: "redirect.declared", status, message: expect.stringMatching(message) }));
  });
});
