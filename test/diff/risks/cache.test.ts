import { basePlan, expectNoLeak, headFrom, plantSecrets, res, rule, rules, riskySection, risksOf, run } from "../helpers";

describe("cache rules widening", () => {
  test("removing the bypass rule is risky, and the member pages the static rule now caches are named", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rules(h, "edge-cache").splice(0, 1);
      // ...and the static rule made host-wide in the same PR.
      rule(h, "edge-cache", "cache-static-assets").expression = '(http.request.uri.path.extension in {"css" "js" "png" "svg" "woff2"}) or starts_with(http.request.uri.path, "/account")';
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    const messages = risksOf(r, "cache-widened").map((x) => x.message);
    expect(messages[0]).toBe("Cache bypass rule bypass-member-pages is removed.");
    expect(messages[1]).toMatch(/^Cache rule cache-static-assets now caches GET admin\.example\.com\/account, .* at the edge \(before: bypassed by bypass-member-pages/);
    expect(riskySection(r.markdown)).toContain("**Cache rules widened**: Cache bypass rule bypass-member-pages is removed.");
    expectNoLeak(r, secrets);
  });

  test("a bypass narrowed to fewer hosts lets the cache rule catch the dropped host", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rule(h, "edge-cache", "bypass-member-pages").expression = '(http.host in {"app.example.com" "api.example.com"}) or starts_with(http.request.uri.path, "/account")';
      rule(h, "edge-cache", "cache-static-assets").expression = '(http.request.uri.path.extension in {"css" "js"})';
    });
    const [risk] = risksOf(run(base, head), "cache-widened");
    expect(risk?.message).toContain("Cache rule cache-static-assets now caches GET admin.example.com/probe.css");
    expect(risk?.message).toContain("bypassed by bypass-member-pages");
  });

  test("a bypass turned into caching is risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rule(h, "edge-cache", "bypass-member-pages").actionParameters = { cache: true };
    });
    const messages = risksOf(run(base, head), "cache-widened").map((x) => x.message);
    expect(messages).toContain("Cache bypass rule bypass-member-pages now caches instead of bypassing.");
    expect(messages).toContainEqual(expect.stringMatching(/^Cache rule bypass-member-pages now caches GET admin.example.com\/, GET admin.example.com\/account, .* and \d+ more at the edge \(before: bypassed by bypass-member-pages\)\.$/));
  });

  test("a bypass rule that no longer sets bypass (cache setting dropped) is risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rule(h, "edge-cache", "bypass-member-pages").actionParameters = { edgeTtl: { mode: "respect_origin" } };
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "cache-widened")).toContainEqual(expect.objectContaining({
      subject: "bypass-member-pages",
      urn: res(head, "edge-cache").urn,
      message: "Cache bypass rule bypass-member-pages no longer sets bypass.",
    }));
    expect(riskySection(r.markdown)).toContain("**Cache rules widened**: Cache bypass rule bypass-member-pages no longer sets bypass.");
    expectNoLeak(r, secrets);
  });

  test("a bypass rule disabled is risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rule(h, "edge-cache", "bypass-member-pages").enabled = false;
    });
    expect(risksOf(run(base, head), "cache-widened").map((x) => x.message)).toContain("Cache bypass rule bypass-member-pages is disabled.");
  });

  test("a longer TTL or a narrower cache rule is not widening", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      const r = rule(h, "edge-cache", "cache-static-assets");
      r.actionParameters.edgeTtl.default = 604800;
      r.expression = '(http.host eq "example.com" and http.request.uri.path.extension in {"css" "js"})';
    });
    expect(risksOf(run(base, head), "cache-widened")).toEqual([]);
  });
});
