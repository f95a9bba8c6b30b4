/**
 * Response headers (phase http_response_headers_transform): one rule sets the security headers on
 * every proxied host; each per-host CSP override is a later rule (transform rules all run in
 * order, so the later `set` wins) that also removes the other CSP header, so a host never sends
 * both an enforced and a report-only policy by accident.
 */
import { hostIs, render } from "../../rules";
import type { EdgeConfig } from "../schema/edge";
import { refSlug } from "./refs";
import type { EdgeProblem, EdgeRule, EdgeSite } from "./types";

export const SECURITY_HEADERS_REF = "security-headers";
const CSP = "Content-Security-Policy";
const CSP_REPORT_ONLY = "Content-Security-Policy-Report-Only";

/**
 * A non-production stack's pages must not be indexed as a duplicate of the real site: the
 * security-headers rule also sets this header there (no extra rule, so no budget change). Google
 * honours it like a robots meta tag (developers.google.com/search/docs/crawling-indexing/robots-meta-tag).
 * verify/http/headers.ts judges it live with the same name and value.
 */
export const ROBOTS_HEADER = "X-Robots-Tag";
export const NON_PRODUCTION_ROBOTS = "noindex";

type HeaderOp = { operation: "set"; value: string } | { operation: "remove" };

function cspHeaders(policy: string, reportOnly: boolean): Record<string, HeaderOp> {
  return reportOnly
    ? { [CSP_REPORT_ONLY]: { operation: "set", value: policy }, [CSP]: { operation: "remove" } }
    : { [CSP]: { operation: "set", value: policy }, [CSP_REPORT_ONLY]: { operation: "remove" } };
}

/** A report-only CSP blocks nothing: in production that is a step to finish, not a setting to keep. */
function reportOnlyWarning(path: string[]): EdgeProblem {
  return { level: "warning", path, message: "true in production only reports violations (the browser still runs injected scripts); set false once the reports are clean" };
}

export function headerRules(headers: EdgeConfig["headers"], site: EdgeSite): { rules: EdgeRule[]; problems: EdgeProblem[] } {
  const problems: EdgeProblem[] = [];
  const proxied = site.hosts.filter((h) => h.proxied);
  if (proxied.length === 0) return { rules: [], problems };
  const base: Record<string, HeaderOp> = {
    "X-Content-Type-Options": { operation: "set", value: "nosniff" },
    "X-Frame-Options": { operation: "set", value: headers.frameOptions },
    "Referrer-Policy": { operation: "set", value: headers.referrerPolicy },
    "Permissions-Policy": { operation: "set", value: headers.permissionsPolicy },
  };
  if (!site.isProduction) base[ROBOTS_HEADER] = { operation: "set", value: NON_PRODUCTION_ROBOTS };
  const csp = headers.csp;
  if (csp) {
    for (const [name, op] of Object.entries(cspHeaders(csp.policy, csp.reportOnly))) if (op.operation === "set") base[name] = op;
    if (csp.reportOnly && site.isProduction) problems.push(reportOnlyWarning(["headers", "csp", "reportOnly"]));
  }
  const rules: EdgeRule[] = [
    {
      ref: SECURITY_HEADERS_REF,
      description: "security headers on every proxied host",
      expression: render(hostIs(...proxied.map((h) => h.fqdn)), { expect: "Bool" }),
      action: "rewrite",
      actionParameters: { headers: base },
      enabled: true,
    },
  ];
  for (const [name, override] of Object.entries(csp?.hosts ?? {})) {
    const host = site.hosts.find((h) => h.name === name || h.fqdn === name);
    const at = ["headers", "csp", "hosts", name];
    if (!host) {
      problems.push({ level: "error", path: at, message: `names no host of this stack; one of ${site.hosts.map((h) => h.name).join(", ")} is expected` });
      continue;
    }
    if (!host.proxied) {
      problems.push({ level: "error", path: at, message: `${host.fqdn} is not proxied, so Cloudflare never sees its responses; a proxied host is expected` });
      continue;
    }
    // A host that opts into report-only on its own is as unprotected as a report-only default.
    if (override.reportOnly === true && site.isProduction && !csp!.reportOnly) problems.push(reportOnlyWarning([...at, "reportOnly"]));
    rules.push({
      ref: `csp-${refSlug(host.name === "@" ? "apex" : host.name)}`,
      description: `Content-Security-Policy for ${host.fqdn}`,
      expression: render(hostIs(host.fqdn), { expect: "Bool" }),
      action: "rewrite",
      actionParameters: { headers: cspHeaders(override.policy ?? csp!.policy, override.reportOnly ?? csp!.reportOnly) },
      enabled: true,
    });
  }
  return { rules, problems };
}
