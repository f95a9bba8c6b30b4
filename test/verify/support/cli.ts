/** Runs `launch-ready verify` in this process, for tests. */

/**
 * The same CLI in this process (cli/main.ts, what bin.js runs): no process start-up per case.
 * stdout and stderr are captured; the exit code is main's answer, and process.exitCode is restored.
 */
export async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = require("../../../cli/main") as typeof import("../../../cli/main");
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const saved = process.exitCode;
  process.stdout.write = ((s: string) => ((out.stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((out.stderr += s), true)) as typeof process.stderr.write;
  try {
    const code = await main(["verify", ...args]);
    return { code, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.exitCode = saved;
  }
}

