/**
 * Single Redirects (phase http_request_dynamic_redirect): the www/apex twin to the canonical host,
 * and the extra permanent redirects from config. Pure: returns rules and problems.
 *
 * Cloudflare runs the first matching redirect rule only, so the extra redirects come first and
 * match both the canonical host and its twin: https://www.example.com/old lands on
 * https://example.com/new in one hop instead of two. The canonical-host rule matches the host
 * alone, so plain http and https both redirect (Cloudflare's own template only catches https).
 */
import { and, concat, eq, fields, hostIs, render } from "../../rules";
import type { EdgeConfig } from "../schema/edge";
import type { EdgeProblem, EdgeRule, EdgeSite } from "./types";
import { refSlug } from "./refs";

export const CANONICAL_HOST_REF = "canonical-host";

export function canonicalHostRule(site: Pick<EdgeSite, "canonicalFqdn" | "redirectFqdn">): EdgeRule {
  return {
    ref: CANONICAL_HOST_REF,
    description: `${site.redirectFqdn} to ${site.canonicalFqdn}, path and query kept (http and https)`,
    expression: render(eq(fields.host, site.redirectFqdn), { expect: "Bool" }),
    action: "redirect",
    actionParameters: {
      fromValue: {
        statusCode: 301,
        targetUrl: { expression: render(concat(`https://${site.canonicalFqdn}`, fields.path), { expect: "String" }) },
        preserveQueryString: true,
      },
    },
    enabled: true,
  };
}

/** Where a configured target really points, or why it cannot be used. */
interface ResolvedTarget {
  url: string;
  /** Host and path when the target is inside the zone (for chain checks). */
  host: string;
  path: string;
}

function resolveTarget(to: string, site: EdgeSite, index: number, problems: EdgeProblem[]): ResolvedTarget | undefined {
  const at = ["redirects", index, "to"];
  if (to.startsWith("/")) {
    if (to.startsWith("//")) {
      problems.push({ level: "error", path: at, message: `${JSON.stringify(to)} is a protocol-relative URL; a path such as "/pricing" or an https:// URL is expected` });
      return undefined;
    }
    const url = new URL(to, `https://${site.canonicalFqdn}`);
    // Whatever the parser made of it, a path must stay on the canonical host (belt and braces to the schema).
    if (url.hostname !== site.canonicalFqdn) {
      problems.push({ level: "error", path: at, message: `${JSON.stringify(to)} resolves to ${url.hostname}, not a path on ${site.canonicalFqdn}; a path such as "/pricing" is expected` });
      return undefined;
    }
    return { url: url.toString(), host: site.canonicalFqdn, path: url.pathname };
  }
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    problems.push({ level: "error", path: at, message: `${JSON.stringify(to)} is neither a path nor an absolute URL; "/pricing" or "https://other.example/page" is expected` });
    return undefined;
  }
  // "example.com." is the same host as "example.com" (a fully qualified name), for the www/apex rule too.
  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  const inZone = host === site.apex || host.endsWith(`.${site.apex}`);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    problems.push({ level: "error", path: at, message: `${JSON.stringify(to)} has scheme ${url.protocol}; an https:// URL or a path is expected` });
    return undefined;
  }
  if (host === site.apex || host === `www.${site.apex}`) {
    // Which of the two is canonical is a stack-level choice; a path always lands on the right one.
    problems.push({
      level: "error",
      path: at,
      message: `${JSON.stringify(to)} names ${host}, one of the www/apex pair; write the target as a path (${JSON.stringify(url.pathname + url.search)}) so it lands on the canonical host in one hop, never through the www/apex redirect`,
    });
    return undefined;
  }
  if (url.protocol === "http:" && inZone) {
    problems.push({ level: "error", path: at, message: `${JSON.stringify(to)} is plain http on this zone, which Always Use HTTPS redirects again (a chain of two hops); https:// is expected` });
    return undefined;
  }
  if (url.protocol === "http:") {
    // A downgrade hands the visitor (and any token in the query) to the network: the policy edge-redirects-safe-target refuses it too.
    problems.push({ level: "error", path: at, message: `${JSON.stringify(to)} sends members to plain http, a downgrade anyone on the network can read or redirect; https:// is expected` });
    return undefined;
  }
  return { url: url.toString(), host, path: url.pathname };
}

/**
 * The extra redirects as rules, with every loop, chain and duplicate reported. A target is a chain
 * when it lands on a path that another redirect (or itself: a loop) would redirect again.
 */
export function extraRedirectRules(redirects: EdgeConfig["redirects"], site: EdgeSite): { rules: EdgeRule[]; problems: EdgeProblem[] } {
  const problems: EdgeProblem[] = [];
  const rules: EdgeRule[] = [];
  const sources = new Map<string, number>();
  redirects.forEach((r, index) => {
    const previous = sources.get(r.from);
    if (previous !== undefined) {
      problems.push({ level: "error", path: ["redirects", index, "from"], message: `${JSON.stringify(r.from)} is already redirected by redirects[${previous}]; each path is expected once` });
    } else {
      sources.set(r.from, index);
    }
  });
  const pair = new Set([site.canonicalFqdn, site.redirectFqdn]);
  const usedRefs = new Set<string>();
  redirects.forEach((r, index) => {
    const target = resolveTarget(r.to, site, index, problems);
    if (!target) return;
    if (pair.has(target.host)) {
      const next = sources.get(target.path);
      if (next === index) {
        problems.push({ level: "error", path: ["redirects", index, "to"], message: `${JSON.stringify(r.to)} redirects ${r.from} to itself (a loop); a different path is expected` });
        return;
      }
      if (next !== undefined) {
        const hop = redirects[next]!;
        problems.push({
          level: "error",
          path: ["redirects", index, "to"],
          message: `${JSON.stringify(r.to)} is itself redirected by redirects[${next}] (${hop.from} -> ${hop.to}): a chain of two hops${sources.get(pathOf(hop.to, site)) === index ? " that loops back" : ""}; point it at the final target directly`,
        });
        return;
      }
    }
    let ref = `redirect-${refSlug(r.from)}`;
    for (let n = 2; usedRefs.has(ref); n++) ref = `redirect-${refSlug(r.from)}-${n}`;
    usedRefs.add(ref);
    rules.push({
      ref,
      description: `${r.from} moved to ${r.to} (${r.status})`,
      expression: render(and(hostIs(site.canonicalFqdn, site.redirectFqdn), eq(fields.path, r.from)), { expect: "Bool" }),
      action: "redirect",
      actionParameters: { fromValue: { statusCode: r.status, targetUrl: { value: target.url }, preserveQueryString: r.preserveQueryString } },
      enabled: true,
    });
  });
  return { rules, problems };
}

function pathOf(to: string, site: EdgeSite): string {
  try {
    return new URL(to, `https://${site.canonicalFqdn}`).pathname;
  } catch {
    return "";
  }
}

/** All redirect rules, in evaluation order: specific paths first, then the host redirect. */
export function redirectRules(redirects: EdgeConfig["redirects"], site: EdgeSite): { rules: EdgeRule[]; problems: EdgeProblem[] } {
  const extra = extraRedirectRules(redirects, site);
  return { rules: [...extra.rules, canonicalHostRule(site)], problems: extra.problems };
}
