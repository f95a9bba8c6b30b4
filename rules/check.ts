/**
 * The type checker, shared by the parser (which passes node positions, so errors point into the
 * text) and the renderer (which checks builder trees before they become text). One checker means
 * whatever the builders can render, the parser accepts, and vice versa.
 *
 * `[*]` (unpack) follows Cloudflare's rules (values page, checked 2026-11-28): it may only appear
 * in the first argument of a function call; a function whose first argument is unpacked is
 * applied to each element and returns an array; a comparison whose left side is unpacked yields
 * an Array<Bool> that only any() / all() accept.
 */
import ipaddr from "ipaddr.js";
import type { CompareOp, Expr, RulesType, SetElement } from "./ast";
import { fieldSpec, FIELDS } from "./fields";
import { FUNCTIONS, functionSpec } from "./functions";
import { compileRustRegex } from "./regex";
import { isIpAddress } from "../kernel/ipAddress";
import { parseWildcard } from "./wildcard";

export interface Checked {
  /** For an unpacked value, the element type. */
  readonly type: RulesType;
  /** True when the value is an unpacked array (`x[*]`) still waiting for its function call. */
  readonly spread: boolean;
}

/** Reports a problem at a node; never returns. */
export type Fail = (node: object, reason: string, construct: string, expected: string) => never;

export type Expectation = RulesType | "any";

const COMPARE_TYPES: Record<CompareOp, readonly RulesType[]> = {
  eq: ["String", "Int", "IP"],
  ne: ["String", "Int", "IP"],
  lt: ["String", "Int"],
  le: ["String", "Int"],
  gt: ["String", "Int"],
  ge: ["String", "Int"],
  contains: ["String"],
  wildcard: ["String"],
  "strict wildcard": ["String"],
  matches: ["String"],
};

const LITERAL_TYPE = { string: "String", int: "Int", ip: "IP" } as const;

const ELEMENT_OF: Partial<Record<RulesType, RulesType>> = {
  "Array<String>": "String",
  "Array<Int>": "Int",
  "Array<Bool>": "Bool",
};
const ARRAY_OF: Partial<Record<RulesType, RulesType>> = {
  String: "Array<String>",
  Int: "Array<Int>",
  Bool: "Array<Bool>",
};

/** Checks `node` and that its type is `expect`; returns its type. */
export function checkExpression(node: Expr, expect: Expectation, fail: Fail): RulesType {
  const result = check(node, false, fail);
  if (expect !== "any" && result.type !== expect) {
    fail(node, "type mismatch", describeNode(node), `${expect === "Bool" ? "a Bool expression (a comparison, boolean field or boolean function)" : `a ${expect} expression`}, not ${result.type}`);
  }
  return result.type;
}

