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

const ROOT = path.resolve(__dirname, "..", "..");
const STACKS = ["prod", "staging"] as const;

/**
 * Runs `expression` (JavaScript giving a string or a promise of one) in a tsx process of its own and
 * writes what it gives to `out`, whole (a temporary file renamed into place), or fails naming `what`.
 */
function writeFromChild(what: string, expression: string, out: string): Promise<void> {
  const script = [
    `const fs = require("node:fs");`,
    `Promise.resolve().then(() => ${expression})`,
    `  .then((text) => { fs.writeFileSync(${JSON.stringify(out + ".tmp")}, text); fs.renameSync(${JSON.stringify(out + ".tmp")}, ${JSON.stringify(out)}); })`,
    `  .catch((e) => { console.error(e && e.message); process.exitCode = 1; });`,
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code})`))));
  });
}

const renderTo = (stack: string, out: string) =>
  writeFromChild(
    `rendering test stack ${stack}`,
    `(require(${JSON.stringify(path.join(ROOT, "components/sdkPreload"))}), require(${JSON.stringify(path.join(ROOT, "plan/render"))}).renderPlan({ stack: ${JSON.stringify(stack)}, configFile: ${JSON.stringify(path.join(ROOT, "test", "stacks", `Pulumi.${stack}.yaml`))} })).then((r) => JSON.stringify(r))`,
    out,
  );

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
