import { computeRedirect, firstRedirect, parseRequestLine, render, concat, fields, hostIs, RulesInputError } from "../../rules";

const www = parseRequestLine("GET http://www.example.com/pricing?ref=x");

describe("computeRedirect", () => {
  it("evaluates a dynamic target and keeps the query when asked (www to apex)", () => {
    const outcome = computeRedirect({ statusCode: 301, targetUrl: { expression: render(concat("https://example.com", fields.path)) }, preserveQueryString: true }, www);
    expect(outcome).toEqual({ statusCode: 301, location: "https://example.com/pricing?ref=x", url: "https://example.com/pricing?ref=x", warnings: [] });
  });

  it("drops the query without preserveQueryString and defaults to 301", () => {
    const outcome = computeRedirect({ targetUrl: { expression: `concat("https://example.com", http.request.uri.path)` } }, www);
    expect(outcome.statusCode).toBe(301);
    expect(outcome.location).toBe("https://example.com/pricing");
  });

  it("sends a static relative value as is and resolves it against the request", () => {
    const outcome = computeRedirect({ statusCode: 302, targetUrl: { value: "/contacts/" } }, www);
    expect(outcome.location).toBe("/contacts/");
    expect(outcome.url).toBe("http://www.example.com/contacts/");
  });

  it("accepts the API's snake_case shape", () => {
    const outcome = computeRedirect({ status_code: 308, target_url: { value: "https://example.com/" }, preserve_query_string: true }, www);
    expect(outcome).toMatchObject({ statusCode: 308, location: "https://example.com/?ref=x" });
  });

  it("replaces a target's own query when preserving, and warns", () => {
    const outcome = computeRedirect({ targetUrl: { value: "https://example.com/a?utm=1#top" }, preserveQueryString: true }, www);
    expect(outcome.location).toBe("https://example.com/a?ref=x#top");
    expect(outcome.warnings[0]).toMatch(/has its own query string/);
  });

  it("leaves the target alone when the request has no query", () => {
    const outcome = computeRedirect({ targetUrl: { value: "https://example.com/a?utm=1" }, preserveQueryString: true }, parseRequestLine("GET http://www.example.com/"));
    expect(outcome).toMatchObject({ location: "https://example.com/a?utm=1", warnings: [] });
  });

  const bad: Array<[string, object, RegExp]> = [
    ["status 303", { statusCode: 303, targetUrl: { value: "/" } }, /status code 303 is not allowed; expected one of 301, 302, 307, 308/],
    ["both value and expression", { targetUrl: { value: "/", expression: `"x"` } }, /exactly one of "value".*got both/],
    ["no target", {}, /exactly one of "value".*got neither/],
    ["bad target expression", { targetUrl: { expression: `concat("a", http.hots)` } }, /redirect target expression: unknown field "http.hots" at 12/],
    ["a filter as target", { targetUrl: { expression: `http.host eq "a"` } }, /expected a String expression, not Bool/],
  ];
  it.each(bad)("rejects %s", (_name, fromValue, message) => {
    expect(() => computeRedirect(fromValue, www)).toThrow(RulesInputError);
    expect(() => computeRedirect(fromValue, www)).toThrow(message);
  });
});

describe("firstRedirect", () => {
  const rules = [
    { ref: "disabled", enabled: false, expression: "ssl or not ssl", actionParameters: { fromValue: { targetUrl: { value: "https://never.example/" } } } },
    { ref: "www_to_apex", expression: render(hostIs("www.example.com")), actionParameters: { fromValue: { targetUrl: { expression: `concat("https://example.com", http.request.uri.path)` }, preserveQueryString: true } } },
    { ref: "catch_all", expression: "ssl or not ssl", actionParameters: { fromValue: { targetUrl: { value: "https://late.example/" } } } },
  ];

  it("returns the first enabled matching rule (redirects are terminating)", () => {
    const hit = firstRedirect(rules, www);
    expect(hit?.rule.ref).toBe("www_to_apex");
    expect(hit?.index).toBe(1);
    expect(hit?.outcome.url).toBe("https://example.com/pricing?ref=x");
  });

  it("returns undefined when nothing matches", () => {
    expect(firstRedirect(rules.slice(0, 2), parseRequestLine("GET https://example.com/"))).toBeUndefined();
  });
});
