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
