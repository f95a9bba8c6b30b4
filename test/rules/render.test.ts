import {
  and,
  anyValue,
  concat,
  contains,
  cookieContains,
  cookiePresent,
  endsWith,
  eq,
  escapeWildcard,
  fields,
  ge,
  header,
  headerContains,
  headerEquals,
  headerPresent,
  hostIs,
  inIpSet,
  inSet,
  ip,
  lower,
  matches,
  ne,
  not,
  or,
  range,
  render,
  startsWith,
  strictWildcard,
  wildcard,
  wildcardReplace,
  xor,
  type Expr,
} from "../../rules";

describe("render: golden strings", () => {
  const cases: Array<[string, Expr, string]> = [
    ["eq on host", eq(fields.host, "www.example.com"), `http.host eq "www.example.com"`],
    ["ne", ne(fields.method, "GET"), `http.request.method ne "GET"`],
    ["string set", inSet(fields.extension, ["js", "css"]), `http.request.uri.path.extension in {"js" "css"}`],
    ["int set with range", inSet(fields.serverPort, [80, range(8000, 8009)]), `cf.edge.server_port in {80 8000..8009}`],
    ["ip set", inIpSet(fields.clientIp, ["192.0.2.1", "198.51.100.0/24", "2001:db8::/32", "203.0.113.1..203.0.113.9"]), `ip.src in {192.0.2.1 198.51.100.0/24 2001:db8::/32 203.0.113.1..203.0.113.9}`],
    ["ip eq", eq(fields.clientIp, ip("192.0.2.1")), `ip.src eq 192.0.2.1`],
    ["int compare", ge(fields.serverPort, 8000), `cf.edge.server_port ge 8000`],
    ["contains", contains(fields.path, "/wp-login.php"), `http.request.uri.path contains "/wp-login.php"`],
    ["wildcard", wildcard(fields.fullUri, "https://example.com/a/*"), `http.request.full_uri wildcard "https://example.com/a/*"`],
    ["strict wildcard", strictWildcard(fields.path, "/AdminTeam/*"), `http.request.uri.path strict wildcard "/AdminTeam/*"`],
    ["escaped star", wildcard(fields.path, `/a/${escapeWildcard("*")}/*`), `http.request.uri.path wildcard "/a/\\\\*/*"`],
    ["regex as raw string", matches(fields.path, "^/api/login\\.aspx$"), `http.request.uri.path matches r"^/api/login\\.aspx$"`],
    ["regex with a quote", matches(fields.path, 'a"b'), `http.request.uri.path matches r#"a"b"#`],
    ["quote and backslash escaped", eq(fields.path, 'a"b\\c'), `http.request.uri.path eq "a\\"b\\\\c"`],
    ["control char as \\x", eq(fields.path, "a\tb"), `http.request.uri.path eq "a\\x09b"`],
    ["starts_with lower", startsWith(lower(fields.path), "/api/"), `starts_with(lower(http.request.uri.path), "/api/")`],
    ["ends_with", endsWith(fields.path, ".html"), `ends_with(http.request.uri.path, ".html")`],
    ["concat target", concat("https://example.com", fields.path), `concat("https://example.com", http.request.uri.path)`],
    ["boolean field", fields.ssl, `ssl`],
    ["not of a comparison", not(eq(fields.host, "a")), `not http.host eq "a"`],
    ["not of a compound", not(and(fields.ssl, eq(fields.host, "a"))), `not (ssl and http.host eq "a")`],
    ["double not", not(not(fields.ssl)), `not (not ssl)`],
    ["and inside or needs no parens", or(and(eq(fields.host, "a"), fields.ssl), eq(fields.host, "b")), `http.host eq "a" and ssl or http.host eq "b"`],
    ["or inside and needs parens", and(or(eq(fields.host, "a"), eq(fields.host, "b")), fields.ssl), `(http.host eq "a" or http.host eq "b") and ssl`],
    ["xor between", or(xor(fields.ssl, eq(fields.host, "a")), eq(fields.host, "b")), `ssl xor http.host eq "a" or http.host eq "b"`],
    ["or inside xor", xor(or(fields.ssl, eq(fields.host, "a")), eq(fields.host, "b")), `(ssl or http.host eq "a") xor http.host eq "b"`],
    ["nested and flattened", and(eq(fields.host, "a"), and(eq(fields.method, "GET"), fields.ssl)), `http.host eq "a" and http.request.method eq "GET" and ssl`],
    ["header present", headerPresent("Authorization"), `len(http.request.headers["authorization"]) gt 0`],
    ["header equals", headerEquals("X-Env", "prod"), `any(http.request.headers["x-env"][*] eq "prod")`],
    ["header contains", headerContains("accept", "json"), `any(http.request.headers["accept"][*] contains "json")`],
    ["lower inside any", anyValue(header("accept"), (v) => eq(lower(v), "application/json")), `any(lower(http.request.headers["accept"][*])[*] eq "application/json")`],
    ["bool function inside any", anyValue(header("authorization"), (v) => startsWith(v, "Bearer ")), `any(starts_with(http.request.headers["authorization"][*], "Bearer "))`],
    ["cookie contains", cookieContains("session="), `http.cookie contains "session="`],
    ["cookie present", cookiePresent("session"), `len(http.request.cookies["session"]) gt 0`],
    ["one host", hostIs("WWW.Example.com"), `http.host eq "www.example.com"`],
    ["several hosts", hostIs("a.example.com", "b.example.com"), `http.host in {"a.example.com" "b.example.com"}`],
    ["wildcard_replace", wildcardReplace(fields.path, "/old/*", "/new/${1}"), `wildcard_replace(http.request.uri.path, "/old/*", "/new/\${1}")`],
  ];

  it.each(cases)("%s", (_name, expr, expected) => {
    expect(render(expr)).toBe(expected);
  });

  it("checks the expected type: a String target is not a filter", () => {
    expect(() => render(concat("https://x", fields.path), { expect: "Bool" })).toThrow(/type mismatch.*expected a Bool expression.*not String/);
    expect(render(concat("https://x", fields.path), { expect: "String" })).toBe(`concat("https://x", http.request.uri.path)`);
  });

  it("refuses ill-typed trees that the builders' types could not stop", () => {
    // An unpacked element used outside any()/all(): the predicate result is an array of Bool.
    const leaked = { kind: "compare", op: "eq", left: { kind: "unpack", target: header("a") }, right: { kind: "string", value: "x" } } as Expr;
    expect(() => render(leaked)).toThrow(/\[\*\] only inside the first argument of a function call/);
    const badField = { kind: "field", name: "http.hots" } as Expr;
    expect(() => render(badField)).toThrow(/unknown field "http.hots"/);
  });
});
