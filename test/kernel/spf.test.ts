import { isNoMailSpf, isSpfRecord } from "../../kernel/spf";

describe("SPF records (RFC 7208 §4.5)", () => {
  test.each([
    ["v=spf1 -all", true],
    ["V=SPF1 include:_spf.google.com ~all", true],
    ["v=spf1", true],
    ["  v=spf1 mx -all ", true],
    ["v=spf1-all", false],
    ["v=spf10 -all", false],
    ["v=DMARC1; p=reject", false],
    ["spf1 -all", false],
  ])("%p is an SPF record: %p", (text, expected) => {
    expect(isSpfRecord(text)).toBe(expected);
  });

  test.each([
    ["v=spf1 -all", true],
    ["v=spf1  -all", true],
    [" V=SPF1 -ALL ", true],
    ["v=spf1 ~all", false],
    ["v=spf1 mx -all", false],
    ["v=spf1 -all exp=x.example.com", false],
  ])("%p says the domain sends no mail: %p", (text, expected) => {
    expect(isNoMailSpf(text)).toBe(expected);
  });
});

describe("broad SPF ranges (kernel/spfRanges.ts)", () => {
  const { broadSpfRanges } = require("../../kernel/spfRanges") as typeof import("../../kernel/spfRanges");
  test("ranges that add up past a /16 of IPv4 or a /32 of IPv6 are broad, whatever their split", () => {
    expect(broadSpfRanges("v=spf1 ip4:0.0.0.0/0 -all")?.terms).toEqual(["ip4:0.0.0.0/0"]);
    expect(broadSpfRanges("v=spf1 ip4:0.0.0.0/1 +ip4:128.0.0.0/1 -all")?.reason).toMatch(/authorises 4,294,967,296 IPv4 addresses/);
    expect(broadSpfRanges("v=spf1 ip6:::/0 -all")?.reason).toMatch(/2\^128 IPv6/);
    expect(broadSpfRanges("v=spf1 ip4:10.0.0.0/17 ip4:10.1.0.0/16 -all")).toBeDefined();
  });
  test("narrow ranges, failing qualifiers and includes are not", () => {
    expect(broadSpfRanges("v=spf1 ip4:192.0.2.0/24 ip4:10.0.0.0/17 ip6:2001:db8::/32 include:_spf.google.com -all")).toBeUndefined();
    expect(broadSpfRanges("v=spf1 -ip4:0.0.0.0/0 ~ip6:::/0 ip4:192.0.2.1 -all")).toBeUndefined();
  });
});
