/**
 * Jest global setup: renders the test-owned stacks (test/stacks) once per run, each in its own
 * process (a render needs a fresh SDK), into JSON files that suites which only read a plan load
 * with `renderedStack()` instead of rendering again. The folder is passed by LR_TEST_PLANS_DIR.
 *
 * Beside them, in a process of its own, the Cloudflare contract schema as the generator makes it
 * now (`generatedCloudflareSchema()`): its TypeScript program holds the whole cloudflare SDK's
 * declarations (~300 MB live, 450 MB RSS), more than the workers' heap limit (jest.config.js).
 * It runs in a second lane beside the renders, so at most two of these processes run at once.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const STACKS = ["prod", "staging"] as const;

function renderTo(stack: string, out: string): Promise<void> {
  const script = [
    `require(${JSON.stringify(path.join(ROOT, "components/sdkPreload"))});`,
    `const { renderPlan } = require(${JSON.stringify(path.join(ROOT, "plan/render"))});`,
    `const fs = require("node:fs");`,
    `renderPlan({ stack: ${JSON.stringify(stack)}, configFile: ${JSON.stringify(path.join(ROOT, "test", "stacks", `Pulumi.${stack}.yaml`))} })`,
    `  .then((r) => { fs.writeFileSync(${JSON.stringify(out + ".tmp")}, JSON.stringify(r)); fs.renameSync(${JSON.stringify(out + ".tmp")}, ${JSON.stringify(out)}); })`,
    `  .catch((e) => { console.error(e && e.message); process.exitCode = 1; });`,
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`rendering test stack ${stack} failed (exit ${code})`))));
  });
}

/** The file `generatedCloudflareSchema()` reads, in the run's folder. */
export const GENERATED_SCHEMA_FILE = "cloudflare.schema.json";

function generateSchemaTo(out: string): Promise<void> {
  const script = [
    `const { generateCloudflareSchema } = require(${JSON.stringify(path.join(ROOT, "scripts/generate-contract-schemas"))});`,
    `const fs = require("node:fs");`,
    `fs.writeFileSync(${JSON.stringify(out + ".tmp")}, generateCloudflareSchema());`,
    `fs.renameSync(${JSON.stringify(out + ".tmp")}, ${JSON.stringify(out)});`,
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generating the Cloudflare contract schema failed (exit ${code})`))));
  });
}

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-test-plans-"));
  const renders = async () => {
    for (const s of STACKS) await renderTo(s, path.join(dir, `${s}.json`));
  };
  await Promise.all([renders(), generateSchemaTo(path.join(dir, GENERATED_SCHEMA_FILE))]);
  process.env.LR_TEST_PLANS_DIR = dir;
}
