/**
 * `launch-ready handover --stack prod`: writes HANDOVER.md (or --out) and, beside it, the BIND
 * zone file of the declared records, both generated from the plan (rendered offline, or read
 * from --plan).
 */
import * as path from "node:path";
import { loadPlanFile, PlanInputError, toPlan } from "../../plan/model/load";
import { renderHandover } from "../../handover";
import type { Plan } from "../../plan/types";
import { UserError } from "../errors";
import { writeFilesAtomically } from "../writeFiles";
import { renderForCli } from "./plan";

export interface HandoverFlags {
  stack?: string;
  configFile?: string;
  plan?: string;
  out: string;
}

/** The plan in its printed form (secrets "[secret]", unknowns "[unknown]"): values never reach the document. */
async function loadPlan(flags: HandoverFlags): Promise<Plan> {
  try {
    if (flags.plan) {
      if (flags.stack || flags.configFile) throw new UserError("--plan cannot be combined with --stack or --config-file: the plan file already names its stack");
      return loadPlanFile(flags.plan, "plan");
    }
    const { planJson } = require("../../plan/pipeline") as typeof import("../../plan/pipeline");
    return toPlan(planJson(await renderForCli(flags)), "rendered plan");
  } catch (err) {
    if (err instanceof PlanInputError) throw new UserError(err.message);
    throw err;
  }
}

export async function runHandover(flags: HandoverFlags): Promise<{ document: string; zoneFile: string }> {
  const plan = await loadPlan(flags);
  const handover = renderHandover(plan);
  const document = path.resolve(flags.out);
  const zoneFile = path.join(path.dirname(document), handover.zoneFileName);
  // Both or neither: a document whose zone file failed is never left behind.
  writeFilesAtomically([
    { path: document, content: handover.markdown },
    { path: zoneFile, content: handover.zone.text },
  ]);
  return { document, zoneFile };
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export async function run(flags: HandoverFlags): Promise<void> {
  const written = await runHandover(flags);
  process.stdout.write(`wrote ${written.document}\nwrote ${written.zoneFile}\n`);
}
