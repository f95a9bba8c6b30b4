/**
 * The test suite's phases, timed: `tsc --noEmit` (the typecheck `npm test` runs first), jest's
 * start-up with the global setup (the example stacks rendered once per run), then the suites by
 * group (test/<folder>) and the slowest suites, each with its share of the suites' summed time,
 * and jest's peak memory (the largest process and the whole process tree, bench/processTree.ts).
 * Prints figures; asserts nothing (budgets live here, not in tests). Run by
 * `npm run bench -- --tests` (it takes as long as `npm test`), or alone with
 * `node --import tsx bench/tests.ts [jest-results.json]` to read the results of an earlier
 * `jest --json --outputFile=<file>` run instead of running jest again.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { peakOf, treeMemory, type TreeMemory } from "./processTree";

const ROOT = path.resolve(__dirname, "..");
/** The issue's memory budget for `npm test` (issue 14). */
const MEMORY_BUDGET_BYTES = 1024 ** 3;
/** The issue's time budget for `npm test`, typecheck and jest, on an idle 2-core machine (issue 14). */
const TIME_BUDGET_SECONDS = 90;
/** How often the process tree is read while jest runs. */
const SAMPLE_EVERY_MS = 250;

/** The part of jest's --json output read here. */
export interface JestResults {
  startTime: number;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  testResults: Array<{ name: string; startTime: number; endTime: number; status: string }>;
}

export interface SuitePhases {
  /** From jest's recorded start (after its global setup) to the first suite's start. */
  setupSeconds: number;
  /** From jest's start to the last suite's end. */
  wallSeconds: number;
  /** Sum of every suite's own duration (more than the wall time when workers run in parallel). */
  suiteSeconds: number;
  groups: Array<{ group: string; suites: number; seconds: number }>;
  slowest: Array<{ suite: string; seconds: number }>;
}

/** Groups a jest run's suites by their folder under test/ ("cli", "plan", "verify"...). */
export function suitePhases(results: JestResults, root = ROOT, slowest = 15): SuitePhases {
  const suites = results.testResults.map((t) => ({ suite: path.relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000, start: t.startTime, end: t.endTime }));
  const groups = new Map<string, { suites: number; seconds: number }>();
  for (const s of suites) {
    const parts = s.suite.split(path.sep);
    const group = parts.length > 2 ? parts[1]! : "(top level)";
    const g = groups.get(group) ?? { suites: 0, seconds: 0 };
    g.suites += 1;
    g.seconds += s.seconds;
    groups.set(group, g);
  }
  const firstStart = Math.min(...suites.map((s) => s.start));
  const lastEnd = Math.max(...suites.map((s) => s.end));
  return {
    setupSeconds: suites.length ? (firstStart - results.startTime) / 1000 : 0,
    wallSeconds: suites.length ? (lastEnd - results.startTime) / 1000 : 0,
    suiteSeconds: suites.reduce((sum, s) => sum + s.seconds, 0),
    groups: [...groups].map(([group, g]) => ({ group, ...g })).sort((a, b) => b.seconds - a.seconds),
    slowest: [...suites].sort((a, b) => b.seconds - a.seconds).slice(0, slowest).map(({ suite, seconds }) => ({ suite, seconds })),
  };
}

export function formatSuitePhases(p: SuitePhases): string {
  const share = (s: number) => (p.suiteSeconds > 0 ? `${((100 * s) / p.suiteSeconds).toFixed(1)}%` : "-").padStart(6);
  return [
    `jest until the first suite   ${p.setupSeconds.toFixed(1).padStart(7)} s`,
    `jest until the last suite    ${p.wallSeconds.toFixed(1).padStart(7)} s (suites summed: ${p.suiteSeconds.toFixed(1)} s)`,
    "suites by group (seconds summed, share of all suites):",
    ...p.groups.map((g) => `  ${g.group.padEnd(14)} ${String(g.suites).padStart(3)} suites ${g.seconds.toFixed(1).padStart(8)} s ${share(g.seconds)}`),
    "slowest suites:",
    ...p.slowest.map((s) => `  ${s.seconds.toFixed(1).padStart(7)} s ${share(s.seconds)}  ${s.suite}`),
  ].join("\n");
}

