/**
 * `launch-ready plan`: render a stack offline and print it (table, or JSON with --json).
 * Flags and help only: the action and the library it calls load from cli/run/plan.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { PlanFlags } from "../run/plan";

const runModule = () => require("../run/plan") as typeof import("../run/plan");

export function register(program: Command): void {
  program
    .command("plan")
    .description("Render a stack offline (no credentials, no Pulumi CLI) and print its resources")
    .option("-s, --stack <name>", "stack to render (reads Pulumi.<name>.yaml; default: staging)")
    .option("-c, --config-file <path>", "render this stack file instead")
    .option("--json", "print the plan as JSON")
    .option("--simulate <request>", 'run a request through the planned edge rules, e.g. "GET http://www.example.com/pricing?ref=x" (repeatable; headers after " | ")', (value: string, list: string[] = []) => [...list, value])
    .option("--simulate-file <path>", "simulate every request in a file (one per line)")
    .option("--policy-config <path>", "policy pack config (default: derived from the stack file, as `policy-config` writes it)")
    .option("--no-policies", "skip the policy pack (contract checks still run)")
    .option("--existing <dir>", "saved answers about the zone as it is (dns_records.json, rulesets.json, settings.json or zone.txt; adopt writes <out>/existing): report creates that would collide and records left unmanaged")
    .addHelpText("after", "\nExit status: 0 clean, 1 a mandatory policy violation or a failed API contract, 2 bad config, flags or files.")
    .action((flags: PlanFlags) => runModule().run(flags));
}
