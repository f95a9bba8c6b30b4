/**
 * Runs an expression against a request, with Cloudflare's semantics where they matter
 * (operators and values pages, checked 2026-11-28):
 * - string `eq`, `contains`, `starts_with`… are case-sensitive; `wildcard` is ASCII
 *   case-insensitive and `strict wildcard` case-sensitive, both over the whole value;
 * - a comparison whose left side is a missing value (absent map key, index out of range,
 *   `ip.src` without a client IP) is false; functions given a missing value return it again
 *   (any()/all() return false); `not` of a missing value is missing; at the top of a filter a
 *   missing value counts as false, and `and` / `or` / `xor` treat it as false;
 * - `x[*]` applies the enclosing call or comparison to each element.
 * Trees are assumed type-checked (parse() and render() do it); evaluation does not re-check.
 */
import ipaddr from "ipaddr.js";
import type { CompareOp, Expr, Literal, SetElement } from "./ast";
import { RulesEvaluationError } from "./errors";
import { fieldSpec } from "./fields";
import { functionSpec } from "./functions";
import { parseCached } from "./parser";
import { compileRustRegex } from "./regex";
import type { HttpRequest } from "./request";
import { ipValue, isIpValue, MISSING, type IpValue, type Value } from "./values";
import { wildcardMatch } from "./wildcard";

/** An unpacked array (`x[*]`) on its way to the call or comparison that maps over it. */
class Spread {
  constructor(readonly items: readonly Value[]) {}
}

type Evaluated = Value | Spread;

/** A rule filter's verdict: does the rule match this request? */
export function evaluate(node: Expr, req: HttpRequest): boolean {
  const v = evalNode(node, req);
  if (v === true || v === false) return v;
  if (v === MISSING) return false;
  throw new RulesEvaluationError(`expression evaluated to ${describeValue(v)}, not a Bool; is it a filter expression?`);
}

/**
 * The value of an expression (e.g. a redirect target): a string, number, boolean, IpValue,
 * array, map, or MISSING.
 */
export function evaluateValue(node: Expr, req: HttpRequest): Value {
  const v = evalNode(node, req);
  if (v instanceof Spread) throw new RulesEvaluationError("an unpacked array [*] was not consumed by a function call");
  return v;
}

/** A String-valued expression's value; throws when it is missing or not a string. */
export function evaluateString(node: Expr, req: HttpRequest): string {
  const v = evaluateValue(node, req);
  if (typeof v === "string") return v;
  throw new RulesEvaluationError(`expression evaluated to ${describeValue(v)}, not a String`);
}

/** Parses (memoised) and evaluates a filter expression's text, as policies see it. */
export function matchesRequest(expressionText: string, req: HttpRequest): boolean {
  return evaluate(parseCached(expressionText), req);
}

function evalNode(node: Expr, req: HttpRequest): Evaluated {
  switch (node.kind) {
    case "string":
    case "int":
      return node.value;
    case "ip":
      return ipValue(node.value);
    case "field": {
      const spec = fieldSpec(node.name);
      if (!spec) throw new RulesEvaluationError(`unknown field ${JSON.stringify(node.name)}`);
      return spec.read(req);
    }
    case "index": {
      const target = evalNode(node.target, req);
      if (target === MISSING) return MISSING;
      if (target instanceof Map) return (node.key.kind === "string" ? target.get(node.key.value) : undefined) ?? MISSING;
      if (Array.isArray(target) && node.key.kind === "int") return (target as readonly Value[])[node.key.value] ?? MISSING;
      throw new RulesEvaluationError(`cannot index ${describeValue(target)}`);
    }
    case "unpack": {
      const target = evalNode(node.target, req);
      if (target === MISSING) return MISSING;
      if (target instanceof Spread) return target;
      if (!Array.isArray(target)) throw new RulesEvaluationError(`[*] applied to ${describeValue(target)}, not an array`);
      return new Spread(target as readonly Value[]);
    }
    case "call":
      return evalCall(node.name, node.args, req);
    case "compare": {
      const left = evalNode(node.left, req);
      // An unpacked missing array stays missing, so any()/all() around it say false.
      if (left === MISSING && node.left.kind === "unpack") return MISSING;
      if (left instanceof Spread) return left.items.map((v) => compareValue(node.op, v, node.right));
      return compareValue(node.op, left, node.right);
    }
    case "in": {
      const left = evalNode(node.left, req);
      if (left === MISSING && node.left.kind === "unpack") return MISSING;
      if (left instanceof Spread) return left.items.map((v) => inSet(v, node.set));
      return inSet(left, node.set);
    }
    case "not": {
      const v = evalNode(node.operand, req);
      if (v === MISSING) return MISSING;
      if (Array.isArray(v)) return (v as readonly Value[]).map((x) => x !== true);
      return v !== true;
    }
    case "logical": {
      if (node.op === "and") return node.operands.every((o) => evalNode(o, req) === true);
      if (node.op === "or") return node.operands.some((o) => evalNode(o, req) === true);
      return node.operands.reduce((acc, o) => acc !== (evalNode(o, req) === true), false);
    }
  }
}