function check(node: Expr, allowSpread: boolean, fail: Fail): Checked {
  switch (node.kind) {
    case "string":
    case "int":
    case "ip":
      return { type: LITERAL_TYPE[node.kind], spread: false };
    case "field": {
      const spec = fieldSpec(node.name);
      if (!spec) {
        fail(node, "unknown field", node.name, `a supported field (${Object.keys(FIELDS).join(", ")})`);
      }
      return { type: spec.type, spread: false };
    }
    case "index": {
      const target = check(node.target, false, fail);
      if (target.type === "Map<Array<String>>" && node.key.kind === "string") {
        return { type: "Array<String>", spread: false };
      }
      const element = ELEMENT_OF[target.type];
      if (element && node.key.kind === "int") {
        if (node.key.value < 0) fail(node.key, "invalid index", String(node.key.value), "a non-negative array index");
        return { type: element, spread: false };
      }
      return fail(node, "type mismatch", describeNode(node), target.type.startsWith("Map")
        ? `a string key for ${target.type} (e.g. ["name"])`
        : target.type.startsWith("Array") ? `an integer index for ${target.type} (e.g. [0])` : `an array or map to index, not ${target.type}`);
    }
    case "unpack": {
      if (!allowSpread) {
        fail(node, "misplaced construct", "[*]", "[*] only inside the first argument of a function call, e.g. any(http.request.headers[\"accept\"][*] eq \"x\")");
      }
      const target = check(node.target, false, fail);
      const element = ELEMENT_OF[target.type];
      if (!element) fail(node, "type mismatch", "[*]", `an array before [*], not ${target.type}`);
      return { type: element, spread: true };
    }
    case "call":
      return checkCall(node, fail);
    case "compare": {
      const left = checkLeft(node.left, allowSpread, fail);
      const allowed = COMPARE_TYPES[node.op];
      if (!allowed.includes(left.type)) {
        fail(node, "type mismatch", node.op, `a left side of type ${allowed.join(" or ")} for "${node.op}", not ${left.type}`);
      }
      const rightType = LITERAL_TYPE[node.right.kind];
      if (rightType !== left.type) {
        fail(node.right, "type mismatch", describeNode(node.right), `a ${left.type} literal to compare with ${describeNode(node.left)}`);
      }
      if (node.right.kind === "string" && (node.op === "wildcard" || node.op === "strict wildcard")) {
        const parts = parseWildcard(node.right.value);
        if (typeof parts === "string") fail(node.right, "invalid wildcard pattern", node.right.value, parts);
      }
      if (node.right.kind === "string" && node.op === "matches") {
        const re = compileRustRegex(node.right.value);
        if (typeof re === "string") fail(node.right, "unsupported regular expression", node.right.value, re);
      }
      if (node.right.kind === "ip" && !isIpAddress(node.right.value)) {
        fail(node.right, "invalid IP address", node.right.value, "an IPv4 or IPv6 address");
      }
      return left.spread ? { type: "Array<Bool>", spread: false } : { type: "Bool", spread: false };
    }
    case "in": {
      const left = checkLeft(node.left, allowSpread, fail);
      if (node.set.length === 0) fail(node, "empty set", "{}", "at least one value in the set");
      for (const element of node.set) checkSetElement(element, left.type, node, fail);
      return left.spread ? { type: "Array<Bool>", spread: false } : { type: "Bool", spread: false };
    }
    case "not": {
      const operand = check(node.operand, allowSpread, fail);
      if (operand.type !== "Bool" && operand.type !== "Array<Bool>") {
        fail(node, "type mismatch", "not", `a Bool operand for "not", not ${operand.type}`);
      }
      return { type: operand.type, spread: false };
    }
    case "logical": {
      if (node.operands.length < 2) fail(node, "invalid expression", node.op, `two or more operands for "${node.op}"`);
      for (const operand of node.operands) {
        const t = check(operand, allowSpread, fail);
        if (t.type !== "Bool") fail(operand, "type mismatch", describeNode(operand), `a Bool operand for "${node.op}", not ${t.type}`);
      }
      return { type: "Bool", spread: false };
    }
  }
}

/** The left side of a comparison: a field or function value, never a literal (Cloudflare syntax). */
function checkLeft(left: Expr, allowSpread: boolean, fail: Fail): Checked {
  if (left.kind === "string" || left.kind === "int" || left.kind === "ip") {
    fail(left, "unsupported construct", describeNode(left), "a field or function call on the left of a comparison (literals go on the right)");
  }
  return check(left, allowSpread, fail);
}

function checkCall(node: Extract<Expr, { kind: "call" }>, fail: Fail): Checked {
  const spec = functionSpec(node.name);
  if (!spec) {
    fail(node, "unsupported construct", `${node.name}(`, `a supported function (${Object.keys(FUNCTIONS).join(", ")})`);
  }
  const required = spec.required ?? spec.params.length;
  const max = spec.rest ? Infinity : spec.params.length;
  if (node.args.length < required || node.args.length > max) {
    const count = max === Infinity ? `at least ${required}` : required === max ? `${required}` : `${required} to ${max}`;
    fail(node, "wrong number of arguments", `${node.name}(`, `${count} argument(s) for ${node.name}(), got ${node.args.length}`);
  }
  let spreadResult = false;
  node.args.forEach((arg, i) => {
    const rule = spec.params[i] ?? spec.rest!;
    const t = check(arg, i === 0, fail);
    if (i === 0 && t.spread) spreadResult = true;
    if (!rule.types.includes(t.type)) {
      fail(arg, "type mismatch", describeNode(arg), `argument ${i + 1} of ${node.name}() to be ${rule.types.join(" or ")}, not ${t.type}`);
    }
    const isLiteral = arg.kind === "string" || arg.kind === "int" || arg.kind === "ip";
    if (rule.form === "literal" && !isLiteral) {
      fail(arg, "unsupported construct", describeNode(arg), `a literal as argument ${i + 1} of ${node.name}()`);
    }
    if (rule.form === "not-literal" && isLiteral) {
      fail(arg, "unsupported construct", describeNode(arg), `a field or function as argument ${i + 1} of ${node.name}() (Cloudflare does not accept a literal there)`);
    }
    if (node.name === "wildcard_replace" && i === 1 && arg.kind === "string") {
      const parts = parseWildcard(arg.value);
      if (typeof parts === "string") fail(arg, "invalid wildcard pattern", arg.value, parts);
    }
    if (node.name === "regex_replace" && i === 1 && arg.kind === "string") {
      const re = compileRustRegex(arg.value);
      if (typeof re === "string") fail(arg, "unsupported regular expression", arg.value, re);
    }
  });
  if (spreadResult) {
    const array = ARRAY_OF[spec.returns];
    if (!array) fail(node, "type mismatch", `${node.name}(`, `a function returning a scalar to apply over [*]`);
    return { type: array, spread: false };
  }
  return { type: spec.returns, spread: false };
}

