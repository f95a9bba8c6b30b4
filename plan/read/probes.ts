/**
 * Probe requests for comparing two sets of edge rules by behaviour rather than by text: the
 * hosts, paths and methods the rules' own expressions name (plus the plan's host names and a few
 * paths members use), run through the Rules-language evaluator. "Which of these requests did the
 * base rules match and the head rules no longer do?" is then a set difference.
 */
import { createRequest, parseCached, matchesRequest, type HttpRequest } from "../../rules";
import type { Expr } from "../../rules";
import { webRecords } from "./mail";
import type { Plan } from "../types";

/** Pages of a membership site whose caching or rate limiting matters (our own choice, 2026-11). */
export const MEMBER_PATHS = ["/", "/login", "/signup", "/account", "/api/probe", "/admin"];

/** A bound on hosts x paths x methods, so a large rule set cannot make a diff slow. */
export const MAX_PROBES = 3000;

const HOST_FIELDS = new Set(["http.host"]);
const PATH_FIELDS = new Set(["http.request.uri.path", "raw.http.request.uri.path"]);
const EXTENSION_FIELDS = new Set(["http.request.uri.path.extension", "raw.http.request.uri.path.extension"]);
const METHOD_FIELDS = new Set(["http.request.method"]);

export interface ProbeSeeds {
  hosts: Set<string>;
  paths: Set<string>;
  methods: Set<string>;
}

function firstField(node: Expr): string | undefined {
  switch (node.kind) {
    case "field":
      return node.name;
    case "call":
      for (const a of node.args) {
        const f = firstField(a);
        if (f) return f;
      }
      return undefined;
    case "index":
    case "unpack":
      return firstField(node.target);
    default:
      return undefined;
  }
}

/** A concrete string a wildcard pattern matches ("/api/*" -> "/api/probe"). */
function instantiate(pattern: string): string {
  return pattern.replace(/\*/g, "probe");
}

function seed(field: string | undefined, value: string, seeds: ProbeSeeds, how: "exact" | "prefix" | "suffix" | "pattern" | "contains"): void {
  if (!field) return;
  const text = how === "pattern" ? instantiate(value) : how === "prefix" ? value : how === "suffix" ? `/probe${value}` : how === "contains" ? `/probe${value.startsWith("/") ? "" : "/"}${value}` : value;
  if (HOST_FIELDS.has(field)) {
    if (how === "exact" || how === "pattern") seeds.hosts.add(text.toLowerCase());
  } else if (PATH_FIELDS.has(field)) {
    if (text.startsWith("/")) seeds.paths.add(text);
    if (how === "prefix") seeds.paths.add(`${value.endsWith("/") ? value : `${value}/`}probe`);
  } else if (EXTENSION_FIELDS.has(field)) {
    seeds.paths.add(`/probe.${value}`);
  } else if (METHOD_FIELDS.has(field)) {
    seeds.methods.add(value.toUpperCase());
  }
}

/** Collects the literal hosts, paths and methods an expression tests. */
export function collectSeeds(node: Expr, seeds: ProbeSeeds): void {
  switch (node.kind) {
    case "compare":
      if (node.right.kind === "string") {
        const how = node.op === "wildcard" || node.op === "strict wildcard" ? "pattern" : node.op === "contains" ? "contains" : node.op === "eq" ? "exact" : undefined;
        if (how) seed(firstField(node.left), node.right.value, seeds, how);
      }
      return;
    case "in":
      for (const el of node.set) if (el.kind === "string") seed(firstField(node.left), el.value, seeds, "exact");
      return;
    case "call": {
      const [target, literal] = node.args;
      if ((node.name === "starts_with" || node.name === "ends_with") && target && literal?.kind === "string") {
        seed(firstField(target), literal.value, seeds, node.name === "starts_with" ? "prefix" : "suffix");
      }
      return;
    }
    case "not":
      return collectSeeds(node.operand, seeds);
    case "logical":
      for (const o of node.operands) collectSeeds(o, seeds);
      return;
    default:
      return;
  }
}

/** Cloudflare accepts the bare `true` filter ("every request"); the parser here does not. */
export function isMatchAll(expression: string): boolean {
  return expression.trim() === "true";
}

/** Parses an expression, or returns the parse error's message. */
export function tryParse(expression: string): Expr | string {
  try {
    return parseCached(expression);
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Does the filter match the request? Undefined when it cannot be evaluated (then the caller
 * notes it for review instead of guessing).
 */
export function filterMatches(expression: string | undefined, req: HttpRequest): boolean | undefined {
  if (expression === undefined) return undefined;
  if (isMatchAll(expression)) return true;
  try {
    return matchesRequest(expression, req);
  } catch {
    return undefined;
  }
}

/** The host names of a plan's web records (A, AAAA, CNAME), the hosts a probe may ask for. */
export function webHosts(plan: Plan): string[] {
  return [...new Set(webRecords(plan).map((r) => r.name!))];
}

export interface ProbeOptions {
  expressions: Array<string | undefined>;
  hosts: string[];
  extraPaths?: string[];
  /** @default GET and POST, plus any method the expressions name */
  methods?: string[];
}

export function probeRequests(options: ProbeOptions): HttpRequest[] {
  const seeds: ProbeSeeds = { hosts: new Set(options.hosts.map((h) => h.toLowerCase())), paths: new Set(["/", ...(options.extraPaths ?? [])]), methods: new Set(options.methods ?? ["GET", "POST"]) };
  for (const e of options.expressions) {
    if (!e || isMatchAll(e)) continue;
    const parsed = tryParse(e);
    if (typeof parsed !== "string") collectSeeds(parsed, seeds);
  }
  if (options.methods) for (const m of [...seeds.methods]) if (!options.methods.includes(m)) seeds.methods.delete(m);
  const out: HttpRequest[] = [];
  for (const host of [...seeds.hosts].sort()) {
    for (const path of [...seeds.paths].sort()) {
      for (const method of [...seeds.methods].sort()) {
        if (out.length >= MAX_PROBES) return out;
        try {
          out.push(createRequest({ url: `https://${host}${path}`, method }));
        } catch {
          // A seed that makes no valid URL (a wildcard host with odd characters) is skipped.
        }
      }
    }
  }
  return out;
}

export function describeRequest(req: HttpRequest): string {
  return `${req.method} ${req.host}${req.path}`;
}
