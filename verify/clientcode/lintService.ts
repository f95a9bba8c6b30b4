/**
 * The secrets:scan rules (secretsScan/secretlint.ts, one home) for verify: one worker thread per
 * process, started on the first text to lint, holding the process open only while a text is
 * being linted (a finished run must not wait for it).
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { SECRETLINT_CONFIG_FILE, type LintMessage, type LintText } from "../../secretsScan/secretlint";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (m: LintMessage[]) => void; reject: (e: Error) => void }>();

function settleAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = undefined;
}

function start(): Worker {
  const w = new Worker(path.join(__dirname, "lintWorker.js"), { workerData: { configFile: path.join(PROJECT_ROOT, SECRETLINT_CONFIG_FILE), projectRoot: PROJECT_ROOT } });
  w.on("message", (m: { id: number; messages?: LintMessage[]; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`secretlint: ${m.error}`));
    else p.resolve(m.messages ?? []);
    if (pending.size === 0) w.unref();
  });
  w.on("error", (e) => settleAll(e instanceof Error ? e : new Error(String(e))));
  w.on("exit", (code) => settleAll(new Error(`secretlint worker exited (${code})`)));
  w.unref();
  return w;
}

/** Lints one text with the project's .secretlintrc.json rules; messages carry masked text only in `message`. */
export const lintClientText: LintText = ({ filePath, content }) => {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  w.ref();
  return new Promise<LintMessage[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, filePath, content });
  });
};

/**
 * Starts the worker and loads the rules now (tests call it before a timed run: on a loaded machine
 * the worker's start-up would otherwise compete with the run's request timeouts).
 */
export async function warmClientLint(): Promise<void> {
  await lintClientText({ filePath: "warm.js", content: "" });
}
