/** The pure judges of verify: table tests that pin thresholds and messages, without a network. */
import * as crypto from "node:crypto";
import forge from "node-forge";
import { parseSpf, spfSizeFindings } from "../../verify/email/spf";
import { judgeDmarc } from "../../verify/email/dmarc";
import { judgeDkim } from "../../verify/email/dkim";
import { judgeGated, judgeRedirects, judgeUpgrade, type Hop } from "../../verify/http/redirects";
import { judgeCookies, judgeCors, judgeDeclaredHeaders, judgeHsts, judgePageHeaders } from "../../verify/http/headers";
import { judgePerformance, percentile } from "../../verify/http/perf";
import { judgeCertificate, signatureAlgorithmOid } from "../../verify/http/tls";
import { parseCidrList, compileRanges, inRanges } from "../../verify/edge";
import { CLOUDFLARE_RANGES } from "../../verify/cloudflare-ranges";
import { canonicalDeclared, judgeChainEnd, privateAddressReason } from "../../verify/dns/records";
import { TestCa } from "./support/pki";
import { testRsaPublicKeyBase64 } from "../support/rsaKeys";

const raw = (pairs: Array<[string, string]>) => ({ rawHeaders: pairs.flat() });

describe("SPF", () => {
  test.each([
    ["v=spf1 include:_spf.google.com ~all", []],
    ["v=spf1 +all", [["fail", /\+all/]]],
    ["v=spf1 ?all", [["warn", /neutral/]]],
    ["v=spf1 ip4:192.0.2.1", [["warn", /no "all"/]]],
    ["v=spf1 ptr -all", [["warn", /ptr/]]],
    ["v=spf1 foo:bar -all", [["fail", /unknown term/]]],
    ["v=spf1 include: -all", [["fail", /needs a domain/]]],
    ["v=spf10 -all", [["fail", /does not start/]]],
    ["v=spf1 redirect=_spf.example.com", []],
  ] as Array<[string, Array<[string, RegExp]>]>)("%s", (text, expected) => {
    const { findings } = parseSpf(text);
    expect(findings.map((f) => f.level)).toEqual(expected.map(([l]) => l));
    expected.forEach(([, re], i) => expect(findings[i]!.message).toMatch(re));
  });
  test("sizes: 255 bytes a string, warn over 450, fail over 512", () => {
    expect(spfSizeFindings(["a".repeat(255)])).toEqual([]);
    expect(spfSizeFindings(["a".repeat(256)])[0]!.message).toMatch(/256 bytes; at most 255/);
    expect(spfSizeFindings(["a".repeat(250), "a".repeat(201)]).map((f) => f.level)).toEqual(["warn"]);
    expect(spfSizeFindings(["a".repeat(255), "a".repeat(255), "a".repeat(3)]).map((f) => f.level)).toEqual(["fail"]);
  });
});

describe("DMARC", () => {
  test.each([
    ["v=DMARC1; p=reject; rua=mailto:d@example.com", "reject", true, []],
    ["v=DMARC1; p=none; rua=mailto:d@example.com", undefined, true, ["fail"]],
    ["v=DMARC1; p=none; rua=mailto:d@example.com", undefined, false, ["warn"]],
    ["v=DMARC1; p=quarantine; rua=mailto:d@example.com", "reject", true, ["fail"]],
    ["p=reject; v=DMARC1; rua=mailto:d@example.com", undefined, true, ["fail", "fail"]],
    ["v=DMARC1; p=reject", undefined, true, ["warn"]],
    ["v=DMARC1; p=reject; rua=https://x.example.com", undefined, true, ["warn"]],
    ["v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com,mailto:c@example.com", undefined, true, ["warn"]],
    ["v=DMARC1; p=reject; pct=50; rua=mailto:d@example.com", undefined, true, ["warn"]],
  ] as Array<[string, "reject" | undefined, boolean, string[]]>)("%s (declared %s, prod %s)", (text, declared, prod, levels) => {
    expect(judgeDmarc(text, declared, prod, "example.com").findings.map((f) => f.level)).toEqual(levels);
  });
  test("a report address on another domain is returned for the authorisation lookup", () => {
    expect(judgeDmarc("v=DMARC1; p=reject; rua=mailto:r@reports.example.net", undefined, true, "example.com").externalRua).toEqual(["reports.example.net"]);
  });
});

