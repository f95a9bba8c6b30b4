/**
 * Runs the test files of one folder as one jest suite: test/<folder>/all.test.ts calls
 * `folderSuite(__dirname)`, and jest.config.js keeps jest from also running the files alone. A
 * subfolder without an all.test.ts of its own belongs to the suite too (folderSuites.js).
 *
 * Jest gives every file a fresh module registry, so each file of a folder loaded the SDK, zod, the
 * policy pack or the verify runner again: in test/policies that loading cost more than the tests
 * (48.8 s of CPU as 15 suites, 34.6 s as one). Each file keeps its own describe block, named by its
 * path, so its hooks, names and failures stay its own; what files share is loaded modules, and a
 * file that needs fresh ones resets them itself (test/support/render.ts does for failed renders).
 *
 * To run one file alone: `LR_TEST_FILE_SUITES=1 npx jest test/policies/dns.test.ts`.
 */
import * as path from "node:path";
import { folderSuiteMembers } from "./folderSuites";

export { FOLDER_SUITE_FILE, folderSuiteMembers } from "./folderSuites";

const TEST_ROOT = path.join(__dirname, "..");

export function folderSuite(dir: string): void {
  for (const file of folderSuiteMembers(dir)) {
    describe(path.relative(TEST_ROOT, file), () => {
      require(file);
    });
  }
}
