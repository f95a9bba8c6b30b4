/**
 * What a visitor's browser downloads from a web host: its pages, the scripts they load (`<script
 * src>`, `<link rel="modulepreload">`, `<link rel="preload" as="script">`) and the scripts' source
 * maps (`//# sourceMappingURL=`, the `SourceMap` / `X-SourceMap` header, inline `data:` maps).
 * Only files of the same site are followed (a CDN's or a payment provider's scripts are theirs),
 * redirects are not followed, and the crawl is bounded in files and bytes; the result says when a
 * bound stopped it. Source maps: https://tc39.es/source-map/ (sections "Linking generated code to
 * source maps" and "sourcesContent"); the header: https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/SourceMap
 */
import { getDomain } from "tldts";

export interface CrawlLimits {
  /** Scripts and source maps followed per host (pages not counted). */
  files: number;
  /** Bytes read of one file; a longer one is scanned as far as read. */
  fileBytes: number;
  /** Bytes read per host, pages included. */
  totalBytes: number;
}

/** Large single-page apps ship a few dozen chunks; their entry and vendor bundles are the first ones loaded. */
export const CRAWL_LIMITS: CrawlLimits = { files: 24, fileBytes: 4 * 1024 * 1024, totalBytes: 24 * 1024 * 1024 };

export interface FetchedText {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Cut at the byte limit asked for. */
  truncated: boolean;
}

/** One GET, no redirect following, reading at most `maxBytes` of the body. */
export type FetchText = (url: URL, maxBytes: number) => Promise<FetchedText>;

export interface CrawledText {
  /** Where the text came from: a page, script or map URL; a map's source as "<map url> (source <name>)". */
  url: string;
  kind: "page" | "script" | "sourcemap";
  text: string;
}

export interface CrawlResult {
  texts: CrawledText[];
  /** Script or map URLs of another site, not fetched. */
  otherSite: string[];
  /** Files that answered other than 2xx, or a source map that is not JSON, by URL. */
  unread: string[];
  /** Files whose request failed (no answer), by URL and error. */
  failed: string[];
  /** Why the crawl stopped before following every reference, when a bound did. */
  stoppedEarly?: string;
}

/**
 * Same site: the same registrable domain (public suffix list with its private section, via tldts) over https, or for a host
 * without one (an IP literal) the same host. http scripts are not followed: browsers block them on
 * an https page as mixed content.
 */
export function sameSite(url: URL, page: URL): boolean {
  if (url.protocol !== "https:") return false;
  // The PSL's private section too: two github.io users are two sites, as browsers see them.
  const site = (u: URL) => getDomain(u.hostname, { allowPrivateDomains: true }) ?? u.hostname;
  return site(url) === site(page);
}

const decodeEntities = (s: string) => s.replace(/&amp;/gi, "&").replace(/&quot;/gi, '"').replace(/&#39;|&apos;/gi, "'").replace(/&lt;/gi, "<").replace(/&gt;/gi, ">");

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "").trim() : undefined;
}

function resolve(ref: string, base: URL): URL | undefined {
  try {
    const u = new URL(ref, base);
    u.hash = "";
    return u;
  } catch {
    return undefined;
  }
}

/** The scripts a page loads, in document order, absolute, without duplicates. */
export function scriptRefs(html: string, page: URL): URL[] {
  const baseHref = /<base\b[^>]*>/i.exec(html);
  const base = (baseHref && resolve(attribute(baseHref[0], "href") ?? "", page)) || page;
  const refs: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = m[0];
    if (m[1]!.toLowerCase() === "script") {
      const src = attribute(tag, "src");
      if (src) refs.push(src);
      continue;
    }
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const isScript = rel.includes("modulepreload") || (rel.includes("preload") && (attribute(tag, "as") ?? "").toLowerCase() === "script");
    const href = attribute(tag, "href");
    if (isScript && href) refs.push(href);
  }
  const seen = new Set<string>();
  return refs.map((r) => resolve(r, base)).filter((u): u is URL => u !== undefined && !seen.has(u.href) && (seen.add(u.href), true));
}

/** The source map of a script: the header wins (as in browsers), else the last sourceMappingURL comment. */
export function sourceMapRef(js: string, headers: FetchedText["headers"], script: URL): URL | undefined {
  const header = headers["sourcemap"] ?? headers["x-sourcemap"];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader?.trim()) return resolve(fromHeader.trim(), script);
  const comments = [...js.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)/g)];
  const last = comments[comments.length - 1];
  return last ? resolve(last[1]!, script) : undefined;
}

