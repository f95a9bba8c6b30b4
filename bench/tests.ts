/**
 * The test suite's phases, timed: `tsc --noEmit` (the typecheck `npm test` runs first) and jest
 * (global setup included). Prints wall times; asserts nothing (budgets live here, not in tests).
 * Run by `npm run bench -- --tests` (it takes as long as `npm test`).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const phases: Array<[string, string[]]> = [
  ["typecheck (tsc --noEmit)", [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"]],
  ["jest", [require.resolve("jest/bin/jest"), "--silent"]],
];
let failed = false;
for (const [name, args] of phases) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  failed ||= run.status !== 0;
  console.log(`${name.padEnd(26)} ${seconds.toFixed(1).padStart(7)} s${run.status === 0 ? "" : `  (exit ${run.status})`}`);
}
process.exit(failed ? 1 : 0);
