/**
 * Splits Rules-language text into tokens with their offsets. Words are lexed loosely ("bare"
 * tokens: field names, keywords, numbers, IPs, CIDRs and ranges all look alike to a lexer) and
 * classified by the parser, which knows what it expects at that point.
 */
import { RulesSyntaxError } from "./errors";

export type TokenKind =
  | "bare" // http.host, eq, 443, 192.0.2.0/24, 8000..8009, 2001:db8::/32
  | "string" // "quoted" or r#"raw"#; `raw` holds the text between the delimiters
  | "op" // == != < <= > >= ~ ! && || ^^
  | "punct" // ( ) { } [ ] , *
  | "dollar" // $name (named lists: outside the subset, reported by the parser)
  | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The token's text as written (for strings: the whole literal including quotes). */
  readonly text: string;
  readonly start: number;
  /** For strings: the body between delimiters, undecoded. */
  readonly body?: string;
  /** For strings: true for r"..." / r#"..."# raw strings (no escapes). */
  readonly rawString?: boolean;
}

const BARE_START = /[A-Za-z0-9_:]/;
const BARE_CHAR = /[A-Za-z0-9_.:/]/;
const TWO_CHAR_OPS = new Set(["==", "!=", "<=", ">=", "&&", "||", "^^"]);
const ONE_CHAR_OPS = new Set(["<", ">", "~", "!"]);
const PUNCT = new Set(["(", ")", "{", "}", "[", "]", ",", "*"]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (c === "r" && (text[i + 1] === '"' || text[i + 1] === "#")) {
      const tok = lexRawString(text, i);
      if (tok) {
        tokens.push(tok);
        i = start + tok.text.length;
        continue;
      }
    }
    if (c === '"') {
      const tok = lexQuotedString(text, i);
      tokens.push(tok);
      i = start + tok.text.length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) {
      tokens.push({ kind: "op", text: two, start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ kind: "op", text: c, start });
      i++;
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ kind: "punct", text: c, start });
      i++;
      continue;
    }
    if (c === "$") {
      i++;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i++;
      tokens.push({ kind: "dollar", text: text.slice(start, i), start });
      continue;
    }
    if (BARE_START.test(c) || (c === "-" && /[0-9]/.test(text[i + 1] ?? ""))) {
      i++;
      while (i < text.length && BARE_CHAR.test(text[i]!)) i++;
      tokens.push({ kind: "bare", text: text.slice(start, i), start });
      continue;
    }
    if (c === "'") {
      throw new RulesSyntaxError(start, c, 'a double-quoted string ("...") or raw string (r"...")', "unexpected character");
    }
    if (c === "&" || c === "|" || c === "^" || c === "=") {
      throw new RulesSyntaxError(start, c, `"&&", "||", "^^" or "=="`, "incomplete operator");
    }
    throw new RulesSyntaxError(start, c, "a field, literal, operator or parenthesis", "unexpected character");
  }
  tokens.push({ kind: "eof", text: "", start: text.length });
  return tokens;
}

function lexQuotedString(text: string, start: number): Token {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === '"') {
      return { kind: "string", text: text.slice(start, i + 1), start, body: text.slice(start + 1, i), rawString: false };
    }
    i++;
  }
  throw new RulesSyntaxError(start, text.slice(start, start + 20), 'a closing " before the end of the expression', "unterminated string");
}

/** r"...", r#"..."#, r##"..."## ... (up to 255 #). Returns undefined when `r` starts a word. */
function lexRawString(text: string, start: number): Token | undefined {
  let i = start + 1;
  let hashes = 0;
  while (text[i] === "#") {
    hashes++;
    i++;
  }
  if (text[i] !== '"') return undefined;
  if (hashes > 255) {
    throw new RulesSyntaxError(start, text.slice(start, i + 1), "at most 255 # in a raw string delimiter", "unsupported construct");
  }
  const close = '"' + "#".repeat(hashes);
  const end = text.indexOf(close, i + 1);
  if (end < 0) {
    throw new RulesSyntaxError(start, text.slice(start, start + 20), `the closing delimiter ${close} before the end of the expression`, "unterminated raw string");
  }
  return { kind: "string", text: text.slice(start, end + close.length), start, body: text.slice(i + 1, end), rawString: true };
}