/** npm test's typecheck as package.json's "typecheck" script runs it (a `node <script> ...` command), for node to run here. */
export function typecheckArgs(): string[] {
  const script = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.typecheck ?? "";
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== "node" || args.length === 0) throw new Error(`package.json's typecheck script is ${JSON.stringify(script)}; a "node <script> ..." command is expected`);
  return args;
}

function timed(args: string[]): { seconds: number; status: number | null } {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "ignore"] });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, status: run.status };
}

/** Runs node `args`, reading its process tree's memory while it runs; the peaks of what was read. */
function timedWithMemory(args: string[]): Promise<{ seconds: number; status: number | null; peak: TreeMemory }> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "ignore"] });
  let peak: TreeMemory = { largest: 0, total: 0, processes: 0 };
  const sample = () => {
    if (child.pid !== undefined) peak = peakOf(peak, treeMemory(child.pid));
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  return new Promise((resolve) => {
    const done = (status: number | null) => {
      clearInterval(sampler);
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, status, peak });
    };
    child.once("error", () => done(null));
    child.once("exit", (code) => done(code));
  });
}

/** The time line: what `npm test` runs (typecheck, then jest with its global setup) against the budget. */
export function formatTestTime(typecheckSeconds: number, jestSeconds: number, budget = TIME_BUDGET_SECONDS): string {
  const total = typecheckSeconds + jestSeconds;
  return `npm test (typecheck + jest)  ${total.toFixed(1).padStart(7)} s  ${total <= budget ? "within" : "OVER"} budget ${budget} s (on an idle 2-core machine)`;
}

/** The memory line: the largest process and the whole tree against the budget. */
export function formatMemory(peak: TreeMemory, budget = MEMORY_BUDGET_BYTES): string {
  const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;
  return `jest peak memory             largest process ${mb(peak.largest)}, whole tree ${mb(peak.total)} (shared pages once; ${peak.processes} processes at most; budget ${mb(budget)})`;
}

async function main(): Promise<number> {
  const given = process.argv.slice(2).find((a) => a.endsWith(".json"));
  let failed = false;
  let resultsFile = given;
  if (!given) {
    const tsc = timed(typecheckArgs());
    failed ||= tsc.status !== 0;
    console.log(`typecheck (tsc --noEmit)     ${tsc.seconds.toFixed(1).padStart(7)} s${tsc.status === 0 ? "" : `  (exit ${tsc.status})`}`);
    // Jest records its start after the global setup: that phase (both example stacks rendered, each
    // in a process of its own) is timed here on its own.
    const setup = timed(["--import", "tsx", "-e", `require(${JSON.stringify(path.join(ROOT, "test/support/globalSetup"))}).default().then(() => require("node:fs").rmSync(process.env.LR_TEST_PLANS_DIR, { recursive: true, force: true }))`]);
    failed ||= setup.status !== 0;
    console.log(`global setup (stack plans)   ${setup.seconds.toFixed(1).padStart(7)} s${setup.status === 0 ? "" : `  (exit ${setup.status})`}`);
    resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-bench-tests-")), "jest.json");
    const jest = await timedWithMemory([require.resolve("jest/bin/jest"), "--silent", "--json", `--outputFile=${resultsFile}`]);
    failed ||= jest.status !== 0;
    console.log(`jest                         ${jest.seconds.toFixed(1).padStart(7)} s${jest.status === 0 ? "" : `  (exit ${jest.status})`}`);
    console.log(formatTestTime(tsc.seconds, jest.seconds));
    console.log(formatMemory(jest.peak));
  }
  if (!resultsFile || !fs.existsSync(resultsFile)) {
    console.error(`no jest results at ${resultsFile}`);
    return 1;
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as JestResults;
  console.log(`${results.numTotalTestSuites} suites, ${results.numFailedTestSuites} failed`);
  console.log(formatSuitePhases(suitePhases(results)));
  return failed ? 1 : 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
