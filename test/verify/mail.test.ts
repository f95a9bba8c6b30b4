/**
 * The mail judges beyond SPF/DKIM/DMARC: MTA-STS policies (RFC 8461) and the STARTTLS probe's
 * verdicts, as tables; the probe itself against a loopback SMTP server; a no-mail domain's revoked
 * wildcard DKIM key judged live.
 */
import * as tls from "node:tls";
import { judgeMtaSts, parseMtaStsPolicy } from "../../verify/email/mtasts";
import { judgeStartTls, probeStartTls } from "../../verify/email/smtp";
import { checkDkim, checkNoMail } from "../../verify/email/checks";
import { createResolver } from "../../verify/dns/resolver";
import type { JobContext } from "../../verify/context";
import type { MtaStsExpectation, VerifyTarget } from "../../verify/types";
import { startDnsServer } from "../fixtures/verify/dns-server";
import { TestCa } from "./support/pki";
import { startSmtp } from "./support/smtp";

const POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmx: *.backup.example.com\r\nmax_age: 604800\r\n";
const exp: MtaStsExpectation = { domain: "example.com", policyHost: "mta-sts.example.com", policy: { mode: "enforce", mx: ["mx.example.com", "*.backup.example.com"], maxAge: 604800 } };
const TXT = ["v=STSv1; id=20261128T000000"];
const served = (body: string, contentType = "text/plain") => ({ status: 200, contentType, body });

describe("MTA-STS", () => {
  test("a policy parses with CRLF or LF lines", () => {
    expect(parseMtaStsPolicy(POLICY)).toEqual({ version: "STSv1", mode: "enforce", maxAge: 604800, mx: ["mx.example.com", "*.backup.example.com"], problems: [] });
    expect(parseMtaStsPolicy(POLICY.replace(/\r\n/g, "\n")).problems).toEqual([]);
  });

  test.each([
    ["no version", "mode: enforce\nmx: a.example.com\nmax_age: 1\n", /no "version: STSv1" line/],
    ["bad mode", "version: STSv1\nmode: strict\nmx: a.example.com\nmax_age: 1\n", /mode "strict" is not enforce, testing or none/],
    ["max_age over a year", "version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 31557601\n", /max_age "31557601" is not a number of seconds up to 31557600/],
    ["enforce without mx", "version: STSv1\nmode: enforce\nmax_age: 86400\n", /mode enforce without any "mx" line/],
  ])("invalid policy: %s", (_name, body, re) => {
    expect(judgeMtaSts({ domain: "example.com", policyHost: "mta-sts.example.com" }, TXT, served(body), [])).toMatchObject({ status: "fail", message: expect.stringMatching(re) });
  });

  test.each([
    ["the declared policy, covering the live MX", TXT, served(POLICY), ["mx.example.com", "mx2.backup.example.com"], "pass", /mode enforce, mx mx\.example\.com, \*\.backup\.example\.com, max_age 604800/],
    ["two STS TXT records", [...TXT, "v=STSv1; id=2"], served(POLICY), ["mx.example.com"], "fail", /2 "v=STSv1" TXT records/],
    ["an id that is too long", ["v=STSv1; id=" + "a".repeat(33)], served(POLICY), ["mx.example.com"], "fail", /has no id of 1 to 32 letters and digits/],
    ["served as HTML", TXT, served(POLICY, "text/html"), ["mx.example.com"], "fail", /served as "text\/html"; RFC 8461 3.2 requires text\/plain/],
    ["a redirect", TXT, { status: 301 }, ["mx.example.com"], "fail", /answers 301; senders need 200 and follow no redirect/],
    ["an untrusted certificate", TXT, { error: "self-signed certificate" }, ["mx.example.com"], "fail", /policy not fetched: self-signed certificate/],
    ["another max_age", TXT, served(POLICY.replace("604800", "86400")), ["mx.example.com"], "fail", /live max_age 86400, declared 604800/],
    ["other mx patterns", TXT, served(POLICY.replace("mx: *.backup.example.com\r\n", "")), ["mx.example.com"], "fail", /live mx mx\.example\.com, declared \*\.backup\.example\.com, mx\.example\.com/],
    ["an MX outside the policy in enforce mode", TXT, served(POLICY), ["mx.example.com", "a.b.backup.example.com"], "fail", /a\.b\.backup\.example\.com match no policy mx .*senders refuse to deliver/],
  ] as Array<[string, string[], object, string[], string, RegExp]>)("%s", (_name, txt, fetched, mx, status, re) => {
    expect(judgeMtaSts(exp, txt, fetched, mx)).toMatchObject({ id: "email.mtasts", status, severity: "medium", message: expect.stringMatching(re) });
  });

  test("in testing mode an uncovered MX only warns; without a declared policy only validity is judged", () => {
    const testing = POLICY.replace("enforce", "testing");
    expect(judgeMtaSts({ domain: "example.com", policyHost: "mta-sts.example.com" }, TXT, served(testing), ["other.example.net"])).toMatchObject({ status: "warn", message: expect.stringMatching(/in enforce mode senders would refuse/) });
  });
});

