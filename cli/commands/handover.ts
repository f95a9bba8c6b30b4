/**
 * `launch-ready handover --stack prod`: HANDOVER.md and the BIND zone file, from the plan.
 * Flags and help only: the action and the library it calls load from cli/run/handover.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { HandoverFlags } from "../run/handover";

const runModule = () => require("../run/handover") as typeof import("../run/handover");

export function register(program: Command): void {
  program
    .command("handover")
    .description("Write the handover document (records, edge rules, email, secrets inventory, monitoring, deploy/rollback, access, limitations) and a BIND zone file, from the plan")
    .option("-s, --stack <name>", "stack to render (reads Pulumi.<name>.yaml; default: staging)")
    .option("-c, --config-file <path>", "render this stack file instead")
    .option("--plan <file>", "use this `plan --json` output instead of rendering")
    .option("-o, --out <file>", "where to write the document; the zone file goes beside it", "HANDOVER.md")
    .addHelpText("after", "\nExit status: 0 the document was written, 2 bad config, flags or files.")
    .action((flags: HandoverFlags) => runModule().run(flags));
}
