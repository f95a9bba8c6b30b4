import { AsyncLocalStorage } from "node:async_hooks";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { enabledDuringSuite, disableStorages } = require("./environment") as { enabledDuringSuite: Set<AsyncLocalStorage<unknown>>; disableStorages(): void };

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