/** The original sources a map carries (`sourcesContent`), each as its own text. */
export function mapSources(mapText: string, mapUrl: string): CrawledText[] | string {
  let map: { sources?: unknown; sourcesContent?: unknown };
  try {
    map = JSON.parse(mapText.replace(/^\)\]\}'[^\n]*\n/, "")) as typeof map;
  } catch {
    return "not JSON";
  }
  const names = Array.isArray(map.sources) ? map.sources : [];
  const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
  return contents.flatMap((c, i) => (typeof c === "string" ? [{ url: `${mapUrl} (source ${String(names[i] ?? i)})`, kind: "sourcemap" as const, text: c }] : []));
}

function dataUrlText(u: URL): string | undefined {
  const m = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(u.href);
  if (!m) return undefined;
  try {
    return m[2] ? Buffer.from(decodeURIComponent(m[3]!), "base64").toString("utf8") : decodeURIComponent(m[3]!);
  } catch {
    return undefined;
  }
}

/** Pages first, then their same-site scripts in order, each script's map right after it, within the limits. */
export async function crawl(pages: URL[], fetchText: FetchText, limits: CrawlLimits = CRAWL_LIMITS, fatal: (err: unknown) => boolean = () => false): Promise<CrawlResult> {
  const result: CrawlResult = { texts: [], otherSite: [], unread: [], failed: [] };
  let bytes = 0;
  let files = 0;
  const seen = new Set<string>();
  const read = async (url: URL): Promise<FetchedText | undefined> => {
    const room = Math.min(limits.fileBytes, limits.totalBytes - bytes);
    let res: FetchedText;
    try {
      res = await fetchText(url, room);
    } catch (err) {
      // A failure of the run itself (the resolver not answering) is the caller's to report.
      if (fatal(err)) throw err;
      result.failed.push(`${url.href} (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    }
    bytes += Buffer.byteLength(res.body);
    if (res.status < 200 || res.status > 299) {
      result.unread.push(`${url.href} (${res.status})`);
      return undefined;
    }
    if (res.truncated) result.stoppedEarly ??= `${url.href} read only to its first ${room} bytes`;
    return res;
  };
  // Another file may be followed: within the count and with bytes left; else say which bound stopped it.
  const room = (url: URL): boolean => {
    if (files >= limits.files) return !(result.stoppedEarly ??= `stopped at ${limits.files} scripts and source maps, ${url.href} and later ones not read`);
    if (bytes >= limits.totalBytes) return !(result.stoppedEarly ??= `stopped at ${limits.totalBytes} bytes read, ${url.href} and later ones not read`);
    return true;
  };
  const scripts: Array<{ url: URL; page: URL }> = [];
  for (const page of pages) {
    const res = await read(page);
    if (!res) continue;
    result.texts.push({ url: page.href, kind: "page", text: res.body });
    for (const s of scriptRefs(res.body, page)) scripts.push({ url: s, page });
  }
  for (const { url, page } of scripts) {
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    if (!sameSite(url, page)) {
      result.otherSite.push(url.href);
      continue;
    }
    if (!room(url)) break;
    files += 1;
    const res = await read(url);
    if (!res) continue;
    result.texts.push({ url: url.href, kind: "script", text: res.body });
    const map = sourceMapRef(res.body, res.headers, url);
    if (!map || seen.has(map.href)) continue;
    seen.add(map.href);
    if (map.protocol === "data:") {
      const inline = dataUrlText(map);
      const sources = inline === undefined ? "unreadable" : mapSources(inline, `${url.href} (inline source map)`);
      if (typeof sources === "string") result.unread.push(`${url.href} inline source map (${sources})`);
      else result.texts.push(...sources);
      continue;
    }
    if (!sameSite(map, url)) {
      result.otherSite.push(map.href);
      continue;
    }
    if (!room(map)) break;
    files += 1;
    const mapRes = await read(map);
    if (!mapRes) continue;
    // A map cut at the byte bound is no longer JSON: its text is scanned as it is.
    const sources = mapSources(mapRes.body, map.href);
    if (typeof sources === "string" && mapRes.truncated) result.texts.push({ url: map.href, kind: "sourcemap", text: mapRes.body });
    else if (typeof sources === "string") result.unread.push(`${map.href} (${sources})`);
    else result.texts.push(...sources);
  }
  return result;
}
