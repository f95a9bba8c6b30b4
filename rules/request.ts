/**
 * The HTTP request model the evaluator runs expressions against, and helpers to build one from
 * intent (`createRequest`) or from a one-line description (`parseRequestLine`), as the offline
 * simulator and the policies ask "would POST /login on app.example.com hit this rule?".
 *
 * The model is normalised the way Cloudflare presents a request to the Rules engine (field
 * reference, checked 2026-11-28): `http.host` is the Host header value (host names are
 * case-insensitive, so it is lower-cased here), `http.request.uri.path` has no query,
 * `http.request.uri.query` is without "?", header names in `http.request.headers` are lower-case,
 * and `http.cookie` is the raw Cookie header.
 */
import { RulesInputError } from "./errors";
import { isIpAddress } from "../kernel/ipAddress";

export type Scheme = "http" | "https";

export interface HttpRequest {
  readonly scheme: Scheme;
  /** Upper-case method ("GET", "POST"). */
  readonly method: string;
  /** Lower-case host name without port. */
  readonly host: string;
  /** The port the client connected to (80/443 unless the URL named another). */
  readonly port: number;
  /** The path, starting with "/", without the query. */
  readonly path: string;
  /** The raw query string without "?" ("" when there is none). */
  readonly query: string;
  /**
   * Headers by lower-case name, each with its values in order. Always includes `host`; includes
   * `cookie` when the request carries cookies.
   */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** The client address for `ip.src`; absent means the field is a missing value. */
  readonly clientIp?: string;
  /** Two-letter country code for `ip.src.country`; absent means a missing value. */
  readonly country?: string;
  /** Whether Cloudflare would call the client a verified bot (`cf.client.bot`); default false. */
  readonly verifiedBot?: boolean;
}

export interface RequestInit {
  /** An absolute http(s) URL: "https://app.example.com/login?next=/". */
  readonly url: string;
  /** Default "GET". */
  readonly method?: string;
  /** Header values by name (any case); a string is one value. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Cookies to send, appended to any Cookie header as `name=value` pairs. */
  readonly cookies?: Readonly<Record<string, string>>;
  readonly clientIp?: string;
  readonly country?: string;
  readonly verifiedBot?: boolean;
}

const METHOD = /^[A-Za-z]+$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/; // RFC 9110 token

/** Builds a normalised request; throws RulesInputError naming the bad part. */
export function createRequest(init: RequestInit): HttpRequest {
  const url = parseAbsoluteUrl(init.url);
  const method = (init.method ?? "GET").trim();
  if (!METHOD.test(method)) {
    throw new RulesInputError(`method ${JSON.stringify(init.method)} is not an HTTP method; expected letters only, e.g. "GET" or "POST"`);
  }
  const headers: Record<string, string[]> = {};
  for (const [rawName, raw] of Object.entries(init.headers ?? {})) {
    const name = rawName.trim().toLowerCase();
    if (!HEADER_NAME.test(name)) {
      throw new RulesInputError(`header name ${JSON.stringify(rawName)} is not a valid HTTP header name`);
    }
    const values = typeof raw === "string" ? [raw] : [...raw];
    (headers[name] ??= []).push(...values);
  }
  const host = url.hostname.toLowerCase();
  const hostHeader = url.port ? `${host}:${url.port}` : host;
  if (headers.host && headers.host.some((h) => h.toLowerCase() !== hostHeader)) {
    throw new RulesInputError(`Host header ${JSON.stringify(headers.host.join(", "))} disagrees with the URL's host ${JSON.stringify(hostHeader)}; leave the Host header out or make them equal`);
  }
  headers.host = [hostHeader];
  const cookiePairs = Object.entries(init.cookies ?? {}).map(([k, v]) => `${k}=${v}`);
  if (cookiePairs.length > 0) {
    headers.cookie = [[...(headers.cookie ?? []), cookiePairs.join("; ")].join("; ")];
  }
  if (init.clientIp !== undefined && !isIpAddress(init.clientIp)) {
    throw new RulesInputError(`client IP ${JSON.stringify(init.clientIp)} is not an IPv4 or IPv6 address`);
  }
  const scheme = url.protocol === "https:" ? "https" : "http";
  return {
    scheme,
    method: method.toUpperCase(),
    host,
    port: url.port ? Number(url.port) : scheme === "https" ? 443 : 80,
    path: url.pathname || "/",
    query: url.search.startsWith("?") ? url.search.slice(1) : "",
    headers,
    ...(init.clientIp !== undefined ? { clientIp: init.clientIp } : {}),
    ...(init.country !== undefined ? { country: init.country.toUpperCase() } : {}),
    ...(init.verifiedBot !== undefined ? { verifiedBot: init.verifiedBot } : {}),
  };
}

