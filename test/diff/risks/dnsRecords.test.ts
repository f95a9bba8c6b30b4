import { basePlan, expectNoLeak, headFrom, plantSecrets, remove, res, riskySection, risksOf, run } from "../helpers";

describe("DNS record deletes and replacements", () => {
  test("a deleted record is risky and named by host, type and content", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => remove(h, "email-mx-apex-0"));
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "dns-record-deleted")).toEqual([
      expect.objectContaining({ subject: "example.com", message: "DNS record example.com MX smtp.google.com is deleted." }),
    ]);
    expect(riskySection(r.markdown)).toContain("**DNS record deleted**: DNS record example.com MX smtp.google.com is deleted.");
    expect(r.report.counts.removed).toBe(1);
    expectNoLeak(r, secrets);
  });

  test("a type change under the same URN is a replacement", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      Object.assign(res(h, "api-origin").inputs, { type: "A", content: "203.0.113.10" });
    });
    const r = run(base, head);
    const [risk] = risksOf(r, "dns-record-replaced");
    expect(risk?.message).toContain("DNS record api.example.com CNAME example-api.fly.dev is replaced (type CNAME -> A)");
    expect(risk?.message).toContain("creates api.example.com A 203.0.113.10");
    expect(riskySection(r.markdown)).toContain("**DNS record replaced**");
  });

  test("a name change is a replacement", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      res(h, "help-origin").inputs.name = "support.example.com";
    });
    expect(risksOf(run(base, head), "dns-record-replaced")[0]?.message).toContain("name help.example.com -> support.example.com");
  });

  test("a delete plus a create of the same name under a new logical name is a replacement", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      const r = res(h, "app-origin");
      r.name = "app-web";
      r.urn = r.urn.replace(/::app-origin$/, "::app-web");
      r.options.aliases = [];
    });
    const r = run(base, head);
    expect(risksOf(r, "dns-record-deleted")).toEqual([]);
    expect(risksOf(r, "dns-record-replaced")[0]?.message).toMatch(/app\.example\.com CNAME example-web\.vercel\.app is deleted and re-created .* \(logical name "app-origin" -> "app-web" without an alias\)/);
  });

  test("a rename with an alias and a content change are not risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      const r = res(h, "app-origin");
      r.options.aliases = [...r.options.aliases, r.urn];
      r.name = "app-web";
      r.urn = r.urn.replace(/::app-origin$/, "::app-web");
      r.inputs.content = "example-web-v2.vercel.app";
    });
    const r = run(base, head);
    expect(r.report.risks).toEqual([]);
    expect(r.report.changes).toEqual([expect.objectContaining({ kind: "changed", renamedFrom: expect.stringContaining("::app-origin"), properties: expect.arrayContaining([{ path: "inputs.content", before: "example-web.vercel.app", after: "example-web-v2.vercel.app" }]) })]);
  });
});
