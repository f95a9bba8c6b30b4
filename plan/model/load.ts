/**
 * Reading a plan JSON file (`launch-ready plan --json` output) into the plan model, once, at the
 * edge: diff, handover, verify and drift all read files here, with errors that say which file is
 * wrong, where in it, and what is expected.
 */
import { planSchema, type Plan } from "./schema";
import { PROTOTYPE_KEYS, readBounded, StackFileError } from "../stackFile";

/** A plan file that cannot be used; the CLI turns it into a usage error (exit 2). */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanInputError";
  }
}

const EXPECTED = "a plan as printed by `launch-ready plan --stack <name> --json`";

/** Limits of a plan file: real plans are a few hundred kilobytes and a dozen levels deep. */
export const PLAN_FILE_LIMITS = { bytes: 50_000_000, depth: 64 } as const;

/** Refuses nesting deeper than the limit and prototype keys (they would vanish from the diff), iteratively so depth cannot overflow the stack. */
function checkPlanShape(data: unknown, label: string): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: data, path: "", depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth > PLAN_FILE_LIMITS.depth) throw new PlanInputError(`${label} is nested more than ${PLAN_FILE_LIMITS.depth} levels deep (at ${path.slice(0, 200)}); expected ${EXPECTED}`);
    for (const key of Object.keys(value)) {
      const child = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) throw new PlanInputError(`${label}: ${child.slice(0, 200)}: the key "${key}" is not allowed in a plan`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
}

/** Validates parsed JSON as a plan; `label` names it in messages ("BASE plan base.json"). */
export function toPlan(data: unknown, label: string): Plan {
  checkPlanShape(data, label);
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.length ? i.path.join(".") : "(top level)"}: ${i.message}`);
    throw new PlanInputError(`${label} is not a launch-ready plan (${EXPECTED}):\n${problems.join("\n")}`);
  }
  return parsed.data;
}

export function parsePlanText(text: string, label: string): Plan {
  if (text.trim() === "") throw new PlanInputError(`${label} is empty; expected ${EXPECTED} (did the plan command fail?)`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PlanInputError(`${label} is not JSON (${(err as Error).message}); expected ${EXPECTED}`);
  }
  return toPlan(data, label);
}

export function loadPlanFile(file: string, role = "plan"): Plan {
  const label = `${role} ${file}`;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readBounded(file, PLAN_FILE_LIMITS.bytes));
  } catch (err) {
    if (err instanceof StackFileError) throw new PlanInputError(`${label} is larger than ${PLAN_FILE_LIMITS.bytes} bytes; expected ${EXPECTED}`);
    if ((err as NodeJS.ErrnoException).code === "ERR_ENCODING_INVALID_ENCODED_DATA") throw new PlanInputError(`${label} is not UTF-8 text; expected ${EXPECTED}`);
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (err as Error).message;
    throw new PlanInputError(`cannot read ${label}: ${why}; expected ${EXPECTED}`);
  }
  return parsePlanText(text, label);
}

/** Two plans can be compared only when they describe the same stack of the same project. */
export function assertComparable(base: Plan, head: Plan): void {
  if (base.project !== head.project) {
    throw new PlanInputError(`cannot compare plans of different projects: base is ${JSON.stringify(base.project)}, head is ${JSON.stringify(head.project)}`);
  }
  if (base.stack !== head.stack) {
    throw new PlanInputError(
      `cannot compare different stacks: base is ${JSON.stringify(base.stack)}, head is ${JSON.stringify(head.stack)}; plan both commits with the same --stack`,
    );
  }
}
