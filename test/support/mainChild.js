// The CLI's main() served to a test over IPC, one run at a time, in one node process loaded as
// bin.js loads it (tsx, the SDK preload, cli/main.ts): for suites whose library Jest's module
// loader cannot run (secretlint is ES modules only), so they pay one process start, not one per run.
// Failures are answered as bin.js answers them: exit 70 and the error on stderr.
// A run sent with `isolated` answers with every module loaded by its end, and then forgets the
// project's modules it loaded, so the next run loads its commands as bin.js's process would.
// Packages stay loaded (tsx holds on to the chunks it loads lazily): one a run loads is reported by
// every later run too, so none escapes a check.
const { performance } = require("node:perf_hooks");
require("tsx/cjs");
require("../../components/sdkPreload.ts");
const { main } = require("../../cli/main.ts");

const loadedAtStart = new Set(Object.keys(require.cache));

let queue = Promise.resolve();

process.on("message", ({ id, argv, isolated }) => {
  queue = queue.then(async () => {
    const out = [];
    const err = [];
    const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
    const capture = (into) => (chunk, encoding, callback) => {
      into.push(String(chunk));
      // A writer that waits for its write to be flushed (as bin.js's exit does) is answered at once.
      const done = typeof encoding === "function" ? encoding : callback;
      if (done) process.nextTick(done);
      return true;
    };
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    // Each run starts as a fresh process would: main() answers process.exitCode when an action set it.
    process.exitCode = undefined;
    let status;
    try {
      status = await main(argv);
    } catch (e) {
      err.push(`launch-ready: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      status = 70;
    } finally {
      process.stdout.write = writes.stdout;
      process.stderr.write = writes.stderr;
      process.exitCode = undefined;
    }
    const loaded = isolated ? Object.keys(require.cache) : undefined;
    if (isolated) for (const file of loaded) if (!loadedAtStart.has(file) && !file.includes("/node_modules/")) delete require.cache[file];
    // The process's performance marks so far: a library that leaves one per call (secretlint's
    // profiler, switched off in secretsScan/secretlint.ts) shows here.
    const marks = performance.getEntriesByType("mark").length;
    process.send({ id, status, stdout: out.join(""), stderr: err.join(""), loaded, marks });
  });
});
