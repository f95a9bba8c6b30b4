import {
  createRequest,
  evaluate,
  evaluateString,
  evaluateValue,
  matchesRequest,
  MISSING,
  parse,
  parseRequestLine,
  RulesEvaluationError,
  type HttpRequest,
} from "../../rules";

const req = (line: string, headers: string[] = []): HttpRequest => parseRequestLine(line, headers);

describe("evaluate: filter expressions against requests", () => {
  const login = req("POST https://app.example.com/login?next=/home", ["Cookie: session=abc; theme=dark", "Accept: text/html", "Accept: application/JSON", "User-Agent: curl/8.5"]);
  const asset = req("GET https://www.example.com/assets/app.3f2a.JS", ["Cookie: session=1"]);
  const plain = req("GET http://WWW.Example.com/pricing?ref=x");

  const table: Array<[string, HttpRequest, boolean]> = [
    [`http.host eq "app.example.com"`, login, true],
    [`http.host eq "www.example.com"`, plain, true], // the host is lower-cased like DNS names
    [`http.request.method eq "POST" and http.request.uri.path eq "/login"`, login, true],
    [`http.request.method eq "post"`, login, false], // eq is case-sensitive
    [`http.request.uri.path eq "/login?next=/home"`, login, false], // path has no query
    [`http.request.uri.query eq "next=/home"`, login, true], // query has no "?"
    [`http.request.uri eq "/login?next=/home"`, login, true],
    [`http.request.full_uri eq "https://app.example.com/login?next=/home"`, login, true],
    [`http.request.full_uri eq "http://www.example.com/pricing?ref=x"`, plain, true],
    [`ssl`, login, true],
    [`not ssl`, plain, true],
    [`cf.edge.server_port eq 80`, plain, true],
    [`http.request.uri.path.extension eq "js"`, asset, true], // lower-cased extension
    [`raw.http.request.uri.path.extension eq "JS"`, asset, true],
    [`http.request.uri.path.extension in {"css" "js"}`, asset, true],
    [`http.request.uri.path.extension in {"css" "png"}`, asset, false],
    [`http.cookie contains "session="`, login, true],
    [`http.cookie contains "session="`, plain, false],
    [`http.cookie eq "session=abc; theme=dark"`, login, true],
    [`any(http.request.cookies["theme"][*] eq "dark")`, login, true],
    [`len(http.request.cookies["session"]) gt 0`, plain, false],
    [`http.user_agent contains "curl"`, login, true],
    [`http.request.uri.path wildcard "/ASSETS/*.js"`, asset, true], // wildcard: case-insensitive
    [`http.request.uri.path strict wildcard "/ASSETS/*"`, asset, false], // strict: case-sensitive
    [`http.request.uri.path strict wildcard "/assets/*.JS"`, asset, true],
    [`http.request.uri.path wildcard "/assets/"`, asset, false], // whole value must match
    [`http.request.full_uri wildcard "*.example.com/*"`, plain, true], // "*" spans "http://www"
    [`http.request.full_uri wildcard "*.example.com/*/page.html"`, req("GET https://example.com/ab/page.html"), false], // docs: only subdomains
    [`http.request.full_uri wildcard "*.example.com/*/page.html"`, req("GET https://admin.example.com/team/subteam/page.html"), true],
    [`http.request.full_uri wildcard "*.example.com/*/page.html"`, req("GET https://sub.example.com/folder2/page.html?s=value"), false], // query is part of full_uri
    [`all(not http.request.headers["x-none"][*] contains "a")`, login, false], // missing array: all() is false
    [`http.request.full_uri wildcard "https://app.example.com/*"`, login, true],
    [`starts_with(http.request.uri.path, "/login")`, login, true],
    [`ends_with(lower(http.request.uri.path), ".js")`, asset, true],
    [`lower(http.request.uri.path) contains "/assets/app"`, asset, true],
    [`upper(http.request.method) eq "GET"`, asset, true],
    [`concat(http.host, http.request.uri.path) eq "app.example.com/login"`, login, true],
    [`http.request.uri.path matches "^/log(in|out)$"`, login, true],
    [`http.request.uri.path matches "(?i)^/LOGIN$"`, login, true],
    [`http.request.uri.path lt "/m"`, login, true],
    [`any(http.request.headers["accept"][*] eq "text/html")`, login, true],
    [`any(lower(http.request.headers["accept"][*])[*] eq "application/json")`, login, true],
    [`all(http.request.headers["accept"][*] contains "/")`, login, true],
    [`all(http.request.headers["accept"][*] eq "text/html")`, login, false],
    [`all(not http.request.headers["accept"][*] contains "xml")`, login, true],
    [`any(http.request.headers["authorization"][*] eq "x")`, login, false], // absent header: missing → false
    [`not any(http.request.headers["authorization"][*] eq "x")`, login, true],
    [`len(http.request.headers["accept"]) eq 2`, login, true],
    [`http.request.headers["accept"][1] eq "application/JSON"`, login, true],
    [`http.request.headers["accept"][5] eq "x"`, login, false], // out of range: missing → false
    [`http.request.headers["accept"][5] ne "x"`, login, false], // missing is false even for ne
    [`any(http.request.headers.names[*] eq "host")`, login, true],
    [`ssl xor http.host eq "app.example.com"`, login, false],
    [`ssl xor http.host eq "other"`, login, true],
    [`http.host eq "x" or ssl and http.request.method eq "POST"`, login, true],
    [`(http.host eq "x" or ssl) and http.request.method eq "GET"`, login, false],
    [`url_decode(http.request.uri.query) eq "next=/home"`, login, true],
  ];

  it.each(table)("%s", (text, request, expected) => {
    expect(evaluate(parse(text), request)).toBe(expected);
  });
});

