/**
 * The SDK's closure-serializer dependencies load on first use: requiring the SDK loads neither, and
 * serializing a function (the only use) still works, in a Node process as the CLI runs it. (Jest's
 * mapping of the same modules is exercised by the suites that use TypeScript themselves: the import
 * graph and the contract schema generator.)
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { lazyModule } from "../../components/deferredModules";

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
    const esm = lazyModule(() => ({ __esModule: true, default: "the default" }));
    expect((esm as { default?: string }).default).toBe("the default");
  });
});

describe("deferClosureSerializerDependencies, in a Node process", () => {
  it("keeps TypeScript and arborist out of the SDK's start, and serializeFunction loads them when it runs", () => {
    const script = `
      require("./components/deferredModules.ts").deferClosureSerializerDependencies();
      const pulumi = require("@pulumi/pulumi");
      const loaded = () => Object.keys(require.cache).filter((f) => /node_modules[\\\\/](typescript|@npmcli[\\\\/]arborist)[\\\\/]/.test(f)).length;
      const atStart = loaded();
      pulumi.runtime.serializeFunction(() => 40 + 2).then((s) => {
        console.log(JSON.stringify({ atStart, afterSerialize: loaded(), text: s.text.includes("40 + 2") }));
      }, (e) => { console.error(e.message); process.exitCode = 1; });
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    // (The serializer itself requires every Node builtin, so Node warns about `sys` and WASI.)
    expect({ status: run.status, errors: run.stderr.split("\n").filter((l) => /error/i.test(l)) }).toEqual({ status: 0, errors: [] });
    const result = JSON.parse(run.stdout) as { atStart: number; afterSerialize: number; text: boolean };
    expect(result.atStart).toBe(0);
    expect(result.afterSerialize).toBeGreaterThan(0);
    expect(result.text).toBe(true);
  }, 60_000);
});
