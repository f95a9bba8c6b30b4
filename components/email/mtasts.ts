/**
 * MTA-STS (RFC 8461) and TLS-RPT (RFC 8460): the `_mta-sts` TXT whose id changes with the policy,
 * the policy text served at https://mta-sts.<domain>/.well-known/mta-sts.txt, and `_smtp._tls`.
 */
import { createHash } from "node:crypto";

export interface MtaStsPolicyInput {
  mode: "enforce" | "testing" | "none";
  mx: string[];
  maxAge: number;
}

/** The policy file: "key: value" lines separated by CRLF (RFC 8461 §3.2). */
export function buildMtaStsPolicy(input: MtaStsPolicyInput): string {
  const lines = ["version: STSv1", `mode: ${input.mode}`, ...input.mx.map((m) => `mx: ${m}`), `max_age: ${input.maxAge}`];
  return lines.join("\r\n") + "\r\n";
}

/**
 * The policy id: 1 to 32 alphanumerics (RFC 8461 §3.1) that must change whenever the policy does.
 * Derived from the policy text so it changes exactly then, with no clock.
 */
export function mtaStsPolicyId(policy: string): string {
  return createHash("sha256").update(policy).digest("hex").slice(0, 20);
}

export function buildMtaStsValue(policyId: string): string {
  return `v=STSv1; id=${policyId}`;
}

/** RFC 8461 §4.1: "*.example.net" matches exactly one leftmost label; other patterns match exactly. */
export function mxMatchesPattern(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const p = pattern.toLowerCase().replace(/\.$/, "");
  if (!p.startsWith("*.")) return h === p;
  const suffix = p.slice(1);
  return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes(".") && h.length > suffix.length;
}

export function buildTlsRptValue(rua: string[]): string {
  return `v=TLSRPTv1; rua=${rua.join(",")}`;
}

/** The Worker that serves the policy: script name, module file name and the date it targets. */
export const MTA_STS_WORKER_MODULE = "mta-sts.js";
/** Workers runtime compatibility date of the policy Worker (it uses only fetch, Response and URL). */
export const MTA_STS_WORKER_COMPATIBILITY_DATE = "2025-01-01";
/** The path senders fetch (RFC 8461 §3.3). */
export const MTA_STS_POLICY_PATH = "/.well-known/mta-sts.txt";

/**
 * The Worker's name: "mta-sts-" and the domain with dots as dashes, cut to the 63 characters a
 * Workers script name may have (lower-case letters, digits, dashes).
 */
export function mtaStsWorkerName(domain: string): string {
  return `mta-sts-${domain.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63).replace(/-+$/, "");
}

/**
 * A module Worker answering GET/HEAD of the policy path with the policy as text/plain (RFC 8461
 * §3.3: served over HTTPS with a valid certificate, media type text/plain, no redirect), 404 on
 * any other path and 405 on other methods. The policy is a string literal, so the Worker needs no
 * binding, storage or outbound fetch: one request per sender per max_age fits the Free plan.
 */
export function buildMtaStsWorker(policy: string): string {
  return [
    `const POLICY = ${JSON.stringify(policy)};`,
    `const PATH = ${JSON.stringify(MTA_STS_POLICY_PATH)};`,
    "export default {",
    "  async fetch(request) {",
    "    const url = new URL(request.url);",
    '    if (url.pathname !== PATH) return new Response("Not found\\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });',
    '    if (request.method !== "GET" && request.method !== "HEAD") return new Response(null, { status: 405, headers: { allow: "GET, HEAD" } });',
    '    return new Response(request.method === "HEAD" ? null : POLICY, { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });',
    "  },",
    "};",
    "",
  ].join("\n");
}
