/**
 * Typed builders for the expressions the stack writes. Components build with these and put
 * `render(expr)` into a `cloudflare.Ruleset` rule; nothing else in the project assembles
 * expression strings by hand.
 *
 *   const loginPosts = and(eq(fields.method, "POST"), startsWith(fields.path, "/login"));
 *   const wwwToApex = concat("https://example.com", fields.path);   // redirect target
 *   const hasAuth = headerPresent("authorization");
 *
 * Types are phantom (compile-time only): `eq(fields.ssl, "x")` does not compile, and the nodes
 * are the plain AST objects the parser produces, so `parse(render(x))` deep-equals `x`.
 * Arguments that TypeScript cannot check (wildcard and regex syntax, empty sets, IP text) are
 * checked here and throw RulesBuildError.
 */
import type {
  CompareOp,
  Expr,
  IntLiteral,
  IpLiteral,
  Literal,
  LogicalOp,
  RangeElement,
  RulesType,
  SetElement,
  StringLiteral,
} from "./ast";
import { isCidr } from "./check";
import { RulesBuildError } from "./errors";
import { FIELDS, isFieldName, type FieldName, type FieldType } from "./fields";
import { functionSpec } from "./functions";
import { compileRustRegex } from "./regex";
import { isIpAddress } from "../kernel/ipAddress";
import { parseWildcard } from "./wildcard";

declare const rulesType: unique symbol;
/** An expression node whose Rules-language type is known to TypeScript. */
export type Typed<T extends RulesType> = Expr & { readonly [rulesType]?: T };

export type StringExpr = Typed<"String">;
export type IntExpr = Typed<"Int">;
export type BoolExpr = Typed<"Bool">;
export type IpExpr = Typed<"IP">;
export type StringArrayExpr = Typed<"Array<String>">;
export type StringMapExpr = Typed<"Map<Array<String>>">;

/** A reference to a request field; unknown names do not compile (and throw if forced). */
export function field<N extends FieldName>(name: N): Typed<FieldType<N>> {
  if (!isFieldName(name)) throw new RulesBuildError(`unknown field ${JSON.stringify(name)}; expected one of ${Object.keys(FIELDS).join(", ")}`);
  return { kind: "field", name } as Typed<FieldType<N>>;
}

/** The fields the stack uses most, by short name. */
export const fields = {
  host: field("http.host"),
  method: field("http.request.method"),
  path: field("http.request.uri.path"),
  extension: field("http.request.uri.path.extension"),
  query: field("http.request.uri.query"),
  uri: field("http.request.uri"),
  fullUri: field("http.request.full_uri"),
  cookie: field("http.cookie"),
  cookies: field("http.request.cookies"),
  userAgent: field("http.user_agent"),
  referer: field("http.referer"),
  headers: field("http.request.headers"),
  headerNames: field("http.request.headers.names"),
  ssl: field("ssl"),
  serverPort: field("cf.edge.server_port"),
  clientIp: field("ip.src"),
  country: field("ip.src.country"),
  verifiedBot: field("cf.client.bot"),
} as const;

// ---- literals --------------------------------------------------------------------------------

export function str(value: string): StringLiteral & StringExpr {
  return { kind: "string", value };
}

export function int(value: number): IntLiteral & IntExpr {
  if (!Number.isSafeInteger(value)) throw new RulesBuildError(`integer literal ${value} is not a safe integer`);
  return { kind: "int", value };
}

/** An IP address literal (for comparisons with `ip.src`). */
export function ip(value: string): IpLiteral & IpExpr {
  if (!isIpAddress(value)) throw new RulesBuildError(`${JSON.stringify(value)} is not an IPv4 or IPv6 address`);
  return { kind: "ip", value };
}

/** An integer range for `inSet` over an Int field: `range(8000, 8009)` renders `8000..8009`. */
export function range(from: number, to: number): RangeElement {
  if (from > to) throw new RulesBuildError(`range ${from}..${to} starts above its end`);
  return { kind: "range", from: int(from), to: int(to) };
}

// ---- comparisons -----------------------------------------------------------------------------

function compare(op: CompareOp, left: Expr, right: Literal): BoolExpr {
  return { kind: "compare", op, left, right };
}

function lit(value: string | number | Literal): Literal {
  return typeof value === "string" ? str(value) : typeof value === "number" ? int(value) : value;
}

export function eq(left: StringExpr, right: string): BoolExpr;
export function eq(left: IntExpr, right: number): BoolExpr;
export function eq(left: IpExpr, right: IpLiteral): BoolExpr;
export function eq(left: Expr, right: string | number | Literal): BoolExpr {
  return compare("eq", left, lit(right));
}

export function ne(left: StringExpr, right: string): BoolExpr;
export function ne(left: IntExpr, right: number): BoolExpr;
export function ne(left: IpExpr, right: IpLiteral): BoolExpr;
export function ne(left: Expr, right: string | number | Literal): BoolExpr {
  return compare("ne", left, lit(right));
}

