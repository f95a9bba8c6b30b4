/**
 * Jest global setup: renders the test-owned stacks (test/stacks) once per run, each in its own
 * process (a render needs a fresh SDK), into JSON files that suites which only read a plan load
 * with `renderedStack()` instead of rendering again. The folder is passed by LR_TEST_PLANS_DIR.
 * Both at once, one per core: nothing else runs before the workers start.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { testStackFile } from "./stacks";

const ROOT = path.resolve(__dirname, "..", "..");
const STACKS = ["prod", "staging"] as const;

/** Renders a test-owned stack in a tsx process of its own into `out`, whole (a temporary file renamed into place). */
function renderTo(stack: "prod" | "staging", out: string): Promise<void> {
  const script = [
    `require(${JSON.stringify(path.join(ROOT, "components/sdkPreload"))});`,
    `const { renderPlan } = require(${JSON.stringify(path.join(ROOT, "plan/render"))});`,
    `const fs = require("node:fs");`,
    `renderPlan({ stack: ${JSON.stringify(stack)}, configFile: ${JSON.stringify(testStackFile(stack))} })`,
    `  .then((r) => { fs.writeFileSync(${JSON.stringify(out + ".tmp")}, JSON.stringify(r)); fs.renameSync(${JSON.stringify(out + ".tmp")}, ${JSON.stringify(out)}); })`,
    `  .catch((e) => { console.error(e && e.message); process.exitCode = 1; });`,
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`rendering test stack ${stack} failed (exit ${code})`))));
  });
}

/** A file the global setup wrote for this run, or undefined when the run had none (a jest without this setup). */
export function runFile(name: string): string | undefined {
  const dir = process.env.LR_TEST_PLANS_DIR;
  const file = dir ? path.join(dir, name) : undefined;
  return file && fs.existsSync(file) ? file : undefined;
}

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-test-plans-"));
  await Promise.all(STACKS.map((s) => renderTo(s, path.join(dir, `${s}.json`))));
  process.env.LR_TEST_PLANS_DIR = dir;
}
