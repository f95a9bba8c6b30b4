/**
 * The `launch-ready` command's main() in ONE child process that answers many runs (mainChild.js):
 * for suites whose library only runs under Node's own loader (secretsScan: secretlint is ES modules
 * only), so a run costs the scan, not a process start, tsx and secretlint's load. What only the real
 * entry shows (bin.js's exit status, the pipe) stays with `runCli`.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { ROOT, type CliResult } from "./cli";

export interface CliChild {
  /** main(argv) in the child: its exit code and what it wrote to stdout and stderr. */
  run(argv: string[]): Promise<CliResult & { status: number }>;
  /** Stops the child; call it in afterAll. */
  close(): Promise<void>;
}

interface Answer {
  id: number;
  status: number;
  stdout: string;
  stderr: string;
}

export function startCliChild(): CliChild {
  const child: ChildProcess = fork(path.join(__dirname, "mainChild.js"), [], { cwd: ROOT, execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  let next = 0;
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  child.on("message", (a: Answer) => {
    pending.get(a.id)?.resolve(a);
    pending.delete(a.id);
  });
  child.on("error", failAll);
  child.on("exit", (code, signal) => failAll(new Error(`the CLI child exited (${signal ?? code}) with runs pending`)));
  return {
    run(argv) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: ({ status, stdout, stderr }) => resolve({ status, stdout, stderr }), reject });
        child.send({ id, argv });
      });
    },
    close() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill();
      });
    },
  };
}