function evalCall(name: string, argNodes: readonly Expr[], req: HttpRequest): Evaluated {
  const spec = functionSpec(name);
  if (!spec) throw new RulesEvaluationError(`unknown function ${name}()`);
  const args = argNodes.map((a) => evalNode(a, req));
  const first = args[0];
  const rest = args.slice(1) as Value[];
  const missingResult = spec.onMissing ?? MISSING;
  if (rest.includes(MISSING)) return missingResult;
  if (first instanceof Spread) {
    return first.items.map((item) => (item === MISSING ? MISSING : spec.impl([item, ...rest])));
  }
  if (first === MISSING) return missingResult;
  try {
    return spec.impl(args as Value[]);
  } catch (e) {
    throw new RulesEvaluationError(`${name}(): ${(e as Error).message}`);
  }
}

function compareValue(op: CompareOp, left: Value, right: Literal): boolean {
  if (left === MISSING) return false;
  if (typeof left === "string" && right.kind === "string") return compareStrings(op, left, right.value);
  if (typeof left === "number" && right.kind === "int") {
    const r = right.value;
    switch (op) {
      case "eq":
        return left === r;
      case "ne":
        return left !== r;
      case "lt":
        return left < r;
      case "le":
        return left <= r;
      case "gt":
        return left > r;
      case "ge":
        return left >= r;
      default:
        break;
    }
  }
  if (isIpValue(left) && right.kind === "ip" && (op === "eq" || op === "ne")) {
    const same = sameIp(left, ipValue(right.value));
    return op === "eq" ? same : !same;
  }
  throw new RulesEvaluationError(`cannot apply "${op}" to ${describeValue(left)} and ${right.kind} ${JSON.stringify(right.value)}`);
}

function compareStrings(op: CompareOp, left: string, right: string): boolean {
  switch (op) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "lt":
      return left < right;
    case "le":
      return left <= right;
    case "gt":
      return left > right;
    case "ge":
      return left >= right;
    case "contains":
      return left.includes(right);
    case "wildcard":
      return wildcardMatch(left, right, false);
    case "strict wildcard":
      return wildcardMatch(left, right, true);
    case "matches": {
      const re = compileRustRegex(right);
      if (typeof re === "string") throw new RulesEvaluationError(re);
      return re.test(left);
    }
  }
}

function inSet(left: Value, set: readonly SetElement[]): boolean {
  if (left === MISSING) return false;
  return set.some((element) => {
    switch (element.kind) {
      case "string":
        return left === element.value;
      case "int":
        return left === element.value;
      case "ip":
        return isIpValue(left) && sameIp(left, ipValue(element.value));
      case "cidr": {
        if (!isIpValue(left)) return false;
        const [net, bits] = ipaddr.parseCIDR(element.value);
        return net.kind() === left.addr.kind() && left.addr.match([net, bits] as [typeof left.addr, number]);
      }
      case "range": {
        if (element.from.kind === "int" && element.to.kind === "int") {
          return typeof left === "number" && left >= element.from.value && left <= element.to.value;
        }
        if (!isIpValue(left)) return false;
        const from = ipValue(String(element.from.value));
        const to = ipValue(String(element.to.value));
        if (from.addr.kind() !== left.addr.kind()) return false;
        const x = ipBytes(left);
        return compareBytes(ipBytes(from), x) <= 0 && compareBytes(x, ipBytes(to)) <= 0;
      }
    }
  });
}

function sameIp(a: IpValue, b: IpValue): boolean {
  return a.addr.kind() === b.addr.kind() && compareBytes(ipBytes(a), ipBytes(b)) === 0;
}

function ipBytes(v: IpValue): number[] {
  return v.addr.toByteArray();
}

function compareBytes(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function describeValue(v: Evaluated): string {
  if (v === MISSING) return "a missing value";
  if (v instanceof Spread) return "an unpacked array";
  if (v instanceof Map) return "a map";
  if (Array.isArray(v)) return "an array";
  if (isIpValue(v)) return `IP ${v.addr.toString()}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}
