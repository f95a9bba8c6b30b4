/**
 * Field paths as people read them: `rules[0].action_parameters.from_value`, with keys that are
 * not identifiers quoted (`headers["Content-Security-Policy"]`), the way zod prints paths.
 */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A stable key for a path, for set/map lookups. */
export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** True when `path` is `prefix` or lies under it. */
export function isUnder(path: Path, prefix: Path): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((seg, i) => seg === path[i]);
}
