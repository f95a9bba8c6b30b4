/**
 * The secrets:scan rules (secretsScan/secretlint.ts, one home) for verify, in a worker thread:
 * started on the first text to lint, holding the process open only while a text is being linted
 * (a finished run must not wait for it), and ended once it has been idle for a while, so that a
 * process which verifies now and then (a test worker, a long-lived caller) does not keep a thread
 * with the rules loaded, and everything the thread's start referenced, for the rest of its life.
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { SECRETLINT_CONFIG_FILE, type LintMessage, type LintText } from "../../secretsScan/secretlint";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

/**
 * How long an idle thread is kept for the next text. A run lints each script as its crawl fetches
 * it, usually well within this of the last; a longer wait (a slow site) costs a new thread, ~0.3 s
 * (tsx and the rules loaded again, measured here).
 */
export const LINT_IDLE_MS = 5000;

type Pending = Map<number, { resolve: (m: LintMessage[]) => void; reject: (e: Error) => void }>;

interface Running {
  worker: Worker;
  /** This thread's texts in flight: a thread that ends rejects its own, not a successor's. */
  pending: Pending;
  idleTimer?: NodeJS.Timeout;
}

export class ClientLintService {
  private running: Running | undefined;
  private nextId = 0;

  constructor(private readonly idleMs: number = LINT_IDLE_MS) {}

  /** Lints one text with the project's .secretlintrc.json rules; messages carry masked text only in `message`. */
  readonly lint: LintText = ({ filePath, content }) => {
    const running = (this.running ??= this.start());
    clearTimeout(running.idleTimer);
    running.idleTimer = undefined;
    const id = this.nextId++;
    running.worker.ref();
    return new Promise<LintMessage[]>((resolve, reject) => {
      running.pending.set(id, { resolve, reject });
      running.worker.postMessage({ id, filePath, content });
    });
  };

  /** Whether a thread is up (started and not yet ended). */
  get started(): boolean {
    return this.running !== undefined;
  }

  /** Ends the thread now, if one is up; texts still in flight are rejected. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.end(running, new Error("secretlint worker stopped"));
    await running.worker.terminate();
  }

  private start(): Running {
    const worker = new Worker(path.join(__dirname, "lintWorker.js"), { workerData: { configFile: path.join(PROJECT_ROOT, SECRETLINT_CONFIG_FILE), projectRoot: PROJECT_ROOT } });
    const running: Running = { worker, pending: new Map() };
    worker.on("message", (m: { id: number; messages?: LintMessage[]; error?: string }) => {
      const p = running.pending.get(m.id);
      if (!p) return;
      running.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`secretlint: ${m.error}`));
      else p.resolve(m.messages ?? []);
      if (running.pending.size === 0) this.idle(running);
    });
    worker.on("error", (e) => this.end(running, e instanceof Error ? e : new Error(String(e))));
    worker.on("exit", (code) => this.end(running, new Error(`secretlint worker exited (${code})`)));
    worker.unref();
    return running;
  }

  /** Nothing in flight: the thread no longer holds the process open, and ends if nothing comes soon. */
  private idle(running: Running): void {
    running.worker.unref();
    running.idleTimer = setTimeout(() => {
      // Forgotten first: a text that arrives while the thread ends starts a new one.
      this.forget(running);
      void running.worker.terminate();
    }, this.idleMs);
    running.idleTimer.unref();
  }

  private end(running: Running, err: Error): void {
    this.forget(running);
    for (const p of running.pending.values()) p.reject(err);
    running.pending.clear();
  }

  private forget(running: Running): void {
    clearTimeout(running.idleTimer);
    if (this.running === running) this.running = undefined;
  }
}

/** The process's service: verify's client-code check lints through it. */
const service = new ClientLintService();

export const lintClientText: LintText = service.lint;

/**
 * Starts the worker and loads the rules now (tests call it before a timed run: on a loaded machine
 * the worker's start-up would otherwise compete with the run's request timeouts).
 */
export async function warmClientLint(): Promise<void> {
  await lintClientText({ filePath: "warm.js", content: "" });
}

/** Ends the process's thread now (a test world's close: its suite is done with it). */
export function stopClientLint(): Promise<void> {
  return service.stop();
}