export function lt(left: StringExpr, right: string): BoolExpr;
export function lt(left: IntExpr, right: number): BoolExpr;
export function lt(left: Expr, right: string | number): BoolExpr {
  return compare("lt", left, lit(right));
}

export function le(left: StringExpr, right: string): BoolExpr;
export function le(left: IntExpr, right: number): BoolExpr;
export function le(left: Expr, right: string | number): BoolExpr {
  return compare("le", left, lit(right));
}

export function gt(left: StringExpr, right: string): BoolExpr;
export function gt(left: IntExpr, right: number): BoolExpr;
export function gt(left: Expr, right: string | number): BoolExpr {
  return compare("gt", left, lit(right));
}

export function ge(left: StringExpr, right: string): BoolExpr;
export function ge(left: IntExpr, right: number): BoolExpr;
export function ge(left: Expr, right: string | number): BoolExpr {
  return compare("ge", left, lit(right));
}

export function contains(left: StringExpr, substring: string): BoolExpr {
  return compare("contains", left, str(substring));
}

/**
 * Case-insensitive whole-value wildcard match; `*` matches any run of characters. Use
 * escapeWildcard() for literal text that may contain `*` or `\`.
 */
export function wildcard(left: StringExpr, pattern: string): BoolExpr {
  assertWildcard(pattern);
  return compare("wildcard", left, str(pattern));
}

/** Case-sensitive `strict wildcard`. */
export function strictWildcard(left: StringExpr, pattern: string): BoolExpr {
  assertWildcard(pattern);
  return compare("strict wildcard", left, str(pattern));
}

/** Regex match (Rust syntax). Needs a Business or Enterprise plan: see operatorsUsed(). */
export function matches(left: StringExpr, regex: string): BoolExpr {
  const compiled = compileRustRegex(regex);
  if (typeof compiled === "string") throw new RulesBuildError(compiled);
  return compare("matches", left, str(regex));
}

export function inSet(left: StringExpr, values: readonly string[]): BoolExpr;
export function inSet(left: IntExpr, values: readonly (number | RangeElement)[]): BoolExpr;
export function inSet(left: Expr, values: readonly (string | number | RangeElement)[]): BoolExpr {
  if (values.length === 0) throw new RulesBuildError(`"in" needs at least one value; an empty set never matches`);
  const set = values.map((v): SetElement => (typeof v === "object" ? v : lit(v)));
  return { kind: "in", left, set };
}

/** `ip.src in {…}` with addresses, CIDRs ("192.0.2.0/24") or ranges ("192.0.2.1..192.0.2.9"). */
export function inIpSet(left: IpExpr, values: readonly string[]): BoolExpr {
  if (values.length === 0) throw new RulesBuildError(`"in" needs at least one address; an empty set never matches`);
  const set = values.map((text): SetElement => {
    if (isIpAddress(text)) return ip(text);
    if (isCidr(text)) return { kind: "cidr", value: text };
    const [from, to, extra] = text.split("..");
    if (from !== undefined && to !== undefined && extra === undefined && isIpAddress(from) && isIpAddress(to)) {
      return { kind: "range", from: ip(from), to: ip(to) };
    }
    throw new RulesBuildError(`${JSON.stringify(text)} is not an IP address, CIDR or "a..b" IP range`);
  });
  return { kind: "in", left, set };
}

// ---- logic -----------------------------------------------------------------------------------

function logical(op: LogicalOp, operands: readonly BoolExpr[]): BoolExpr {
  if (operands.length === 0) throw new RulesBuildError(`${op}() needs at least one operand`);
  const flat: Expr[] = [];
  for (const o of operands) {
    if (o.kind === "logical" && o.op === op) flat.push(...o.operands);
    else flat.push(o);
  }
  return flat.length === 1 ? (flat[0] as BoolExpr) : { kind: "logical", op, operands: flat };
}

/** Flattens nested `and`s; one operand is returned as is. */
export function and(...operands: BoolExpr[]): BoolExpr {
  return logical("and", operands);
}

export function or(...operands: BoolExpr[]): BoolExpr {
  return logical("or", operands);
}

export function xor(...operands: BoolExpr[]): BoolExpr {
  return logical("xor", operands);
}

export function not(operand: BoolExpr): BoolExpr {
  return { kind: "not", operand };
}

// ---- functions -------------------------------------------------------------------------------

/**
 * A call; when the first argument is an unpacked element (inside anyValue/allValues) and the
 * function returns a value rather than a Bool, the result is unpacked again, so `lower(v)` there
 * renders `lower(x[*])[*]` as Cloudflare requires, while `starts_with(x[*], "a")` stays an
 * array of Bool for any()/all().
 */
function call<T extends RulesType>(name: string, args: readonly Expr[]): Typed<T> {
  const node: Expr = { kind: "call", name, args };
  const rewrap = args[0]?.kind === "unpack" && functionSpec(name)?.returns !== "Bool";
  return (rewrap ? { kind: "unpack", target: node } : node) as Typed<T>;
}