/**
 * Parses `"METHOD URL"` followed by optional header lines (`"Name: value"`), given either as
 * further lines of `text` or as `headerLines`:
 *
 *   parseRequestLine("GET http://www.example.com/pricing?ref=x")
 *   parseRequestLine("POST https://app.example.com/login\nCookie: session=abc")
 *   parseRequestLine("GET https://example.com/", ["User-Agent: curl/8", "Accept: *\/*"])
 *
 * The method may be left out ("https://example.com/" means GET).
 */
export function parseRequestLine(text: string, headerLines: readonly string[] = []): HttpRequest {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const first = lines.shift();
  if (first === undefined) {
    throw new RulesInputError(`request line is empty; expected "METHOD URL", e.g. "GET https://example.com/"`);
  }
  const parts = first.split(/\s+/);
  let method = "GET";
  let url: string;
  if (parts.length === 1) {
    url = parts[0]!;
  } else if (parts.length === 2) {
    method = parts[0]!;
    url = parts[1]!;
  } else {
    throw new RulesInputError(`request line ${JSON.stringify(first)} has ${parts.length} words; expected "METHOD URL" (headers go on their own lines as "Name: value")`);
  }
  const headers: Record<string, string[]> = {};
  for (const line of [...lines, ...headerLines]) {
    const colon = line.indexOf(":");
    if (colon <= 0) {
      throw new RulesInputError(`header line ${JSON.stringify(line)} has no "Name: value" form`);
    }
    const name = line.slice(0, colon).trim();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return createRequest({ url, method, headers });
}

function parseAbsoluteUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RulesInputError(`URL ${JSON.stringify(text)} is not an absolute URL; expected e.g. "https://www.example.com/path?query"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new RulesInputError(`URL ${JSON.stringify(text)} has scheme "${url.protocol.slice(0, -1)}"; expected http or https`);
  }
  if (url.hostname === "") {
    throw new RulesInputError(`URL ${JSON.stringify(text)} has no host`);
  }
  return url;
}

/** The request's URI as Cloudflare's `http.request.uri`: path plus "?query" when there is one. */
export function requestUri(req: HttpRequest): string {
  return req.query === "" ? req.path : `${req.path}?${req.query}`;
}

/** The request's full URL as `http.request.full_uri` (the port only when it is not the default). */
export function fullUri(req: HttpRequest): string {
  const defaultPort = req.scheme === "https" ? 443 : 80;
  const authority = req.port === defaultPort ? req.host : `${req.host}:${req.port}`;
  return `${req.scheme}://${authority}${requestUri(req)}`;
}

/**
 * Cookies by name from the Cookie header(s), as `http.request.cookies` (names URL-decoded, values
 * as sent, repeated names merged in order).
 */
export function requestCookies(req: HttpRequest): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const header of req.headers.cookie ?? []) {
    for (const pair of header.split(";")) {
      const trimmed = pair.trim();
      if (trimmed === "") continue;
      const eq = trimmed.indexOf("=");
      const rawName = eq < 0 ? trimmed : trimmed.slice(0, eq);
      const value = eq < 0 ? "" : trimmed.slice(eq + 1);
      let name = rawName.trim();
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed escape stays as sent, as a lenient server would keep it.
      }
      const list = out.get(name);
      if (list) list.push(value);
      else out.set(name, [value]);
    }
  }
  return out;
}

/**
 * `http.request.uri.path.extension`: the lower-cased text after the last dot of the last path
 * segment, "" when there is none or the segment's only dot is its first character (hidden files).
 * Cases from Cloudflare's field reference: /foo "", /foo.mp3 "mp3", /.mp3 "", /.foo.mp3 "mp3",
 * /foo.tar.bz2 "bz2", /foo. "", /foo.MP3 "mp3".
 */
export function pathExtension(path: string): string {
  const segment = path.slice(path.lastIndexOf("/") + 1);
  const dot = segment.lastIndexOf(".");
  if (dot <= 0) return "";
  return asciiLower(segment.slice(dot + 1));
}

/** Cloudflare's lower(): only ASCII letters change ("Only uppercase ASCII bytes are converted"). */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function asciiUpper(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}
