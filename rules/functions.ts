/**
 * The functions the library understands: argument rules for the type checker and an
 * implementation for the evaluator, side by side so they cannot drift apart.
 *
 * Source: developers.cloudflare.com/ruleset-engine/rules-language/functions/ (checked
 * 2026-11-28). Where Cloudflare says an argument "must be a field" (cannot be a literal) or must
 * be a literal, the checker enforces it. Some functions are only accepted in some phases (e.g.
 * wildcard_replace and regex_replace only in redirect target / rewrite expressions); that is a
 * plan/phase policy, answered with functionsUsed(), not a syntax rule here.
 */
import type { RulesType } from "./ast";
import { compileRustRegex } from "./regex";
import { asciiLower, asciiUpper } from "./request";
import { isIpValue, type Value } from "./values";
import { wildcardReplace } from "./wildcard";

export interface ArgRule {
  readonly types: readonly RulesType[];
  /** "literal": must be a literal; "not-literal": must not be (Cloudflare: "must be a field"). */
  readonly form?: "literal" | "not-literal";
}

export interface FunctionSpec {
  readonly params: readonly ArgRule[];
  /** How many of `params` are required; the rest are optional. Default all. */
  readonly required?: number;
  /** When set, any number of further arguments of this rule may follow `params`. */
  readonly rest?: ArgRule;
  readonly returns: RulesType;
  readonly describe: string;
  /** Receives evaluated arguments; MISSING arguments are handled by the evaluator first. */
  readonly impl: (args: readonly Value[]) => Value;
  /** What the call yields when an argument is MISSING (Cloudflare: usually missing again). */
  readonly onMissing?: Value;
}

const STR: ArgRule = { types: ["String"] };
const STR_LITERAL: ArgRule = { types: ["String"], form: "literal" };
const STR_FIELD: ArgRule = { types: ["String"], form: "not-literal" };
const ARRAYS: readonly RulesType[] = ["Array<String>", "Array<Int>", "Array<Bool>"];

const s = (v: Value): string => v as string;

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  lower: { params: [STR], returns: "String", describe: "ASCII lower-case", impl: ([v]) => asciiLower(s(v!)) },
  upper: { params: [STR], returns: "String", describe: "ASCII upper-case", impl: ([v]) => asciiUpper(s(v!)) },
  concat: {
    params: [STR],
    rest: STR,
    returns: "String",
    describe: "joins strings",
    impl: (args) => args.map(s).join(""),
  },
  starts_with: { params: [STR_FIELD, STR], returns: "Bool", describe: "prefix test", impl: ([a, b]) => s(a!).startsWith(s(b!)) },
  ends_with: { params: [STR_FIELD, STR], returns: "Bool", describe: "suffix test", impl: ([a, b]) => s(a!).endsWith(s(b!)) },
  len: {
    params: [{ types: ["String", ...ARRAYS], form: "not-literal" }],
    returns: "Int",
    describe: "byte length of a string or element count of an array",
    impl: ([v]) => (typeof v === "string" ? Buffer.byteLength(v, "utf8") : (v as readonly Value[]).length),
  },
  any: {
    params: [{ types: ["Array<Bool>"] }],
    returns: "Bool",
    describe: "true when some element is true",
    impl: ([v]) => (v as readonly Value[]).some((x) => x === true),
    onMissing: false,
  },
  all: {
    params: [{ types: ["Array<Bool>"] }],
    returns: "Bool",
    describe: "true when every element is true",
    impl: ([v]) => (v as readonly Value[]).every((x) => x === true),
    onMissing: false,
  },
  to_string: {
    params: [{ types: ["Int", "Bool", "IP"], form: "not-literal" }],
    returns: "String",
    describe: "string form of an integer, boolean or IP",
    impl: ([v]) => (isIpValue(v!) ? v.addr.toString() : String(v)),
  },
  url_decode: {
    params: [STR_FIELD, STR_LITERAL],
    required: 1,
    returns: "String",
    describe: "percent-decoding (+ is a space); options \"r\" recursive, \"u\" %uXXXX",
    impl: ([v, opts]) => urlDecode(s(v!), opts === undefined ? "" : s(opts)),
  },
  wildcard_replace: {
    params: [STR_FIELD, STR_LITERAL, STR_LITERAL, STR_LITERAL],
    required: 3,
    returns: "String",
    describe: "wildcard match of the whole source and ${n} replacement",
    impl: ([src, pat, rep, flags]) => wildcardReplace(s(src!), s(pat!), s(rep!), flags !== undefined && s(flags).includes("s")),
  },
  regex_replace: {
    params: [STR, STR_LITERAL, STR_LITERAL],
    returns: "String",
    describe: "replaces the first regex match, ${n} refers to groups",
    impl: ([src, pat, rep]) => regexReplace(s(src!), s(pat!), s(rep!)),
  },
};

export function functionSpec(name: string): FunctionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

function regexReplace(source: string, pattern: string, replacement: string): string {
  const re = compileRustRegex(pattern);
  if (typeof re === "string") throw new Error(re);
  const m = re.exec(source);
  if (!m) return source;
  const expanded = replacement.replace(/\$\$|\$\{(\d+)\}/g, (_w, n: string | undefined) =>
    n === undefined ? "$" : (m[Number(n)] ?? ""),
  );
  return source.slice(0, m.index) + expanded + source.slice(m.index + m[0].length);
}

function urlDecode(input: string, options: string): string {
  const recursive = options.includes("r");
  const unicode = options.includes("u");
  let current = input;
  for (let round = 0; round < 16; round++) {
    const next = decodeOnce(current, unicode);
    if (!recursive || next === current) return next;
    current = next;
  }
  return current;
}

function decodeOnce(input: string, unicode: boolean): string {
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out.push(Buffer.from(bytes).toString("utf8"));
      bytes.length = 0;
    }
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    const hex2 = input.slice(i + 1, i + 3);
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(hex2)) {
      bytes.push(parseInt(hex2, 16));
      i += 2;
    } else if (unicode && c === "%" && /^[uU][0-9a-fA-F]{4}$/.test(input.slice(i + 1, i + 6))) {
      flush();
      out.push(String.fromCharCode(parseInt(input.slice(i + 2, i + 6), 16)));
      i += 5;
    } else {
      flush();
      out.push(c === "+" ? " " : c);
    }
  }
  flush();
  return out.join("");
}
