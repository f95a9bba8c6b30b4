#!/usr/bin/env node
// Entry point of the `launch-ready` command. The sources are TypeScript; tsx compiles them on
// the fly (no build step, no build output to keep in sync), then cli/main.ts does the work.
require("tsx/cjs");
// Before anything loads the Pulumi SDK: its closure serializer's dependencies load on first use only.
require("../components/deferredModules.ts").deferClosureSerializerDependencies();
require("./main.ts");