describe("DKIM", () => {
  const key = (bits: number) => testRsaPublicKeyBase64(bits, "dkim");
  test.each([
    [512, "fail", /512 bits; receivers ignore keys under 1024/],
    [1024, "warn", /1024 bits; 2048 is recommended/],
    [2048, "pass", /2048 bits/],
  ] as Array<[number, string, RegExp]>)("RSA %i", (bits, level, re) => {
    const f = judgeDkim(`v=DKIM1; k=rsa; p=${key(bits)}`);
    expect(f).toEqual([{ level, message: expect.stringMatching(re) }]);
  });
  test("revoked, missing p, testing flag, version not first", () => {
    expect(judgeDkim("v=DKIM1; p=")[0]!.message).toMatch(/revoked/);
    expect(judgeDkim("v=DKIM1; k=rsa")[0]!.message).toMatch(/no "p="/);
    expect(judgeDkim(`v=DKIM1; t=y; p=${key(2048)}`).map((f) => f.level)).toEqual(["pass", "warn"]);
    expect(judgeDkim(`k=rsa; v=DKIM1; p=${key(2048)}`)[0]!.level).toBe("fail");
    expect(judgeDkim("v=DKIM1; p=bm90IGEga2V5")[0]!.message).toMatch(/not a valid RSA public key/);
  });
});

