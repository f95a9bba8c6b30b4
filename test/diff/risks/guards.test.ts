import { basePlan, expectNoLeak, headFrom, plantSecrets, res, rule, risksOf, riskySection, run } from "../helpers";

/** A PR that keeps every guard in place but makes one stop working: diff names it as a risk (the pack's own judgement). */
describe("guards weakened while still in place", () => {
  test("the base fixture has no weak guard, so every risk below is the PR's", () => {
    const base = basePlan();
    expect(risksOf(run(base, headFrom(base, () => undefined)), "guard-weakened")).toEqual([]);
  });

  test.each([
    ["Access opened to a public mail domain", "access-policy-admits-named-people", (h: any) => (res(h, "edge-admin-access-policy").inputs.includes = [{ emailDomain: { domain: "gmail.com" } }])],
    ["a 100-year Access session", "access-session-bounded", (h: any) => (res(h, "edge-admin-access-policy").inputs.sessionDuration = "876000h")],
    ["the login limit raised to 10^9", "edge-rate-limits-strict", (h: any) => (rule(h, "edge-rate-limits", "login-rate-limit").ratelimit.requestsPerPeriod = 1e9)],
    ["a redirect downgraded to http", "edge-redirects-safe-target", (h: any) => (rule(h, "edge-redirects", "legacy-signup").actionParameters.fromValue.targetUrl = { value: "http://app.example.com/signup" })],
    ["a redirect target taken from the Referer", "edge-redirects-safe-target", (h: any) => (rule(h, "edge-redirects", "legacy-signup").actionParameters.fromValue.targetUrl = { expression: "http.referer" })],
    ["CAA narrowed to a CA Cloudflare does not use", "zone-caa-allows-edge-issuer", (h: any) => ["letsencrypt.org", "pki.goog", "ssl.com"].forEach((ca) => ((res(h, `caa-issue-${ca}`).inputs.data as any).value = "digicert.com"))],
    ["SPF opened to the internet", "email-spf-no-broad-ranges", (h: any) => (res(h, "email-spf-apex").inputs.content = '"v=spf1 include:_spf.google.com ip4:0.0.0.0/0 -all"')],
    ["the chat alert moved to plain http", "uptime-alerts-over-https", (h: any) => (res(h, "monitoring-alerts-chat").inputs.protocol = "http")],
  ])("%s is a guard-weakened risk from %s", (_what, policy, change) => {
    const base = basePlan();
    const head = headFrom(base, change);
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    const risks = risksOf(r, "guard-weakened");
    expect(risks.map((x) => x.subject)).toEqual([policy]);
    expect(risks[0]!.severity).toBe("high");
    expect(riskySection(r.markdown)).toContain("**Guard weakened**");
    expectNoLeak(r, secrets);
  });

  test("a weakness the base already had is not the PR's", () => {
    const base = headFrom(basePlan(), (b) => (res(b, "edge-admin-access-policy").inputs.sessionDuration = "2000h"));
    const head = headFrom(base, (h) => (res(h, "edge-admin-access-policy").inputs.name = "renamed"));
    // Renamed, its finding reads differently, but the same resource was as weak before.
    expect(risksOf(run(base, head), "guard-weakened")).toEqual([]);
    // A second weakness on the same resource is the PR's.
    const worse = headFrom(head, (h) => (res(h, "edge-admin-access-policy").inputs.includes = [{ everyone: {} }]));
    expect(risksOf(run(base, worse), "guard-weakened").map((x) => x.subject)).toEqual(["access-policy-admits-named-people"]);
  });
});
