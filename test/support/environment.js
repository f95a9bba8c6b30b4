/**
 * Jest's node environment, plus one piece of clean-up jest does not do: the AsyncLocalStorage
 * instances a suite enabled are disabled when the suite ends.
 *
 * Node calls every enabled AsyncLocalStorage on every promise and async resource the process
 * creates, until `disable()` is called. Each suite makes at least one (jest-circus's test context)
 * and each suite that loads the Pulumi SDK another (its runtime state, on the suite's own global),
 * and nothing disables them: a worker that had run forty suites paid forty calls for every promise,
 * which profiled at about 4% of the whole run's CPU and growing with every suite.
 */
const { AsyncLocalStorage } = require("node:async_hooks");
const { TestEnvironment: NodeEnvironment } = require("jest-environment-node");

/**
 * Storages enabled while the current suite ran, in this worker process. Kept on the class, which
 * every copy of this file shares (a suite that loads it gets its own module, not its own node core).
 */
const RECORD = Symbol.for("launch-ready.test.enabledDuringSuite");
const enabledDuringSuite = (AsyncLocalStorage[RECORD] ??= new Set());

/** Records a storage when it is first used; `run` and `enterWith` are what enable one. */
function recordOnUse(method) {
  const original = AsyncLocalStorage.prototype[method];
  if (original.recordsUse) return;
  const recording = function (...args) {
    enabledDuringSuite.add(this);
    return original.apply(this, args);
  };
  recording.recordsUse = true;
  AsyncLocalStorage.prototype[method] = recording;
}
recordOnUse("run");
recordOnUse("enterWith");

class Environment extends NodeEnvironment {
  async setup() {
    // Whatever an earlier suite's teardown missed (a suite that failed to set up) is not this one's.
    disableStorages();
    await super.setup();
  }

  async teardown() {
    disableStorages();
    await super.teardown();
  }
}

function disableStorages() {
  for (const storage of enabledDuringSuite) storage.disable();
  enabledDuringSuite.clear();
}

module.exports = Environment;
module.exports.enabledDuringSuite = enabledDuringSuite;
module.exports.disableStorages = disableStorages;
