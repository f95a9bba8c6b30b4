/**
 * Reading a plan JSON file (`launch-ready plan --json` output) for diff and handover, with errors
 * that say which file is wrong, how, and what is expected.
 */
import { z } from "zod";
import type { Plan } from "../plan/types";
import { PROTOTYPE_KEYS, readBounded, StackFileError } from "../plan/stackFile";

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

/** Pulumi project and stack names (letters, digits, `-`, `_`, `.`, and `/` for org/project/stack): they are printed in documents and commands. */
const pulumiName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.\/-]{0,99}$/, { error: "a Pulumi name (letters, digits, - _ . /) is expected" });

const optionsSchema = z.looseObject({
  protect: z.boolean().default(false),
  deleteBeforeReplace: z.boolean().default(false),
  retainOnDelete: z.boolean().default(false),
  ignoreChanges: z.array(z.string()).default([]),
  dependencies: z.array(z.string()).default([]),
  aliases: z.array(z.string()).default([]),
  additionalSecretOutputs: z.array(z.string()).default([]),
});

const resourceSchema = z.looseObject({
  urn: z.string().startsWith("urn:pulumi:", { error: 'a Pulumi URN ("urn:pulumi:<stack>::<project>::<type>::<name>") is expected' }),
  type: z.string().min(1),
  name: z.string(),
  parent: z.string().optional(),
  custom: z.boolean().default(true),
  inputs: z.record(z.string(), z.unknown()).default({}),
  options: optionsSchema.prefault({}),
});

const planSchema = z.looseObject({
  project: pulumiName,
  stack: pulumiName,
  config: z.record(z.string(), z.unknown()).default({}),
  resources: z.array(resourceSchema),
  outputs: z.record(z.string(), z.unknown()).default({}),
  violations: z.array(z.looseObject({ policyName: z.string(), message: z.string(), urn: z.string().optional() })).optional(),
});

/** Validates parsed JSON as a plan; `label` names it in messages ("BASE plan base.json"). */
export function toPlan(data: unknown, label: string): Plan {
  checkPlanShape(data, label);
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.length ? i.path.join(".") : "(top level)"}: ${i.message}`);
    throw new PlanInputError(`${label} is not a launch-ready plan (${EXPECTED}):\n${problems.join("\n")}`);
  }
  return parsed.data as unknown as Plan;
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
