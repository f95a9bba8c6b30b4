/** Runs `launch-ready verify` in this process, for tests. */
import { runMain } from "../../support/cli";

/**
 * The same CLI in this process (cli/main.ts, what bin.js runs, through runMain): no process
 * start-up per case; the exit code is main's answer, and process.exitCode is restored.
 */
export async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await runMain(["verify", ...args]);
  return { code: status, stdout, stderr };
}
