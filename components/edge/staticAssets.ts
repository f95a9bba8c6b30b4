/**
 * The stack's one definition of a static asset: a file under a fingerprinted build-output prefix,
 * or with a static file extension (edge.cache.pathPrefixes / extensions). Such a file is the same
 * for every visitor, so a signed-in member may be served it from cache; a page or an API answer
 * never is. The cache component builds its rule from it, and the policy pack, `diff` and the
 * config checks judge cache rules by it.
 */

/** The default lists live with the stack's other edge defaults (kernel/edgeDefaults.ts). */
export { DEFAULT_STATIC_EXTENSIONS, DEFAULT_STATIC_PATH_PREFIXES } from "../../kernel/edgeDefaults";

export interface StaticAssetDefinition {
  extensions: readonly string[];
  pathPrefixes: readonly string[];
}

/** The extension Cloudflare's http.request.uri.path.extension gives: after the last dot of the last segment, lower case. */
export function pathExtension(path: string): string {
  const last = path.split("?")[0]!.split("/").pop() ?? "";
  const dot = last.lastIndexOf(".");
  return dot < 0 ? "" : last.slice(dot + 1).toLowerCase();
}

/** True when the path is a static asset by the stack's own definition. */
export function isStaticAssetPath(path: string, def: StaticAssetDefinition): boolean {
  const bare = path.split("?")[0]!;
  return def.extensions.includes(pathExtension(bare)) || def.pathPrefixes.some((p) => bare.startsWith(p));
}
