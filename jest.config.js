/** Jest runs TypeScript through esbuild (test/support/transform.js), the compiler tsx runs the CLI
 *  and the program with, transpile only: `npm test` type-checks the whole tree once with
 *  `tsc --noEmit` (TypeScript 7's native compiler) before jest starts. (ts-jest took about twice
 *  the CPU on a cold cache, which is every CI run.) */

const fs = require("node:fs");
const path = require("node:path");

/** Folders under test/ whose files run as one suite: those with an all.test.ts (test/support/folderSuite.ts). */
const FOLDER_SUITES = fs
  .readdirSync(path.join(__dirname, "test"), { recursive: true })
  .filter((file) => path.basename(file) === "all.test.ts")
  .map((file) => path.dirname(file).split(path.sep).join("/"));
/** The files a folder suite runs itself (its own, not its subfolders'), which jest must not run again alone. */
const folderMembers = (folder) => `/test/${folder === "." ? "" : `${folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`}(?!all\\.test\\.ts$)[^/]+\\.test\\.ts$`;
/** LR_TEST_FILE_SUITES=1 runs every file as its own suite instead, to run one file alone. */
const fileSuites = process.env.LR_TEST_FILE_SUITES === "1";

module.exports = {
  // Jest's node environment, which also disables the AsyncLocalStorages a suite enabled (test/support/environment.js).
  testEnvironment: "<rootDir>/test/support/environment.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // A folder suite's own files run inside its all.test.ts, not again alone; and the other way round.
  testPathIgnorePatterns: fileSuites ? ["/all\\.test\\.ts$"] : FOLDER_SUITES.map(folderMembers),
  transform: { "^.+\\.ts$": "<rootDir>/test/support/transform.js" },
  moduleFileExtensions: ["ts", "js", "json"],
  // Jest's runtime with a V8 code cache per worker: each suite still gets fresh modules, but a file
  // is parsed once per worker instead of once per suite (test/support/cachingRuntime.js).
  runtime: "<rootDir>/test/support/cachingRuntime.js",
  // SDK modules a program never uses load on first use (components/deferredModules.ts).
  moduleNameMapper: {
    "^typescript$": "<rootDir>/test/support/deferred/typescript.ts",
    "^@npmcli/arborist$": "<rootDir>/test/support/deferred/arborist.ts",
    "^fdir$": "<rootDir>/test/support/deferred/fdir.ts",
    "^normalize-package-data$": "<rootDir>/test/support/deferred/normalizePackageData.ts",
    "^\\./automation$": "<rootDir>/test/support/deferred/automation.ts",
  },
  testTimeout: 60000,
  // Both cores: most suites wait on child processes (policy pack, CLI) or loopback servers, so two
  // workers overlap that waiting; jest's default on 2 cores is a single worker.
  maxWorkers: 2,
  // A backstop: a suite's garbage is collected when it ends (test/support/environment.js) and the
  // code cache no longer keeps old suites alive (test/support/cachingRuntime.js), so a worker's live
  // heap stays at 100-300 MB; one whose heapUsed (jest-worker's processChild.js reads it after each
  // suite) is over this is still replaced.
  workerIdleMemoryLimit: "600MB",
  // The test-owned stacks are rendered once per run; suites that only read a plan load them.
  globalSetup: "<rootDir>/test/support/globalSetup.ts",
  globalTeardown: "<rootDir>/test/support/globalTeardown.ts",
};
