/**
 * `launch-ready secrets-scan`: secretlint (recommended preset) and the stack config rule over the
 * working tree and every line any commit added. Exit 1 on a finding, 0 when clean, 2 on bad usage.
 */
import path from "node:path";
import type { Command } from "commander";
import { EXIT_FINDINGS, UserError } from "../errors";
import { formatJson, formatText } from "../../secretsScan/format";
import { scanRepository } from "../../secretsScan/scan";
import { ScanInputError } from "../../secretsScan/errors";

interface Flags {
  history: boolean;
  historyOnly?: boolean;
  json?: boolean;
  repo: string;
  base?: string;
}

/** This project's root (cli/commands/..): its .secretlintrc.json and node_modules hold the rules. */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

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
    .action(async (flags: Flags) => {
      if (flags.historyOnly && !flags.history) {
        throw new UserError("--history-only and --no-history exclude each other: pick the part to scan");
      }
      const report = await scanRepository({
        repo: path.resolve(flags.repo),
        worktree: !flags.historyOnly,
        history: flags.history,
        projectRoot: PROJECT_ROOT,
        base: flags.base,
      }).catch((err: unknown) => {
        throw err instanceof ScanInputError ? new UserError(err.message) : err;
      });
      process.stdout.write(flags.json ? formatJson(report) : formatText(report));
      if (report.findings.length > 0) process.exitCode = EXIT_FINDINGS;
    });
}
