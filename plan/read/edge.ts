/** What the edge does per host: redirects (with the hosts they catch) and Access applications. */
import type { Plan } from "../types";
import { ofType, PHASES, rulesOfPhase, TYPES } from "./resources";
import { asRecord, knownNumber, knownString } from "./values";
import { filterMatches, probeRequests, webHosts } from "./probes";

export interface RedirectView {
  key: string;
  description?: string;
  expression?: string;
  enabled: boolean;
  statusCode?: number;
  /** A fixed target URL, or the expression that computes it. */
  target?: { value?: string; expression?: string };
  /** The host the target points at, when it names one. */
  targetHost?: string;
  preserveQueryString?: boolean;
  /** Web hosts of the plan for which some probed request matches the rule. */
  sourceHosts: string[];
}

function hostOf(text: string | undefined): string | undefined {
  const m = text ? /https?:\/\/([a-z0-9.-]+)/i.exec(text) : null;
  return m ? m[1]!.toLowerCase() : undefined;
}

export function redirects(plan: Plan): RedirectView[] {
  const hosts = webHosts(plan);
  return rulesOfPhase(plan, PHASES.redirect).map((rule) => {
    const from = asRecord(rule.actionParameters.fromValue) ?? {};
    const url = asRecord(from.targetUrl) ?? {};
    const value = knownString(url.value);
    const expression = knownString(url.expression);
    const probes = rule.expression ? probeRequests({ expressions: [rule.expression], hosts, methods: ["GET"] }) : [];
    const sourceHosts = [...new Set(probes.filter((p) => filterMatches(rule.expression, p) === true).map((p) => p.host))].filter((h) => hosts.includes(h));
    return {
      key: rule.key,
      description: rule.description,
      expression: rule.expression,
      enabled: rule.enabled,
      statusCode: knownNumber(from.statusCode),
      target: value !== undefined || expression !== undefined ? { ...(value !== undefined ? { value } : {}), ...(expression !== undefined ? { expression } : {}) } : undefined,
      targetHost: hostOf(value ?? expression),
      preserveQueryString: typeof from.preserveQueryString === "boolean" ? from.preserveQueryString : undefined,
      sourceHosts,
    };
  });
}

export interface AccessAppView {
  urn: string;
  name?: string;
  /** The protected host (and path), e.g. "admin.example.com". */
  domain?: string;
  type?: string;
  sessionDuration?: string;
}

export function accessApps(plan: Plan): AccessAppView[] {
  return ofType(plan, TYPES.accessApplication).map((r) => ({
    urn: r.urn,
    name: knownString(r.inputs.name),
    domain: knownString(r.inputs.domain)?.toLowerCase(),
    type: knownString(r.inputs.type),
    sessionDuration: knownString(r.inputs.sessionDuration),
  }));
}

/** The host part of an Access domain ("admin.example.com/path" -> "admin.example.com"). */
export const accessHost = (a: AccessAppView) => a.domain?.split("/")[0];