describe("redirects", () => {
  const canonical = "https://example.com/x?q=1";
  const hop = (url: string, status: number, location?: string) => ({ url, status, ...(location ? { location } : {}) });
  test("a clean two-hop chain passes", () => {
    const c = judgeRedirects("http://www.example.com/x?q=1", { loop: false, hops: [hop("http://www.example.com/x?q=1", 301, "https://www.example.com/x?q=1"), hop("https://www.example.com/x?q=1", 308, canonical), hop(canonical, 404)] }, canonical);
    expect(c.map((x) => `${x.id} ${x.status}`)).toEqual(["redirect.chain pass", "redirect.permanent pass"]);
  });
  test("a downgrade to http after https fails", () => {
    const c = judgeRedirects("https://www.example.com/x?q=1", { loop: false, hops: [hop("https://www.example.com/x?q=1", 301, "http://example.com/x?q=1"), hop("http://example.com/x?q=1", 301, canonical), hop(canonical, 200)] }, canonical);
    expect(c[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/back to plain http/) });
  });
  test("ending on another host or path names both URLs", () => {
    const c = judgeRedirects("https://www.example.com/x?q=1", { loop: false, hops: [hop("https://www.example.com/x?q=1", 301, "https://example.com/"), hop("https://example.com/", 200)] }, canonical);
    expect(c[0]!.message).toMatch(/path changed: ends at https:\/\/example.com\/, expected https:\/\/example.com\/x\?q=1/);
  });
  test("a failed request is a failure, not a pass", () => {
    expect(judgeRedirects("https://a.example.com/", { loop: false, hops: [], error: "https://a.example.com/: ECONNREFUSED" }, canonical)[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/ECONNREFUSED/) });
  });
  test("access-gated hosts: only the https upgrade is judged", () => {
    expect(judgeUpgrade("http://admin.example.com/x", { loop: false, hops: [hop("http://admin.example.com/x", 301, "https://admin.example.com/x"), hop("https://admin.example.com/x", 302, "https://team.cloudflareaccess.com/")] }).map((c) => c.status)).toEqual(["pass", "pass"]);
    expect(judgeUpgrade("http://admin.example.com/x", { loop: false, hops: [hop("http://admin.example.com/x", 200)] })[0]!.status).toBe("fail");
  });
  describe("access-gated hosts over https: the gate or its login, nothing else", () => {
    const start = "https://admin.example.com/x?q=1";
    const login = "https://team.cloudflareaccess.com/cdn-cgi/access/login/admin.example.com?redirect_url=%2Fx%3Fq%3D1";
    test.each<[string, Hop[], boolean, Array<[string, string, RegExp]>]>([
      ["a 302 to the team's Access login", [hop(start, 302, login)], false, [["redirect.chain", "pass", /Access login/]]],
      ["a 403 from the gate (Access, or an IP allow-list)", [hop(start, 403)], false, [["redirect.chain", "pass", /answers 403 on the host/]]],
      ["a 401 after a same-host hop", [hop(start, 308, "https://admin.example.com/x/?q=1"), hop("https://admin.example.com/x/?q=1", 401)], false, [["redirect.chain", "pass", /answers 401 on the host/]]],
      ["a same-host hop, then the login", [hop(start, 301, "https://admin.example.com/x/?q=1"), hop("https://admin.example.com/x/?q=1", 302, login)], false, [["redirect.chain", "pass", /Access login/]]],
      ["a loop on the host", [hop(start, 301, "https://admin.example.com/y"), hop("https://admin.example.com/y", 301, start)], true, [["redirect.chain", "fail", /redirect loop/]]],
      ["a redirect to another host", [hop(start, 302, "https://evil.example.net/login")], false, [["redirect.chain", "fail", /redirects to https:\/\/evil\.example\.net\/login, which is neither admin\.example\.com nor an Access login/]]],
      ["a look-alike login host", [hop(start, 302, "https://cloudflareaccess.com.evil.test/")], false, [["redirect.chain", "fail", /neither admin\.example\.com nor an Access login/]]],
      ["a hop back to plain http", [hop(start, 301, "http://admin.example.com/x?q=1")], false, [["redirect.chain", "fail", /back to plain http/]]],
      ["a 200 page to an anonymous visitor", [hop(start, 200)], false, [["redirect.chain", "pass", /answers 200/], ["smoke.protected", "fail", /answers 200 to an anonymous visitor: the gate is not in front of it/]]],
      ["the app's own 404 (no gate answers like that)", [hop(start, 404)], false, [["redirect.chain", "pass", /answers 404/], ["smoke.protected", "fail", /answers 404 to an anonymous visitor: not the gate's 401\/403 or its login/]]],
    ])("%s", (_name, hops, loop, expected) => {
      const checks = judgeGated(start, { loop, hops });
      expect(checks.map((c) => [c.id, c.status])).toEqual(expected.map(([id, status]) => [id, status]));
      expected.forEach(([, , re], i) => expect(checks[i]!.message).toMatch(re));
    });
    test("a failed request fails", () => {
      expect(judgeGated(start, { loop: false, hops: [], error: `${start}: ECONNREFUSED` })[0]).toMatchObject({ id: "redirect.chain", status: "fail", message: expect.stringMatching(/ECONNREFUSED/) });
    });
  });
  test.each([
    [3, "pass"],
    [4, "fail"],
  ] as Array<[number, string]>)("%i permanent redirects to the canonical URL: %s (at most 3)", (count, status) => {
    const urls = ["http://www.example.com/x?q=1", "https://www.example.com/x?q=1", "https://example.com/hop/x?q=1", "https://example.com/hop2/x?q=1"].slice(0, count);
    const hops = [...urls.map((u, i) => hop(u, 301, urls[i + 1] ?? canonical)), hop(canonical, 200)];
    const c = judgeRedirects(urls[0]!, { loop: false, hops }, canonical)[0]!;
    expect(c.status).toBe(status);
    if (status === "fail") expect(c.message).toMatch(/4 redirects, at most 3 allowed/);
  });
  test("http must upgrade on its own host before moving to the canonical host", () => {
    const skip = judgeRedirects("http://www.example.com/x?q=1", { loop: false, hops: [hop("http://www.example.com/x?q=1", 301, canonical), hop(canonical, 200)] }, canonical);
    expect(skip[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/first redirect goes to https:\/\/example\.com\/x\?q=1; http:\/\/www\.example\.com must first go to https:\/\/www\.example\.com \(same host\)/) });
    const plain = judgeRedirects("http://www.example.com/x?q=1", { loop: false, hops: [hop("http://www.example.com/x?q=1", 301, "http://example.com/x?q=1"), hop("http://example.com/x?q=1", 301, canonical), hop(canonical, 200)] }, canonical);
    expect(plain[0]!.message).toMatch(/must first go to https:/);
  });
});

