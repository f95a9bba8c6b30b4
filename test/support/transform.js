/**
 * Jest's TypeScript transform: esbuild, the compiler tsx runs the CLI and the program with, so tests
 * load each module as `launch-ready` and `pulumi up` do. Transpile only: `npm test` type-checks the
 * whole tree once with tsc before jest starts.
 */
const crypto = require("node:crypto");
const esbuild = require("esbuild");

const VERSION = require("esbuild/package.json").version;

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: filename.endsWith(".js") ? "js" : "ts",
      format: "cjs",
      target: "node20",
      platform: "node",
      sourcemap: "external",
      sourcefile: filename,
      // Class fields as tsc emits them for target ES2022 with useDefineForClassFields (its default there).
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
    });
    return { code, map };
  },
  getCacheKey(source, filename, { configString }) {
    return crypto.createHash("sha256").update(VERSION).update("\0").update(filename).update("\0").update(source).update("\0").update(configString).digest("hex");
  },
};
