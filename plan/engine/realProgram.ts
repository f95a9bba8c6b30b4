/**
 * Runs the Pulumi program (index.ts) the way `pulumi preview` does: a child `node` process
 * starting @pulumi/pulumi's real program entry point (cmd/run) with the project's runtime options
 * (Pulumi.yaml's `nodeargs`, read from the file; `typescript: false`), the flags the nodejs language host
 * passes (--monitor, --engine, --project, --stack, --pwd, --root-directory, --dry-run, --parallel)
 * and the config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, as the language host sets them
 * (https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/pulumi-language-nodejs/main.go).
 * The engine is plan/engine/loopbackMonitor.ts on 127.0.0.1. Reports what the program registered,
 * its wall time and the child's peak memory.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadStackFile } from "../stackFile";
import { PROJECT_DIR } from "../projectDir";
import type { PlannedResource } from "../types";
import { startLoopbackEngine, type EngineLog } from "./loopbackMonitor";
import type { InvokeAnswer } from "../monitor";

export interface RealRunOptions {
  projectDir?: string;
  stack: string;
  configFile?: string;
  invokes?: InvokeAnswer;
}

export interface RealRunResult {
  exitCode: number | null;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  logs: EngineLog[];
  stderr: string;
  wallMs: number;
  /** The child's peak resident memory, kilobytes (undefined when it did not report). */
  maxRssKb: number | undefined;
}

/** The program entry point the language host starts: <@pulumi/pulumi>/cmd/run. */
function entryPoint(projectDir: string): string {
  return path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] })), "cmd", "run");
}

export async function runUnderEntryPoint(options: RealRunOptions): Promise<RealRunResult> {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const stackFile = loadStackFile({ projectDir, stack: options.stack, configFile: options.configFile });
  const engine = await startLoopbackEngine(stackFile.project, stackFile.stack, options.invokes);
  const memoryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-entry-")), "maxrss");
  try {
    const args = [
      "--require",
      path.join(__dirname, "reportPeakMemory.js"),
      ...stackFile.nodeArgs,
      entryPoint(projectDir),
      `--monitor=${engine.monitorAddress}`,
      `--engine=${engine.engineAddress}`,
      `--project=${stackFile.project}`,
      `--stack=${stackFile.stack}`,
      `--pwd=${projectDir}`,
      `--root-directory=${projectDir}`,
      "--dry-run",
      "--parallel=4",
      ".",
    ];
    const env = {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(stackFile.runtimeConfig),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(stackFile.secretKeys),
      LR_PEAK_MEMORY_FILE: memoryFile,
    };
    const start = process.hrtime.bigint();
    const { exitCode, stderr } = await new Promise<{ exitCode: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: projectDir, env, stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ exitCode: code, stderr: err }));
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const maxRss = fs.existsSync(memoryFile) ? Number(fs.readFileSync(memoryFile, "utf8")) : NaN;
    return {
      exitCode,
      resources: engine.monitor.planned,
      outputs: engine.monitor.outputs,
      logs: engine.logs,
      stderr,
      wallMs,
      maxRssKb: Number.isFinite(maxRss) ? maxRss : undefined,
    };
  } finally {
    await engine.close();
    fs.rmSync(path.dirname(memoryFile), { recursive: true, force: true });
  }
}
