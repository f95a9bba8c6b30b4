/**
 * The SDK modules a program never uses load on first use: requiring the SDK loads none of them, and
 * serializing a function and reaching the Automation API still work, in a Node process as the CLI
 * runs it. (Jest's mapping of the same modules is exercised by the suite that uses TypeScript
 * itself: the import graph.)
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { DEFERRED_SDK_REQUESTS, lazyModule } from "../../components/deferredModules";

const ROOT = path.resolve(__dirname, "..", "..");

describe("lazyModule", () => {
  it("loads nothing while a loader checks the module's shape, then loads once, at the first export read", () => {
    let loads = 0;
    const real = { parse: (s: string) => s.length, version: "1.2.3" };
    const stand = lazyModule(() => (loads++, real));
    expect((stand as { __esModule?: boolean }).__esModule).toBe(true);
    expect(Object.getOwnPropertyDescriptor(stand, "module.exports")).toBeUndefined();
    expect(loads).toBe(0);
    expect(stand.parse("abc")).toBe(3);
    expect(stand.version).toBe("1.2.3");
    expect("parse" in stand).toBe(true);
    expect(Object.keys(stand)).toEqual(["parse", "version"]);
    expect(loads).toBe(1);
  });

  it("is its own default export when the real module is CommonJS, as a default import of it expects", () => {
    const stand = lazyModule(() => ({ SyntaxKind: { Identifier: 80 } }));
    expect((stand as unknown as { default: { SyntaxKind: { Identifier: number } } }).default.SyntaxKind.Identifier).toBe(80);
    // `__importDefault(require("normalize-package-data")).default(data)`: a module that is a function.
    const callable = lazyModule(() => Object.assign((n: number) => n + 1, { version: "2" }));
    expect((callable as unknown as { default: (n: number) => number }).default(41)).toBe(42);
    const esm = lazyModule(() => ({ __esModule: true, default: "the default" }));
    expect((esm as { default?: string }).default).toBe("the default");
  });
});

describe("deferUnusedSdkModules, in a Node process", () => {
  it("keeps the closure serializer's dependencies and the Automation API out of the SDK's start; their uses load them", () => {
    const script = `
      require("./components/deferredModules.ts").deferUnusedSdkModules();
      const pulumi = require("@pulumi/pulumi");
      const folders = { typescript: "typescript", arborist: "@npmcli/arborist", fdir: "fdir", normalizePackageData: "normalize-package-data", automation: "@pulumi/pulumi/automation" };
      const loaded = () => Object.fromEntries(Object.entries(folders).map(([k, folder]) => [k, Object.keys(require.cache).some((f) => f.includes("/node_modules/" + folder + "/"))]));
      const atStart = loaded();
      pulumi.runtime.serializeFunction(() => 40 + 2).then((s) => {
        const afterSerialize = loaded();
        // What runtime/closure/codePaths uses of the others, through its own require (the stand-ins).
        const codePaths = require.cache[require.resolve("@pulumi/pulumi/runtime/closure/codePaths")];
        const uses = {
          arborist: typeof codePaths.require("@npmcli/arborist").Arborist,
          fdir: typeof codePaths.require("fdir").fdir,
          normalizePackageData: typeof codePaths.require("normalize-package-data").default,
          automation: typeof pulumi.automation.LocalWorkspace,
        };
        console.log(JSON.stringify({ atStart, afterSerialize, afterUse: loaded(), uses, text: s.text.includes("40 + 2") }));
      }, (e) => { console.error(e.message); process.exitCode = 1; });
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    // (The serializer itself requires every Node builtin, so Node warns about `sys` and WASI.)
    expect({ status: run.status, errors: run.stderr.split("\n").filter((l) => /error/i.test(l)) }).toEqual({ status: 0, errors: [] });
    const result = JSON.parse(run.stdout) as Record<"atStart" | "afterSerialize" | "afterUse", Record<string, boolean>> & { uses: Record<string, string>; text: boolean };
    const none = { typescript: false, arborist: false, fdir: false, normalizePackageData: false, automation: false };
    expect(result.atStart).toEqual(none);
    expect(result.afterSerialize).toEqual({ ...none, typescript: true });
    expect(result.text).toBe(true);
    expect(result.uses).toEqual({ arborist: "function", fdir: "function", normalizePackageData: "function", automation: "function" });
    expect(result.afterUse).toEqual({ typescript: true, arborist: true, fdir: true, normalizePackageData: true, automation: true });
  }, 60_000);
});

describe("jest's mapping", () => {
  it("maps every deferred request to a stand-in, as the preload defers it for the CLI and the program", () => {
    const { moduleNameMapper } = require("../../jest.config.js") as { moduleNameMapper: Record<string, string> };
    const escape = (request: string) => `^${request.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`.replace(/\\\//g, "/");
    expect(Object.keys(moduleNameMapper).sort()).toEqual(DEFERRED_SDK_REQUESTS.map(escape).sort());
  });
});
