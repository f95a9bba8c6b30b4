/**
 * The JUnit writer against a real XML parser (fast-xml-parser): whatever a live answer puts in a
 * check's target or message (U+FFFE, lone surrogates, C0 controls, markup), the report is valid XML
 * with the same suites and cases, each value bounded. The terminal table shows the same values escaped.
 */
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { MAX_XML_VALUE } from "../../encode/xml";
import { renderJunit, renderText } from "../../verify/render";
import type { Check, VerifyReport } from "../../verify/types";
import { FUZZ, hostileText } from "./fuzz";

const report = (checks: Check[], notes: string[] = []): VerifyReport => ({
  verdict: checks.some((c) => c.status === "fail") ? "NO-GO" : "GO",
  checks,
  risks: [],
  timing: { runMs: 10, sumOfJobsMs: 10, jobs: 1, boundMs: 1000 },
  notes,
});

/** XML 1.0 Char production: https://www.w3.org/TR/xml/#charsets */
const XML_CHAR = /^(?:[\t\n\r\u0020-\ud7ff\ue000-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["testsuite", "testcase"].includes(name) });

describe("JUnit XML, fuzzed against fast-xml-parser", () => {
  test("any target and message keep the report valid XML with one case per check", () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), hostileText(), (target, message, note) => {
        const xml = renderJunit(report([
          { id: "dns.txt", target, status: "fail", severity: "high", message },
          { id: "dns.record", target: "example.com A", status: "warn", severity: "low", message },
          { id: "tls.expiry", target, status: "pass", severity: "low", message: "ok" },
        ], [note]));
        expect(xml).toMatch(XML_CHAR);
        expect(XMLValidator.validate(xml)).toBe(true);
        const doc = parser.parse(xml).testsuites;
        expect(doc.testsuite.map((s: Record<string, string>) => s["@name"])).toEqual(["dns", "tls", "not checked"]);
        expect(doc.testsuite[0].testcase).toHaveLength(2);
        expect(doc.testsuite[0].testcase[0].failure["@type"]).toBe("high");
      }),
      FUZZ,
    );
  });

  test("U+FFFE, U+FFFF, a lone surrogate and C0 controls are shown escaped, not dropped or written raw", () => {
    const xml = renderJunit(report([{ id: "dns.txt", target: "t", status: "fail", severity: "high", message: "v=spf1\ufffe\uffff\ud800\u0001\u001b -all" }]));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain("v=spf1\\u{fffe}\\u{ffff}\\u{d800}\\u{0001}\\u{001b} -all");
  });

  test("a 61 KB message is bounded in the report", () => {
    const xml = renderJunit(report([{ id: "http.body", target: "t", status: "fail", severity: "high", message: "x".repeat(61_000) }]));
    const failure = parser.parse(xml).testsuites.testsuite[0].testcase[0].failure;
    expect(failure["@message"].length).toBeLessThanOrEqual(MAX_XML_VALUE + 40);
    expect(failure["@message"]).toMatch(/… \(\d+ more characters\)$/);
  });

  test("the terminal table shows control characters escaped, never raw", () => {
    const text = renderText(report([{ id: "dns.txt", target: "a\u001b[31mb", status: "warn", severity: "low", message: "line\r\nnext\u202e" }]));
    expect(text).not.toMatch(/[\u001b\r\u202e]/);
    expect(text).toContain("a\\u{001b}[31mb");
    expect(text).toContain("line\\r\\nnext\\u{202e}");
  });
});
