/**
 * `launch-ready diff BASE.json HEAD.json`: what a pull request changes, as Markdown or JSON.
 * Flags and help only: the action and the library it calls load from cli/run/diff.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import { DIFF_FORMATS } from "../../diff/formats";
import type { DiffFlags } from "../run/diff";

const runModule = () => require("../run/diff") as typeof import("../run/diff");

export function register(program: Command): void {
  program
    .command("diff")
    .description("Compare two `plan --json` outputs (base and head of a PR): risky changes first, then counts, properties, violations, rule budget, diagrams")
    .argument("<base>", "plan JSON of the base commit")
    .argument("<head>", "plan JSON of the head commit")
    .option("-f, --format <format>", `output format: ${DIFF_FORMATS.join(" or ")}`, "markdown")
    .addHelpText("after", "\nExit status: 0 the diff was written, 2 bad flags or plan files.")
    .action((base: string, head: string, flags: DiffFlags) => runModule().run(base, head, flags));
}
