/**
 * Property tests: for arbitrary builder trees and arbitrary requests, the text Pulumi would send
 * parses back to the same tree and evaluates the same way; and no input makes the parser throw
 * anything but a positioned RulesSyntaxError.
 */
import fc from "fast-check";
import {
  and,
  anyValue,
  at,
  concat,
  contains,
  cookieContains,
  createRequest,
  endsWith,
  eq,
  escapeWildcard,
  evaluate,
  evaluateString,
  fields,
  gt,
  header,
  headerEquals,
  headerPresent,
  inIpSet,
  inSet,
  lower,
  lt,
  matches,
  ne,
  not,
  or,
  parse,
  range,
  render,
  RulesSyntaxError,
  startsWith,
  strictWildcard,
  upper,
  wildcard,
  xor,
  type BoolExpr,
  type HttpRequest,
  type StringExpr,
} from "../../rules";

const RUNS = { numRuns: 400 };

// Text that exercises escaping: quotes, backslashes, stars, control and non-ASCII characters.
const text = fc.string({ unit: fc.constantFrom("a", "B", "/", ".", "*", '"', "\\", " ", "\t", "é", "#", "x"), maxLength: 8 });
const headerName = fc.constantFrom("accept", "authorization", "x-env");

const stringExpr: fc.Arbitrary<StringExpr> = fc.letrec<{ s: StringExpr }>((tie) => ({
  s: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<StringExpr>(fields.host, fields.method, fields.path, fields.extension, fields.query, fields.uri, fields.fullUri, fields.cookie, fields.userAgent),
    tie("s").map((s) => lower(s)),
    tie("s").map((s) => upper(s)),
    fc.tuple(tie("s"), text).map(([s, t]) => concat(s, t)),
    headerName.map((h) => at(header(h), 0)),
  ),
})).s;

const wildcardPattern = fc.array(text, { minLength: 1, maxLength: 4 }).map((parts) => parts.map((p, i) => (p === "" && i > 0 && i < parts.length - 1 ? "x" : escapeWildcard(p))).join("*"));
const literalRegex = text.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));

const leaf: fc.Arbitrary<BoolExpr> = fc.oneof(
  fc.tuple(stringExpr, text).map(([s, t]) => eq(s, t)),
  fc.tuple(stringExpr, text).map(([s, t]) => ne(s, t)),
  fc.tuple(stringExpr, text).map(([s, t]) => contains(s, t)),
  fc.tuple(stringExpr, text).map(([s, t]) => lt(s, t)),
  fc.tuple(stringExpr, text).map(([s, t]) => startsWith(s, t)),
  fc.tuple(stringExpr, text).map(([s, t]) => endsWith(s, t)),
  fc.tuple(stringExpr, wildcardPattern).map(([s, p]) => wildcard(s, p)),
  fc.tuple(stringExpr, wildcardPattern).map(([s, p]) => strictWildcard(s, p)),
  fc.tuple(stringExpr, literalRegex).map(([s, r]) => matches(s, r)),
  fc.tuple(stringExpr, fc.array(text, { minLength: 1, maxLength: 3 })).map(([s, v]) => inSet(s, v)),
  fc.constant(fields.ssl),
  fc.constant(fields.verifiedBot),
  headerName.map((h) => headerPresent(h)),
  fc.tuple(headerName, text).map(([h, t]) => headerEquals(h, t)),
  fc.tuple(headerName, text).map(([h, t]) => anyValue(header(h), (v) => eq(lower(v), t))),
  text.map((t) => cookieContains(t)),
  fc.constantFrom(["192.0.2.0/24"], ["198.51.100.1", "2001:db8::/32"], ["198.51.100.3..198.51.100.9"]).map((v) => inIpSet(fields.clientIp, v)),
  fc.tuple(fc.integer({ min: 0, max: 9000 }), fc.integer({ min: 0, max: 100 })).map(([a, n]) => inSet(fields.serverPort, [a, range(a, a + n)])),
  fc.integer({ min: 0, max: 9000 }).map((n) => gt(fields.serverPort, n)),
);

