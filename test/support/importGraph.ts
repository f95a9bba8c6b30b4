/**
 * The project's import graph, read with the TypeScript compiler's own pre-processor
 * (`ts.preProcessFile`: static imports, `import type`, re-exports, `import()` and `require`), and
 * its cycles (strongly connected components, Tarjan). Type-only imports count: a pair of modules
 * that import each other's types still cannot be read, moved or tested one without the other.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** Module -> the project modules it imports (both as root-relative posix paths). */
export type ImportGraph = Map<string, string[]>;

/** Every .ts file under `dirs` (files or folders, relative to `root`), node_modules left out. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const walk = (rel: string): string[] => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return [];
    if (fs.statSync(abs).isFile()) return rel.endsWith(".ts") ? [rel] : [];
    return fs.readdirSync(abs).flatMap((name) => (name === "node_modules" ? [] : walk(path.posix.join(rel, name))));
  };
  return dirs.flatMap(walk);
}

/** The graph of `files` (root-relative) whose texts `read` gives; imports outside the set are dropped. */
export function importGraph(files: readonly string[], read: (file: string) => string): ImportGraph {
  const known = new Set(files);
  const resolve = (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith(".")) return undefined;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier.replace(/\.js$/, "")));
    return [`${base}.ts`, base, `${base}/index.ts`].find((candidate) => known.has(candidate));
  };
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(read(file), true, true);
    graph.set(file, [...new Set(importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => f !== undefined))]);
  }
  return graph;
}

/** Each group of modules that reach one another through imports (a cycle), sorted; self-imports too. */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
