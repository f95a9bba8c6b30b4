/**
 * `launch-ready drift --base staging --head prod`: what differs between two stacks beyond what the
 * environment rules explain, as Markdown (default) or JSON (`--json`). Drift is information: exit
 * 0 whatever it finds; 2 when a plan cannot be had (bad flags, config or plan file).
 */
import { loadPlanFile, PlanInputError, toPlan } from "../../plan/model/load";
import { driftMarkdown, driftPlans, type DriftReport } from "../../drift";
import type { Plan } from "../../plan/types";
import { UserError } from "../errors";

export interface DriftFlags {
  base?: string;
  head?: string;
  baseFile?: string;
  headFile?: string;
  json?: boolean;
}

/** One side's plan: rendered offline from its stack, or read from a `plan --json` file. */
async function planOf(side: "base" | "head", stack: string | undefined, file: string | undefined): Promise<Plan> {
  if (stack && file) throw new UserError(`--${side} and --${side}-file name the same side twice; give one of them`);
  if (!stack && !file) throw new UserError(`the ${side} stack is missing; --${side} NAME (a stack file Pulumi.NAME.yaml) or --${side}-file PLAN.json is expected`);
  try {
    if (file) return loadPlanFile(file, `${side.toUpperCase()} plan`);
    // Loaded here: rendering pulls in the SDK and the providers, which file inputs never need.
    const { renderForCli } = require("./plan") as typeof import("./plan");
    const { planJson } = require("../../plan/pipeline") as typeof import("../../plan/pipeline");
    return toPlan(planJson(await renderForCli({ stack })), `the rendered ${stack} plan`);
  } catch (err) {
    if (err instanceof PlanInputError) throw new UserError(err.message);
    throw err;
  }
}

export async function runDrift(flags: DriftFlags): Promise<{ report: DriftReport; text: string }> {
  const base = await planOf("base", flags.base, flags.baseFile);
  const head = await planOf("head", flags.head, flags.headFile);
  if (base.project !== head.project) {
    throw new UserError(`the plans are of different projects (${JSON.stringify(base.project)} and ${JSON.stringify(head.project)}); two stacks of one project are expected`);
  }
  const report = driftPlans(base, head);
  return { report, text: flags.json ? `${JSON.stringify(report, null, 2)}\n` : driftMarkdown(report) };
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export async function run(flags: DriftFlags): Promise<void> {
  process.stdout.write((await runDrift(flags)).text);
}
