// Preload (node --require) for CLI spawns: at exit, writes the files in require.cache as a JSON
// array to $LR_LOADED_MODULES_FILE, so a test can tell what a command loaded without timing it.
// Plain .js: NODE_OPTIONS' --require cannot carry TypeScript.
const fs = require("node:fs");

process.on("exit", () => {
  const file = process.env.LR_LOADED_MODULES_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(Object.keys(require.cache)));
});