function checkSetElement(element: SetElement, leftType: RulesType, inNode: object, fail: Fail): void {
  const expected =
    leftType === "String" ? "string literals" : leftType === "Int" ? "integers or integer ranges (80 8000..8009)" : leftType === "IP" ? "IP addresses, CIDRs or IP ranges" : undefined;
  if (!expected) fail(inNode, "type mismatch", "in", `a String, Int or IP left side for "in", not ${leftType}`);
  const ok =
    (leftType === "String" && element.kind === "string") ||
    (leftType === "Int" && (element.kind === "int" || (element.kind === "range" && element.from.kind === "int" && element.to.kind === "int"))) ||
    (leftType === "IP" && (element.kind === "ip" || element.kind === "cidr" || (element.kind === "range" && element.from.kind === "ip" && element.to.kind === "ip")));
  if (!ok) fail(element, "type mismatch", describeSetElement(element), `${expected} in a set compared with a ${leftType}`);
  if (element.kind === "ip" && !isIpAddress(element.value)) fail(element, "invalid IP address", element.value, "an IPv4 or IPv6 address");
  if (element.kind === "cidr" && !isCidr(element.value)) fail(element, "invalid CIDR", element.value, "an address/prefix such as 192.0.2.0/24 or 2001:db8::/32");
  if (element.kind === "range") {
    if (element.from.kind === "ip" && element.to.kind === "ip") {
      if (!isIpAddress(element.from.value) || !isIpAddress(element.to.value) || ipaddr.parse(element.from.value).kind() !== ipaddr.parse(element.to.value).kind()) {
        fail(element, "invalid IP range", describeSetElement(element), "two addresses of the same family, e.g. 198.51.100.3..198.51.100.7");
      }
    } else if (element.from.kind === "int" && element.to.kind === "int" && element.from.value > element.to.value) {
      fail(element, "invalid range", describeSetElement(element), "a range whose start is not above its end");
    }
  }
}

export function isCidr(text: string): boolean {
  const slash = text.indexOf("/");
  if (slash < 0 || !isIpAddress(text.slice(0, slash)) || !/^\d{1,3}$/.test(text.slice(slash + 1))) return false;
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

/** A short text for a node in messages (not the renderer: messages must not depend on it). */
export function describeNode(node: Expr): string {
  switch (node.kind) {
    case "string":
      return JSON.stringify(node.value);
    case "int":
    case "ip":
      return String(node.value);
    case "field":
      return node.name;
    case "index":
      return `${describeNode(node.target)}[${node.key.kind === "string" ? JSON.stringify(node.key.value) : node.key.value}]`;
    case "unpack":
      return `${describeNode(node.target)}[*]`;
    case "call":
      return `${node.name}(…)`;
    case "compare":
      return `${describeNode(node.left)} ${node.op} …`;
    case "in":
      return `${describeNode(node.left)} in {…}`;
    case "not":
      return "not …";
    case "logical":
      return `… ${node.op} …`;
  }
}

function describeSetElement(e: SetElement): string {
  if (e.kind === "range") return `${e.from.value}..${e.to.value}`;
  return e.kind === "string" ? JSON.stringify(e.value) : String(e.value);
}
