// Preload of the policy pack process `plan` starts (packProcess.ts): as components/sdkPreload.ts
// does for the program, keeps the SDK modules a pack never uses (arborist with its tar, sigstore and
// npm packages; the Automation API) out of the pack's start-up. Plain JavaScript, with tsx
// registered only while this one file loads: the pack compiles itself with the SDK's own ts-node,
// and a tsx hook left in place would compile its files a second way.
const { register } = require("tsx/cjs/api");

const tsx = register({ namespace: "launch-ready-pack-preload" });
try {
  tsx.require("../../components/deferredModules.ts", __filename).deferUnusedSdkModules();
} finally {
  tsx.unregister();
}
