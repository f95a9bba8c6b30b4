import { analyzeSpf, buildSpfRecord, countSpfLookups, includeCost, parseSpfTerm, type SpfTerm } from "../../../components/email/spf";
import type { SpfIncludeFact } from "../../../components/email/providers";

const terms = (...raw: string[]): SpfTerm[] =>
  raw.map((r) => {
    const t = parseSpfTerm(r);
    if (typeof t === "string") throw new Error(t);
    return t;
  });

describe("SPF lookup counting", () => {
  test("ip4, ip6 and all cost nothing", () => {
    const count = countSpfLookups(terms("ip4:192.0.2.0/24", "ip6:2001:db8::/32", "-all"));
    expect(count.total).toBe(0);
  });

  test("a, mx, ptr, exists and redirect cost one each", () => {
    const count = countSpfLookups(terms("a", "mx", "ptr", "exists:%{i}.spf.example.net", "redirect=_spf.example.org"), { "_spf.example.org": 0 });
    expect(count.perTerm.map((t) => t.cost)).toEqual([1, 1, 1, 1, 1]);
    expect(count.total).toBe(5);
  });

  test("nested includes are counted from the table (Google 3, Mailgun 5, Microsoft 1)", () => {
    expect(includeCost("_spf.google.com").cost).toBe(3);
    expect(includeCost("mailgun.org").cost).toBe(5);
    expect(includeCost("spf.protection.outlook.com").cost).toBe(1);
    const count = countSpfLookups(terms("include:_spf.google.com", "include:mailgun.org", "include:amazonses.com"));
    expect(count.total).toBe(9);
  });

  test("a redirect follows the nesting of its target", () => {
    const table: Record<string, SpfIncludeFact> = {
      "_spf.example.org": { nested: ["a.example.org", "b.example.org"], otherLookups: 1, source: "test" },
      "a.example.org": { nested: [], source: "test" },
      "b.example.org": { nested: ["c.example.org"], source: "test" },
      "c.example.org": { nested: [], source: "test" },
    };
    const count = countSpfLookups(terms("redirect=_spf.example.org"), {}, table);
    // 1 (redirect) + 1 (a mx term inside) + 1 (a) + 1 (b) + 1 (c)
    expect(count.total).toBe(5);
  });

  test("a loop in the table is reported, not followed forever", () => {
    const table: Record<string, SpfIncludeFact> = {
      "x.example.org": { nested: ["y.example.org"], source: "test" },
      "y.example.org": { nested: ["x.example.org"], source: "test" },
    };
    expect(() => includeCost("x.example.org", table)).toThrow("x.example.org -> y.example.org -> x.example.org");
  });

  test("unknown includes cost one and are flagged; declared costs are used", () => {
    const unknown = countSpfLookups(terms("include:spf.unknown.example"));
    expect(unknown).toMatchObject({ total: 1, unknownIncludes: ["spf.unknown.example"] });
    const declared = countSpfLookups(terms("include:spf.unknown.example"), { "spf.unknown.example": 3 });
    expect(declared).toMatchObject({ total: 4, unknownIncludes: [] });
  });

  test("over 10 lookups is an error naming the count and the terms", () => {
    const result = analyzeSpf("example.com", ["include:_spf.google.com", "include:mailgun.org", "include:spf.protection.outlook.com", "a", "mx"], "-all");
    const errors = result.problems.filter((p) => p.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain("needs 11 DNS lookups");
    expect(errors[0]!.message).toContain("include:_spf.google.com (3)");
    expect(errors[0]!.message).toContain("include:mailgun.org (5)");
    expect(errors[0]!.message).toContain("mx (1)");
  });

  test("exactly 10 lookups passes", () => {
    const result = analyzeSpf("example.com", ["include:_spf.google.com", "include:mailgun.org", "a", "mx"], "-all");
    expect(result.lookups?.total).toBe(10);
    expect(result.problems.filter((p) => p.level === "error")).toEqual([]);
  });
});

describe("SPF terms and records", () => {
  test.each([
    ["ip4:300.1.1.1", "ip4 needs an IPv4 address"],
    ["ip6:192.0.2.1", "ip6 needs an IPv6 address"],
    ["include:", "include needs a domain"],
    ["include:bad..example", 'the domain has an invalid label ""'],
    ["include:localhost", "needs at least two labels"],
    ["foo:bar.example", 'unknown SPF mechanism "foo"'],
  ])("%s is rejected", (raw, message) => {
    expect(parseSpfTerm(raw)).toEqual(expect.stringContaining(message));
  });

  test("a whole record or an all term among the terms is rejected", () => {
    expect(analyzeSpf("example.com", ["v=spf1 include:x.example -all"], "-all").problems[0]!.message).toContain("is a whole SPF record");
    expect(analyzeSpf("example.com", ["+all"], "-all").problems[0]!.message).toContain('"all" comes from spf.all');
  });

  test("ptr is a warning", () => {
    const result = analyzeSpf("example.com", ["ptr"], "-all");
    expect(result.problems).toEqual([expect.objectContaining({ level: "warning", message: expect.stringContaining("ptr is slow") })]);
  });

  test("the record ends in the chosen all, deduplicates terms, and puts a redirect last without all", () => {
    expect(buildSpfRecord(terms("include:_spf.google.com", "ip4:192.0.2.1", "include:_spf.google.com"), "-all")).toBe("v=spf1 include:_spf.google.com ip4:192.0.2.1 -all");
    expect(buildSpfRecord(terms("ip4:192.0.2.1"), "~all")).toBe("v=spf1 ip4:192.0.2.1 ~all");
    expect(buildSpfRecord(terms("redirect=_spf.example.org", "ip4:192.0.2.1"), "-all")).toBe("v=spf1 ip4:192.0.2.1 redirect=_spf.example.org");
  });

  test("records over 450 bytes warn and over 512 fail", () => {
    const ips = (n: number) => Array.from({ length: n }, (_, i) => `ip4:198.51.${Math.floor(i / 250)}.${i % 250}`);
    const atLimit = analyzeSpf("example.com", ips(28), "-all");
    expect(atLimit.record!.length).toBe(449);
    expect(atLimit.problems).toEqual([]);
    const warnOnly = analyzeSpf("example.com", ips(29), "-all");
    expect(warnOnly.record!.length).toBeGreaterThan(450);
    expect(warnOnly.record!.length).toBeLessThanOrEqual(512);
    expect(warnOnly.problems.map((p) => p.level)).toEqual(["warning"]);
    const tooLong = analyzeSpf("example.com", ips(32), "-all");
    expect(tooLong.problems.map((p) => p.level)).toEqual(["error"]);
  });
});
