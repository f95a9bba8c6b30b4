/**
 * The human-readable plan: resources grouped by the component that declared them, each with its
 * key properties, then a summary line with counts by type. Secrets are masked; values known only
 * after deploy read "(known after deploy)".
 */
import Table from "cli-table3";
import { redact } from "./redact";
import type { Plan, PlannedResource } from "./types";
import { TYPES } from "./model/tokens";

const UNKNOWN_TEXT = "(known after deploy)";

/** `cloudflare:index/dnsRecord:DnsRecord` -> `cloudflare:DnsRecord`. */
export function shortType(type: string): string {
  const parts = type.split(":");
  return parts.length === 3 ? `${parts[0]}:${parts[2]}` : type;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

type Summarizer = (inputs: Record<string, unknown>) => string;

/** Key properties per resource type; anything else shows its first few scalar inputs. */
const SUMMARIZERS: Record<string, Summarizer> = {
  [TYPES.dnsRecord]: (i) => {
    const data = i.data as { tag?: string; value?: string } | undefined;
    const content = i.content ?? (data ? `${data.tag} "${data.value}"` : "");
    const priority = i.priority !== undefined ? ` ${text(i.priority)}` : "";
    return `${text(i.name)} ${text(i.type)}${priority} ${text(content)}  ${i.proxied ? "proxied" : `ttl ${text(i.ttl)}`}`;
  },
  [TYPES.zoneSetting]: (i) => `${text(i.settingId)} = ${text(i.value)}`,
  [TYPES.zone]: (i) => `${text(i.name)} (${text(i.type ?? "full")})`,
  [TYPES.zoneDnssec]: (i) => `status ${text(i.status)}`,
  [TYPES.ruleset]: (i) => {
    const rules = Array.isArray(i.rules) ? (i.rules as Array<{ ref?: string }>) : [];
    return `${text(i.phase)}: ${rules.length} rule${rules.length === 1 ? "" : "s"} (${rules.map((r) => r.ref).join(", ")})`;
  },
};

function summarize(resource: PlannedResource): string {
  const inputs = redact(resource.inputs, UNKNOWN_TEXT);
  const summarizer = SUMMARIZERS[resource.type];
  if (summarizer) return summarizer(inputs);
  return Object.entries(inputs)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .slice(0, 4)
    .map(([k, v]) => `${k}=${text(v)}`)
    .join(" ");
}

function flags(resource: PlannedResource): string {
  const out: string[] = [];
  if (resource.options.protect) out.push("protected");
  if (resource.options.retainOnDelete) out.push("retained");
  return out.join(",");
}

/** The plan as tables grouped by component, plus the summary line. */
export function formatPlan(plan: Plan, options: { width?: number } = {}): string {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const label = (urn: string | undefined): string => {
    const chain: string[] = [];
    for (let cur = urn ? byUrn.get(urn) : undefined; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined) {
      chain.unshift(`${shortType(cur.type).split(":").pop()}(${cur.name})`);
    }
    return chain.length ? chain.join(" > ") : "stack";
  };
  const groups = new Map<string, PlannedResource[]>();
  for (const resource of plan.resources) {
    if (!resource.custom) continue;
    const key = label(resource.parent);
    groups.set(key, [...(groups.get(key) ?? []), resource]);
  }

  const lines: string[] = [`Plan for stack ${plan.stack} (project ${plan.project})`, ""];
  const width = options.width ?? 120;
  for (const [group, resources] of groups) {
    lines.push(group);
    // The options column fits its longest value ("protected,retained") so it is never cut.
    const optionsWidth = Math.max("options".length, ...resources.map((r) => flags(r).length)) + 2;
    const colWidths = [26, 30, Math.max(40, width - 60 - optionsWidth), optionsWidth];
    const table = new Table({
      head: ["type", "name", "key properties", "options"],
      style: { head: [], border: [] },
      // No rule between rows: a plan has many small rows and separators double its height, and
      // a resource's wrapped lines are rows of their own (wrappedRows).
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
      colWidths,
    });
    for (const r of resources) table.push(...wrappedRows([shortType(r.type), r.name, summarize(r), flags(r)], colWidths));
    lines.push(table.toString(), "");
  }
  lines.push(summaryLine(plan));
  return lines.join("\n");
}

/** Cell padding cli-table3 puts inside each column width (one space either side). */
const CELL_PADDING = 2;

/**
 * One resource's cells as table rows, one per line of text: each cell cut into lines that fit its
 * column, as cli-table3's own hard wrap (wordWrap with wrapOnWordBoundary off) cuts them, so a
 * word wider than its column (a long name, a DKIM key) goes on over the next lines instead of
 * being cut with an ellipsis. Not cli-table3's wrap itself: it measures a cell's whole text again
 * for every line it draws (a debug preview, cli-table3 PR #362), and a 4 KB TXT record took
 * seconds to print.
 */
export function wrappedRows(cells: readonly string[], colWidths: readonly number[]): string[][] {
  const columns = cells.map((cell, i) => hardWrap(cell, colWidths[i]! - CELL_PADDING));
  const height = Math.max(1, ...columns.map((lines) => lines.length));
  return Array.from({ length: height }, (_, row) => columns.map((lines) => lines[row] ?? ""));
}

/** cli-table3's hard wrap (src/utils.js textWrap): words joined by their whitespace, cut every `width` characters. */
export function hardWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    const parts = paragraph.split(/(\s+)/g);
    for (let i = 0; i < parts.length; i += 2) {
      if (line.length > 0 && i > 0 && parts[i - 1]) line += parts[i - 1];
      line += parts[i];
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

/** "31 resources: 12 cloudflare:DnsRecord, 6 cloudflare:ZoneSetting, ... (+3 components)" */
export function summaryLine(plan: Plan): string {
  const counts = new Map<string, number>();
  let components = 0;
  for (const r of plan.resources) {
    if (!r.custom) {
      components++;
      continue;
    }
    counts.set(shortType(r.type), (counts.get(shortType(r.type)) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${n} ${t}`);
  return `${total} resources: ${parts.join(", ")} (+${components} components)`;
}
