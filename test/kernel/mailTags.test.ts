import { dmarcPolicyOf, isDmarcRecord, parseDmarc } from "../../kernel/dmarc";
import { parseTagList } from "../../kernel/tagList";

describe("tag=value lists (RFC 6376 §3.2, RFC 7489 §6.4)", () => {
  test("tags in order, names lower-cased, values trimmed", () => {
    expect(parseTagList(" v=DMARC1 ;P= reject; rua = mailto:a@example.com ;")).toEqual({
      order: ["v", "p", "rua"],
      tags: { v: "DMARC1", p: "reject", rua: "mailto:a@example.com" },
      problems: [],
    });
  });

  test("a piece without a name and a repeated tag are reported, the last value kept", () => {
    const parsed = parseTagList("v=DKIM1; junk; =x; p=A; p=B");
    expect(parsed.problems).toEqual(['"junk" is not a tag=value pair', '"=x" is not a tag=value pair', 'the tag "p" appears twice']);
    expect(parsed.tags.p).toBe("B");
    expect(parsed.order).toEqual(["v", "p", "p"]);
  });
});

describe("DMARC records", () => {
  test.each([
    ["v=DMARC1; p=reject", true],
    ["V = DMARC1 ;p=none", true],
    ["v=DMARC1", true],
    ["  v=DMARC1; p=none  ", true],
    ["v=dmarc1; p=reject", false],
    ["v=DMARC10; p=reject", false],
    ["v=spf1 -all", false],
  ])("%p is a DMARC record: %p", (text, expected) => {
    expect(isDmarcRecord(text)).toBe(expected);
  });

  test("parseDmarc refuses other text; dmarcPolicyOf reads only the three policies", () => {
    expect(parseDmarc("v=spf1 -all")).toBeUndefined();
    expect(parseDmarc("v=DMARC1; p=Reject; sp=none")).toEqual({ v: "DMARC1", p: "Reject", sp: "none" });
    expect(dmarcPolicyOf("v=DMARC1; p=Reject")).toBe("reject");
    expect(dmarcPolicyOf("v=DMARC1; p=monitor")).toBeUndefined();
    expect(dmarcPolicyOf("v=DMARC1")).toBeUndefined();
  });
});