describe("evaluate: IP, country and bot fields", () => {
  const withIp = createRequest({ url: "https://example.com/", clientIp: "198.51.100.7", country: "gb", verifiedBot: true });
  const v6 = createRequest({ url: "https://example.com/", clientIp: "2001:db8::1" });
  const none = createRequest({ url: "https://example.com/" });
  const table: Array<[string, HttpRequest, boolean]> = [
    [`ip.src eq 198.51.100.7`, withIp, true],
    [`ip.src ne 198.51.100.8`, withIp, true],
    [`ip.src in {198.51.100.0/24}`, withIp, true],
    [`ip.src in {198.51.100.3..198.51.100.7}`, withIp, true],
    [`ip.src in {198.51.100.8..198.51.100.9 192.0.2.1}`, withIp, false],
    [`ip.src in {2001:db8::/32}`, v6, true],
    [`ip.src in {2001:db8::/32}`, withIp, false],
    [`ip.src eq 2001:0db8:0:0:0:0:0:1`, v6, true],
    [`ip.src in {198.51.100.0/24}`, none, false], // no client IP: missing
    [`not ip.src in {198.51.100.0/24}`, none, true],
    [`ip.src.country eq "GB"`, withIp, true],
    [`ip.src.country in {"GB" "IE"}`, none, false],
    [`cf.client.bot`, withIp, true],
    [`cf.bot_management.verified_bot`, none, false],
  ];
  it.each(table)("%s", (text, request, expected) => {
    expect(evaluate(parse(text), request)).toBe(expected);
  });
});

describe("evaluateValue / evaluateString", () => {
  const r = parseRequestLine("GET http://www.example.com/pricing?ref=x");
  it("computes dynamic values", () => {
    expect(evaluateString(parse(`concat("https://example.com", http.request.uri.path)`, { expect: "String" }), r)).toBe("https://example.com/pricing");
    expect(evaluateValue(parse(`len(http.host)`, { expect: "Int" }), r)).toBe(15);
    expect(evaluateString(parse(`wildcard_replace(http.request.full_uri, "http://www.*", "https://${"$"}{1}")`, { expect: "String" }), r)).toBe("https://example.com/pricing?ref=x");
    expect(evaluateString(parse(`regex_replace(http.request.uri.path, "^/p(.*)$", "/P${"$"}{1}")`, { expect: "String" }), r)).toBe("/Pricing");
    expect(evaluateValue(parse(`http.request.headers["x-none"][0]`, { expect: "String" }), r)).toBe(MISSING);
  });
  it("refuses a missing value where a string is needed", () => {
    expect(() => evaluateString(parse(`concat("a", http.request.headers["x-none"][0])`, { expect: "String" }), r)).toThrow(/missing value, not a String/);
  });
  it("refuses to treat a string as a filter verdict", () => {
    expect(() => evaluate(parse(`http.host`, { expect: "any" }), r)).toThrow(RulesEvaluationError);
  });
  it("matchesRequest parses text once and evaluates it", () => {
    expect(matchesRequest(`http.request.uri.query contains "ref="`, r)).toBe(true);
    expect(matchesRequest(`http.request.uri.query contains "ref="`, parseRequestLine("GET http://www.example.com/"))).toBe(false);
  });
});
