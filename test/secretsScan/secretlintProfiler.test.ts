/**
 * secretlint's profiler is off while we lint (secretsScan/secretlint.ts): it would keep a mark per
 * rule per text and scan them all at each new one, O(n²) in a repository's files. In a child
 * process: Jest's loader cannot load secretlint (ES modules only).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

test("linting many texts leaves no performance mark and no profiler entry behind", () => {
  const script = [
    'const { performance } = require("node:perf_hooks");',
    `const { createSecretlint, silenceSecretlintProfiler } = require(${JSON.stringify(path.join(ROOT, "secretsScan/secretlint.ts"))});`,
    "(async () => {",
    `  const lint = await createSecretlint(${JSON.stringify(path.join(ROOT, ".secretlintrc.json"))}, ${JSON.stringify(ROOT)});`,
    "  let messages = 0;",
    '  for (let i = 0; i < 20; i++) messages += (await lint({ filePath: `f${i}.txt`, content: `line ${i}\\nnothing secret here\\n` })).length;',
    "  await new Promise((resolve) => setImmediate(resolve));",
    '  console.log(JSON.stringify({ messages, marks: performance.getEntriesByType("mark").length, entries: silenceSecretlintProfiler().entries.length }));',
    "})();",
  ].join("\n");
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({ messages: 0, marks: 0, entries: 0 });
});
