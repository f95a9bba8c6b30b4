/**
 * `launch-ready secrets-scan`: secretlint (recommended preset) and the stack config rule over the
 * working tree and every line any commit added. Exit 1 on a finding, 0 when clean, 2 on bad usage.
 */
import path from "node:path";
import { EXIT_FINDINGS, UserError } from "../errors";
import { formatJson, formatText } from "../../secretsScan/format";
import { scanRepository } from "../../secretsScan/scan";
import { ScanInputError } from "../../secretsScan/errors";

export interface SecretsScanFlags {
  history: boolean;
  historyOnly?: boolean;
  json?: boolean;
  repo: string;
  base?: string;
}

/** This project's root (cli/run/..): its .secretlintrc.json and node_modules hold the rules. */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/** The command's action: what commander calls with the parsed arguments and flags. */
export async function run(flags: SecretsScanFlags): Promise<void> {
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
}
