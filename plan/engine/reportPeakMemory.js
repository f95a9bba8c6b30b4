// Preloaded (node --require) into a measured child: on exit, its own peak resident memory
// (process.resourceUsage().maxRSS, kilobytes) is written to the file named by LR_PEAK_MEMORY_FILE.
"use strict";
const fs = require("node:fs");
const file = process.env.LR_PEAK_MEMORY_FILE;
if (file) process.on("exit", () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
