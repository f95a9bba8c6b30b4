/**
 * Policy violations as `plan` prints them: grouped by policy, mandatory first, each group with its
 * enforcement level, severity and remediation, each finding with the resource it names.
 */
import type { PolicyViolation } from "./types";

const LEVEL_ORDER: Record<PolicyViolation["enforcementLevel"], number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

export function mandatoryViolations(violations: readonly PolicyViolation[]): PolicyViolation[] {
  return violations.filter((v) => v.enforcementLevel === "mandatory");
}

/** `urn:pulumi:prod::launch-ready::a$b$cloudflare:index/dnsRecord:DnsRecord::dns-admin-origin` -> `DnsRecord dns-admin-origin`. */
function resourceLabel(urn: string): string {
  const parts = urn.split("::");
  const type = parts[2]?.split("$").pop()?.split(":").pop() ?? "";
  return `${type} ${parts[3] ?? urn}`.trim();
}

export function formatViolations(violations: readonly PolicyViolation[], policiesRun: number): string {
  const mandatory = mandatoryViolations(violations).length;
  const summary = `Policies: ${policiesRun} run, ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${violations.length - mandatory} advisory`;
  if (violations.length === 0) return `${summary}.`;

  const groups = new Map<string, PolicyViolation[]>();
  for (const v of violations) groups.set(v.policyName, [...(groups.get(v.policyName) ?? []), v]);
  const ordered = [...groups.values()].sort((a, b) => LEVEL_ORDER[a[0]!.enforcementLevel] - LEVEL_ORDER[b[0]!.enforcementLevel] || a[0]!.policyName.localeCompare(b[0]!.policyName));
  const out: string[] = [];
  for (const group of ordered) {
    const first = group[0]!;
    out.push(`${first.enforcementLevel.toUpperCase()} ${first.policyName} (${first.severity})`);
    for (const v of group) out.push(`  - ${v.urn ? `${resourceLabel(v.urn)}: ` : ""}${v.message}`);
    if (first.remediation) out.push(`  fix: ${first.remediation}`);
  }
  out.push(`${summary}.`);
  return out.join("\n");
}
