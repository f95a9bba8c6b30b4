/**
 * `launch-ready diff BASE.json HEAD.json`: what a pull request changes in the infrastructure, as
 * Markdown for a PR comment (default) or JSON (`--format json`). Bad input exits 2.
 * diff/ loads when the command runs: its guard risks reuse the policy definitions, which load
 * @pulumi/policy and the SDK, and `--help` must answer without them.
 */
import type { Command } from "commander";
import { UserError } from "../errors";

export interface DiffFlags {
  format: string;
}

export const DIFF_FORMATS = ["markdown", "json"] as const;

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

export function register(program: Command): void {
  program
    .command("diff")
    .description("Compare two `plan --json` outputs (base and head of a PR): risky changes first, then counts, properties, violations, rule budget, diagrams")
    .argument("<base>", "plan JSON of the base commit")
    .argument("<head>", "plan JSON of the head commit")
    .option("-f, --format <format>", `output format: ${DIFF_FORMATS.join(" or ")}`, "markdown")
    .addHelpText("after", "\nExit status: 0 the diff was written, 2 bad flags or plan files.")
    .action((base: string, head: string, flags: DiffFlags) => {
      process.stdout.write(runDiff(base, head, flags));
    });
}
