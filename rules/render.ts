/**
 * Renders a tree as Cloudflare Rules-language text: the string Pulumi sends as a rule's
 * `expression` (or a redirect's target expression). The tree is type-checked first, so nothing
 * renders that the parser would refuse.
 *
 * Output is canonical: English operators, parentheses only where precedence needs them (and
 * around a negated compound, for readability), `in` sets space-separated, quoted strings with
 * \" \\ and \xHH escapes, and regular expressions as raw strings (r"..."), which Cloudflare
 * recommends because quoted regexes have surprising escaping rules.
 */
import type { Expr, Literal, SetElement } from "./ast";
import { checkExpression, describeNode, type Expectation } from "./check";
import { RulesBuildError } from "./errors";

export interface RenderOptions {
  /** The type the expression must have; "Bool" for rule filters. Default "any". */
  readonly expect?: Expectation;
}

export function render(node: Expr, options: RenderOptions = {}): string {
  checkExpression(node, options.expect ?? "any", (at, reason, construct, expected) => {
    throw new RulesBuildError(`${reason} ${JSON.stringify(construct)}${at === node ? "" : ` in ${describeNode(node)}`}: expected ${expected}`);
  });
  return renderNode(node, 0);
}

/** Binding strength; a child binding no tighter than its parent needs parentheses. */
function precedence(node: Expr): number {
  switch (node.kind) {
    case "logical":
      return node.op === "or" ? 1 : node.op === "xor" ? 2 : 3;
    case "not":
      return 4;
    case "compare":
    case "in":
      return 5;
    default:
      return 6;
  }
}

function renderNode(node: Expr, parentPrecedence: number): string {
  const text = renderBare(node);
  return precedence(node) <= parentPrecedence ? `(${text})` : text;
}

function renderBare(node: Expr): string {
  switch (node.kind) {
    case "string":
    case "int":
    case "ip":
      return renderLiteral(node);
    case "field":
      return node.name;
    case "index":
      return `${renderNode(node.target, 5)}[${renderLiteral(node.key)}]`;
    case "unpack":
      return `${renderNode(node.target, 5)}[*]`;
    case "call":
      return `${node.name}(${node.args.map((a) => renderNode(a, 0)).join(", ")})`;
    case "compare": {
      const right = node.op === "matches" && node.right.kind === "string" ? rawString(node.right.value) : renderLiteral(node.right);
      return `${renderNode(node.left, 5)} ${node.op} ${right}`;
    }
    case "in":
      return `${renderNode(node.left, 5)} in {${node.set.map(renderSetElement).join(" ")}}`;
    case "not":
      return `not ${renderNode(node.operand, 4)}`;
    case "logical": {
      const p = precedence(node);
      return node.operands.map((o) => renderNode(o, p)).join(` ${node.op} `);
    }
  }
}

function renderLiteral(lit: Literal): string {
  return lit.kind === "string" ? quote(lit.value) : String(lit.value);
}

function renderSetElement(e: SetElement): string {
  if (e.kind === "range") return `${e.from.value}..${e.to.value}`;
  if (e.kind === "cidr") return e.value;
  return renderLiteral(e);
}

/** A quoted string literal: \ and " escaped, control characters as \xHH. */
export function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  const body = value.replace(/[\\"\x00-\x1f\x7f]/g, (c) => {
    if (c === "\\" || c === '"') return `\\${c}`;
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return `"${body}"`;
}

/** A raw string r"..." with as few # as make the closing delimiter unambiguous. */
export function rawString(value: string): string {
  let hashes = 0;
  while (value.includes(`"${"#".repeat(hashes)}`)) hashes++;
  const h = "#".repeat(hashes);
  return `r${h}"${value}"${h}`;
}
