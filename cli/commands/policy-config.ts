/**
 * `launch-ready policy-config`: write a stack's policy pack settings from its stack file.
 * Flags and help only: the action and the library it calls load from cli/run/policy-config.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { PolicyConfigFlags } from "../run/policy-config";

const runModule = () => require("../run/policy-config") as typeof import("../run/policy-config");

export function register(program: Command): void {
  program
    .command("policy-config")
    .description("Write a stack's policy pack settings (policies/config/<stack>.json) from its stack file and policies/choices.json")
    .option("-s, --stack <name>", "stack whose settings to write (reads Pulumi.<name>.yaml; default: staging)")
    .option("-c, --config-file <path>", "derive from this stack file instead")
    .option("-o, --out <path>", "write here instead of policies/config/<stack>.json (- for stdout)")
    .option("--check", "write nothing; exit 1 when the settings file differs from what the stack file gives")
    .addHelpText("after", "\nExit status: 0 written (or up to date with --check), 1 stale with --check, 2 bad config, flags or files.")
    .action((flags: PolicyConfigFlags) => runModule().run(flags));
}
