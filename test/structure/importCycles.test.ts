/**
 * No import cycles in the project's non-test code, in particular none between a section's schema
 * (components/schema/) and its concern folder: the schema file is shape only, the concern's
 * `validate.ts` judges it, and config.ts calls the validator. A cycle fails with its modules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { importCycles, importGraph, sourceFiles } from "../support/importGraph";

const ROOT = path.resolve(__dirname, "../..");
// Every top-level source folder (test/, docs/ and dot-folders aside) and the Pulumi entry point.
const SOURCE_DIRS = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith(".") && !["test", "docs", "node_modules"].includes(d.name))
  .map((d) => d.name);
const FILES = sourceFiles(ROOT, ["index.ts", ...SOURCE_DIRS]);
const GRAPH = importGraph(FILES, (file) => fs.readFileSync(path.join(ROOT, file), "utf8"));

describe("import cycles", () => {
  test("the scan covers the schema, the concern folders and the tools", () => {
    expect(FILES).toEqual(expect.arrayContaining(["components/config.ts", "components/schema/edge.ts", "components/edge/validate.ts", "verify/types.ts", "plan/types.ts"]));
    // The graph resolves relative imports: config.ts reaches the schema and the validators.
    expect(GRAPH.get("components/config.ts")).toEqual(expect.arrayContaining(["components/schema/edge.ts", "components/edge/validate.ts"]));
  });

  test("no module of the project imports itself through others", () => {
    expect(importCycles(GRAPH)).toEqual([]);
  });

  test("a section schema imports no validator of its concern folder", () => {
    const schemaImports = FILES.filter((f) => f.startsWith("components/schema/")).flatMap((f) => (GRAPH.get(f) ?? []).map((to) => `${f} -> ${to}`));
    expect(schemaImports.filter((edge) => /\/validate\.ts$/.test(edge))).toEqual([]);
  });
});

describe("the cycle finder", () => {
  const graphOf = (files: Record<string, string>) => importGraph(Object.keys(files), (f) => files[f]!);

  test("finds a schema/concern pair that import each other, type-only imports included", () => {
    const cycles = importCycles(
      graphOf({
        "components/schema/edge.ts": 'import { validateEdge } from "../edge/validate";',
        "components/edge/validate.ts": 'import type { EdgeConfig } from "../schema/edge";',
        "components/config.ts": 'import { edgeSchema } from "./schema/edge";',
      }),
    );
    expect(cycles).toEqual([["components/edge/validate.ts", "components/schema/edge.ts"]]);
  });

  test("finds a longer cycle through an index, a re-export and a dynamic import; none in a chain", () => {
    expect(
      importCycles(
        graphOf({
          "a.ts": 'export { b } from "./lib";',
          "lib/index.ts": 'import { c } from "../c.js";',
          "c.ts": 'const a = await import("./a");',
        }),
      ),
    ).toEqual([["a.ts", "c.ts", "lib/index.ts"]]);
    expect(importCycles(graphOf({ "a.ts": 'import "./b";', "b.ts": 'import "./c";', "c.ts": 'import { z } from "zod";' }))).toEqual([]);
  });
});
