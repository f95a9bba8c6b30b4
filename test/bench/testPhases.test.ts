/** The figures `npm run bench -- --tests` prints from a jest --json run (bench/tests.ts). */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatSuitePhases, formatTestTime, suitePhases, typecheckArgs, type JestResults } from "../../bench/tests";

const root = "/repo";
const suite = (file: string, start: number, end: number) => ({ name: path.join(root, file), startTime: start, endTime: end, status: "passed" });

const results: JestResults = {
  startTime: 1_000,
  numTotalTestSuites: 3,
  numFailedTestSuites: 0,
  testResults: [suite("test/cli/plan.test.ts", 3_000, 9_000), suite("test/cli/diff.test.ts", 3_000, 5_000), suite("test/index.test.ts", 5_000, 7_000)],
};

test("groups suites by their folder under test/, summing seconds, slowest first", () => {
  const phases = suitePhases(results, root);
  expect(phases.setupSeconds).toBe(2);
  expect(phases.wallSeconds).toBe(8);
  expect(phases.suiteSeconds).toBe(10);
  expect(phases.groups).toEqual([
    { group: "cli", suites: 2, seconds: 8 },
    { group: "(top level)", suites: 1, seconds: 2 },
  ]);
  expect(phases.slowest[0]).toEqual({ suite: "test/cli/plan.test.ts", seconds: 6 });
});

test("prints each group with its share of the suites' summed time", () => {
  const text = formatSuitePhases(suitePhases(results, root));
  expect(text).toMatch(/^ {2}cli +2 suites +8\.0 s +80\.0%$/m);
  expect(text).toMatch(/^ +6\.0 s +60\.0% {2}test\/cli\/plan\.test\.ts$/m);
});

test("the bench times the typecheck npm test runs: package.json's script, with a script node can run", () => {
  const args = typecheckArgs();
  expect(fs.existsSync(path.resolve(__dirname, "../..", args[0]!))).toBe(true);
  expect(args).toEqual(expect.arrayContaining(["--noEmit"]));
});

test("sums what npm test runs (typecheck and jest) against the 90 s budget", () => {
  expect(formatTestTime(3.5, 77.2)).toBe("npm test (typecheck + jest)     80.7 s  within budget 90 s (on an idle 2-core machine)");
  expect(formatTestTime(4, 86.5)).toMatch(/ 90\.5 s  OVER budget 90 s/);
});
