import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");
const PRELOAD = path.join(ROOT, "plan", "analyzer", "packPreload.js");

/** The packages a node process under the pack's preload has loaded once it has required the SDK. */
function packagesLoadedWithSdk(args: string[]): string[] {
  const script = 'require("@pulumi/pulumi"); process.stdout.write(JSON.stringify(Object.keys(require.cache)));';
  const run = spawnSync(process.execPath, [...args, "-e", script], { cwd: path.join(ROOT, "policies"), encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as string[]).map((f) => path.relative(ROOT, f));
}

test("the pack's preload keeps arborist and the Automation API out of the SDK's start-up, and sets no TypeScript hook", () => {
  const loaded = packagesLoadedWithSdk(["--require", PRELOAD]);
  expect(loaded).toContain("node_modules/@pulumi/pulumi/index.js");
  expect(loaded.filter((f) => f.startsWith("node_modules/@npmcli/arborist/"))).toEqual([]);
  expect(loaded.filter((f) => f.startsWith("node_modules/@pulumi/pulumi/automation/"))).toEqual([]);
  // tsx compiled the preload's one TypeScript file without staying registered: the pack's own ts-node compiles the pack.
  const hooks = spawnSync(process.execPath, ["--require", PRELOAD, "-e", 'process.stdout.write(String(require.extensions[".ts"] === undefined))'], { encoding: "utf8" });
  expect(hooks.stdout).toBe("true");
});

test("without it, the SDK loads them (what the preload saves is real)", () => {
  const loaded = packagesLoadedWithSdk([]);
  expect(loaded.some((f) => f.startsWith("node_modules/@npmcli/arborist/"))).toBe(true);
});
