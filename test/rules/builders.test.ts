import {
  and,
  concat,
  field,
  fields,
  hostIs,
  inIpSet,
  inSet,
  int,
  ip,
  matches,
  or,
  range,
  regexReplace,
  render,
  RulesBuildError,
  startsWith,
  str,
  strictWildcard,
  wildcard,
  wildcardReplace,
  eq,
  type FieldName,
} from "../../rules";

describe("builders: inputs that must fail", () => {
  const bad: Array<[string, () => unknown, RegExp]> = [
    ["wildcard with **", () => wildcard(fields.path, "/a/**"), /two unescaped "\*" in a row/],
    ["strict wildcard with a lone backslash", () => strictWildcard(fields.path, "/a\\b"), /backslash at offset 2/],
    ["wildcard_replace with **", () => wildcardReplace(fields.path, "**", "/"), /two unescaped/],
    ["regex JS cannot compile", () => matches(fields.path, "(unclosed"), /cannot be compiled/],
    ["regex with an x flag", () => regexReplace(fields.path, "(?x) a", "b"), /inline flag "x"/],
    ["empty string set", () => inSet(fields.host, []), /"in" needs at least one value/],
    ["empty IP set", () => inIpSet(fields.clientIp, []), /needs at least one address/],
    ["bad IP set entry", () => inIpSet(fields.clientIp, ["10.0.0.0/33"]), /"10.0.0.0\/33" is not an IP address, CIDR or "a..b" IP range/],
    ["bad IP literal", () => ip("1"), /"1" is not an IPv4 or IPv6 address/],
    ["reversed range", () => range(9, 1), /range 9..1 starts above its end/],
    ["non-integer", () => int(1.5), /1.5 is not a safe integer/],
    ["and of nothing", () => and(), /and\(\) needs at least one operand/],
    ["or of nothing", () => or(), /or\(\) needs at least one operand/],
    ["concat of nothing", () => concat(), /concat\(\) needs at least one argument/],
    ["starts_with on a literal", () => startsWith(str("abc"), "a"), /cannot take a literal as its first argument/],
    ["unknown field forced past the types", () => field("http.hots" as FieldName), /unknown field "http.hots"/],
    ["hostIs of nothing", () => hostIs(), /needs at least one host/],
  ];
  it.each(bad)("%s", (_name, build, message) => {
    expect(build).toThrow(RulesBuildError);
    expect(build).toThrow(message);
  });
});

describe("builders: shapes", () => {
  it("returns a single operand of and/or unchanged and flattens nested ones", () => {
    const a = eq(fields.host, "a");
    expect(and(a)).toBe(a);
    expect(or(or(a, a), a)).toEqual({ kind: "logical", op: "or", operands: [a, a, a] });
  });

  it("renders exactly what the parser expects for typical edge rules", () => {
    const rateLimitLogin = and(eq(fields.method, "POST"), eq(fields.path, "/login"), hostIs("app.example.com"));
    expect(render(rateLimitLogin, { expect: "Bool" })).toBe(`http.request.method eq "POST" and http.request.uri.path eq "/login" and http.host eq "app.example.com"`);
    const cacheable = and(inSet(fields.extension, ["js", "css", "png"]), startsWith(fields.path, "/assets/"));
    expect(render(cacheable)).toBe(`http.request.uri.path.extension in {"js" "css" "png"} and starts_with(http.request.uri.path, "/assets/")`);
  });
});
