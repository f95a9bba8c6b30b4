/**
 * Runs the test files of one folder as one jest suite: test/<folder>/all.test.ts calls
 * `folderSuite(__dirname)`, and jest.config.js keeps jest from also running the files alone.
 *
 * Jest gives every file a fresh module registry, so each file of a folder loaded the SDK, zod, the
 * policy pack or the verify runner again: in test/policies that loading cost more than the tests
 * (48.8 s of CPU as 15 suites, 34.6 s as one). Each file keeps its own describe block, named by its
 * path, so its hooks, names and failures stay its own; what files share is loaded modules, and a
 * file that needs fresh ones resets them itself (test/support/render.ts does for failed renders).
 *
 * To run one file alone: `LR_TEST_FILE_SUITES=1 npx jest test/policies/dns.test.ts`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const TEST_ROOT = path.join(__dirname, "..");
export const FOLDER_SUITE_FILE = "all.test.ts";

/**
 * The test files of `dir` that its all.test.ts runs, in a stable order: the folder's own files, not
 * its subfolders' (a subfolder has an all.test.ts of its own, or its files run alone).
 */
export function folderSuiteMembers(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".test.ts") && name !== FOLDER_SUITE_FILE)
    .map((name) => path.join(dir, name))
    .sort();
}

export function folderSuite(dir: string): void {
  for (const file of folderSuiteMembers(dir)) {
    describe(path.relative(TEST_ROOT, file), () => {
      require(file);
    });
  }
}
