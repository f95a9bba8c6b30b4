import { and, eq, fields, not, or, parse, parseCached, RulesSyntaxError, describeSyntaxError, type Expr } from "../../rules";

describe("parse: accepts Cloudflare's documented examples", () => {
  // From developers.cloudflare.com/ruleset-engine/rules-language/ (operators, values, functions,
  // fields pages) and the single-redirects docs.
  const examples = [
    `(http.host eq "www.example.com")`,
    `(http.request.uri.path.extension in {"js" "css"})`,
    `http.request.uri.path eq "/articles/2008/"`,
    `http.request.uri.path contains "/articles/"`,
    `http.request.uri.path wildcard "/articles/*"`,
    `http.request.uri.path strict wildcard "/AdminTeam/*"`,
    `http.request.uri.path matches "^/articles/200[7-8]/$"`,
    `http.request.full_uri wildcard "*.example.com/*" or http.request.full_uri wildcard "example.com/*"`,
    `ends_with(http.request.uri.path, ".html")`,
    `lower(http.request.uri.path) contains "/wp-login.php"`,
    `lower(http.host) == "www.cloudflare.com"`,
    `any(http.request.headers.names[*] == "Content-Type")`,
    `any(lower(http.request.headers.names[*])[*] == "content-type")`,
    `any(http.request.headers["accept"][*] == "application/json")`,
    `all(http.request.headers["content-type"][*] == "application/json")`,
    `http.request.headers.names[0] == "Content-Type"`,
    `http.host in {"example.com" "example.net"}`,
    `ip.src in {198.51.100.1 198.51.100.3..198.51.100.7 192.0.2.0/24 2001:0db8::/32}`,
    `cf.edge.server_port in {8000..8009 8080..8089}`,
    `http.host eq "www.example.com" and not cf.edge.server_port in {80 443}`,
    `ssl`,
    `not ssl`,
    `(http.request.uri.path matches "^/contact-us/")`,
    `http.request.uri.path matches r"/api/login\\.aspx$"`,
    `http.request.uri.path matches r#"a"b"#`,
    `http.request.uri.path matches r##"a"#b"##`,
    `any(http.request.cookies["app"][*] == "test")`,
    `not ( http.host eq "www.cloudflare.com" and ip.src in {203.0.113.0/24} )`,
    `http.host eq "www.cloudflare.com" xor ip.src in {203.0.113.0/24}`,
    `(
 (http.host eq "api.example.com" and http.request.uri.path eq "/api/v2/auth") or
 (http.host matches "^(www|store|blog)\\.example\\.com" and http.request.uri.path contains "wp-login.php") or
 ip.src.country in {"CN" "TH" "US"}
) and not ip.src in {11.22.33.0/24}`,
    `http.request.uri.path ~ "^/a" && http.host != "x" || !ssl`,
  ];
  it.each(examples)("%s", (text) => {
    expect(() => parse(text)).not.toThrow();
  });

  it("parses a dynamic redirect target as a String expression", () => {
    const node = parse(`concat("https://example.com", http.request.uri.path)`, { expect: "String" });
    expect(node).toEqual({ kind: "call", name: "concat", args: [{ kind: "string", value: "https://example.com" }, { kind: "field", name: "http.request.uri.path" }] });
    expect(() => parse(`concat("https://example.com", http.request.uri.path)`)).toThrow(/expected a Bool expression/);
  });
});

describe("parse: structure", () => {
  it("gives not > and > xor > or precedence", () => {
    const a = `http.host eq "a"`;
    expect(parse(`${a} or ${a} and not ssl`)).toEqual(
      or(eq(fields.host, "a"), and(eq(fields.host, "a"), not(fields.ssl))),
    );
    const x = parse(`ssl or ssl xor ssl and ssl`);
    expect(x).toEqual({
      kind: "logical",
      op: "or",
      operands: [fields.ssl, { kind: "logical", op: "xor", operands: [fields.ssl, { kind: "logical", op: "and", operands: [fields.ssl, fields.ssl] }] }],
    });
  });

  it("maps C-like operators to the English ones", () => {
    expect(parse(`http.host == "a" && !(http.host != "b") || http.request.uri.path ~ "x"`)).toEqual(
      parse(`http.host eq "a" and not (http.host ne "b") or http.request.uri.path matches "x"`),
    );
  });

  it("drops grouping parentheses and flattens same operators", () => {
    expect(parse(`(ssl and (ssl and ssl))`)).toEqual({ kind: "logical", op: "and", operands: [fields.ssl, fields.ssl, fields.ssl] });
  });

  it("decodes quoted strings by context", () => {
    const right = (text: string): unknown => (parse(text) as Extract<Expr, { kind: "compare" }>).right;
    expect(right(`http.host eq "a\\"b\\\\c\\x41"`)).toEqual({ kind: "string", value: 'a"b\\cA' });
    // In a regex, backslashes belong to the regex: only \" is unescaped.
    expect(right(`http.host matches "a\\.b\\"c"`)).toEqual({ kind: "string", value: 'a\\.b"c' });
    // In a wildcard pattern, \* is kept for the wildcard matcher.
    expect(right(`http.host wildcard "a\\*b"`)).toEqual({ kind: "string", value: "a\\*b" });
    expect(right(`http.host eq r"a\\b"`)).toEqual({ kind: "string", value: "a\\b" });
  });

  it("parseCached returns the same tree and rethrows the same error", () => {
    const text = `http.host eq "cached"`;
    expect(parseCached(text)).toBe(parseCached(text));
    expect(() => parseCached(`http.host eq`)).toThrow(RulesSyntaxError);
    expect(() => parseCached(`http.host eq`)).toThrow(/unexpected end "end of expression" at 12/);
  });
});

