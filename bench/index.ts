/**
 * `npm run bench`: every benchmark of the project, one after the other, each in its own process
 * (so module loading and SDK state of one never colour another). Prints figures; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// The test suite's phases take as long as `npm test`: only with --tests.
const benches = ["plan.ts", "entryPoint.ts", "policies.ts", "verify.ts", ...(process.argv.includes("--tests") ? ["tests.ts"] : [])].filter((f) => fs.existsSync(path.join(__dirname, f)));
let failed = false;
for (const file of benches) {
  console.log(`\n== ${file.replace(/\.ts$/, "")} ==`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, file)], { stdio: "inherit" });
  failed ||= run.status !== 0;
}
process.exit(failed ? 1 : 0);
