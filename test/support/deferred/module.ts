/**
 * Jest's side of components/deferredModules.ts: jest.config.js maps the SDK's closure-serializer
 * dependencies to the files beside this one, each a lazyModule over the real package, so the many
 * fresh module registries of a run do not each load TypeScript's compiler and npm's arborist at
 * require time (jest's moduleNameMapper cannot tell who requires; a test that uses TypeScript itself,
 * like the import-graph test, gets the real module on first use).
 */
import * as path from "node:path";
import { lazyModule } from "../../../components/deferredModules";

export function deferred(packageName: string): object {
  // The package's main file by path: jest would map the bare name back to this stand-in (jest's
  // createRequire too), but not `<name>/package.json`.
  const manifest = require.resolve(`${packageName}/package.json`);
  const main = (require(manifest) as { main?: string }).main ?? "index.js";
  const file = path.join(path.dirname(manifest), main);
  return lazyModule(() => require(file) as object);
}
