/**
 * The diff report as Markdown for one PR comment section. Headings start at level 4: the PR
 * workflow puts each stack's diff under its own `### <stack>` heading.
 */
import type { DiffReport, ResourceChange, RiskKind } from "./types";

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
};

/** GitHub caps a comment at 65,536 characters and the workflow puts two stacks in one. */
export const MAX_RESOURCES_LISTED = 80;
export const MAX_PROPERTIES_LISTED = 25;

/** Inline code that survives backticks in the value. */
export function code(text: string): string {
  if (text === "") return "``";
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`;
}

/** A table cell: pipes and line breaks would break the row. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const SIGN: Record<ResourceChange["kind"], string> = { added: "+", changed: "~", removed: "-" };

function changeLines(change: ResourceChange): string[] {
  const head = `- ${code(SIGN[change.kind])} ${code(change.type)} **${change.name}**${change.renamedFrom ? ` (renamed from ${code(change.renamedFrom)})` : ""}`;
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
  for (const r of report.risks) out.push(`- **${RISK_TITLES[r.kind]}**${r.severity ? ` (${r.severity})` : ""}: ${r.message}`);
  if (report.notes.length > 0) {
    out.push("", "Not judged automatically (review by hand):");
    for (const n of report.notes) out.push(`- ${n}`);
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
    out.push("| Level | Severity | Policy | Resource | Message |", "| --- | --- | --- | --- | --- |");
    for (const v of added) out.push(`| ${v.enforcementLevel ?? ""} | ${v.severity ?? ""} | ${code(v.policyName)} | ${v.urn ? code(v.urn.split("::").pop()!) : "(stack)"} | ${cell(v.message)} |`);
  }
  if (resolved.length > 0) out.push("", `Resolved by this change: ${resolved.map((v) => code(v.policyName)).join(", ")}.`);

  out.push("", "#### Rule budget", "");
  if (report.ruleBudget.length === 0) out.push("No Ruleset in either plan.");
  else {
    out.push("| Phase | Base | Head | Limit |", "| --- | ---: | ---: | ---: |");
    for (const row of report.ruleBudget) {
      const over = row.limit !== undefined && row.headUsed !== undefined && row.headUsed > row.limit ? " ❌ over" : "";
      out.push(`| ${code(row.phase)} | ${row.baseUsed ?? "–"} | ${row.headUsed ?? "–"} | ${row.limit ?? "?"}${over} |`);
    }
  }

  out.push("", "#### Hosts → edge → origins (head)", "", "```mermaid", report.diagrams.edge, "```");
  out.push("", "#### Mail records (head)", "", "```mermaid", report.diagrams.mail, "```");
  return out.join("\n") + "\n";
}
