import { quoteTxt, renderTxtContent, splitTxt, txtText } from "../../kernel/txt";

describe("TXT strings", () => {
  test("a short value is one quoted string", () => {
    expect(renderTxtContent("v=spf1 -all")).toBe('"v=spf1 -all"');
  });

  test("splits at 255 octets exactly, and joins back without spaces", () => {
    const value = "a".repeat(255) + "b".repeat(255) + "c";
    const parts = splitTxt(value);
    expect(parts.map((p) => p.length)).toEqual([255, 255, 1]);
    const content = renderTxtContent(value);
    expect(content).toBe(`"${"a".repeat(255)}" "${"b".repeat(255)}" "c"`);
    expect(txtText(content)).toBe(value);
  });

  test("255 characters stay one string, 256 become two", () => {
    expect(splitTxt("x".repeat(255))).toHaveLength(1);
    expect(splitTxt("x".repeat(256))).toHaveLength(2);
  });

  test("quotes and backslashes are escaped", () => {
    expect(renderTxtContent('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(txtText(renderTxtContent('say "hi" \\ bye'))).toBe('say "hi" \\ bye');
  });

  test("non-ASCII text is refused", () => {
    expect(() => splitTxt("v=spf1 é")).toThrow("outside printable ASCII");
  });

  test("reading: unquoted content is taken as is, quoted strings are unescaped and joined", () => {
    expect(txtText("  v=spf1 -all ")).toBe("v=spf1 -all");
    expect(txtText(' "v=DKIM1; k=rsa; " "p=AB\\\\C\\"D" ')).toBe('v=DKIM1; k=rsa; p=AB\\C"D');
  });

  test("a zone file quotes any value, non-ASCII included, in strings of at most 255 characters", () => {
    expect(quoteTxt("x".repeat(256))).toBe(`"${"x".repeat(255)}" "x"`);
    expect(quoteTxt("café")).toBe('"café"');
    expect(quoteTxt("")).toBe('""');
  });
});
