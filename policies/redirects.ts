/**
 * Single redirects (phase http_request_dynamic_redirect) judged by following them: probe URLs on
 * every host of the zone (and the hosts and paths the rule texts name) go through the declared
 * rules with the rules/ evaluator, the first matching rule answering (redirects end the request).
 *
 *  - A host redirect (a rule that answers every probed path of a host and sends it to another
 *    host: www to apex, an old domain) must keep the query string, or campaign links, password
 *    reset tokens and invite codes are lost on the way.
 *  - No URL may come back to itself, directly or through a chain (browsers stop with "too many
 *    redirects").
 */
import { parseCached } from "../rules/parser";
import { createRequest, type HttpRequest } from "../rules/request";
import { PackPolicy, ResourceView, stackPolicy, type StackPolicyDefinition } from "./policy";
import { ZoneNameConfig, zoneNameConfigSchema } from "./settings";
import { EdgeRule, ZoneEdge, firstRedirectOf, phaseRules, zoneEdges } from "./edgeRules";

const PHASE = "http_request_dynamic_redirect";
/** Paths every host is probed on, beside the paths the rules name. */
const PROBE_PATHS = ["/", "/pricing", "/docs/getting-started"];
const PROBE_QUERY = "utm_source=launch-check&token=probe";
/** More hops than any sane chain: a browser gives up after about 20, we call 10 a loop. */
const MAX_HOPS = 10;

/** String literals of a rule's expression that look like host names or paths. */
function literalsOf(expression: string | undefined): { hosts: string[]; paths: string[] } {
  const hosts = new Set<string>();
  const paths = new Set<string>();
  if (expression === undefined) return { hosts: [], paths: [] };
  let tree: unknown;
  try {
    tree = parseCached(expression);
  } catch {
    return { hosts: [], paths: [] }; // Reported by the evaluation itself, which throws naming the rule.
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (n.kind === "string" && typeof n.value === "string") {
        if (n.value.startsWith("/") && !/\s/.test(n.value)) paths.add(n.value);
        else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(n.value)) hosts.add(n.value.toLowerCase());
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(tree);
  return { hosts: [...hosts], paths: [...paths] };
}

function probeSpace(edge: ZoneEdge, rules: readonly EdgeRule[]): { hosts: string[]; paths: string[] } {
  const hosts = new Set(edge.hosts);
  const paths = new Set(PROBE_PATHS);
  for (const rule of rules) {
    const lit = literalsOf(rule.expression);
    lit.hosts.forEach((h) => hosts.add(h));
    lit.paths.forEach((p) => paths.add(p));
  }
  return { hosts: [...hosts], paths: [...paths] };
}

const request = (url: string): HttpRequest => createRequest({ url });

export const edgeRedirectsKeepQuery = stackPolicy<ZoneNameConfig>({
  name: "edge-redirects-keep-query",
  description: "Checks whether redirect rules that move a whole host (www to apex, an old domain) keep the query string.",
  severity: "medium",
  remediation:
    "Set preserveQueryString: true on the host redirect (actionParameters.fromValue), and build the target from the request path (concat(\"https://example.com\", http.request.uri.path)).",
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    for (const edge of zoneEdges(resources, config.zoneName)) {
      const { rules } = phaseRules(edge, PHASE);
      if (rules.length === 0) continue;
      const { hosts } = probeSpace(edge, rules);
      const reported = new Set<EdgeRule>();
      for (const host of hosts) {
        for (const scheme of ["https", "http"]) {
          const outcomes = PROBE_PATHS.map((path) => firstRedirectOf(rules, request(`${scheme}://${host}${path}?${PROBE_QUERY}`)));
          const rule = outcomes[0]?.rule;
          if (!rule || reported.has(rule) || !outcomes.every((o) => o?.rule === rule)) continue;
          const moved = outcomes.filter((o) => new URL(o!.outcome.url).hostname !== host);
          if (moved.length < outcomes.length) continue;
          const dropped = moved.find((o) => !new URL(o!.outcome.url).search.includes(PROBE_QUERY));
          if (!dropped) continue;
          reported.add(rule);
          report(
            `Host redirect ${rule.label} must keep the query string: ${scheme}://${host}/?${PROBE_QUERY} goes to ${dropped.outcome.url}.`,
            rule.ruleset.urn,
          );
        }
      }
    }
  },
});

