/**
 * Jest's node environment, plus two things a suite would have in a process of its own.
 *
 * Its `process.on("unhandledRejection", …)` listeners hear the process's unhandled rejections.
 * Jest gives a suite a copy of `process` that the real one never emits on, and fails the running
 * test on any unhandled rejection. The renderer listens for the rejections a failing Pulumi program
 * leaves in the SDK (plan/render.ts): without this, a failing render could be tested only in a
 * child process of its own, paying tsx, the SDK and both providers again.
 *
 * Its stack traces are Node's ten frames deep, not jest's hundred (see setup).
 *
 * And the AsyncLocalStorage instances a suite enabled are disabled when the suite ends.
 *
 * Node calls every enabled AsyncLocalStorage on every promise and async resource the process
 * creates, until `disable()` is called. Each suite makes at least one (jest-circus's test context)
 * and each suite that loads the Pulumi SDK another (its runtime state, on the suite's own global),
 * and nothing disables them: a worker that had run forty suites paid forty calls for every promise,
 * which profiled at about 4% of the whole run's CPU and growing with every suite.
 *
 * And a worker whose heap has grown large collects its garbage when a suite ends (collectGarbage).
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

/** Frames per stack trace in a suite: Node's default. */
const STACK_TRACE_LIMIT = 10;

class Environment extends NodeEnvironment {
  async setup() {
    // Whatever an earlier suite's teardown missed (a suite that failed to set up) is not this one's.
    disableStorages();
    await super.setup();
    this.stopForwarding = forwardRejections(this.global.process, process);
    // Node's own depth instead of jest's 100: the Pulumi SDK takes a stack trace for every promise
    // it makes (debuggablePromise's `new Error().stack`), and jest source-maps each frame of each;
    // at 100 frames that was several seconds of a run. A failing assertion's frames come first.
    this.global.Error.stackTraceLimit = STACK_TRACE_LIMIT;
  }

  async teardown() {
    this.stopForwarding?.();
    disableStorages();
    await super.teardown();
    collectGarbage();
  }
}

/**
 * Registers each `unhandledRejection` listener the suite adds to its `process` on the real one as
 * well, and tells jest the rejection was handled once the listener has it (the `rejectionHandled`
 * event jest listens for), as a listener settles it in a process of its own. Returns the undo.
 */
function forwardRejections(suiteProcess, realProcess) {
  const forwarders = new Map();
  const wrap = (name, change) => {
    const original = suiteProcess[name];
    suiteProcess[name] = function (event, listener) {
      if (event === "unhandledRejection") change(listener);
      return original.call(this, event, listener);
    };
  };
  const add = (listener) => {
    if (forwarders.has(listener)) return;
    const forwarder = (reason, promise) => {
      listener(reason, promise);
      realProcess.emit("rejectionHandled", promise);
    };
    forwarders.set(listener, forwarder);
    realProcess.on("unhandledRejection", forwarder);
  };
  const remove = (listener) => {
    const forwarder = forwarders.get(listener);
    if (!forwarder) return;
    forwarders.delete(listener);
    realProcess.off("unhandledRejection", forwarder);
  };
  for (const name of ["on", "addListener", "prependListener"]) wrap(name, add);
  for (const name of ["off", "removeListener"]) wrap(name, remove);
  return () => {
    for (const listener of [...forwarders.keys()]) remove(listener);
  };
}

/**
 * A full garbage collection once a suite is done, if the heap has grown past this: the next suite
 * then starts from the worker's live heap (~100-300 MB) instead of on top of the last one's garbage,
 * which V8 on a roomy machine leaves for later (workers reached 830-980 MB RSS; 600-650 MB with a
 * collection after every suite). Below it, the collection is left to V8: each costs ~200 ms.
 */
const COLLECT_ABOVE_BYTES = 350 * 1024 * 1024;
function collectGarbage() {
  if (process.memoryUsage().heapUsed >= COLLECT_ABOVE_BYTES) exposedGc()();
}

/** V8's gc() for this process without --expose-gc on the command line: the flag, set now, gives it to a new context. */
let gc;
function exposedGc() {
  if (gc === undefined) {
    require("node:v8").setFlagsFromString("--expose-gc");
    gc = require("node:vm").runInNewContext("gc");
  }
  return gc;
}

function disableStorages() {
  for (const storage of enabledDuringSuite) storage.disable();
  enabledDuringSuite.clear();
}

module.exports = Environment;
module.exports.enabledDuringSuite = enabledDuringSuite;
module.exports.disableStorages = disableStorages;
module.exports.exposedGc = exposedGc;
module.exports.forwardRejections = forwardRejections;
module.exports.STACK_TRACE_LIMIT = STACK_TRACE_LIMIT;