const boolExpr: fc.Arbitrary<BoolExpr> = fc.letrec<{ b: BoolExpr }>((tie) => ({
  b: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("b").map((b) => not(b)),
    fc.array(tie("b"), { minLength: 2, maxLength: 3 }).map((bs) => and(...bs)),
    fc.array(tie("b"), { minLength: 2, maxLength: 3 }).map((bs) => or(...bs)),
    fc.array(tie("b"), { minLength: 2, maxLength: 3 }).map((bs) => xor(...bs)),
  ),
})).b;

const request: fc.Arbitrary<HttpRequest> = fc
  .record({
    scheme: fc.constantFrom("http", "https"),
    method: fc.constantFrom("GET", "POST", "get"),
    host: fc.constantFrom("example.com", "WWW.example.com", "app.example.com"),
    port: fc.constantFrom("", ":8443"),
    path: fc.array(fc.constantFrom("a", "B", "x.js", "login", "*", "%22", "é"), { maxLength: 3 }).map((segs) => `/${segs.join("/")}`),
    query: fc.constantFrom("", "?ref=x", "?a=1&b=%22"),
    headers: fc.dictionary(headerName, fc.array(text, { minLength: 1, maxLength: 2 }), { maxKeys: 3 }),
    cookie: fc.option(text.map((t) => `session=${t}`), { nil: undefined }),
    clientIp: fc.option(fc.constantFrom("192.0.2.7", "198.51.100.5", "2001:db8::1", "203.0.113.1"), { nil: undefined }),
    verifiedBot: fc.boolean(),
  })
  .map((r) =>
    createRequest({
      url: `${r.scheme}://${r.host}${r.port}${r.path}${r.query}`,
      method: r.method,
      headers: { ...r.headers, ...(r.cookie === undefined ? {} : { cookie: r.cookie }) },
      ...(r.clientIp === undefined ? {} : { clientIp: r.clientIp }),
      verifiedBot: r.verifiedBot,
    }),
  );

describe("properties", () => {
  it("parse(render(x)) deep-equals x, and rendering is a fixpoint", () => {
    fc.assert(
      fc.property(boolExpr, (expr) => {
        const textForm = render(expr, { expect: "Bool" });
        const parsed = parse(textForm);
        expect(parsed).toEqual(expr);
        expect(render(parsed)).toBe(textForm);
      }),
      RUNS,
    );
  });

  it("evaluate(parse(render(x)), req) === evaluate(x, req)", () => {
    fc.assert(
      fc.property(boolExpr, request, (expr, req) => {
        expect(evaluate(parse(render(expr)), req)).toBe(evaluate(expr, req));
      }),
      RUNS,
    );
  });

  it("redirect-style String targets evaluate the same from text", () => {
    fc.assert(
      fc.property(stringExpr, text, request, (s, prefix, req) => {
        const target = concat(prefix, s);
        const fromText = parse(render(target), { expect: "String" });
        let direct: string | Error;
        try {
          direct = evaluateString(target, req);
        } catch (e) {
          direct = e as Error; // a missing header makes the target missing: both sides must say so
        }
        if (direct instanceof Error) expect(() => evaluateString(fromText, req)).toThrow(direct.message);
        else expect(evaluateString(fromText, req)).toBe(direct);
      }),
      RUNS,
    );
  });

  it("arbitrary text either parses or fails with a positioned RulesSyntaxError", () => {
    const tokenish = fc.constantFrom("http.host", "eq", "and", "or", "not", "(", ")", '"a"', "{", "}", "in", "[*]", '["x"]', "lower(", ",", "ssl", "1", "192.0.2.0/24", "r#\"", "$l", "==", "&&", "matches", "\\", "'", "strict", "wildcard", "any(", "http.request.headers");
    const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.array(tokenish, { maxLength: 10 }).map((ts) => ts.join(" ")));
    fc.assert(
      fc.property(junk, (input) => {
        try {
          parse(input, { expect: "any" });
        } catch (e) {
          expect(e).toBeInstanceOf(RulesSyntaxError);
          const err = e as RulesSyntaxError;
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.position).toBeLessThanOrEqual(input.length);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
