/**
 * A real deploy's program start, cold: index.ts under @pulumi/pulumi's real entry point (cmd/run,
 * as the language host starts it, tsx loader) against the loopback engine, next to the offline
 * plan (renderPlan) in a child of its own. Wall time and the child's peak memory (maxRSS).
 * Issue 19's target on an idle 2-core machine: under 5 s and 600 MB. Prints figures; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runUnderEntryPoint } from "../plan/engine/realProgram";

const ROOT = path.resolve(__dirname, "..");
const TARGET_MS = 5000;
const TARGET_MB = 600;

/** The offline plan of a stack in a fresh child: wall time and peak memory. */
function offlinePlan(stack: string): { ms: number; mb: number | undefined; ok: boolean } {
  const memoryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-bench-entry-")), "maxrss");
  // The SDK's preload, as cli/bin.js and the program (Pulumi.yaml nodeargs) load it.
  const script = `require(${JSON.stringify(path.join(ROOT, "components/sdkPreload"))}); require(${JSON.stringify(path.join(ROOT, "plan/render"))}).renderPlan({ stack: ${JSON.stringify(stack)} }).catch((e) => { console.error(e.message); process.exitCode = 1; })`;
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--require", path.join(ROOT, "plan/engine/reportPeakMemory.js"), "--import", "tsx", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, LR_PEAK_MEMORY_FILE: memoryFile },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kb = fs.existsSync(memoryFile) ? Number(fs.readFileSync(memoryFile, "utf8")) : NaN;
  return { ms, mb: Number.isFinite(kb) ? kb / 1024 : undefined, ok: run.status === 0 };
}

const fmt = (ms: number, mb: number | undefined) => `${ms.toFixed(0).padStart(6)} ms  ${mb === undefined ? "   ?" : mb.toFixed(0).padStart(4)} MB`;

async function main(): Promise<void> {
  console.log(`program start, cold, one child each (target: real entry point under ${TARGET_MS} ms and ${TARGET_MB} MB):`);
  for (const stack of ["prod", "staging"]) {
    const real = await runUnderEntryPoint({ stack });
    const realMb = real.maxRssKb === undefined ? undefined : real.maxRssKb / 1024;
    const verdict = real.wallMs <= TARGET_MS && realMb !== undefined && realMb <= TARGET_MB ? "within" : "OVER";
    console.log(`  ${stack.padEnd(8)} cmd/run + loopback engine ${fmt(real.wallMs, realMb)}  ${real.resources.length} resources  ${verdict} target${real.exitCode === 0 ? "" : `  exit ${real.exitCode}!`}`);
    const offline = offlinePlan(stack);
    console.log(`  ${stack.padEnd(8)} offline plan (renderPlan)  ${fmt(offline.ms, offline.mb)}${offline.ok ? "" : "  failed!"}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
