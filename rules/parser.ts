/**
 * Parses Rules-language text (the subset described in ast.ts) into the same tree the builders
 * make, then type-checks it. Anything outside the subset is a RulesSyntaxError naming the
 * position and the construct.
 *
 * Grammar (precedence from Cloudflare's operators page, checked 2026-11-28: not > and > xor > or;
 * English and C-like spellings are equivalent):
 *   expr       := xorExpr (("or" | "||") xorExpr)*
 *   xorExpr    := andExpr (("xor" | "^^") andExpr)*
 *   andExpr    := unary (("and" | "&&") unary)*
 *   unary      := ("not" | "!") unary | comparison
 *   comparison := value [compareOp literal | "in" set]
 *   value      := primary ("[" (string | int | "*") "]")*
 *   primary    := "(" expr ")" | literal | field | name "(" [expr ("," expr)*] ")"
 *   set        := "{" setElement+ "}"        (space separated, as Cloudflare requires)
 *
 * Strings: "quoted" with \" \\ \xHH escapes, or raw r"..." / r#"..."# with none. On the right of
 * `matches` a quoted string keeps its backslashes for the regex (only \" is unescaped); in
 * wildcard patterns unknown escapes such as \* are kept for the wildcard matcher.
 */
import type { CompareOp, Expr, IntLiteral, IpLiteral, Literal, SetElement, StringLiteral } from "./ast";
import { checkExpression, isCidr, type Expectation, type Fail } from "./check";
import { RulesSyntaxError } from "./errors";
import { tokenize, type Token } from "./lexer";
import { isIpAddress } from "../kernel/ipAddress";

export interface ParseOptions {
  /** The type the whole expression must have: "Bool" for rule filters (default), "String" for
   *  redirect targets and rewrite values, "any" to skip the check. */
  readonly expect?: Expectation;
}

