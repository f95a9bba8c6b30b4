/**
 * Starts a policy pack the way the Pulumi CLI does: `node <@pulumi/pulumi>/cmd/run-policy-pack
 * <engine-address> .` in the pack's directory (run-policy-pack compiles the TypeScript pack with the
 * ts-node vendored in @pulumi/pulumi, type-checking it), then reads the analyzer's port from the
 * first line of its stdout.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export class PolicyPackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyPackStartError";
  }
}

export interface PackProcess {
  port: number;
  pid: number | undefined;
  /** Everything the pack wrote to stderr so far (compile errors, console.error, crashes). */
  stderr(): string;
  /** Whether the pack has exited (a crash mid-analysis). */
  exited(): boolean;
  /** Stops the pack and waits for it to exit (SIGTERM, then SIGKILL after a grace period). */
  kill(): Promise<void>;
}

/** The run-policy-pack entry point from the pack's own node_modules, as the CLI resolves it. */
export function runPolicyPackPath(packDir: string): string {
  const pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] });
  return path.join(path.dirname(pkg), "cmd", "run-policy-pack");
}

/** Defers the SDK modules a pack never uses, as the program's preload does (packPreload.js). */
const PACK_PRELOAD = path.join(__dirname, "packPreload.js");

const TAIL = 4000;
const tail = (s: string) => (s.length > TAIL ? `...${s.slice(-TAIL)}` : s);

export function startPackProcess(options: {
  packDir: string;
  engineAddress: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Called once the child process runs, before it has loaded anything. */
  onSpawned?: () => void;
  /** Aborted while the pack is still starting: the child is stopped at once and the start fails. */
  signal?: AbortSignal;
}): Promise<PackProcess> {
  const { packDir, engineAddress, env, timeoutMs } = options;
  // As the CLI: a pack is a folder with a PulumiPolicy.yaml.
  if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
    return Promise.reject(new PolicyPackStartError(`no policy pack at ${packDir}: a folder with a PulumiPolicy.yaml is expected`));
  }
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ["--require", PACK_PRELOAD, runPolicyPackPath(packDir), engineAddress, "."], {
      cwd: packDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    return Promise.reject(new PolicyPackStartError(`cannot start the policy pack in ${packDir}: ${(err as Error).message}`));
  }
  options.onSpawned?.();
  let stdout = "";
  let stderr = "";
  let exitInfo: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => child.once("exit", (code, signal) => {
    exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
    resolve();
  }));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));

  const kill = async () => {
    // No pid: the process never started, so there is nothing to stop or wait for.
    if (exitInfo !== undefined || child.pid === undefined) return;
    child.kill("SIGTERM");
    const grace = setTimeout(() => child.kill("SIGKILL"), 2000);
    await exitedPromise;
    clearTimeout(grace);
  };

  return new Promise<PackProcess>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void kill().then(() => reject(new PolicyPackStartError(`policy pack in ${packDir} ${why}${stderr.trim() ? `; its stderr:\n${tail(stderr.trim())}` : ""}`)));
    };
    const timer = setTimeout(() => fail(`did not print its analyzer port within ${timeoutMs} ms`), timeoutMs);
    child.once("error", (err) => fail(`failed to start (${err.message})`));
    const onAbort = () => fail("was stopped before it finished starting (nothing needed it any more)");
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    void exitedPromise.then(() => fail(`exited (${exitInfo}) before printing its analyzer port`));
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (settled) return;
      const line = stdout.split("\n").map((l) => l.trim()).find((l) => /^\d+$/.test(l));
      if (!line) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve({
        port: Number(line),
        pid: child.pid,
        stderr: () => stderr,
        exited: () => exitInfo !== undefined,
        kill,
      });
    });
  });
}
