/**
 * `launch-ready secrets-scan`: secretlint and the stack config rule over the tree and the history.
 * Flags and help only: the action and the library it calls load from cli/run/secrets-scan.ts when the
 * command runs, so `--help` and a flag error answer without them.
 */
import type { Command } from "commander";
import type { SecretsScanFlags } from "../run/secrets-scan";

const runModule = () => require("../run/secrets-scan") as typeof import("../run/secrets-scan");

export function register(program: Command): void {
  program
    .command("secrets-scan")
    .description("Scan the working tree and the git history for credentials (secretlint + plaintext secrets in Pulumi.*.yaml).")
    .option("--no-history", "scan the working tree only")
    .option("--history-only", "scan only the lines added by commits, not the working tree")
    .option("--json", "print the report as JSON")
    .option("--repo <dir>", "directory inside the git repository to scan", process.cwd())
    .option("--base <commit>", "PR mode: read the scan's .secretlintrc.json and .secretlintignore from this base commit, and report every change base..HEAD makes to them")
    .addHelpText("after", "\nExit status: 0 nothing found, 1 a secret found (in the tree or history) or, with --base, a change to the scan's own config, 2 bad flags.")
    .action((flags: SecretsScanFlags) => runModule().run(flags));
}
