import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { enabledDuringSuite, disableStorages, forwardRejections, STACK_TRACE_LIMIT } = require("./environment") as {
  STACK_TRACE_LIMIT: number;
  enabledDuringSuite: Set<AsyncLocalStorage<unknown>>;
  disableStorages(): void;
  forwardRejections(suiteProcess: EventEmitter, realProcess: EventEmitter): () => void;
};

test("a storage a suite uses is recorded, and disabled when the suite ends", () => {
  const storage = new AsyncLocalStorage<{ suite: string }>();
  storage.enterWith({ suite: "this one" });
  expect(enabledDuringSuite.has(storage)).toBe(true);
  expect(storage.getStore()).toEqual({ suite: "this one" });

  disableStorages();
  // Disabled: node no longer calls it for new promises, and it holds no store.
  expect(storage.getStore()).toBeUndefined();
  expect(enabledDuringSuite.size).toBe(0);
});

test("run records its storage too, and the prototype is wrapped once however often the file loads", () => {
  const storage = new AsyncLocalStorage<number>();
  expect(storage.run(7, () => storage.getStore())).toBe(7);
  expect(enabledDuringSuite.has(storage)).toBe(true);
  jest.isolateModules(() => require("./environment"));
  const run = AsyncLocalStorage.prototype.run as { recordsUse?: boolean; toString(): string };
  expect(run.recordsUse).toBe(true);
  expect(run.toString()).not.toContain("recordsUse");
});

test("the environment's teardown disables what the suite enabled", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Environment = require("./environment") as new (config: unknown, context: unknown) => { setup(): Promise<void>; teardown(): Promise<void> };
  const environment = new Environment({ globalConfig: {}, projectConfig: { testEnvironmentOptions: {}, globals: {} } }, { console, docblockPragmas: {}, testPath: __filename });
  await environment.setup();
  const storage = new AsyncLocalStorage<string>();
  storage.enterWith("a suite's store");
  await environment.teardown();
  expect(storage.getStore()).toBeUndefined();
});

test("a suite's own unhandledRejection listener hears the process's unhandled rejections, which then fail no test", async () => {
  const heard: unknown[] = [];
  const listener = (reason: unknown) => void heard.push(reason);
  process.on("unhandledRejection", listener);
  try {
    void Promise.reject(new Error("nobody awaits this"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual([expect.objectContaining({ message: "nobody awaits this" })]);
  } finally {
    process.off("unhandledRejection", listener);
  }
});

test("forwarding registers a suite's rejection listener on the real process until it is removed, or the suite ends", () => {
  const suite = new EventEmitter();
  const real = new EventEmitter();
  const settled: unknown[] = [];
  real.on("rejectionHandled", (promise) => settled.push(promise));
  const stop = forwardRejections(suite, real);
  const heard: unknown[] = [];
  const listener = (reason: unknown) => void heard.push(reason);

  suite.on("unhandledRejection", listener);
  suite.on("exit", listener);
  expect(real.listenerCount("unhandledRejection")).toBe(1);
  expect(real.listenerCount("exit")).toBe(0);
  const promise = {};
  real.emit("unhandledRejection", "why", promise);
  expect(heard).toEqual(["why"]);
  expect(settled).toEqual([promise]);

  suite.off("unhandledRejection", listener);
  expect(real.listenerCount("unhandledRejection")).toBe(0);
  suite.addListener("unhandledRejection", listener);
  expect(real.listenerCount("unhandledRejection")).toBe(1);
  stop();
  expect(real.listenerCount("unhandledRejection")).toBe(0);
});

test("a suite's stack traces are Node's depth, not jest's hundred frames", () => {
  expect(Error.stackTraceLimit).toBe(STACK_TRACE_LIMIT);
  const deep = (n: number): string => (n === 0 ? new Error("deep").stack! : deep(n - 1));
  expect(deep(50).split("\n").filter((line) => line.trimStart().startsWith("at ")).length).toBe(STACK_TRACE_LIMIT);
});