describe("headers", () => {
  test.each([
    [[["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]], {}, "pass", /max-age=31536000/],
    [[], {}, "fail", /no Strict-Transport-Security/],
    [[["strict-transport-security", "max-age=31536000"], ["strict-transport-security", "max-age=31536000"]], {}, "fail", /2 Strict-Transport-Security headers/],
    [[["strict-transport-security", "max-age=86400"]], {}, "fail", /under 15552000/],
    [[["strict-transport-security", "max-age=15552000"]], { maxAge: 31536000 }, "fail", /declared 31536000/],
    [[["strict-transport-security", "max-age=31536000"]], { includeSubDomains: true }, "fail", /includeSubDomains missing/],
    [[["strict-transport-security", "max-age=15552000; includeSubDomains; preload"]], {}, "fail", /preload needs max-age >= 31536000/],
    // Outside production: a short max-age as declared warns; one that differs from the declaration, or undeclared, still fails.
    [[["strict-transport-security", "max-age=86400"]], { maxAge: 86400, shortDeclaredAllowed: true }, "warn", /max-age=86400 as declared, under 15552000 .*non-production/],
    [[["strict-transport-security", "max-age=3600"]], { maxAge: 86400, shortDeclaredAllowed: true }, "fail", /under 15552000.*declared 86400/],
    [[["strict-transport-security", "max-age=86400"]], { shortDeclaredAllowed: true }, "fail", /under 15552000/],
    [[["strict-transport-security", "max-age=86400"]], { maxAge: 86400 }, "fail", /under 15552000/],
  ] as Array<[Array<[string, string]>, object, string, RegExp]>)("HSTS %j as %j", (headers, exp, status, re) => {
    expect(judgeHsts("https://example.com", raw(headers), true, exp)).toMatchObject({ status, message: expect.stringMatching(re) });
  });
  test("HSTS over plain http warns", () => {
    expect(judgeHsts("http://example.com", raw([["strict-transport-security", "max-age=31536000"]]), false, {}).status).toBe("warn");
  });
  test("page headers: report-only CSP counts as missing, unsafe-inline warns, XFO ALLOW-FROM fails, unsafe referrer fails", () => {
    const checks = judgePageHeaders("https://example.com/", raw([
      ["content-security-policy-report-only", "default-src 'self'"],
      ["x-frame-options", "ALLOW-FROM https://x.example"],
      ["referrer-policy", "unsafe-url"],
    ]));
    expect(checks.map((c) => `${c.id} ${c.status}`)).toEqual(["headers.csp fail", "headers.frame fail", "headers.nosniff fail", "headers.referrer fail"]);
    expect(judgePageHeaders("x", raw([["content-security-policy", "script-src 'self' 'unsafe-inline'"]]))[0]).toMatchObject({ status: "warn", message: expect.stringMatching(/unsafe-inline/) });
    expect(judgePageHeaders("x", raw([["content-security-policy", "script-src 'self' 'unsafe-inline' 'nonce-abc'"], ["x-frame-options", "DENY"]])).slice(0, 2).map((c) => c.status)).toEqual(["pass", "pass"]);
  });
  test("page headers: a report-only CSP a non-production stack declares warns; a missing CSP still fails there", () => {
    const reportOnly = raw([["content-security-policy-report-only", "default-src 'self'"]]);
    expect(judgePageHeaders("x", reportOnly, { reportOnlyAsDeclared: true })[0]).toMatchObject({ id: "headers.csp", status: "warn", message: expect.stringMatching(/as this non-production stack declares/) });
    expect(judgePageHeaders("x", raw([]), { reportOnlyAsDeclared: true })[0]).toMatchObject({ id: "headers.csp", status: "fail" });
  });
  test("declared headers: set must match (whitespace aside), removed must be absent; a declared report-only CSP warns", () => {
    const declared = { "x-frame-options": "DENY", "referrer-policy": "no-referrer", "content-security-policy": null, "content-security-policy-report-only": "default-src  'self'" };
    const ok = judgeDeclaredHeaders("t", raw([["X-Frame-Options", "DENY"], ["Referrer-Policy", "no-referrer"], ["Content-Security-Policy-Report-Only", "default-src 'self'"]]), declared);
    expect(ok.map((c) => `${c.id} ${c.status}`)).toEqual(["headers.declared pass", "headers.csp warn"]);
    const bad = judgeDeclaredHeaders("t", raw([["X-Frame-Options", "SAMEORIGIN"], ["Content-Security-Policy", "default-src *"], ["Content-Security-Policy-Report-Only", "default-src 'self'"]]), declared);
    expect(bad[0]).toMatchObject({ status: "fail", message: 'content-security-policy is sent ("default-src *"), but the edge declares it removed; referrer-policy missing, declared "no-referrer"; x-frame-options is "SAMEORIGIN", declared "DENY"' });
  });
  test("cookies: session cookies need all three flags; others only Secure (a warning)", () => {
    expect(judgeCookies("t", ["sid=1; Secure; HttpOnly; SameSite=None"], [])[0]!.message).toMatch(/session cookie sid lacks SameSite=Lax\/Strict \(is none\)/);
    expect(judgeCookies("t", ["theme=dark"], [])[0]!.status).toBe("warn");
    expect(judgeCookies("t", ["pref=1; Secure"], ["pref"])[0]!.status).toBe("fail");
    expect(judgeCookies("t", ["__Host-s=1; Secure; HttpOnly; SameSite=Strict; Path=/"], [])[0]!.status).toBe("pass");
  });
  test("CORS: a reflected foreign origin with credentials fails", () => {
    expect(judgeCors("t", { headers: { "access-control-allow-origin": "https://evil.example", "access-control-allow-credentials": "true" } }, "https://evil.example").status).toBe("fail");
    expect(judgeCors("t", { headers: { "access-control-allow-origin": "*" } }, "https://evil.example").status).toBe("pass");
  });
});

describe("performance", () => {
  const budget = { samples: 20, p95BudgetMs: 300, degradedRatio: 0.8, maxErrorRate: 0.01, maxBytes: 1000, routes: ["/"] };
  const ok = (ms: number, bytes = 10) => ({ ms, status: 200, bytes });
  test("nearest-rank p95", () => {
    expect(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 95)).toBe(19);
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([], 95)).toBeUndefined();
  });
  test.each([
    [[...Array(19).fill(100), 900], "pass", /p95 100 ms/],
    [[...Array(18).fill(100), 900, 900], "fail", /p95 900 ms over the 300 ms budget/],
    [Array(20).fill(250), "warn", /degraded: p95 250 ms is 83 %/],
  ] as Array<[number[], string, RegExp]>)("p95 of %j", (ms, status, re) => {
    expect(judgePerformance("t", ms.map((m) => ok(m)), budget)[0]).toMatchObject({ status, message: expect.stringMatching(re) });
  });
  test("one error in 20 is 5 %, over the 1 % limit; size over the limit fails", () => {
    const checks = judgePerformance("t", [...Array(19).fill(0).map(() => ok(10)), { ms: 10, status: 503, bytes: 1 }, ], budget);
    expect(checks[1]).toMatchObject({ id: "perf.errors", status: "fail", message: expect.stringMatching(/1 of 20 samples failed \(5.0 %/) });
    expect(judgePerformance("t", [ok(10, 1001)], budget)[2]).toMatchObject({ id: "perf.size", status: "fail" });
  });
});

describe("TLS judgement", () => {
  const ca = new TestCa();
  const leaf = (opts: { days?: number; bits?: number; sha1?: boolean }) => {
    const issued = ca.issue(["example.com"], opts);
    const x = new crypto.X509Certificate(issued.cert);
    const f = forge.pki.certificateFromPem(issued.cert);
    const cert = { raw: x.raw, valid_to: x.validTo, subject: { CN: "example.com" }, subjectaltname: "DNS:example.com", issuer: { O: "Test CA" }, modulus: "00", bits: (f.publicKey as forge.pki.rsa.PublicKey).n.bitLength(), fingerprint256: x.fingerprint256 };
    return cert as never;
  };
  const judge = (cert: never, protocol = "TLSv1.3") => judgeCertificate("example.com", { authorized: true, protocol, cert }, new Date());
  test("SHA-1 signatures are found by their OID", () => {
    expect(signatureAlgorithmOid(new crypto.X509Certificate(ca.issue(["a.example"], { sha1: true }).cert).raw)).toBe("1.2.840.113549.1.1.5");
    expect(judge(leaf({ sha1: true })).find((c) => c.id === "tls.signature")).toMatchObject({ status: "fail", message: expect.stringMatching(/sha1WithRSAEncryption/) });
  });
  let boundaryLeaf: never | undefined;
  // A fixed certificate and a moving clock pin the thresholds exactly.
  test.each([
    [-1, "fail", /expired on/],
    [13.99, "fail", /expires in 13 days .*under 14/],
    [14, "warn", /expires in 14 days .*under 30/],
    [29.99, "warn", /expires in 29 days .*under 30/],
    [30, "pass", /30 days left/],
  ] as Array<[number, string, RegExp]>)("expiry boundary: %d days left is %s", (days, status, re) => {
    const cert = (boundaryLeaf ??= leaf({ days: 90 })) as unknown as { valid_to: string };
    const now = new Date(new Date(cert.valid_to).getTime() - days * 86_400_000);
    const c = judgeCertificate("example.com", { authorized: true, protocol: "TLSv1.3", cert: cert as never }, now).find((x) => x.id === "tls.expiry")!;
    expect(c).toMatchObject({ status, severity: "critical", message: expect.stringMatching(re) });
  });
  test("weak RSA key and old protocol fail", () => {
    expect(judge(leaf({ bits: 1024 })).find((c) => c.id === "tls.key")).toMatchObject({ status: "fail", message: expect.stringMatching(/1024 bits/) });
    expect(judge(leaf({}), "TLSv1.1").find((c) => c.id === "tls.version")!.status).toBe("fail");
  });
});

describe("edge ranges and DNS helpers", () => {
  test("the shipped Cloudflare list parses and matches edge addresses only", () => {
    const r = compileRanges(CLOUDFLARE_RANGES);
    expect(inRanges("104.16.1.1", r)).toBe(true);
    expect(inRanges("2606:4700::1", r)).toBe(true);
    expect(inRanges("::ffff:104.16.1.1", r)).toBe(true);
    expect(inRanges("8.8.8.8", r)).toBe(false);
  });
  test("a bad ranges file names its line and value", () => {
    expect(() => parseCidrList("# ok\n10.0.0.0/8\nnonsense\n", "ranges.txt")).toThrow('ranges.txt line 3: "nonsense" is not a CIDR range');
    expect(() => parseCidrList("# empty\n", "ranges.txt")).toThrow(/holds no CIDR range/);
  });
  test("declared contents are compared in canonical form", () => {
    expect(canonicalDeclared({ name: "a", type: "TXT", content: '"v=spf1 " "-all"', proxied: false })).toBe("v=spf1 -all");
    expect(canonicalDeclared({ name: "a", type: "MX", content: "Mail.Example.com.", priority: 5, proxied: false })).toBe("5 mail.example.com");
    expect(canonicalDeclared({ name: "a", type: "AAAA", content: "2001:db8::1", proxied: false })).toBe("2001:db8:0:0:0:0:0:1");
    expect(privateAddressReason("10.1.2.3")).toBe("private");
    expect(privateAddressReason("192.0.2.1")).toBe("reserved");
    expect(privateAddressReason("8.8.8.8")).toBeUndefined();
  });
  test.each<[string, string[], Array<[string, RegExp]>]>([
    ["public addresses", ["104.16.1.1", "2606:4700::1"], [["pass", /ends at public addresses only \(104\.16\.1\.1, 2606:4700::1\)/]]],
    ["a private address", ["10.0.0.5"], [["fail", /the CNAME chain ends at 10\.0\.0\.5, a private address/]]],
    ["one link-local among public ones", ["104.16.1.1", "169.254.1.1"], [["fail", /ends at 169\.254\.1\.1, a linkLocal address$/]]],
    ["an IPv6 unique-local address", ["fd00::1"], [["fail", /fd00::1, a uniqueLocal address/]]],
    ["no address at the end", [], []],
  ])("an unproxied CNAME chain ending at %s", (_name, addresses, expected) => {
    const checks = judgeChainEnd("help.example.com CNAME", addresses);
    expect(checks.map((c) => [c.id, c.status])).toEqual(expected.map(([status]) => ["dns.private", status]));
    expected.forEach(([, re], i) => expect(checks[i]!.message).toMatch(re));
  });
});