const ENGLISH_COMPARE: Record<string, CompareOp> = {
  eq: "eq",
  ne: "ne",
  lt: "lt",
  le: "le",
  gt: "gt",
  ge: "ge",
  contains: "contains",
  matches: "matches",
  wildcard: "wildcard",
};
const C_COMPARE: Record<string, CompareOp> = { "==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "~": "matches" };
const KEYWORDS = new Set(["and", "or", "xor", "not", "in", "strict", ...Object.keys(ENGLISH_COMPARE)]);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const INT = /^-?\d+$/;

type StringMode = "basic" | "wildcard" | "regex";

/** Parses and type-checks; throws RulesSyntaxError. */
export function parse(text: string, options: ParseOptions = {}): Expr {
  const positions = new WeakMap<object, number>();
  const parser = new Parser(text, tokenize(text), positions);
  const node = parser.parseTop();
  const fail: Fail = (at, reason, construct, expected) => {
    throw new RulesSyntaxError(positions.get(at) ?? 0, construct, expected, reason);
  };
  checkExpression(node, options.expect ?? "Bool", fail);
  return node;
}

/** Parsed rules by the type they were checked against, then by text: two lookups, no key built from a long rule text per call. */
const cache = new Map<string, Map<string, Expr | RulesSyntaxError>>();
const CACHE_LIMIT = 2000;

/**
 * parse() with a bounded memo: policies and the simulator see the same rule text many times per
 * plan. Parsed trees are treated as immutable, so sharing them is safe.
 */
export function parseCached(text: string, options: ParseOptions = {}): Expr {
  const expect = options.expect ?? "Bool";
  let byText = cache.get(expect);
  if (byText === undefined) cache.set(expect, (byText = new Map()));
  let hit = byText.get(text);
  if (hit === undefined) {
    try {
      hit = parse(text, options);
    } catch (e) {
      if (!(e instanceof RulesSyntaxError)) throw e;
      hit = e;
    }
    if (byText.size >= CACHE_LIMIT) byText.delete(byText.keys().next().value!);
    byText.set(text, hit);
  }
  if (hit instanceof RulesSyntaxError) throw hit;
  return hit;
}

class Parser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly positions: WeakMap<object, number>,
  ) {}

  parseTop(): Expr {
    if (this.peek().kind === "eof") {
      throw new RulesSyntaxError(0, "", "an expression", "empty expression");
    }
    const node = this.parseExpr();
    const t = this.peek();
    if (t.kind !== "eof") {
      const hint = t.text === ")" ? " (this parenthesis has no opening one)" : KEYWORDS.has(t.text.toLowerCase()) && t.text !== t.text.toLowerCase() ? " (operators are lower-case)" : "";
      throw new RulesSyntaxError(t.start, t.text, `"and", "or", "xor" or the end of the expression${hint}`, "unexpected token");
    }
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.i++;
    return t;
  }

  private at<T extends object>(node: T, start: number): T {
    this.positions.set(node, start);
    return node;
  }

  private isWord(t: Token, word: string): boolean {
    return t.kind === "bare" && t.text === word;
  }

  private expectPunct(p: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== "punct" || t.text !== p) {
      throw new RulesSyntaxError(t.start, t.kind === "eof" ? "end of expression" : t.text, `"${p}" ${what}`, t.kind === "eof" ? "unexpected end" : "unexpected token");
    }
    return this.next();
  }

  private parseExpr(): Expr {
    return this.parseLogical("or", ["or", "||"], () => this.parseLogical("xor", ["xor", "^^"], () => this.parseLogical("and", ["and", "&&"], () => this.parseUnary())));
  }

  private parseLogical(op: "and" | "or" | "xor", spellings: readonly string[], operand: () => Expr): Expr {
    const first = this.peek();
    const operands: Expr[] = [];
    const push = (e: Expr): void => {
      if (e.kind === "logical" && e.op === op) operands.push(...e.operands);
      else operands.push(e);
    };
    push(operand());
    for (;;) {
      const t = this.peek();
      if (!((t.kind === "bare" || t.kind === "op") && spellings.includes(t.text))) break;
      this.next();
      push(operand());
    }
    if (operands.length === 1) return operands[0]!;
    return this.at({ kind: "logical", op, operands }, first.start);
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (this.isWord(t, "not") || (t.kind === "op" && t.text === "!")) {
      this.next();
      return this.at({ kind: "not", operand: this.parseUnary() }, t.start);
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseValue();
    const t = this.peek();
    let op: CompareOp | undefined;
    if (t.kind === "op" && C_COMPARE[t.text]) {
      op = C_COMPARE[t.text];
      this.next();
    } else if (t.kind === "bare") {
      if (Object.prototype.hasOwnProperty.call(ENGLISH_COMPARE, t.text)) {
        op = ENGLISH_COMPARE[t.text];
        this.next();
      } else if (t.text === "strict") {
        this.next();
        const w = this.peek();
        if (!this.isWord(w, "wildcard")) {
          throw new RulesSyntaxError(w.start, w.text || "end of expression", `"wildcard" after "strict"`, "unsupported construct");
        }
        this.next();
        op = "strict wildcard";
      } else if (t.text === "in") {
        this.next();
        return this.at({ kind: "in", left, set: this.parseSet() }, t.start);
      } else if (t.text === "starts_with" || t.text === "ends_with") {
        throw new RulesSyntaxError(t.start, t.text, `${t.text}() as a function, e.g. ${t.text}(http.request.uri.path, "/x")`, "unsupported construct");
      } else if (KEYWORDS.has(t.text.toLowerCase()) && t.text !== t.text.toLowerCase()) {
        throw new RulesSyntaxError(t.start, t.text, `"${t.text.toLowerCase()}" (operators are lower-case)`, "unsupported construct");
      } else if (IDENT.test(t.text) && !KEYWORDS.has(t.text)) {
        throw new RulesSyntaxError(t.start, t.text, "a comparison operator (eq, ne, lt, le, gt, ge, contains, wildcard, strict wildcard, matches, in) or and/or/xor", "unsupported construct");
      }
    }
    if (op === undefined) return left;
    const right = this.parseLiteral(op === "matches" ? "regex" : op === "wildcard" || op === "strict wildcard" ? "wildcard" : "basic", `a literal value after "${op}"`);
    return this.at({ kind: "compare", op, left, right }, t.start);
  }

  private parseValue(): Expr {
    let node = this.parsePrimary();
    for (;;) {
      const t = this.peek();
      if (!(t.kind === "punct" && t.text === "[")) return node;
      this.next();
      const k = this.peek();
      if (k.kind === "punct" && k.text === "*") {
        this.next();
        node = this.at({ kind: "unpack", target: node }, t.start);
      } else if (k.kind === "string") {
        node = this.at({ kind: "index", target: node, key: this.stringLiteral(this.next(), "basic") }, t.start);
      } else if (k.kind === "bare" && /^\d+$/.test(k.text)) {
        this.next();
        node = this.at({ kind: "index", target: node, key: this.at({ kind: "int", value: Number(k.text) } as IntLiteral, k.start) }, t.start);
      } else {
        throw new RulesSyntaxError(k.start, k.text || "end of expression", `a "key", an index like 0, or * inside [ ]`, "unsupported construct");
      }
      this.expectPunct("]", "to close the index");
    }
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    if (t.kind === "punct" && t.text === "(") {
      this.next();
      const inner = this.parseExpr();
      this.expectPunct(")", `to close the parenthesis opened at ${t.start}`);
      return inner;
    }
    if (t.kind === "string") return this.stringLiteral(this.next(), "basic");
    if (t.kind === "dollar") {
      throw new RulesSyntaxError(t.start, t.text, "an inline set such as {\"a\" \"b\"} (named lists are not supported)", "unsupported construct");
    }
    if (t.kind === "bare") {
      if (KEYWORDS.has(t.text)) {
        throw new RulesSyntaxError(t.start, t.text, "a field, function call or literal before it", "unexpected operator");
      }
      if (INT.test(t.text)) return this.intLiteral(this.next());
      if (isIpAddress(t.text)) {
        this.next();
        return this.at({ kind: "ip", value: t.text } as IpLiteral, t.start);
      }
      if (IDENT.test(t.text)) {
        this.next();
        const open = this.peek();
        if (open.kind === "punct" && open.text === "(") {
          this.next();
          return this.at({ kind: "call", name: t.text, args: this.parseArgs(t) }, t.start);
        }
        return this.at({ kind: "field", name: t.text }, t.start);
      }
      throw new RulesSyntaxError(t.start, t.text, "a field name, function call or literal", "unsupported construct");
    }
    if (t.kind === "eof") {
      throw new RulesSyntaxError(t.start, "end of expression", "a field, function call or literal", "unexpected end");
    }
    throw new RulesSyntaxError(t.start, t.text, "a field, function call or literal", "unexpected token");
  }

  private parseArgs(name: Token): Expr[] {
    const args: Expr[] = [];
    const close = this.peek();
    if (close.kind === "punct" && close.text === ")") {
      this.next();
      return args;
    }
    for (;;) {
      const argStart = this.peek();
      // wildcard_replace's pattern follows wildcard escaping, like the wildcard operator.
      if (name.text === "wildcard_replace" && args.length === 1 && argStart.kind === "string") {
        args.push(this.stringLiteral(this.next(), "wildcard"));
      } else {
        args.push(this.parseExpr());
      }
      const t = this.peek();
      if (t.kind === "punct" && t.text === ",") {
        this.next();
        continue;
      }
      this.expectPunct(")", `or "," in the arguments of ${name.text}( opened at ${name.start}`);
      return args;
    }
  }

  private parseLiteral(mode: StringMode, expected: string): Literal {
    const t = this.peek();
    if (t.kind === "string") return this.stringLiteral(this.next(), mode);
    if (t.kind === "bare" && INT.test(t.text)) return this.intLiteral(this.next());
    if (t.kind === "bare" && isIpAddress(t.text)) {
      this.next();
      return this.at({ kind: "ip", value: t.text } as IpLiteral, t.start);
    }
    if (t.kind === "punct" && t.text === "{") {
      throw new RulesSyntaxError(t.start, "{", `${expected} (a set needs "in", e.g. http.host in {"a" "b"})`, "unsupported construct");
    }
    if (t.kind === "bare" && IDENT.test(t.text)) {
      throw new RulesSyntaxError(t.start, t.text, `${expected} (Cloudflare compares with literals, not with other fields)`, "unsupported construct");
    }
    throw new RulesSyntaxError(t.start, t.kind === "eof" ? "end of expression" : t.text, expected, t.kind === "eof" ? "unexpected end" : "unsupported construct");
  }

  private parseSet(): SetElement[] {
    const open = this.peek();
    if (open.kind === "dollar") {
      throw new RulesSyntaxError(open.start, open.text, "an inline set such as {\"a\" \"b\"} (named lists are not supported)", "unsupported construct");
    }
    this.expectPunct("{", `to start the set after "in"`);
    const elements: SetElement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === "punct" && t.text === "}") {
        this.next();
        if (elements.length === 0) throw new RulesSyntaxError(open.start, "{}", "at least one value in the set", "empty set");
        return elements;
      }
      if (t.kind === "punct" && t.text === ",") {
        throw new RulesSyntaxError(t.start, ",", `set values separated by spaces, e.g. {"a" "b"}`, "unsupported construct");
      }
      if (t.kind === "string") {
        elements.push(this.stringLiteral(this.next(), "basic"));
        continue;
      }
      if (t.kind === "bare") {
        elements.push(this.setWord(this.next()));
        continue;
      }
      throw new RulesSyntaxError(t.start, t.kind === "eof" ? "end of expression" : t.text, `a set value or "}" to close the set opened at ${open.start}`, t.kind === "eof" ? "unexpected end" : "unsupported construct");
    }
  }

  private setWord(t: Token): SetElement {
    const range = t.text.indexOf("..");
    if (range > 0) {
      const from = t.text.slice(0, range);
      const to = t.text.slice(range + 2);
      if (INT.test(from) && INT.test(to)) {
        return this.at({ kind: "range", from: { kind: "int", value: Number(from) }, to: { kind: "int", value: Number(to) } }, t.start);
      }
      if (isIpAddress(from) && isIpAddress(to)) {
        return this.at({ kind: "range", from: { kind: "ip", value: from }, to: { kind: "ip", value: to } }, t.start);
      }
    }
    if (INT.test(t.text)) return this.intLiteral(t);
    if (isIpAddress(t.text)) return this.at({ kind: "ip", value: t.text } as IpLiteral, t.start);
    if (t.text.includes("/") && isCidr(t.text)) return this.at({ kind: "cidr", value: t.text }, t.start);
    throw new RulesSyntaxError(t.start, t.text, `a set value: a "string", an integer, an integer range (8000..8009), an IP, a CIDR or an IP range`, "unsupported construct");
  }

  private intLiteral(t: Token): IntLiteral {
    const value = Number(t.text);
    if (!Number.isSafeInteger(value)) {
      throw new RulesSyntaxError(t.start, t.text, "an integer within ±2^53", "unsupported construct");
    }
    return this.at({ kind: "int", value }, t.start);
  }

  private stringLiteral(t: Token, mode: StringMode): StringLiteral {
    const value = t.rawString ? t.body! : decodeQuoted(t.body!, t.start + 1, mode);
    return this.at({ kind: "string", value }, t.start);
  }
}

/** Decodes a quoted string body; `offset` is the body's position in the text, for errors. */
function decodeQuoted(body: string, offset: number, mode: StringMode): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next === '"') {
      out += '"';
      i++;
    } else if (mode === "regex") {
      out += c; // the regex engine sees the backslash and what follows it
    } else if (next === "\\") {
      out += "\\";
      i++;
    } else if (next === "x" && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (mode === "wildcard") {
      out += c; // e.g. \* stays for the wildcard matcher
    } else {
      throw new RulesSyntaxError(offset + i, `\\${next ?? ""}`, `one of the escapes \\" \\\\ \\xHH in a quoted string (or a raw string r"..." with no escapes)`, "unsupported escape");
    }
  }
  return out;
}
