/**
 * The diff report as Markdown for one PR comment section. Headings start at level 4: the PR
 * workflow puts each stack's diff under its own `### <stack>` heading.
 */
import type { DiffReport, ResourceChange, RiskKind } from "./types";
import { cell, code, fenced, table, text } from "../encode/markdown";

export { cell, code } from "../encode/markdown";

export const RISK_TITLES: Record<RiskKind, string> = {
  "dns-record-deleted": "DNS record deleted",
  "dns-record-replaced": "DNS record replaced",
  "host-unproxied": "Host no longer proxied",
  "tls-downgrade": "SSL/TLS/HSTS downgrade",
  "dmarc-weakened": "DMARC weakened",
  "rate-limit-removed": "Rate limit removed or weakened",
  "cache-widened": "Cache rules widened",
  "protection-removed": "Protection removed",
  "production-urn-changed": "Production URN change",
  "guard-weakened": "Guard weakened",
  "policy-settings-weakened": "Policy settings weakened",
};

/** GitHub caps a comment at 65,536 characters and the workflow puts two stacks in one. */
export const MAX_RESOURCES_LISTED = 80;
export const MAX_PROPERTIES_LISTED = 25;


const SIGN: Record<ResourceChange["kind"], string> = { added: "+", changed: "~", removed: "-" };

function changeLines(change: ResourceChange): string[] {
  const head = `- ${code(SIGN[change.kind])} ${code(change.type)} **${code(change.name)}**${change.renamedFrom ? ` (renamed from ${code(change.renamedFrom)})` : ""}`;
  const props = change.properties.slice(0, MAX_PROPERTIES_LISTED).map((p) => {
    if (p.before === undefined) return `  - ${code(p.path)}: added ${code(p.after ?? "")}`;
    if (p.after === undefined) return `  - ${code(p.path)}: removed (was ${code(p.before)})`;
    return `  - ${code(p.path)}: ${code(p.before)} → ${code(p.after)}`;
  });
  if (change.properties.length > MAX_PROPERTIES_LISTED) props.push(`  - … and ${change.properties.length - MAX_PROPERTIES_LISTED} more properties`);
  return [head, ...props];
}

export function toMarkdown(report: DiffReport): string {
  const out: string[] = [];
  out.push(`#### ⚠️ Risky changes (${report.risks.length})`, "");
  if (report.risks.length === 0) out.push("No risky changes found.");
  for (const r of report.risks) out.push(`- **${RISK_TITLES[r.kind] ?? text(r.kind)}**${r.severity ? ` (${text(r.severity)})` : ""}: ${text(r.message)}`);
  if (report.notes.length > 0) {
    out.push("", "Not judged automatically (review by hand):");
    for (const n of report.notes) out.push(`- ${text(n)}`);
  }

  const c = report.counts;
  out.push("", "#### Resources", "", "| Added | Changed | Removed | Unchanged |", "| ---: | ---: | ---: | ---: |", `| ${c.added} | ${c.changed} | ${c.removed} | ${c.unchanged} |`);
  if (report.changes.length > 0) {
    out.push("", `<details><summary>What changes (${report.changes.length} resources)</summary>`, "");
    for (const change of report.changes.slice(0, MAX_RESOURCES_LISTED)) out.push(...changeLines(change));
    if (report.changes.length > MAX_RESOURCES_LISTED) out.push(`- … and ${report.changes.length - MAX_RESOURCES_LISTED} more resources (see \`--format json\`)`);
    out.push("", "</details>");
  }

  const { added, resolved } = report.violations;
  out.push("", `#### New policy violations (${added.length})`, "");
  if (added.length === 0) out.push("None new in this change.");
  else {
    out.push(...table(["Level", "Severity", "Policy", "Resource", "Message"], added.map((v) => [v.enforcementLevel ?? "", v.severity ?? "", code(v.policyName), v.urn ? code(v.urn.split("::").pop()!) : "(stack)", v.message])));
  }
  if (resolved.length > 0) out.push("", `Resolved by this change: ${resolved.map((v) => code(v.policyName)).join(", ")}.`);

  out.push("", "#### Rule budget", "");
  if (report.ruleBudget.length === 0) out.push("No Ruleset in either plan.");
  else {
    out.push("| Phase | Base | Head | Limit |", "| --- | ---: | ---: | ---: |");
    for (const row of report.ruleBudget) {
      const over = row.limit !== undefined && row.headUsed !== undefined && row.headUsed > row.limit ? " ❌ over" : "";
      out.push(`| ${cell(code(row.phase))} | ${cell(row.baseUsed ?? "–")} | ${cell(row.headUsed ?? "–")} | ${cell(row.limit ?? "?")}${over} |`);
    }
  }

  out.push("", "#### Hosts → edge → origins (head)", "", ...fenced("mermaid", report.diagrams.edge));
  out.push("", "#### Mail records (head)", "", ...fenced("mermaid", report.diagrams.mail));
  return out.join("\n") + "\n";
}
