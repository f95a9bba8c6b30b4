/**
 * `launch-ready diff BASE.json HEAD.json`: what a pull request changes in the infrastructure, as
 * Markdown for a PR comment (default) or JSON (`--format json`). Bad input exits 2.
 * diff/ loads once the format is known good: its guard risks reuse the policy definitions, which
 * load @pulumi/policy and the SDK.
 */
import { UserError } from "../errors";
import { DIFF_FORMATS } from "../../diff/formats";

export interface DiffFlags {
  format: string;
}

/** Runs the diff; returns the text to print. Throws UserError for anything the user can fix. */
export function runDiff(baseFile: string, headFile: string, flags: DiffFlags): string {
  if (!(DIFF_FORMATS as readonly string[]).includes(flags.format)) {
    throw new UserError(`--format ${JSON.stringify(flags.format)} is not supported; expected one of ${DIFF_FORMATS.join(", ")}`);
  }
  const { diffPlans, loadPlanFile, PlanInputError, toMarkdown } = require("../../diff") as typeof import("../../diff");
  try {
    const report = diffPlans(loadPlanFile(baseFile, "BASE plan"), loadPlanFile(headFile, "HEAD plan"));
    return flags.format === "json" ? JSON.stringify(report, null, 2) + "\n" : toMarkdown(report);
  } catch (err) {
    if (err instanceof PlanInputError) throw new UserError(err.message);
    throw err;
  }
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export function run(base: string, head: string, flags: DiffFlags): void {
  process.stdout.write(runDiff(base, head, flags));
}
