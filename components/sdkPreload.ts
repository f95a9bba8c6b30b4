/**
 * Preloaded into the program's process before the SDK (Pulumi.yaml `nodeargs`: `--import
 * ./components/sdkPreload.ts` after tsx): the language host's cmd/run loads @pulumi/pulumi before
 * index.ts, so only a preload can keep the closure serializer's dependencies out of every preview
 * and up (components/deferredModules.ts).
 */
import { deferClosureSerializerDependencies } from "./deferredModules";

deferClosureSerializerDependencies();
