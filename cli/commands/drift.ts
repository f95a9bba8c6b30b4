/**
 * `launch-ready drift --base staging --head prod`: what differs between two stacks beyond the
 * environment rules.
 * Flags and help only: the action and the library it calls load from cli/run/drift.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { DriftFlags } from "../run/drift";

const runModule = () => require("../run/drift") as typeof import("../run/drift");

export function register(program: Command): void {
  program
    .command("drift")
    .description("List what differs between two stacks (e.g. staging and prod) beyond what the environment rules explain")
    .option("--base <stack>", "render this stack as the base (e.g. staging)")
    .option("--head <stack>", "render this stack as the head (e.g. prod)")
    .option("--base-file <plan.json>", "use this `plan --json` output as the base")
    .option("--head-file <plan.json>", "use this `plan --json` output as the head")
    .option("--json", "print the report as JSON")
    .addHelpText("after", "\nExit status: 0 the report was written (drift is information), 2 bad flags, config or plan files.")
    .action((flags: DriftFlags) => runModule().run(flags));
}
