/**
 * `launch-ready adopt`: read an existing Cloudflare zone and write a draft stack config, import.json
 * and ADOPTION.md into a new directory.
 * Flags and help only: the action and the library it calls load from cli/run/adopt.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { AdoptFlags } from "../run/adopt";

const runModule = () => require("../run/adopt") as typeof import("../run/adopt");

export function register(program: Command): void {
  program
    .command("adopt")
    .description("Read an existing Cloudflare zone and write a draft stack config, import.json and ADOPTION.md")
    .requiredOption("-s, --stack <name>", "the stack to adopt the zone into (names Pulumi.<name>.yaml)")
    .requiredOption("-o, --out <dir>", "a new (or empty) directory to write into")
    .option("--zone <domain>", "the zone's domain (required with --from-api; else read from the files)")
    .option("--zone-file <file>", "the dashboard's DNS export (BIND zone file)")
    .option("--dns-records-json <file>", "saved answer of GET /zones/{zone_id}/dns_records")
    .option("--rulesets-json <file>", "saved entry-point rulesets, each GET /zones/{zone_id}/rulesets/phases/<phase>/entrypoint")
    .option("--settings-json <file>", "saved answer of GET /zones/{zone_id}/settings")
    .option("--from-api", "fetch the zone with CLOUDFLARE_API_TOKEN through the official SDK (CLOUDFLARE_BASE_URL overrides the API address)")
    .addHelpText("after", "\nExit status: 0 written and the draft plans, 1 written but the draft needs the listed TODOs before it plans, 2 unusable input (nothing written).")
    .action((flags: AdoptFlags) => runModule().run(flags));
}
