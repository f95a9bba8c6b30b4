import { basePlan, expectNoLeak, headFrom, plantSecrets, res, riskySection, risksOf, run } from "../helpers";

describe("hosts becoming unproxied", () => {
  test("turning proxied off on a host is risky, and names Access when the host had it", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      Object.assign(res(h, "admin-origin").inputs, { proxied: false, ttl: 300 });
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    const [risk] = risksOf(r, "host-unproxied");
    expect(risk).toEqual(expect.objectContaining({ subject: "admin.example.com" }));
    expect(risk?.message).toContain("admin.example.com is no longer proxied: its origin's address becomes public");
    expect(risk?.message).toContain("Access application stops protecting it");
    expect(riskySection(r.markdown)).toContain("**Host no longer proxied**: admin.example.com");
    expectNoLeak(r, secrets);
  });

  test("a proxied record replaced by an unproxied one of another type is caught per host", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      const r = res(h, "api-origin");
      r.name = "api-origin-a";
      r.urn = r.urn.replace(/::api-origin$/, "::api-origin-a");
      Object.assign(r.inputs, { type: "A", content: "203.0.113.10", proxied: false, ttl: 300 });
    });
    expect(risksOf(run(base, head), "host-unproxied").map((x) => x.subject)).toEqual(["api.example.com"]);
  });

  test("a host that stays unproxied, or becomes proxied, is not risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      Object.assign(res(h, "help-origin").inputs, { ttl: 600 });
    });
    expect(risksOf(run(base, head), "host-unproxied")).toEqual([]);
    expect(risksOf(run(head, base), "host-unproxied")).toEqual([]);
  });
});
