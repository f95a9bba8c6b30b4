/** Jest runs TypeScript through esbuild (test/support/transform.js), the compiler tsx runs the CLI
 *  and the program with, transpile only: `npm test` type-checks the whole tree once with
 *  `tsc --noEmit` (TypeScript 7's native compiler) before jest starts. (ts-jest took about twice
 *  the CPU on a cold cache, which is every CI run.) */

const path = require("node:path");

const { folderSuiteDirs, folderSuiteMembers } = require("./test/support/folderSuites");

/** The files folder suites run themselves (test/support/folderSuites.js), which jest must not run again alone. */
const FOLDER_SUITE_MEMBERS = folderSuiteDirs(path.join(__dirname, "test")).flatMap(folderSuiteMembers);
const exactly = (file) => `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
/** LR_TEST_FILE_SUITES=1 runs every file as its own suite instead, to run one file alone. */
const fileSuites = process.env.LR_TEST_FILE_SUITES === "1";

/**
 * The workers' V8 heap limit. jest-worker forks each worker with this process's execArgv, so a flag
 * added here reaches the workers only (the CLI and policy-pack children tests start are spawned
 * with flags of their own). Unlimited, V8 on a 24 GB machine let a worker's heap reach ~420 MB,
 * mostly garbage, before collecting; limited, it collects sooner for about the same CPU. Measured
 * (`--trace-gc` over a run): the largest live heap 257 MB; at 256 MB a worker runs out. The contract
 * schema's generator (~300 MB live) never runs in a worker: the suite checks its stamp
 * (scripts/generate-contract-schemas.ts).
 * Largest worker ~650 -> ~500 MB RSS; the whole run's tree ~1.2 GB -> ~0.92 GB (npm run bench -- --tests).
 */
const WORKER_HEAP_LIMIT = "--max-old-space-size=384";
if (!process.execArgv.some((arg) => arg.startsWith("--max-old-space-size"))) process.execArgv.push(WORKER_HEAP_LIMIT);

module.exports = {
  // Jest's node environment, which also disables the AsyncLocalStorages a suite enabled (test/support/environment.js).
  testEnvironment: "<rootDir>/test/support/environment.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // A folder suite's members run inside its all.test.ts, not again alone; and the other way round.
  testPathIgnorePatterns: fileSuites ? ["/all\\.test\\.ts$"] : FOLDER_SUITE_MEMBERS.map(exactly),
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
  // A backstop under the heap limit above: a heap of 350 MB or more is collected when a suite ends
  // (test/support/environment.js), so a worker whose heapUsed is still over this afterwards
  // (jest-worker's processChild.js reads it after the suite) holds that much live and is replaced
  // before a next suite could run out. Live heaps measured after a suite: 70-210 MB.
  workerIdleMemoryLimit: "350MB",
  // The test-owned stacks are rendered once per run; suites that only read a plan load them.
  globalSetup: "<rootDir>/test/support/globalSetup.ts",
  globalTeardown: "<rootDir>/test/support/globalTeardown.ts",
};
