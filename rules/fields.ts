/**
 * The request fields the library understands: their type, what they read from the request, and a
 * group that plan-fit checks can map to plan limits (e.g. Free-plan rate limiting accepts only
 * path fields; see cloudflare-and-pulumi-facts.md).
 *
 * Source: Cloudflare Rules language field reference, developers.cloudflare.com/ruleset-engine/
 * rules-language/fields/reference/ (checked 2026-11-28). Fields outside this table are rejected
 * by the parser with an "unknown field" error rather than guessed at.
 */
import type { RulesType } from "./ast";
import {
  fullUri,
  pathExtension,
  requestCookies,
  requestUri,
  type HttpRequest,
} from "./request";
import { ipValue, MISSING, type Value } from "./values";

/** What part of the request a field reads; plan-fit tables are written in these terms. */
export type FieldGroup =
  | "host"
  | "path"
  | "query"
  | "uri"
  | "method"
  | "header"
  | "cookie"
  | "tls"
  | "port"
  | "ip"
  | "geo"
  | "bot";

export interface FieldSpec {
  readonly type: RulesType;
  readonly group: FieldGroup;
  readonly describe: string;
  readonly read: (req: HttpRequest) => Value;
}

function headerMap(req: HttpRequest): ReadonlyMap<string, readonly string[]> {
  return new Map(Object.entries(req.headers));
}

function firstHeader(req: HttpRequest, name: string): string {
  return req.headers[name]?.[0] ?? "";
}

const path = (req: HttpRequest): Value => req.path;
const query = (req: HttpRequest): Value => req.query;
const uri = (req: HttpRequest): Value => requestUri(req);
const full = (req: HttpRequest): Value => fullUri(req);
const extension = (req: HttpRequest): Value => pathExtension(req.path);

/** `as const satisfies` keeps each field's literal type for the typed builders. */
export const FIELDS = {
  "http.host": { type: "String", group: "host", describe: "the Host header's host name", read: (r) => r.host },
  "http.request.method": { type: "String", group: "method", describe: "the request method", read: (r) => r.method },
  "http.request.uri": { type: "String", group: "uri", describe: "path and query (\"/a?b=c\")", read: uri },
  "http.request.uri.path": { type: "String", group: "path", describe: "the URI path without query", read: path },
  "http.request.uri.path.extension": { type: "String", group: "path", describe: "lower-cased file extension without the dot", read: extension },
  "http.request.uri.query": { type: "String", group: "query", describe: "the query string without \"?\"", read: query },
  "http.request.full_uri": { type: "String", group: "uri", describe: "scheme, host, path and query", read: full },
  "raw.http.request.uri": { type: "String", group: "uri", describe: "http.request.uri before any rewrite", read: uri },
  "raw.http.request.uri.path": { type: "String", group: "path", describe: "http.request.uri.path before any rewrite", read: path },
  "raw.http.request.uri.path.extension": { type: "String", group: "path", describe: "the extension before any rewrite (not lower-cased)", read: (r) => rawExtension(r.path) },
  "raw.http.request.uri.query": { type: "String", group: "query", describe: "http.request.uri.query before any rewrite", read: query },
  "raw.http.request.full_uri": { type: "String", group: "uri", describe: "http.request.full_uri before any rewrite", read: full },
  "http.cookie": { type: "String", group: "cookie", describe: "the raw Cookie header", read: (r) => (r.headers.cookie ?? []).join("; ") },
  "http.request.cookies": { type: "Map<Array<String>>", group: "cookie", describe: "cookies by name (Pro plan and up)", read: requestCookies },
  "http.user_agent": { type: "String", group: "header", describe: "the User-Agent header", read: (r) => firstHeader(r, "user-agent") },
  "http.referer": { type: "String", group: "header", describe: "the Referer header", read: (r) => firstHeader(r, "referer") },
  "http.request.headers": { type: "Map<Array<String>>", group: "header", describe: "headers by lower-case name", read: headerMap },
  "http.request.headers.names": { type: "Array<String>", group: "header", describe: "header names", read: (r) => Object.keys(r.headers).flatMap((n) => r.headers[n]!.map(() => n)) },
  "http.request.headers.values": { type: "Array<String>", group: "header", describe: "header values, in the order of .names", read: (r) => Object.values(r.headers).flat() },
  "ssl": { type: "Bool", group: "tls", describe: "whether the client connection is encrypted", read: (r) => r.scheme === "https" },
  "cf.edge.server_port": { type: "Int", group: "port", describe: "the port the client connected to", read: (r) => r.port },
  "ip.src": { type: "IP", group: "ip", describe: "the client IP address", read: (r) => (r.clientIp === undefined ? MISSING : ipValue(r.clientIp)) },
  "ip.src.country": { type: "String", group: "geo", describe: "the client's two-letter country code", read: (r) => r.country ?? MISSING },
  "ip.geoip.country": { type: "String", group: "geo", describe: "deprecated name of ip.src.country", read: (r) => r.country ?? MISSING },
  "cf.client.bot": { type: "Bool", group: "bot", describe: "whether the client is a known good bot", read: (r) => r.verifiedBot ?? false },
  "cf.bot_management.verified_bot": { type: "Bool", group: "bot", describe: "same as cf.client.bot (Bot Management)", read: (r) => r.verifiedBot ?? false },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;
export type FieldType<N extends FieldName> = (typeof FIELDS)[N]["type"];

/** FIELDS by name as a Map: read once per field per simulated request, where an object's own-key test on a dotted name was a hot spot. */
const FIELD_SPECS: ReadonlyMap<string, FieldSpec> = new Map(Object.entries(FIELDS));

export function isFieldName(name: string): name is FieldName {
  return FIELD_SPECS.has(name);
}

export function fieldSpec(name: string): FieldSpec | undefined {
  return FIELD_SPECS.get(name);
}

function rawExtension(p: string): string {
  const segment = p.slice(p.lastIndexOf("/") + 1);
  const dot = segment.lastIndexOf(".");
  return dot <= 0 ? "" : segment.slice(dot + 1);
}
