/**
 * The syntax tree of the Cloudflare Rules language subset this project writes and reads.
 *
 * One tree serves builders, renderer, parser and evaluator: the parser yields exactly the tree the
 * builders would have made for the same text, so `parse(render(x))` deep-equals `x`. To keep that
 * true, nodes carry no source positions (the parser keeps those on the side) and logical
 * operators are n-ary and flattened (`a and (b and c)` is one `and` with three operands).
 *
 * Language reference (checked 2026-11-28): developers.cloudflare.com/ruleset-engine/rules-language/
 * (operators, values, functions, fields pages).
 */

/** The value types of the language, spelled as Cloudflare's field reference spells them. */
export type RulesType =
  | "String"
  | "Int"
  | "Bool"
  | "IP"
  | "Array<String>"
  | "Array<Int>"
  | "Array<Bool>"
  | "Map<Array<String>>";

export interface StringLiteral {
  readonly kind: "string";
  readonly value: string;
}

export interface IntLiteral {
  readonly kind: "int";
  readonly value: number;
}

/** An IPv4 or IPv6 address literal, kept as written (`192.0.2.1`, `2001:db8::1`). */
export interface IpLiteral {
  readonly kind: "ip";
  readonly value: string;
}

export type Literal = StringLiteral | IntLiteral | IpLiteral;

/** `192.0.2.0/24`; only inside a set, as Cloudflare allows. */
export interface CidrElement {
  readonly kind: "cidr";
  readonly value: string;
}

/** `8000..8009` or `198.51.100.3..198.51.100.7`; only inside a set. */
export interface RangeElement {
  readonly kind: "range";
  readonly from: IntLiteral | IpLiteral;
  readonly to: IntLiteral | IpLiteral;
}

export type SetElement = Literal | CidrElement | RangeElement;

/** A request field such as `http.host`; see fields.ts for the supported ones. */
export interface FieldRef {
  readonly kind: "field";
  readonly name: string;
}

/** `map["key"]` or `array[0]`. */
export interface IndexExpr {
  readonly kind: "index";
  readonly target: Expr;
  readonly key: StringLiteral | IntLiteral;
}

/** `array[*]`: applies the enclosing function call (or comparison) to each element. */
export interface UnpackExpr {
  readonly kind: "unpack";
  readonly target: Expr;
}

export interface CallExpr {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly Expr[];
}

/** Comparison operators in their English spelling; the parser maps C-like forms (`==`, `~`) here. */
export type CompareOp =
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "contains"
  | "wildcard"
  | "strict wildcard"
  | "matches";

export interface CompareExpr {
  readonly kind: "compare";
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Literal;
}

export interface InExpr {
  readonly kind: "in";
  readonly left: Expr;
  readonly set: readonly SetElement[];
}

export interface NotExpr {
  readonly kind: "not";
  readonly operand: Expr;
}

export type LogicalOp = "and" | "xor" | "or";

export interface LogicalExpr {
  readonly kind: "logical";
  readonly op: LogicalOp;
  /** Two or more operands, none of which is a `logical` node with the same `op`. */
  readonly operands: readonly Expr[];
}

export type Expr =
  | Literal
  | FieldRef
  | IndexExpr
  | UnpackExpr
  | CallExpr
  | CompareExpr
  | InExpr
  | NotExpr
  | LogicalExpr;

/** Every operator name `operatorsUsed` can report, for plan-fit tables. */
export type OperatorName = CompareOp | "in" | "not" | LogicalOp;
