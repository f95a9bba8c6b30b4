/**
 * How a policy sees a resource's properties as the engine sent them: plain values, unknowns and
 * which paths were Pulumi secrets.
 *
 * Why this module exists: @pulumi/policy (1.21) unwraps secrets before a policy runs. Its server
 * calls `deserializeProperties(struct, false)`, which turns the engine's wire form
 * `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value}` into the bare
 * value and keeps no trace of it (pulumi/pulumi-policy#241: "It's not currently possible to check
 * if a ... property is a secret from policies"). A "no plaintext secrets" policy needs exactly that
 * trace, so we record it where the SDK deserializes:
 *
 *  1. `installSecretPathHook()` wraps `@pulumi/policy/deserialize`'s exported
 *     `deserializeProperties`. The server calls it through the module's exports object at every
 *     request (`deserialize_1.deserializeProperties(...)`), so the wrapper sees every Analyze,
 *     AnalyzeStack and provider property struct. It reads the raw struct (which still holds the
 *     secret markers), lists the paths of the secret values, and files them in a WeakMap under the
 *     plain object that deserialization returned.
 *  2. The server hands the policy `unknownCheckingProxy(thatObject)`; the proxy answers the
 *     special key `__getSpecialProxyTarget` with the object itself (@pulumi/policy proxy.js), so
 *     `secretPathsOf(args.props)` finds the recorded paths again.
 *
 * It fails closed: if the hook is not installed, or the SDK changed so the proxy no longer leads
 * back to a recorded object, `secretPathsOf` returns undefined and the policies that need secretness
 * report that they cannot decide (a violation), never "no secrets". Tests send resources through the
 * real analyzer both ways (secret and plain) to prove the trace survives (test/policies/secrets.test.ts).
 */

/** Marker key and values of the engine's wire form (@pulumi/pulumi runtime/rpc.js, `specialSigKey`). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * The engine's unknown-value sentinels, one per expected type (@pulumi/policy proxy.js and
 * @pulumi/pulumi runtime/rpc.js, checked 2026-11 against @pulumi/policy 1.21.0).
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the generic unknown the engine sends)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The key @pulumi/policy's proxies answer with their target object (proxy.js `getSpecialProxyTarget`). */
const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

export type PropertyPath = ReadonlyArray<string | number>;

export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** A known value of type string, or undefined (absent, unknown or another type). */
export function knownString(value: unknown): string | undefined {
  return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/** The paths (from the top of the property bag) of every secret in a raw wire-form value. */
export function collectSecretPaths(raw: unknown, path: Array<string | number> = [], out: PropertyPath[] = []): PropertyPath[] {
  if (Array.isArray(raw)) {
    raw.forEach((item, i) => collectSecretPaths(item, [...path, i], out));
  } else if (raw !== null && typeof raw === "object") {
    const obj = raw as Record<string, unknown>;
    if (obj[SPECIAL_SIG_KEY] === SECRET_SIG) {
      out.push(path);
      return out; // Everything inside a secret is secret; no need to look further.
    }
    for (const [key, value] of Object.entries(obj)) collectSecretPaths(value, [...path, key], out);
  }
  return out;
}

const secretPathsByProps = new WeakMap<object, PropertyPath[]>();
/** A request struct as the policies see it: deserialized once, with the secret paths in it. */
interface Deserialized {
  props: unknown;
  secretPaths: PropertyPath[];
}
// The server deserializes one request's struct again for every policy (server.js,
// makeAnalyzeRpcFun and makeAnalyzeStackRpcFun): 48 copies of every resource's inputs were most of
// an analysis. It is deserialized once per struct, and the one copy is frozen, so no policy can
// change what the next one sees (a write throws, and that policy fails closed). The SDK's proxy
// honours frozen properties (proxy.js returns them as they are); our checks read the plain object
// behind it anyway (unwrapProps).
const deserializedByStruct = new WeakMap<object, Map<boolean, Deserialized>>();
const HOOK_MARK = Symbol.for("launch-ready.policies.secretPathHook");

interface DeserializeModule {
  deserializeProperties: (struct: { toJavaScript(): unknown }, proxySecrets: boolean) => unknown;
  [HOOK_MARK]?: true;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Wraps @pulumi/policy's deserializer once per process (see the module comment). Idempotent.
 * Called by the pack's registry (policies/registry.ts), not when this module loads: `diff` reads
 * the guard definitions, which use this module, and must load neither the SDK nor the pack.
 */
export function installSecretPathHook(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require("@pulumi/policy/deserialize") as DeserializeModule;
  if (mod[HOOK_MARK]) return;
  const original = mod.deserializeProperties;
  if (typeof original !== "function") {
    // Leave the hook uninstalled: secretPathsOf then answers undefined and the policies fail closed.
    return;
  }
  mod.deserializeProperties = function deserializeRecordingSecrets(struct, proxySecrets) {
    let byMode = deserializedByStruct.get(struct);
    if (byMode === undefined) deserializedByStruct.set(struct, (byMode = new Map()));
    let once = byMode.get(proxySecrets);
    if (once === undefined) {
      const raw = struct.toJavaScript();
      once = { props: deepFreeze(original({ toJavaScript: () => raw }, proxySecrets)), secretPaths: collectSecretPaths(raw) };
      byMode.set(proxySecrets, once);
      if (once.props !== null && typeof once.props === "object") secretPathsByProps.set(once.props, once.secretPaths);
    }
    return once.props;
  };
  mod[HOOK_MARK] = true;
}

/** The plain object behind a policy's `props` proxy (or the value itself when it is not a proxy). */
export function unwrapProps(props: unknown): Record<string, unknown> {
  if (props === null || typeof props !== "object") return {};
  const target = (props as Record<string, unknown>)[PROXY_TARGET_KEY];
  return (target !== undefined && target !== null && typeof target === "object" ? target : props) as Record<string, unknown>;
}

/**
 * The secret paths recorded for a resource's props, or undefined when secretness is unknowable
 * (the hook is not installed or the props did not come through the SDK's deserializer).
 */
export function secretPathsOf(props: unknown): PropertyPath[] | undefined {
  return secretPathsByProps.get(unwrapProps(props));
}

/** True when `path` is a secret or lies inside one. */
export function isUnderSecret(secretPaths: ReadonlyArray<PropertyPath>, path: PropertyPath): boolean {
  return secretPaths.some((p) => p.length <= path.length && p.every((key, i) => key === path[i]));
}

/** Every string leaf of a plain value, with its path. */
export function* stringLeaves(value: unknown, path: Array<string | number> = []): Generator<[PropertyPath, string]> {
  if (typeof value === "string") {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* stringLeaves(value[i], [...path, i]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) yield* stringLeaves(v, [...path, key]);
  }
}

/** "secretString", "tags.token", "rules[0].expression": a readable path for messages. */
export function formatPath(path: PropertyPath): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), "");
}
