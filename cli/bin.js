#!/usr/bin/env node
// Entry point of the `launch-ready` command. The sources are TypeScript; tsx compiles them on
// the fly (no build step, no build output to keep in sync), then cli/main.ts does the work.
require("tsx/cjs");
// Before anything loads the Pulumi SDK, as the program's own preload (Pulumi.yaml nodeargs).
require("../components/sdkPreload.ts");
require("./main.ts");
