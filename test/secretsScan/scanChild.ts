/**
 * `secrets-scan` through main() in one child process per suite (test/support/cliChild.ts: Jest's
 * loader cannot load secretlint). Call at the top of a suite: it starts and stops the child with
 * the suite and returns the function that runs a scan.
 */
import { startCliChild, type CliChild } from "../support/cliChild";

export interface ScanRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Performance marks left in the child's timeline by every scan so far (none: see secretsScan/secretlint.ts). */
  marks: number;
}

export function scanThroughChild(): (repoDir: string, ...flags: string[]) => Promise<ScanRun> {
  let cli: CliChild;
  beforeAll(() => (cli = startCliChild()));
  afterAll(() => cli.close());
  return async (repoDir, ...flags) => {
    const r = await cli.run(["secrets-scan", "--repo", repoDir, ...flags]);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, marks: r.marks };
  };
}
