import { escapeWildcard, parseWildcard, wildcardMatch, wildcardReplace } from "../../rules/wildcard";

describe("wildcard matching", () => {
  const table: Array<[string, string, boolean, boolean]> = [
    // value, pattern, case-sensitive, expected
    ["https://example.com/a/", "https://example.com/a/*", false, true],
    ["https://example.com/a/sub/folder/?name=value", "https://example.com/a/*", false, true],
    ["https://example.com/ab/", "https://example.com/a/*", false, false],
    ["https://sub.example.com/a/", "https://example.com/a/*", false, false],
    ["/Admin/x", "/admin/*", false, true],
    ["/Admin/x", "/admin/*", true, false],
    ["/a*b", "/a\\*b", true, true],
    ["/axb", "/a\\*b", true, false],
    ["/a\\b", "/a\\\\b", true, true],
    ["", "*", true, true],
    ["abc", "a*c*", true, true],
    ["a.c", "a.c", true, true],
    ["abc", "a.c", true, false], // "." is literal, not a regex dot
    ["Ä", "ä", false, false], // folding is ASCII-only, like lower()
  ];
  it.each(table)("%j against %j (strict=%s) is %s", (value, pattern, strict, expected) => {
    expect(wildcardMatch(value, pattern, strict)).toBe(expected);
  });

  it.each([
    ["a**", /two unescaped "\*" in a row at offset 1/],
    ["a\\b", /backslash at offset 1 .* must be followed by "\*" or another backslash \(write "\\\\" for a literal backslash\)/],
    ["a\\", /backslash at offset 1/],
  ])("rejects pattern %j", (pattern, message) => {
    expect(parseWildcard(pattern)).toMatch(message);
  });

  it("escapeWildcard makes text match itself", () => {
    const text = "a*b\\c**";
    expect(wildcardMatch(text, escapeWildcard(text), true)).toBe(true);
    expect(wildcardMatch("aXb\\c**", escapeWildcard(text), true)).toBe(false);
  });
});

describe("wildcard_replace (examples from Cloudflare's functions page)", () => {
  it.each([
    ["https://apps.example.com/calendar/admin?expand=true", "https://*.example.com/*/*", "https://example.com/${1}/${2}/${3}", false, "https://example.com/apps/calendar/admin?expand=true"],
    ["https://example.com/applications/app1", "/applications/*", "/apps/${1}", false, "https://example.com/applications/app1"],
    ["/calendar", "/*", "/apps/${1}", false, "/apps/calendar"],
    ["/Apps/calendar", "/apps/*", "/${1}", false, "/calendar"],
    ["/Apps/calendar", "/apps/*", "/${1}", true, "/Apps/calendar"],
    ["/apps/calendar/login", "/apps/*/login", "/${1}/login", false, "/calendar/login"],
    ["/b", "/*", "/x$$${1}", false, "/x$b"],
  ])("%s ~ %s -> %s", (source, pattern, replacement, strict, expected) => {
    expect(wildcardReplace(source, pattern, replacement, strict)).toBe(expected);
  });
});
