/**
 * Jest's side of components/deferredModules.ts: jest.config.js maps the SDK modules a program never
 * uses (DEFERRED_SDK_REQUESTS) to the files beside this one, each a lazyModule over the real module,
 * so the many fresh module registries of a run do not each load TypeScript's compiler, npm's
 * arborist or the Automation API at require time (jest's moduleNameMapper cannot tell who requires;
 * a test that uses TypeScript itself, like the import-graph test, gets the real module on first use).
 */
import * as path from "node:path";
import { lazyModule } from "../../../components/deferredModules";

export function deferred(packageName: string): object {
  // The package's main file by path: jest would map the bare name back to this stand-in (jest's
  // createRequire too), but not `<name>/package.json`.
  const manifest = require.resolve(`${packageName}/package.json`);
  const main = (require(manifest) as { main?: string }).main ?? "index.js";
  return deferredFile(path.join(path.dirname(manifest), main));
}

/** A stand-in for the module at `file`, by path (which jest does not map). */
export function deferredFile(file: string): object {
  return lazyModule(() => require(file) as object);
}
