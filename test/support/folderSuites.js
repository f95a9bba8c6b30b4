/**
 * Which test files a folder suite runs: a folder with an all.test.ts runs its own test files and
 * those of its subfolders that have no all.test.ts of their own, recursively. Plain JavaScript, the
 * one home of that rule: jest.config.js reads it to keep jest from running those files again alone,
 * and folderSuite.ts to run them.
 */
const fs = require("node:fs");
const path = require("node:path");

const FOLDER_SUITE_FILE = "all.test.ts";

const isFolderSuite = (dir) => fs.existsSync(path.join(dir, FOLDER_SUITE_FILE));

/** The test files `dir`'s all.test.ts runs, in a stable order (by path). */
function folderSuiteMembers(dir) {
  const members = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isFolderSuite(full)) members.push(...folderSuiteMembers(full));
    } else if (entry.name.endsWith(".test.ts") && entry.name !== FOLDER_SUITE_FILE) {
      members.push(full);
    }
  }
  return members;
}

/** The folders under `root` (itself included) that are folder suites. */
function folderSuiteDirs(root) {
  const dirs = fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === FOLDER_SUITE_FILE)
    .map((entry) => entry.parentPath ?? entry.path);
  return [...new Set(dirs)].sort();
}

module.exports = { FOLDER_SUITE_FILE, folderSuiteMembers, folderSuiteDirs };
