/** Unit checks on the secret-path trace (policies/wire.ts); the end-to-end proof is secrets.test.ts. */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { noPlaintextCredentials } from "../../policies/secrets";
import { collectSecretPaths, formatPath, installSecretPathHook, isUnderSecret, secretPathsOf } from "../../policies/wire";
import { secret } from "./harness";

// The module object, not its function: the hook replaces the export, and the server calls it
// through the module at each request, as this test does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserialize = require("@pulumi/policy/deserialize");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy");

test("collectSecretPaths finds secrets at any depth and stops inside them", () => {
  const raw = { a: secret("x"), b: [{ c: secret({ d: secret("y") }) }], e: "plain" };
  expect(collectSecretPaths(raw)).toEqual([["a"], ["b", 0, "c"]]);
  expect(isUnderSecret([["b", 0, "c"]], ["b", 0, "c", "d"])).toBe(true);
  expect(isUnderSecret([["b", 0, "c"]], ["b", 0])).toBe(false);
  expect(formatPath(["b", 0, "c"])).toBe("b[0].c");
});

test("the hooked SDK deserializer unwraps secrets as before and keeps their paths behind the policy proxy", () => {
  installSecretPathHook();
  const struct = Struct.fromJavaScript({ token: secret("s3cret"), name: "plain" } as never);
  const props = unknownCheckingProxy(deserialize.deserializeProperties(struct, false));
  expect(props.token).toBe("s3cret");
  expect(secretPathsOf(props)).toEqual([["token"]]);
});

test("props that did not come through the deserializer fail closed instead of passing", () => {
  const reports: string[] = [];
  const args = { type: "x:y:Z", urn: "urn:x", name: "z", props: { key: "plain" }, opts: { protect: false }, getConfig: () => ({}) };
  (noPlaintextCredentials as { validateResource: (a: unknown, r: (m: string) => void) => void }).validateResource(args, (m) => reports.push(m));
  expect(reports).toEqual([expect.stringMatching(/^Policy no-plaintext-credentials must complete to pass, but it failed: the pack cannot tell secret inputs from plain ones/)]);
});

test("one request struct is deserialized once for all policies, into one frozen copy no policy can change", () => {
  installSecretPathHook();
  const struct = Struct.fromJavaScript({ token: secret("s3cret"), tags: ["a"], nested: { n: 1 } } as never);
  const toJavaScript = jest.spyOn(struct, "toJavaScript");
  const first = deserialize.deserializeProperties(struct, false);
  const second = deserialize.deserializeProperties(struct, false);
  expect(toJavaScript).toHaveBeenCalledTimes(1);
  expect(second).toBe(first);
  // Frozen all the way down: a policy's write is refused (in the pack's strict modules it throws, and
  // that policy fails closed) instead of reaching the next policy.
  expect(() => first.tags.push("changed by a policy")).toThrow(TypeError);
  expect(Reflect.set(first.nested, "n", 2)).toBe(false);
  expect(second).toEqual({ token: "s3cret", tags: ["a"], nested: { n: 1 } });
  // Through the SDK's proxy, as a policy reads it: values and the secret trace are intact.
  const props = unknownCheckingProxy(second);
  expect(props.tags[0]).toBe("a");
  expect(props.nested.n).toBe(1);
  expect(secretPathsOf(props)).toEqual([["token"]]);
  // Another request's struct is its own.
  expect(deserialize.deserializeProperties(Struct.fromJavaScript({ plain: "x" } as never), false)).toEqual({ plain: "x" });
});