describe("parse: rejects text outside the subset, naming position and construct", () => {
  const rejected: Array<[string, number, string, RegExp]> = [
    [`http.host eq "x" and foo(1)`, 21, "foo(", /expected a supported function/],
    [`http.hots eq "x"`, 0, "http.hots", /unknown field/],
    [`http.request.uri.path ends_with ".html"`, 22, "ends_with", /ends_with\(\) as a function/],
    [`http.host in $office_network`, 13, "$office_network", /named lists are not supported/],
    [`http.host EQ "x"`, 10, "EQ", /operators are lower-case/],
    [`http.host eq "x" AND ssl`, 17, "AND", /unexpected token.*operators are lower-case/],
    [`http.host eq 'x'`, 13, "'", /double-quoted string/],
    [`http.host eq "x`, 13, `"x`, /unterminated string/],
    [`http.host eq "a\\qb"`, 15, "\\q", /unsupported escape/],
    [`http.host in {"a", "b"}`, 17, ",", /separated by spaces/],
    [`http.host in {}`, 13, "{}", /at least one value/],
    [`(http.host eq "a"`, 17, "end of expression", /"\)" to close the parenthesis opened at 0/],
    [`http.host eq "a")`, 16, ")", /has no opening one/],
    [`http.host eq`, 12, "end of expression", /a literal value after "eq"/],
    [`http.host eq http.referer`, 13, "http.referer", /not with other fields/],
    [`http.host eq 443`, 13, "443", /a String literal to compare with http.host/],
    [`cf.edge.server_port contains "4"`, 20, "contains", /type String for "contains", not Int/],
    [`"www.example.com" eq http.host`, 21, "http.host", /not with other fields/],
    [`starts_with("abc", "a")`, 12, `"abc"`, /Cloudflare does not accept a literal there/],
    [`lower(ssl) eq "true"`, 6, "ssl", /argument 1 of lower\(\) to be String, not Bool/],
    [`http.request.headers.names[*] == "x"`, 26, "[*]", /only inside the first argument of a function call/],
    [`http.request.headers eq "x"`, 21, "eq", /not Map<Array<String>>/],
    [`http.request.headers[0]`, 20, `http.request.headers[0]`, /a string key/],
    [`http.host wildcard "a**"`, 19, "a**", /two unescaped "\*" in a row/],
    [`http.host matches "(?x)a"`, 18, "(?x)a", /inline flag "x"/],
    [`ip.src in {"a"}`, 11, `"a"`, /IP addresses, CIDRs or IP ranges/],
    [`ip.src in {192.0.2.0/33}`, 11, "192.0.2.0/33", /a set value/],
    [`cf.edge.server_port in {9..1}`, 24, "9..1", /start is not above its end/],
    [`http.host`, 0, "http.host", /a Bool expression .* not String/],
    [`concat()`, 0, "concat(", /at least 1 argument/],
    [`http.host eq "a" and`, 20, "end of expression", /a field, function call or literal/],
    [`and ssl`, 0, "and", /unexpected operator/],
    [`http.host in "a"`, 13, `"a"`, /"\{" to start the set/],
    [`http.host eq {"a"}`, 13, "{", /a set needs "in"/],
    [`http.host strict eq "a"`, 17, "eq", /"wildcard" after "strict"/],
    [`http.host # comment`, 10, "#", /unexpected character/],
    [``, 0, "", /empty expression/],
  ];

  it.each(rejected)("%s", (text, position, construct, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulesSyntaxError);
    const e = error as RulesSyntaxError;
    expect({ position: e.position, construct: e.construct }).toEqual({ position, construct });
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`${JSON.stringify(construct)} at ${position}`);
  });

  it("describeSyntaxError points a caret at the position", () => {
    const text = `http.host eq "x" and foo(1)`;
    let error: RulesSyntaxError | undefined;
    try {
      parse(text);
    } catch (e) {
      error = e as RulesSyntaxError;
    }
    const lines = describeSyntaxError(text, error!).split("\n");
    expect(lines[1]).toBe(`  ${text}`);
    expect(lines[2]).toBe(`  ${" ".repeat(21)}^`);
  });
});
