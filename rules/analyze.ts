/**
 * What an expression uses: fields, functions and operators, for plan-fit checks (rate limiting
 * on Free accepts only path fields; `matches` and regex_replace need Business or Enterprise;
 * http.request.cookies needs Pro). Policies run this on parsed text, not on builder objects.
 */
import type { Expr, OperatorName } from "./ast";
import { fieldSpec, type FieldGroup } from "./fields";

export interface ExpressionUsage {
  /** Field names, sorted and unique. */
  readonly fields: readonly string[];
  /** The groups of those fields (host, path, query, header…), sorted and unique. */
  readonly fieldGroups: readonly FieldGroup[];
  readonly functions: readonly string[];
  readonly operators: readonly OperatorName[];
  /** Header names read through http.request.headers["…"]. */
  readonly headerNames: readonly string[];
  /** True when the expression needs regular-expression support (`matches`, regex_replace). */
  readonly usesRegex: boolean;
}

export function analyze(node: Expr): ExpressionUsage {
  const fields = new Set<string>();
  const functions = new Set<string>();
  const operators = new Set<OperatorName>();
  const headerNames = new Set<string>();
  const visit = (n: Expr): void => {
    switch (n.kind) {
      case "field":
        fields.add(n.name);
        return;
      case "index":
        if (n.target.kind === "field" && n.target.name === "http.request.headers" && n.key.kind === "string") headerNames.add(n.key.value);
        visit(n.target);
        return;
      case "unpack":
        visit(n.target);
        return;
      case "call":
        functions.add(n.name);
        n.args.forEach(visit);
        return;
      case "compare":
        operators.add(n.op);
        visit(n.left);
        return;
      case "in":
        operators.add("in");
        visit(n.left);
        return;
      case "not":
        operators.add("not");
        visit(n.operand);
        return;
      case "logical":
        operators.add(n.op);
        n.operands.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(node);
  const groups = new Set<FieldGroup>();
  for (const f of fields) {
    const spec = fieldSpec(f);
    if (spec) groups.add(spec.group);
  }
  return {
    fields: [...fields].sort(),
    fieldGroups: [...groups].sort(),
    functions: [...functions].sort(),
    operators: [...operators].sort(),
    headerNames: [...headerNames].sort(),
    usesRegex: operators.has("matches") || functions.has("regex_replace"),
  };
}

export const fieldsUsed = (node: Expr): readonly string[] => analyze(node).fields;
export const functionsUsed = (node: Expr): readonly string[] => analyze(node).functions;
export const operatorsUsed = (node: Expr): readonly OperatorName[] => analyze(node).operators;
