/**
 * The static-asset rule, the one definition every tool judges cache rules by: a file under a
 * fingerprinted build-output prefix, or with a static file extension (edge.cache.pathPrefixes /
 * extensions). Such a file is the same for every visitor, so a signed-in member may be served it
 * from cache. A page or an API answer never is, whatever a stack lists: its extensions are refused
 * by the config loader and the cache policy, and never count as static here.
 */

/** The default lists live with the stack's other edge defaults. */
export { DEFAULT_STATIC_EXTENSIONS, DEFAULT_STATIC_PATH_PREFIXES } from "./edgeDefaults";

export interface StaticAssetDefinition {
  extensions: readonly string[];
  pathPrefixes: readonly string[];
}

/**
 * Extensions of responses built per request: HTML pages, API answers (JSON, XML, feeds) and
 * server-side scripts whose output is a page. Cloudflare itself never caches these by extension:
 * its default cached file extensions list has no html, json, xml or script types
 * (https://developers.cloudflare.com/cache/concepts/default-cache-behavior/#default-cached-file-extensions),
 * and CDNs class them as dynamic files not to cache (e.g. "PHP, ASPX, ASP, JSP, DO, CGI, ACTION,
 * ASHX, JSON": https://support.huaweicloud.com/eu/drawer-cdn/cdn_drawer_01004.html).
 */
export const PAGE_EXTENSIONS: readonly string[] = [
  "html", "htm", "xhtml", "shtml", "json", "jsonld", "xml", "rss", "atom",
  "php", "phtml", "asp", "aspx", "ashx", "jsp", "jspx", "cfm", "cgi", "pl", "py", "rb", "do", "action",
];

const PAGES = new Set(PAGE_EXTENSIONS);

/** True for an extension whose response is a page or an API answer (case-insensitive, dot optional). */
export function isPageExtension(extension: string): boolean {
  return PAGES.has(extension.replace(/^\./, "").toLowerCase());
}

/** The extension Cloudflare's http.request.uri.path.extension gives: after the last dot of the last segment, lower case. */
export function pathExtension(path: string): string {
  const last = path.split("?")[0]!.split("/").pop() ?? "";
  const dot = last.lastIndexOf(".");
  return dot < 0 ? "" : last.slice(dot + 1).toLowerCase();
}

/** True when the path is a static asset by the stack's own definition; a page never is, even under a prefix. */
export function isStaticAssetPath(path: string, def: StaticAssetDefinition): boolean {
  const bare = path.split("?")[0]!;
  const extension = pathExtension(bare);
  if (isPageExtension(extension)) return false;
  return def.extensions.includes(extension) || def.pathPrefixes.some((p) => bare.startsWith(p));
}

/** Why a listed page extension is refused, in one wording for the config loader and the policy. */
export function pageExtensionMessage(extension: string): string {
  return `"${extension}" is a page or API answer, not a static asset: a signed-in member's copy would be served from cache to the next visitor; only files that are the same for everyone (like "js", "css", "png") are expected`;
}