export function lower(value: StringExpr): StringExpr {
  return call("lower", [value]);
}

export function upper(value: StringExpr): StringExpr {
  return call("upper", [value]);
}

/** Joins strings; plain strings become literals: concat("https://example.com", fields.path). */
export function concat(...parts: (StringExpr | string)[]): StringExpr {
  if (parts.length === 0) throw new RulesBuildError("concat() needs at least one argument");
  return call("concat", parts.map((p) => (typeof p === "string" ? str(p) : p)));
}

export function startsWith(value: StringExpr, prefix: string | StringExpr): BoolExpr {
  assertNotLiteral("starts_with", value);
  return call("starts_with", [value, typeof prefix === "string" ? str(prefix) : prefix]);
}

export function endsWith(value: StringExpr, suffix: string | StringExpr): BoolExpr {
  assertNotLiteral("ends_with", value);
  return call("ends_with", [value, typeof suffix === "string" ? str(suffix) : suffix]);
}

export function len(value: StringExpr | StringArrayExpr): IntExpr {
  return call("len", [value]);
}

export function urlDecode(value: StringExpr, options?: "r" | "u" | "ur" | "ru"): StringExpr {
  return call("url_decode", options === undefined ? [value] : [value, str(options)]);
}

/** wildcard_replace(source, pattern, replacement[, "s"]): redirect/rewrite targets only. */
export function wildcardReplace(source: StringExpr, pattern: string, replacement: string, caseSensitive = false): StringExpr {
  assertWildcard(pattern);
  const args: Expr[] = [source, str(pattern), str(replacement)];
  if (caseSensitive) args.push(str("s"));
  return call("wildcard_replace", args);
}

/** regex_replace(source, regex, replacement): redirect/rewrite targets only; Business plan+. */
export function regexReplace(source: StringExpr, regex: string, replacement: string): StringExpr {
  const compiled = compileRustRegex(regex);
  if (typeof compiled === "string") throw new RulesBuildError(compiled);
  return call("regex_replace", [source, str(regex), str(replacement)]);
}

/** `array[i]`: the i-th element (a missing value when out of range). */
export function at(array: StringArrayExpr, i: number): StringExpr {
  return { kind: "index", target: array, key: int(i) } as StringExpr;
}

/** `map["key"]`. */
export function entry(map: StringMapExpr, key: string): StringArrayExpr {
  return { kind: "index", target: map, key: str(key) } as StringArrayExpr;
}

/** True when `predicate` holds for some element: any(pred(array[*])). */
export function anyValue(array: StringArrayExpr, predicate: (element: StringExpr) => BoolExpr): BoolExpr {
  return call("any", [predicate({ kind: "unpack", target: array } as StringExpr)]);
}

/** True when `predicate` holds for every element (false when the array is missing). */
export function allValues(array: StringArrayExpr, predicate: (element: StringExpr) => BoolExpr): BoolExpr {
  return call("all", [predicate({ kind: "unpack", target: array } as StringExpr)]);
}

// ---- intent helpers --------------------------------------------------------------------------

/** The values of a request header; names are case-insensitive, Cloudflare keys them lower-case. */
export function header(name: string): StringArrayExpr {
  return entry(fields.headers, name.toLowerCase());
}

/** The header is present (with any value): len(http.request.headers["name"]) gt 0. */
export function headerPresent(name: string): BoolExpr {
  return gt(len(header(name)), 0);
}

/** Some value of the header equals `value` exactly (case-sensitive). */
export function headerEquals(name: string, value: string): BoolExpr {
  return anyValue(header(name), (v) => eq(v, value));
}

/** Some value of the header contains `substring` (case-sensitive). */
export function headerContains(name: string, substring: string): BoolExpr {
  return anyValue(header(name), (v) => contains(v, substring));
}

/** The raw Cookie header contains `substring`, e.g. cookieContains("session="). Any plan. */
export function cookieContains(substring: string): BoolExpr {
  return contains(fields.cookie, substring);
}

/** A cookie of this exact name is present. Uses http.request.cookies: Pro plan and up. */
export function cookiePresent(name: string): BoolExpr {
  return gt(len(entry(fields.cookies, name)), 0);
}

/** `http.host eq "a"` for one host, `http.host in {"a" "b"}` for several (lower-cased). */
export function hostIs(...hosts: string[]): BoolExpr {
  const lowered = hosts.map((h) => h.toLowerCase());
  if (lowered.length === 0) throw new RulesBuildError("hostIs() needs at least one host");
  return lowered.length === 1 ? eq(fields.host, lowered[0]!) : inSet(fields.host, lowered);
}

function assertWildcard(pattern: string): void {
  const parts = parseWildcard(pattern);
  if (typeof parts === "string") throw new RulesBuildError(`wildcard pattern ${JSON.stringify(pattern)}: ${parts}`);
}

function assertNotLiteral(fn: string, value: Expr): void {
  if (value.kind === "string") throw new RulesBuildError(`${fn}() cannot take a literal as its first argument (Cloudflare rejects it); pass a field`);
}