describe("STARTTLS judgement", () => {
  test.each([
    [{ unreachable: "connect ETIMEDOUT" }, "warn", /outbound port 25 is often blocked: STARTTLS not verified/],
    [{ refused: "greets with 554 go away" }, "fail", /mx\.example\.com greets with 554/],
    [{ starttls: false }, "fail", /does not offer STARTTLS/],
    [{ starttls: true, handshakeError: "wrong version number" }, "fail", /handshake fails: wrong version number/],
    [{ starttls: true, protocol: "TLSv1.3", trusted: false, trustError: "self-signed certificate", nameMatches: true }, "warn", /certificate not trusted \(self-signed certificate\)/],
    [{ starttls: true, protocol: "TLSv1", trusted: true, nameMatches: true }, "warn", /negotiates TLSv1, under TLS 1\.2/],
    [{ starttls: true, protocol: "TLSv1.3", trusted: true, nameMatches: true }, "pass", /offers STARTTLS \(TLSv1\.3, certificate valid/],
  ] as Array<[object, string, RegExp]>)("%j is %s", (facts, status, re) => {
    expect(judgeStartTls("mx.example.com", 25, facts)).toMatchObject({ id: "email.starttls", status, message: expect.stringMatching(re) });
  });
});

describe("live: the STARTTLS probe and a no-mail domain's DKIM", () => {
  const ca = new TestCa();
  const MX_HOST = "mx.example.test";
  const controller = new AbortController();
  const ctx = (extra: Partial<JobContext> = {}): JobContext => ({
    target: { apex: "example.test" } as VerifyTarget,
    options: { timeoutMs: 500 } as JobContext["options"],
    resolver: undefined as never,
    edge: [],
    signal: controller.signal,
    secureContext: tls.createSecureContext({ ca: [...tls.rootCertificates, ca.cert] }),
    now: new Date(),
    ...extra,
  });
  afterAll(() => controller.abort());

  test("the probe greets, upgrades and reads the certificate; a server without STARTTLS says so; a closed port cannot be told", async () => {
    const smtp = await startSmtp("127.0.1.9", ca.issue([MX_HOST]));
    try {
      expect(await probeStartTls(ctx(), MX_HOST, "127.0.1.9", smtp.port, 2000)).toEqual({ starttls: true, protocol: "TLSv1.3", trusted: true, nameMatches: true });
      expect(await probeStartTls(ctx(), "other.example.test", "127.0.1.9", smtp.port, 2000)).toMatchObject({ starttls: true, trusted: true, nameMatches: false });
      smtp.starttls = false;
      expect(await probeStartTls(ctx(), MX_HOST, "127.0.1.9", smtp.port, 2000)).toEqual({ starttls: false });
    } finally {
      await smtp.close();
    }
    expect((await probeStartTls(ctx(), MX_HOST, "127.0.1.9", 1, 2000)).unreachable).toMatch(/ECONNREFUSED/);
  });

  test("a no-mail domain: revoked wildcard DKIM as declared passes, a live key where revocation is declared fails", async () => {
    const dns = await startDnsServer([
      { name: "*._domainkey.example.test", type: "TXT", data: ["v=DKIM1; p="] },
      { name: "example.test", type: "TXT", data: ["v=spf1 -all"] },
      { name: "example.test", type: "MX", data: { preference: 0, exchange: "." } },
      { name: "_dmarc.example.test", type: "TXT", data: ["v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s"] },
      { name: "s1._domainkey.example.test", type: "TXT", data: ["v=DKIM1; p=MIIBIjANBg"] },
    ]);
    try {
      const c = ctx({ resolver: createResolver({ host: "127.0.0.1", port: dns.port }, 500, controller.signal) });
      expect((await checkDkim(c, { name: "*._domainkey.example.test", revoked: true }))[0]).toMatchObject({ status: "pass", message: expect.stringMatching(/revoked \(empty p=\), as declared/) });
      expect((await checkDkim(c, { name: "s1._domainkey.example.test", revoked: true }))[0]).toMatchObject({ status: "fail", message: "declared revoked (empty p=), but a key is published live" });
      expect((await checkNoMail(c))[0]).toMatchObject({ id: "email.nomail", status: "pass" });
    } finally {
      await dns.close();
    }
  });
});
