/**
 * Drift between two stacks (staging and prod): what exists in one and not the other, or differs
 * for no reason the environment rules declare. Information, never a verdict: the CLI exits 0.
 */
import type { Plan } from "../plan/types";
import { code, cell } from "../encode/markdown";
import { ENVIRONMENT_RULES, facetsOf, identityOf, type EnvironmentRule, type Facet, type FacetKind, type PlanIdentity } from "./facets";

export { ENVIRONMENT_RULES, facetsOf, type Facet, type FacetKind } from "./facets";

export interface DriftItem {
  kind: FacetKind;
  key: string;
}
export interface DriftDifference extends DriftItem {
  base: unknown;
  head: unknown;
  /** The leaves that differ ("actionParameters.headers.Content-Security-Policy.value"); "" for a whole value. */
  fields: Array<{ path: string; base: unknown; head: unknown }>;
}
export interface SetAside extends DriftItem {
  rule: EnvironmentRule;
  base: unknown;
  head: unknown;
}

export interface DriftReport {
  base: PlanIdentity;
  head: PlanIdentity;
  onlyInBase: DriftItem[];
  onlyInHead: DriftItem[];
  differing: DriftDifference[];
  setAside: SetAside[];
}

/** JSON with sorted keys: two values are the same when their canonical texts are. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The paths whose values differ, down through objects (lists are compared whole). */
export function changedFields(base: unknown, head: unknown, path = ""): DriftDifference["fields"] {
  if (isPlainObject(base) && isPlainObject(head)) {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
    return keys.flatMap((k) => changedFields(base[k], head[k], path ? `${path}.${k}` : k));
  }
  return canonical(base) === canonical(head) ? [] : [{ path, base, head }];
}

const facetId = (f: Facet) => `${f.kind}\u0000${f.key}`;

/** Groups facets by kind and key; several facets under one id are compared as a list. */
function index(facets: Facet[]): Map<string, Facet[]> {
  const out = new Map<string, Facet[]>();
  for (const f of facets) out.set(facetId(f), [...(out.get(facetId(f)) ?? []), f]);
  return out;
}

/** The only one, or the list: what a report shows of a facet's value. */
const shown = (list: Facet[], pick: (f: Facet) => unknown) => (list.length === 1 ? pick(list[0]!) : list.map(pick));

export function driftPlans(base: Plan, head: Plan): DriftReport {
  const a = index(facetsOf(base, [identityOf(head).domain]));
  const b = index(facetsOf(head, [identityOf(base).domain]));
  const report: DriftReport = { base: identityOf(base), head: identityOf(head), onlyInBase: [], onlyInHead: [], differing: [], setAside: [] };
  for (const [id, left] of a) {
    const { kind, key } = left[0]!;
    const right = b.get(id);
    if (!right) {
      const reason = left[0]!.aloneBecause;
      if (reason) report.setAside.push({ kind, key, rule: reason, base: shown(left, (f) => f.value), head: undefined });
      else report.onlyInBase.push({ kind, key });
      continue;
    }
    const before = shown(left, (f) => f.value);
    const after = shown(right, (f) => f.value);
    const differs = canonical(before) !== canonical(after);
    if (differs) report.differing.push({ kind, key, base: before, head: after, fields: changedFields(before, after) });
    const rules = new Set([...left, ...right].flatMap((f) => Object.keys(f.aside) as EnvironmentRule[]));
    for (const rule of rules) {
      // An origin that differs beyond the environment's name is already listed as differing.
      if (differs && rule === "environment-origin") continue;
      const x = shown(left, (f) => f.aside[rule]);
      const y = shown(right, (f) => f.aside[rule]);
      if (canonical(x) !== canonical(y)) report.setAside.push({ kind, key, rule, base: x, head: y });
    }
  }
  for (const [id, right] of b) {
    if (a.has(id)) continue;
    const { kind, key, aloneBecause } = right[0]!;
    if (aloneBecause) report.setAside.push({ kind, key, rule: aloneBecause, base: undefined, head: shown(right, (f) => f.value) });
    else report.onlyInHead.push({ kind, key });
  }
  const order = (x: DriftItem, y: DriftItem) => x.kind.localeCompare(y.kind) || x.key.localeCompare(y.key);
  report.onlyInBase.sort(order);
  report.onlyInHead.sort(order);
  report.differing.sort(order);
  report.setAside.sort(order);
  return report;
}

const KIND_TITLES: Record<FacetKind, string> = {
  setting: "stack setting",
  "zone-setting": "zone setting",
  host: "host",
  "dns-record": "DNS record",
  "mail-record": "mail record",
  redirect: "redirect",
  "rate-limit": "rate limit",
  "waf-rule": "WAF rule",
  "cache-rule": "cache rule",
  "header-rule": "header rule",
  access: "Access application",
  secret: "secret",
  "health-check": "health check",
  resource: "other resource",
};

/** A value as inline code in a table cell: backticks survive (code) and pipes and newlines do not break the row (cell). */
function valueCell(value: unknown, limit = 300): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : canonical(value);
  return cell(code(text.length > limit ? `${text.slice(0, limit - 1)}…` : text));
}

/** Markdown for a PR comment; every value from a plan is escaped for it. */
export function driftMarkdown(report: DriftReport): string {
  const { base, head } = report;
  const out: string[] = [];
  const label = (p: PlanIdentity) => `${cell(code(p.stack))} (${cell(code(p.domain))})`;
  out.push(`#### Drift between ${label(base)} and ${label(head)}`, "");
  out.push(
    `${report.onlyInBase.length} only in ${code(base.stack)}, ${report.onlyInHead.length} only in ${code(head.stack)}, ${report.differing.length} differing; ${report.setAside.length} set aside as explained by the environment rules. The domain is written ${code("<domain>")} and the environment ${code("<env>")}.`,
  );
  const list = (title: string, items: DriftItem[]) => {
    out.push("", `##### ${title} (${items.length})`, "");
    if (items.length === 0) return void out.push("None.");
    out.push("| Kind | What |", "| --- | --- |");
    for (const i of items) out.push(`| ${KIND_TITLES[i.kind]} | ${valueCell(i.key)} |`);
  };
  list(`Only in ${code(base.stack)}`, report.onlyInBase);
  list(`Only in ${code(head.stack)}`, report.onlyInHead);
  out.push("", `##### Differing for no declared reason (${report.differing.length})`, "");
  if (report.differing.length === 0) out.push("None.");
  else {
    out.push(`| Kind | What | Field | ${cell(code(base.stack))} | ${cell(code(head.stack))} |`, "| --- | --- | --- | --- | --- |");
    for (const d of report.differing) {
      for (const f of d.fields) out.push(`| ${KIND_TITLES[d.kind]} | ${valueCell(d.key)} | ${f.path ? valueCell(f.path) : ""} | ${valueCell(f.base)} | ${valueCell(f.head)} |`);
    }
  }
  out.push("", `##### Set aside: explained by the environment rules (${report.setAside.length})`, "");
  if (report.setAside.length === 0) out.push("None.");
  else {
    out.push(`| Rule | What | ${cell(code(base.stack))} | ${cell(code(head.stack))} |`, "| --- | --- | --- | --- |");
    for (const s of report.setAside) out.push(`| ${cell(ENVIRONMENT_RULES[s.rule])} | ${KIND_TITLES[s.kind]} ${valueCell(s.key)} | ${valueCell(s.base)} | ${valueCell(s.head)} |`);
  }
  return `${out.join("\n")}\n`;
}
