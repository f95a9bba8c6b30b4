/** The static-asset rule (kernel/staticAssets.ts): pages and API answers are never static, whatever a stack lists. */
import { DEFAULT_STATIC_EXTENSIONS, DEFAULT_STATIC_PATH_PREFIXES, isPageExtension, isStaticAssetPath, PAGE_EXTENSIONS } from "../../kernel/staticAssets";

const DEFAULTS = { extensions: DEFAULT_STATIC_EXTENSIONS, pathPrefixes: DEFAULT_STATIC_PATH_PREFIXES };

describe("the static-asset rule", () => {
  test("hashed build output and static file types are static; pages are not", () => {
    expect(isStaticAssetPath("/_next/static/chunks/main.js", DEFAULTS)).toBe(true);
    expect(isStaticAssetPath("/logo.PNG?v=3", DEFAULTS)).toBe(true);
    expect(isStaticAssetPath("/members/profile", DEFAULTS)).toBe(false);
    expect(isStaticAssetPath("/members/index.html", DEFAULTS)).toBe(false);
  });

  test("a page type listed as static, or under a build-output prefix, still is not static", () => {
    const careless = { extensions: [...DEFAULT_STATIC_EXTENSIONS, "html", "json", "php"], pathPrefixes: ["/assets/", "/members/"] };
    for (const path of ["/members/index.html", "/feed.json?page=2", "/account.php", "/assets/report.JSON"]) expect(isStaticAssetPath(path, careless)).toBe(false);
    expect(isStaticAssetPath("/assets/app.js", careless)).toBe(true);
  });

  test("page types are told apart from asset types, in any case and with a dot", () => {
    for (const ext of ["html", "HTM", ".json", "php", "aspx", "xml"]) expect(isPageExtension(ext)).toBe(true);
    for (const ext of ["js", "css", "woff2", "png", "svg", ""]) expect(isPageExtension(ext)).toBe(false);
    // No default static extension is a page type (the defaults are deployed as the cache rule).
    expect(DEFAULT_STATIC_EXTENSIONS.filter((e) => PAGE_EXTENSIONS.includes(e))).toEqual([]);
  });
});
