import { basePlan, expectNoLeak, headFrom, plantSecrets, rule, rules, riskySection, risksOf, run } from "../helpers";

describe("removed or weakened rate limits", () => {
  test("removing the login rule is risky and names the routes left unlimited", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rules(h, "edge-rate-limits").splice(0, 1);
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    const [risk] = risksOf(r, "rate-limit-removed");
    expect(risk?.message).toMatch(/^Rate limit rule login-rate-limit \(5 requests per 10 s\) is removed: GET admin\.example\.com\/login, POST admin\.example\.com\/login, GET api\.example\.com\/login, and \d+ more are no longer rate limited\.$/);
    expect(riskySection(r.markdown)).toContain("**Rate limit removed or weakened**: Rate limit rule login-rate-limit");
    expectNoLeak(r, secrets);
  });

  test.each([
    ["disabled", (x: Record<string, any>) => (x.enabled = false), "is disabled"],
    ["turned to log", (x: Record<string, any>) => (x.action = "log"), "only logs now (action log)"],
    ["limit raised", (x: Record<string, any>) => (x.ratelimit.requestsPerPeriod = 50), "is raised from 5 requests per 10 s to 50 requests per 10 s"],
    ["shorter block", (x: Record<string, any>) => (x.ratelimit.mitigationTimeout = 5), "blocks for 5 s instead of 10 s"],
  ])("a rule %s", (_label, edit, message) => {
    const base = basePlan();
    const head = headFrom(base, (h) => edit(rule(h, "edge-rate-limits", "login-rate-limit")));
    expect(risksOf(run(base, head), "rate-limit-removed").map((x) => x.message)).toEqual([expect.stringContaining(message)]);
  });

  test("an expression that no longer matches a route (typo in the path) is found by probing", () => {
    const base = basePlan("staging");
    const head = headFrom(base, (h) => {
      rule(h, "edge-rate-limits", "api-rate-limit").expression = '(http.host eq "api.example-staging.com" and starts_with(http.request.uri.path, "/v2/"))';
    });
    const [risk] = risksOf(run(base, head), "rate-limit-removed");
    expect(risk?.message).toContain("Rate limit rule api-rate-limit no longer covers some routes: GET api.example-staging.com/v1/, POST api.example-staging.com/v1/");
  });

  test("a tighter rule, or the same rule under a new ref covering the same routes, is not risky", () => {
    const base = basePlan();
    const tighter = headFrom(base, (h) => {
      rule(h, "edge-rate-limits", "login-rate-limit").ratelimit.requestsPerPeriod = 3;
    });
    expect(risksOf(run(base, tighter), "rate-limit-removed")).toEqual([]);
    const renamed = headFrom(base, (h) => {
      rule(h, "edge-rate-limits", "login-rate-limit").ref = "login-limit";
    });
    const r = run(base, renamed);
    expect(risksOf(r, "rate-limit-removed")).toEqual([]);
    expect(r.report.notes).toContainEqual(expect.stringContaining("Rate limit rule login-rate-limit is removed; every probed route it limited is still limited by another rule."));
  });

  test("an expression the evaluator cannot read is left for review, not passed silently", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rule(h, "edge-rate-limits", "login-rate-limit").expression = '(http.request.uri.path eq "/login" and cf.threat_score gt 10)';
    });
    const r = run(base, head);
    expect(r.report.notes.join("\n")).toContain("Rate limit rule login-rate-limit (head) could not be evaluated");
    expect(r.markdown).toContain("Not judged automatically (review by hand):");
  });
});
