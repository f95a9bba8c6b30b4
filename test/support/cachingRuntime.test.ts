/** The test runtime's code cache (test/support/cachingRuntime.js) hands V8 its own data back, and a
 *  compile from the cache behaves like a fresh one. */
import * as vm from "node:vm";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cachingCompile } = require("./cachingRuntime") as { cachingCompile: (executor: object) => (source: string, filename: string) => ((...args: unknown[]) => unknown) & { cachedDataRejected?: boolean } };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exposedGc } = require("./environment") as { exposedGc: () => () => void };

function fakeExecutor(contexts: vm.Context[]) {
  const calls: string[] = [];
  return {
    calls,
    executor: {
      environment: { getVmContext: () => contexts[calls.length] ?? vm.createContext({}) },
      resolution: { isCoreModule: (f: string) => f === "fs" },
      injectedModuleParameters: ["module", "exports"],
      dynamicImport: () => Promise.reject(new Error("no dynamic import here")),
      // Jest's own compile: used for core modules and for sources V8 will not compile.
      compile: (source: string) => (calls.push(source), () => "jest's compile"),
    },
  };
}

test("the second compile of a file takes V8's cached data, and both run as the source says", () => {
  const { executor, calls } = fakeExecutor([]);
  const compile = cachingCompile(executor);
  const source = "module.exports = function twice(n) { return 2 * n; };";
  const first = compile(source, "/virtual/twice.js");
  const second = compile(source, "/virtual/twice.js");
  expect(calls).toEqual([]);
  expect(second.cachedDataRejected).toBe(false);
  for (const fn of [first, second]) {
    const module = { exports: undefined as unknown };
    fn(module, {});
    expect((module.exports as (n: number) => number)(21)).toBe(42);
  }
});

test("a file rewritten with other code of the same length runs its new code", () => {
  const { executor } = fakeExecutor([]);
  const compile = cachingCompile(executor);
  // V8 itself would accept the old data here: its check compares only the source's length.
  const before = compile("module.exports = 'old';", "/virtual/changing.js");
  const after = compile("module.exports = 'new';", "/virtual/changing.js");
  for (const [fn, expected] of [[before, "old"], [after, "new"]] as const) {
    const module = { exports: undefined as unknown };
    fn(module, {});
    expect(module.exports).toBe(expected);
  }
});

test("core modules and sources V8 refuses go to jest's own compile", () => {
  const { executor, calls } = fakeExecutor([]);
  const compile = cachingCompile(executor);
  expect(compile("core", "fs")()).toBe("jest's compile");
  expect(compile("this is not javascript (", "/virtual/broken.js")()).toBe("jest's compile");
  expect(calls).toEqual(["core", "this is not javascript ("]);
});

test("the cache keeps no suite's context alive once the suite is done", async () => {
  const gc = exposedGc();
  const contextRef = ((): WeakRef<vm.Context> => {
    const context = vm.createContext({});
    const compile = cachingCompile(fakeExecutor([context]).executor);
    const fn = compile("module.exports = { made: 'in this context' };", "/virtual/suite.js");
    fn({ exports: {} }, {});
    return new WeakRef(context);
  })();
  for (let i = 0; i < 5 && contextRef.deref() !== undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  expect(contextRef.deref()).toBeUndefined();
});
