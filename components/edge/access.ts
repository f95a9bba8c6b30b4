/**
 * Admin access: every sensitive host sits behind Cloudflare Access (allowed emails or an email
 * domain), or, where Access is not configured, behind a custom WAF rule (phase
 * http_request_firewall_custom) that blocks every address outside the allow-list. Neither is a
 * config error: an admin panel open to the internet is the one thing this stack must not ship.
 */
import { and, fields, hostIs, inIpSet, not, render } from "../../rules";
import type { EdgeConfig } from "../schema/edge";
import type { AccessAppSpec, EdgeProblem, EdgeRule, EdgeSite } from "./types";

export const ADMIN_IP_ALLOWLIST_REF = "sensitive-hosts-ip-allowlist";

export function sensitiveHosts(site: EdgeSite) {
  return site.hosts.filter((h) => h.sensitive);
}

export function accessApps(edge: Pick<EdgeConfig, "access">, site: EdgeSite): { apps: AccessAppSpec[]; problems: EdgeProblem[] } {
  const problems: EdgeProblem[] = [];
  const access = edge.access;
  if (!access) return { apps: [], problems };
  if (!access.allowedEmails && !access.allowedEmailDomain) {
    problems.push({ level: "error", path: ["access"], message: "allows nobody in; allowedEmails: [...] or allowedEmailDomain: <domain> is expected" });
    return { apps: [], problems };
  }
  const apps = sensitiveHosts(site).map((h) => ({
    key: h.name === "@" ? "apex" : h.name.replace(/\./g, "-"),
    fqdn: h.fqdn,
    accountId: access.accountId,
    sessionDuration: access.sessionDuration,
    allowedEmails: access.allowedEmails ?? [],
    ...(access.allowedEmailDomain ? { allowedEmailDomain: access.allowedEmailDomain } : {}),
  }));
  return { apps, problems };
}

/** The block rule for sensitive hosts when an IP allow-list is configured. */
export function ipAllowListRules(edge: Pick<EdgeConfig, "ipAllowList">, site: EdgeSite): EdgeRule[] {
  const hosts = sensitiveHosts(site);
  if (!edge.ipAllowList || hosts.length === 0) return [];
  return [
    {
      ref: ADMIN_IP_ALLOWLIST_REF,
      description: `${hosts.map((h) => h.fqdn).join(", ")}: block every address outside the allow-list`,
      expression: render(and(hostIs(...hosts.map((h) => h.fqdn)), not(inIpSet(fields.clientIp, edge.ipAllowList))), { expect: "Bool" }),
      action: "block",
      enabled: true,
    },
  ];
}

/** Sensitive hosts with neither Access nor an allow-list. */
export function uncoveredSensitiveHosts(edge: Pick<EdgeConfig, "access" | "ipAllowList">, site: EdgeSite): EdgeProblem[] {
  if (edge.access || edge.ipAllowList) return [];
  return sensitiveHosts(site).map((h) => ({
    level: "error" as const,
    path: [],
    message: `leaves the sensitive host ${h.fqdn} open to anyone; access: {accountId, allowedEmails | allowedEmailDomain} (Cloudflare Access) or ipAllowList: [<CIDR>, ...] (a WAF block rule) is expected`,
  }));
}
