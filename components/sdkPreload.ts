/**
 * Loaded before the Pulumi SDK by every process that runs the program: the program under `pulumi
 * up` (Pulumi.yaml `nodeargs`: `--import ./components/sdkPreload.ts` after tsx; the language host's
 * cmd/run loads @pulumi/pulumi before index.ts, so only a preload is early enough), the command
 * (cli/bin.js), the test suite's renders and the bench. It keeps modules the SDK loads but a
 * program never uses out of their start-up (components/deferredModules.ts).
 */
import { deferUnusedSdkModules } from "./deferredModules";

deferUnusedSdkModules();
