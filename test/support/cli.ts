/** Runs the `launch-ready` command as a user would: a separate node process. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, "cli/bin.js"), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace line, which a user mistake must never print. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

/**
 * The command's entry run in this process, its output captured: the exit code and what a user
 * reads, without a child process loading tsx, the SDK and both providers. For flag, file and config
 * errors (exit 2) and anything else that needs no pipe. `main` is loaded from the module registry as
 * it is at the call: renderIsolated resets it, and a `main` loaded before would load its commands
 * anew, with an errors module of their own (a UserError its `instanceof` no longer recognises).
 */
export async function runMain(argv: string[]): Promise<CliResult & { status: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  // An action may set process.exitCode (verify's NO-GO); each run starts from none, as a process does.
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    const { main } = require("../../cli/main") as typeof import("../../cli/main");
    return { status: await main(argv), stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = exitCode;
  }
}
