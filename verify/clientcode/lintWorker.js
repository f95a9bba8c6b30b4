// secretlint in a worker thread: its packages are ES modules, which Node's own require loads (20.19+)
// but Jest's module loader cannot, so verify lints through this thread in the CLI and in tests alike.
// The rules are the secrets:scan ones (secretsScan/secretlint.ts), loaded once per thread.
require("tsx/cjs");
const { parentPort, workerData } = require("node:worker_threads");
const { createSecretlint } = require("../../secretsScan/secretlint.ts");

const ready = createSecretlint(workerData.configFile, workerData.projectRoot);
ready.catch(() => undefined);
parentPort.on("message", async ({ id, filePath, content }) => {
  try {
    const lint = await ready;
    parentPort.postMessage({ id, messages: await lint({ filePath, content }) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