export const edgeRedirectsNoLoop = stackPolicy<ZoneNameConfig>({
  name: "edge-redirects-no-loop",
  description: "Checks whether any redirect rule sends a URL back to itself, directly or through a chain of redirect rules.",
  severity: "high",
  remediation: "Exclude the target from the rule's expression (e.g. match only the old host or path), or remove the rule that points back.",
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    const edges = zoneEdges(resources, config.zoneName);
    const rulesByHost = new Map<string, readonly EdgeRule[]>();
    const spaces: Array<{ edge: ZoneEdge; hosts: string[]; paths: string[]; ruleset?: ResourceView }> = [];
    for (const edge of edges) {
      const { rules } = phaseRules(edge, PHASE);
      if (rules.length === 0) continue;
      const space = probeSpace(edge, rules);
      for (const host of space.hosts) rulesByHost.set(host, rules);
      spaces.push({ edge, ...space });
    }
    const reported = new Set<EdgeRule>();
    for (const space of spaces) {
      for (const host of space.hosts) {
        for (const path of space.paths) {
          for (const start of [`https://${host}${path}`, `https://${host}${path}?${PROBE_QUERY}`, `http://${host}${path}`]) {
            const seen = [new URL(start).toString()];
            let current = request(start);
            for (let hop = 0; hop < MAX_HOPS; hop++) {
              const rules = rulesByHost.get(current.host);
              const next = rules ? firstRedirectOf(rules, current) : undefined;
              if (!next) break;
              const target = next.outcome.url;
              if (seen.includes(target) || hop === MAX_HOPS - 1) {
                if (!reported.has(next.rule)) {
                  reported.add(next.rule);
                  const chain = [...seen.slice(seen.indexOf(target) >= 0 ? seen.indexOf(target) : 0), target].join(" -> ");
                  report(`Redirect ${next.rule.label} must not send a URL back to itself: ${chain}.`, next.rule.ruleset.urn);
                }
                break;
              }
              seen.push(target);
              let parsed: HttpRequest;
              try {
                parsed = request(target);
              } catch {
                break; // A relative or non-http target is not followed.
              }
              current = parsed;
            }
          }
        }
      }
    }
  },
});

/** A host no redirect of ours may ever send a visitor to (RFC 2606 reserves .invalid). */
const HOSTILE_HOST = "evil.invalid";
const HOSTILE_URL = `https://${HOSTILE_HOST}/phish`;
/** Where an open redirect takes its target from: the usual query parameters, and headers a client sets. */
const HOSTILE_QUERY = ["next", "url", "redirect", "redirect_uri", "return", "returnTo", "to", "dest", "continue"].map((k) => `${k}=${HOSTILE_URL}`).join("&");
const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};
const HOSTILE_HEADERS = { "x-forwarded-host": HOSTILE_HOST, "x-original-url": HOSTILE_URL, referer: HOSTILE_URL, "x-redirect-to": HOSTILE_URL };

/**
 * A redirect's target must be ours and encrypted: a target that downgrades to http:// hands the
 * visitor (and the query string, tokens included) to anyone on the network, and a target built
 * from what the request says (a query parameter, a header) is an open redirect, the phishing
 * link that carries our domain (OWASP Unvalidated Redirects and Forwards Cheat Sheet). Judged by
 * evaluation: every probe URL, sent with a hostile query and hostile headers, through the rules.
 */
export const edgeRedirectsSafeTargetDef: StackPolicyDefinition<ZoneNameConfig> = {
  name: "edge-redirects-safe-target",
  description: "Checks whether every redirect rule sends visitors to an https:// URL that does not come from the request (no http downgrade, no open redirect), by evaluating probe requests with hostile query parameters and headers.",
  severity: "high",
  remediation: "Give the redirect a fixed https:// target (edge.redirects[].to: a path or an https URL), or one built only from the zone's own host and the request path (concat(\"https://example.com\", http.request.uri.path)).",
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    for (const edge of zoneEdges(resources, config.zoneName)) {
      const { rules } = phaseRules(edge, PHASE);
      if (rules.length === 0) continue;
      const { hosts, paths } = probeSpace(edge, rules);
      const reported = new Set<EdgeRule>();
      for (const host of hosts) {
        for (const path of paths) {
          const req = createRequest({ url: `https://${host}${path}?${HOSTILE_QUERY}`, headers: HOSTILE_HEADERS });
          const hit = firstRedirectOf(rules, req);
          if (!hit || reported.has(hit.rule)) continue;
          const target = hit.outcome.url;
          let problem: string | undefined;
          if (/^http:\/\//i.test(target)) problem = `downgrades https://${host}${path} to ${target}`;
          // The request decides where it goes when the hostile probe lands on another host than a plain one.
          else if (hostOf(target)?.endsWith(HOSTILE_HOST) || hostOf(target) !== hostOf(firstRedirectOf(rules, createRequest({ url: `https://${host}${path}` }))?.outcome.url ?? "")) problem = `takes its target from the request: https://${host}${path} with a hostile query or header goes to ${target}`;
          if (!problem) continue;
          reported.add(hit.rule);
          report(`Redirect ${hit.rule.label} must send visitors to a fixed https:// target, but it ${problem}.`, hit.rule.ruleset.urn);
        }
      }
    }
  },
};

export const redirectGuardDefs = [edgeRedirectsSafeTargetDef];

export const redirectPolicies: PackPolicy[] = [edgeRedirectsKeepQuery, edgeRedirectsNoLoop, stackPolicy(edgeRedirectsSafeTargetDef)];
