/**
 * .secretlintignore: paths (gitignore syntax, as secretlint's own CLI reads it) that the scan
 * skips in the working tree and in history. Meant for vetted test fixtures, never for real secrets.
 */
import fs from "node:fs";
import path from "node:path";
import ignore from "ignore";

export const SECRETLINT_IGNORE_FILE = ".secretlintignore";

/** A predicate over root-relative paths; matches nothing when the file does not exist. */
export function loadIgnore(root: string): (relativePath: string) => boolean {
  const file = path.join(root, SECRETLINT_IGNORE_FILE);
  if (!fs.existsSync(file)) return () => false;
  return compileIgnore(fs.readFileSync(file, "utf8"));
}

export function compileIgnore(patterns: string): (relativePath: string) => boolean {
  const matcher = ignore().add(patterns);
  return (relativePath) => matcher.ignores(relativePath);
}
