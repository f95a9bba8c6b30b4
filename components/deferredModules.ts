/**
 * Modules the Pulumi SDK loads at start-up only for closure serialization, deferred until first use.
 *
 * `@pulumi/pulumi`'s index loads `automation`, which loads `runtime/closure`: `typescript` (to parse
 * serialized functions, through typescript-shim) and `@npmcli/arborist` (to find a function's package
 * dependencies, runtime/closure/codePaths). Closure serialization runs only for function-valued
 * resources (a Lambda CallbackFunction, a dynamic provider); this stack declares none. A profile of
 * `plan --stack prod --no-policies` spent 0.9 s of 2.9 s and 70 MB loading the two. The SDK's
 * maintainers know the cost (pulumi/pulumi#10185 "Avoid importing typescript unless necessary",
 * #7184 "Remove typescript dependency from core @pulumi/pulumi"); until it is gone upstream, the
 * module is loaded on its first real use instead of at require time, so nothing changes but when.
 */
import Module = require("node:module");

/** The requests deferred, when the SDK makes them. */
export const CLOSURE_SERIALIZER_DEPENDENCIES: readonly string[] = ["typescript", "@npmcli/arborist"];

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
    get: (_, key, stand) => {
      if (real === undefined && key === "__esModule") return true;
      const value = Reflect.get(module(), key);
      return key === "default" && value === undefined ? stand : value;
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
 * From now on, the SDK's requires of CLOSURE_SERIALIZER_DEPENDENCIES return lazyModule stand-ins.
 * Call before `@pulumi/pulumi` is first required; only requires made from inside the SDK's own
 * folder are deferred, so no other package's view of these modules changes.
 */
export function deferClosureSerializerDependencies(): void {
  if (installed || process.env.LAUNCH_READY_EAGER_SDK) return;
  installed = true;
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (CLOSURE_SERIALIZER_DEPENDENCIES.includes(request) && parent !== undefined && isInsideSdk(parent.filename)) {
      return lazyModule(() => load.call(this, request, parent, isMain) as object);
    }
    return load.call(this, request, parent, isMain);
  };
}

const SDK_FOLDER = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/;
const isInsideSdk = (file: string | null | undefined) => typeof file === "string" && SDK_FOLDER.test(file);
