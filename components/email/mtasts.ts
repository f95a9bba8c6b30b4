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
