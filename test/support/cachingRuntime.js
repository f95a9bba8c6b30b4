/**
 * Jest's runtime with a V8 code cache per worker process. Jest compiles every module anew for each
 * test file (a fresh registry per file, by design), so a worker that runs forty suites parses the SDK,
 * both providers and zod forty times: about a sixth of a suite's start. Here the first compile of a
 * file produces V8's cached data and later compiles of the same file hand it back, so V8 deserializes
 * instead of parsing. Only the compile step changes: each file still gets fresh module objects.
 * The cache is keyed by the file and a hash of its source: V8's own check of cached data compares
 * only the source's length, so a file rewritten at the same length must not find the old data.
 */
const crypto = require("node:crypto");
const vm = require("node:vm");
const Runtime = require("jest-runtime").default;

/** filename + source hash -> V8 cached data of its compiled wrapper. */
const codeCache = new Map();

/**
 * Jest 30's Runtime hands modules to a ModuleExecutor (its `executor`), whose `compile` wraps
 * `vm.compileFunction`; this replaces that method on each runtime's executor.
 */
function cachingCompile(executor) {
  const compile = executor.compile.bind(executor);
  return function compileWithCodeCache(scriptSource, filename) {
    const vmContext = executor.environment.getVmContext();
    if (vmContext == null || executor.resolution.isCoreModule(filename)) return compile(scriptSource, filename);
    const key = `${filename}\0${crypto.createHash("sha1").update(scriptSource).digest("base64")}`;
    const cachedData = codeCache.get(key);
    let compiled;
    try {
      compiled = vm.compileFunction(scriptSource, executor.injectedModuleParameters, {
        filename,
        cachedData,
        produceCachedData: cachedData === undefined,
        importModuleDynamically: async (specifier, _function, importAttributes, ...rest) => executor.dynamicImport(specifier, filename, vmContext, importAttributes, rest[0]),
        parsingContext: vmContext,
      });
    } catch {
      // Jest's own compile reports the error its way (a syntax error, ESM in CommonJS).
      return compile(scriptSource, filename);
    }
    // A copy: the Buffer V8 hands back kept the suite's compiled function, and so its whole global
    // (every module it loaded), alive for the life of the worker: ~17 MB a suite.
    if (cachedData === undefined && compiled.cachedData) codeCache.set(key, Buffer.from(compiled.cachedData));
    else if (compiled.cachedDataRejected) codeCache.delete(key);
    return compiled;
  };
}

class CachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // Another jest may lay its runtime out differently: then it runs as it comes.
    if (typeof this.executor?.compile === "function" && typeof this.executor.environment?.getVmContext === "function") {
      this.executor.compile = cachingCompile(this.executor);
    }
  }
}

module.exports = CachingRuntime;
module.exports.cachingCompile = cachingCompile;
