/**
 * CAA against the CA that issues the certificates in use: the relevant set (issue, or issuewild
 * for a wildcard), the issuer table, and private CAs from --ca-file, which CAA does not bind.
 */
import * as crypto from "node:crypto";
import type * as tls from "node:tls";
import { caaIdentifiersFor, CAA_ISSUERS } from "../../kernel/certificateAuthorities";
import { judgeCaa, type CaaSet, type IssuerFacts } from "../../verify/dns/caa";
import { issuerFacts } from "../../verify/http/tls";
import { TestCa } from "./support/pki";

const set = (...records: Array<[string, string]>): CaaSet => ({ at: "example.com", records: records.map(([tag, value]) => ({ tag, value })) });
const le: IssuerFacts = { org: "Let's Encrypt", wildcard: false, privateCa: false };

test.each<[string, CaaSet | undefined, IssuerFacts, string, RegExp]>([
  ["no CAA at all", undefined, le, "pass", /no CAA records: any public CA may issue/],
  ["only iodef", set(["iodef", "mailto:s@example.com"]), le, "pass", /has no issue property/],
  ["the issuer allowed, with parameters", set(["issue", "letsencrypt.org; validationmethods=dns-01"], ["issue", "pki.goog"]), le, "pass", /allows Let's Encrypt \(letsencrypt\.org\)/],
  ["the issuer not allowed", set(["issue", "pki.goog"], ["issue", "ssl.com"]), le, "fail", /CAA issue at example\.com allows pki\.goog, ssl\.com, but the certificate in use comes from Let's Encrypt \(letsencrypt\.org\): its next renewal will be refused; add issue "letsencrypt\.org"/],
  ["nobody allowed", set(["issue", ";"]), le, "fail", /allows no CA at all/],
  ["a wildcard governed by issuewild", set(["issue", "letsencrypt.org"], ["issuewild", "pki.goog"]), { ...le, wildcard: true }, "fail", /CAA issuewild at example\.com allows pki\.goog/],
  ["a wildcard falls back to issue without issuewild", set(["issue", "letsencrypt.org"]), { ...le, wildcard: true }, "pass", /allows Let's Encrypt/],
  ["Google Trust Services by its organisation name", set(["issue", "pki.goog"]), { ...le, org: "Google Trust Services" }, "pass", /\(pki\.goog\)/],
  ["a private CA from --ca-file", set(["issue", "letsencrypt.org"]), { org: "Corp Internal CA", wildcard: false, privateCa: true }, "pass", /a private CA from --ca-file: CAA binds public CAs only/],
  ["a public CA the table does not know", set(["issue", "letsencrypt.org"]), { org: "Unknown Trust Ltd", wildcard: false, privateCa: false }, "warn", /does not know: cannot tell whether CAA at example\.com \(letsencrypt\.org\) allows it/],
])("%s", (_name, caa, issuer, status, re) => {
  expect(judgeCaa("example.com", caa, issuer)).toMatchObject({ id: "dns.caa", status, severity: "high", message: expect.stringMatching(re) });
});

test("the issuer table covers the CAs the example stacks allow (Cloudflare's edge CAs)", () => {
  expect(caaIdentifiersFor("Let's Encrypt")).toEqual(["letsencrypt.org"]);
  expect(caaIdentifiersFor("Google Trust Services LLC")).toEqual(["pki.goog"]);
  expect(caaIdentifiersFor("SSL Corporation")).toEqual(["ssl.com"]);
  expect(caaIdentifiersFor(undefined)).toBeUndefined();
  expect(new Set(CAA_ISSUERS.map(([o]) => o)).size).toBe(CAA_ISSUERS.length);
});

test("issuer facts: organisation, wildcard, and a chain that leads to a --ca-file CA", () => {
  const ca = new TestCa("Corp Internal CA");
  const other = new TestCa("Other CA");
  const issued = ca.issue(["*.example.com", "example.com"]);
  const cert = new crypto.X509Certificate(issued.cert);
  const peer = { raw: cert.raw, subjectaltname: cert.subjectAltName, issuer: { O: "Corp Internal CA" } } as unknown as tls.DetailedPeerCertificate;
  expect(issuerFacts(peer, ca.cert)).toEqual({ org: "Corp Internal CA", wildcard: true, privateCa: true });
  expect(issuerFacts(peer, other.cert).privateCa).toBe(false);
  expect(issuerFacts(peer, undefined).privateCa).toBe(false);
});
