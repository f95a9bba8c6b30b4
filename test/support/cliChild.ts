/**
 * The `launch-ready` command's main() in ONE child process that answers many runs (mainChild.js):
 * for suites whose library only runs under Node's own loader (secretsScan: secretlint is ES modules
 * only), and for what a test reads from the modules a run loads (test/cli/main.test.ts), so a run
 * costs its own work, not a process start and tsx. What only the real entry shows (bin.js's exit
 * status, the pipe) stays with `runCli`.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { ROOT, type CliResult } from "./cli";

export interface CliChild {
  /** main(argv) in the child: its exit code and what it wrote to stdout and stderr. */
  run(argv: string[]): Promise<CliResult & { status: number; marks: number }>;
  /**
   * main(argv) with the absolute paths of every module loaded by the run's end. The child then
   * forgets the project modules the run loaded, so each run loads its commands as a fresh bin.js
   * would; packages stay loaded, and later runs report them too.
   */
  runIsolated(argv: string[]): Promise<CliResult & { status: number; loaded: string[] }>;
  /** Stops the child; call it in afterAll. */
  close(): Promise<void>;
}

interface Answer {
  id: number;
  status: number;
  stdout: string;
  stderr: string;
  loaded?: string[];
  /** Performance marks in the child's timeline after the run. */
  marks: number;
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
  const send = (argv: string[], isolated: boolean) => {
    const id = next++;
    return new Promise<Answer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ id, argv, isolated });
    });
  };
  return {
    run: (argv) => send(argv, false).then(({ status, stdout, stderr, marks }) => ({ status, stdout, stderr, marks })),
    runIsolated: (argv) => send(argv, true).then(({ status, stdout, stderr, loaded }) => ({ status, stdout, stderr, loaded: loaded ?? [] })),
    close() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill();
      });
    },
  };
}
