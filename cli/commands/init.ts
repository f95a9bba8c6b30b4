/**
 * `launch-ready init --stack prod --domain acme-club.io`: a new stack file with the safe defaults.
 * Flags and help only: the action and the library it calls load from cli/run/init.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { InitFlags } from "../run/init";
import { INIT_MAIL_PRESETS, INIT_PLANS, PLACEHOLDER_ORIGIN } from "../../init/choices";

const runModule = () => require("../run/init") as typeof import("../run/init");

export function register(program: Command): void {
  program
    .command("init")
    .description("Write a new stack file (Pulumi.<stack>.yaml) with the safe defaults, commented")
    .option("-s, --stack <name>", "stack name; prod or production turns on production rules")
    .option("-d, --domain <name>", "the apex domain, e.g. acme-club.io")
    .option("--zone-id <id>", "the existing Cloudflare zone's id (default: looked up by the domain at deploy)")
    .option("--mail <preset>", `who handles mail: ${INIT_MAIL_PRESETS.join(", ")} (default google-workspace)`)
    .option("--ms-tenant <name>", "with --mail microsoft-365: the <tenant> of <tenant>.onmicrosoft.com")
    .option("--plan <plan>", `the zone's Cloudflare plan: ${INIT_PLANS.join(", ")} (default free)`)
    .option("--origin <host>", `where the app is served (default: the placeholder ${PLACEHOLDER_ORIGIN})`)
    .option("-o, --out <file>", "write here instead of Pulumi.<stack>.yaml in the project")
    .option("--force", "overwrite an existing stack file")
    .addHelpText("after", "\nExit status: 0 written, 2 bad flags or the file exists (without --force).")
    .action((flags: InitFlags) => runModule().run(flags));
}
