/**
 * Loaded before the Pulumi SDK by every process that runs the program: the program under `pulumi
 * up` (Pulumi.yaml `nodeargs`: `--import ./components/sdkPreload.ts` after tsx; the language host's
 * cmd/run loads @pulumi/pulumi before index.ts, so only a preload is early enough), the command
 * (cli/bin.js), the test suite's renders and the bench. It keeps the closure serializer's
 * dependencies out of their start-up (components/deferredModules.ts).
 */
import { deferClosureSerializerDependencies } from "./deferredModules";

deferClosureSerializerDependencies();
