/**
 * Modules the Pulumi SDK loads at start-up that a Pulumi program of this stack never uses, deferred
 * until first use.
 *
 * - The closure serializer's dependencies. `@pulumi/pulumi`'s index loads `runtime/closure`:
 *   `typescript` (to parse serialized functions, through typescript-shim), and `@npmcli/arborist`,
 *   `fdir` and `normalize-package-data` (to find a function's package dependencies,
 *   runtime/closure/codePaths). Closure serialization runs only for function-valued resources (a
 *   Lambda CallbackFunction, a dynamic provider); this stack declares none. A profile of
 *   `plan --stack prod --no-policies` spent 0.9 s of 2.9 s and 70 MB loading typescript and arborist.
 *   The SDK's maintainers know the cost (pulumi/pulumi#10185 "Avoid importing typescript unless
 *   necessary", #7184 "Remove typescript dependency from core @pulumi/pulumi").
 * - The Automation API (`./automation`, required by the SDK's index only), which drives the Pulumi
 *   CLI from a Node process and which a program run by the CLI has no use for.
 *
 * Until the cost is gone upstream, each is loaded on its first real use instead of at require time,
 * so nothing changes but when.
 */
import Module = require("node:module");

/** The requests deferred, when a module of the SDK makes them. */
export const DEFERRED_SDK_REQUESTS: readonly string[] = ["typescript", "@npmcli/arborist", "fdir", "normalize-package-data", "./automation"];

// Property reads that loaders make on every module they load (TypeScript's `__importStar` reads
// `__esModule`; tsx's CommonJS loader looks up a `module.exports` property for require(esm)): answered
// without loading, so requiring alone loads nothing. `__esModule: true` keeps `__importStar` from
// copying (and so loading) every export; a CommonJS module then needs `default` to be the module
// itself, which is what `__importDefault` would have made of it.
const INTEROP_KEYS: ReadonlySet<PropertyKey> = new Set(["__esModule", "module.exports"]);

/**
 * A stand-in for the module `load()` returns: the module is loaded at the first read of one of its
 * exports, and every read after that is the real module's.
 */
export function lazyModule<T extends object>(load: () => T): T {
  let real: T | undefined;
  const module = () => (real ??= load());
  return new Proxy({} as T, {
    get: (_, key) => {
      if (real === undefined && key === "__esModule") return true;
      const value = Reflect.get(module(), key);
      // The real module, not this stand-in: a CommonJS module that is a function stays callable.
      return key === "default" && value === undefined ? module() : value;
    },
    has: (_, key) => Reflect.has(module(), key),
    ownKeys: () => Reflect.ownKeys(module()),
    getOwnPropertyDescriptor: (_, key) => {
      if (real === undefined && INTEROP_KEYS.has(key)) return key === "__esModule" ? { value: true, configurable: true } : undefined;
      const descriptor = Reflect.getOwnPropertyDescriptor(module(), key);
      // A proxy may not report a non-configurable property its (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

type Load = (request: string, parent: NodeJS.Module | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
let installed = false;

/**
 * From now on, the SDK's requires of DEFERRED_SDK_REQUESTS return lazyModule stand-ins.
 * Call before `@pulumi/pulumi` is first required; only requires made from inside the SDK's own
 * folder are deferred, so no other package's view of these modules changes.
 */
export function deferUnusedSdkModules(): void {
  if (installed || process.env.LAUNCH_READY_EAGER_SDK) return;
  installed = true;
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (DEFERRED_SDK_REQUESTS.includes(request) && parent !== undefined && isInsideSdk(parent.filename)) {
      return lazyModule(() => load.call(this, request, parent, isMain) as object);
    }
    return load.call(this, request, parent, isMain);
  };
}

const SDK_FOLDER = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/;
const isInsideSdk = (file: string | null | undefined) => typeof file === "string" && SDK_FOLDER.test(file);
