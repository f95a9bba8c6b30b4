/**
 * ADOPTION.md: what is adopted, what the first `pulumi up` changes (per record and setting, before
 * -> after), which dashboard rules the stack's rulesets replace (with their expressions), the
 * conflicts found (ranked like verify's risks), the records left as they are, and what the user
 * must decide. Every value from the zone is Markdown-escaped: a TXT record can hold anything.
 */
import type { Conflict, Draft } from "./draft";
import type { Adoption } from "./imports";
import { describeRecord, type ZoneSnapshot } from "./model";

/** Escapes text for Markdown (inline and table cells): no value can open a link, code, HTML or a new cell. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`));
}

const md = escapeMarkdown;
const SEVERITY_ORDER: Record<Conflict["severity"], number> = { critical: 0, high: 1, medium: 2, low: 3 };

function show(value: unknown): string {
  return value === undefined ? "(not in the saved answers)" : typeof value === "string" ? value : JSON.stringify(value);
}

export interface ReportInput {
  stack: string;
  snapshot: ZoneSnapshot;
  draft: Draft;
  /** Absent when the draft did not render (its config problems are then listed). */
  adoption?: Adoption;
  configProblems?: string[];
}

/** The commands that fetch what a zone file lacks (record ids, rulesets, settings) with a read-only token. */
export function fetchCommands(domain: string, stack: string): string[] {
  const api = "https://api.cloudflare.com/client/v4";
  return [
    `npm run adopt -- --stack ${stack} --out adopt-${stack} --from-api --zone ${domain}   (CLOUDFLARE_API_TOKEN: Zone Read, DNS Read, Zone Settings Read)`,
    `or save the answers: curl -s -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" "${api}/zones/$ZONE_ID/dns_records?per_page=1000" > dns_records.json, and pass --dns-records-json dns_records.json`,
  ];
}

export function renderAdoptionReport(input: ReportInput): string {
  const { snapshot, draft, adoption, stack } = input;
  const decisions: string[] = draft.todos.map((t) => t.replace(/^TODO: /, ""));
  const out: string[] = [];
  const line = (s = "") => out.push(s);
  line(`# Adopting ${md(snapshot.domain)} into stack ${md(stack)}`);
  line();
  line(`Read from: ${snapshot.sources.map(md).join(", ")}. ${snapshot.records.length} records${snapshot.rulesets ? `, ${snapshot.rulesets.length} entry-point rulesets` : ""}${snapshot.settings ? `, ${snapshot.settings.length} settings` : ""}.`);
  line();
  line(`Next: review \`Pulumi.${md(stack)}.yaml\` (every inferred choice is commented; TODOs first), copy it beside Pulumi.yaml, run \`npm run plan -- --stack ${md(stack)}\`, then \`pulumi import --file import.json\` and \`pulumi up\` (docs/adopt.md).`);
  line();

  if (input.configProblems?.length) {
    line("## The draft does not plan yet");
    line();
    for (const p of input.configProblems) line(`- ${md(p)}`);
    line();
  }

  if (adoption) {
    const entries = adoption.importFile.resources.filter((r) => !r.component);
    line(`## Adopted (import.json: ${entries.length} resources)`);
    line();
    if (entries.length > 0) {
      line("| Type | Name | Import id |");
      line("| --- | --- | --- |");
      for (const e of entries) line(`| ${md(e.type)} | ${md(e.logicalName ?? e.name)} | ${md(e.id ?? "")} |`);
      line();
    }
    if (adoption.missingIds.length > 0) {
      line(`### Not in import.json: ids not in the saved answers (${adoption.missingIds.length})`);
      line();
      line("These exist in the zone, but the source gives no id to import them by. Fetch the ids, then run adopt again:");
      line();
      for (const c of fetchCommands(snapshot.domain, stack)) line(`- ${md(c)}`);
      line();
      for (const m of adoption.missingIds) line(`- ${md(m.resource.name)}: ${md(m.what)}`);
      line();
    }

    line("## What the first `pulumi up` changes");
    line();
    line("### DNS records");
    line();
    line("| Record | Change | Before -> after |");
    line("| --- | --- | --- |");
    for (const o of adoption.records) {
      if (o.kind === "create") {
        line(`| ${md(o.planned.resource.name)} | create | (none) -> ${md(`${o.planned.name} ${o.planned.type} ${o.planned.priority !== undefined ? `${o.planned.priority} ` : ""}${o.planned.content ?? "(known after deploy)"}`)} |`);
      } else if (o.kind !== "unchanged") {
        line(`| ${md(o.planned.resource.name)} (${md(describeRecord(o.existing))}) | ${o.kind === "replace" ? "replace (delete, then create)" : "update in place"} | ${o.changes.map((c) => `${md(c.field)}: ${md(c.before)} -> ${md(c.after)}`).join("; ")} |`);
      }
    }
    const unchanged = adoption.records.filter((o) => o.kind === "unchanged");
    line();
    line(`${unchanged.length} adopted record(s) stay exactly as they are.`);
    line();
    line("### Zone settings");
    line();
    line("| Setting | Before | After |");
    line("| --- | --- | --- |");
    for (const s of adoption.settings) line(`| ${md(s.settingId)} | ${md(show(s.before))} | ${md(show(s.after))}${s.changed === false ? " (unchanged)" : ""} |`);
    line();
    line("### Rulesets (the stack owns each phase's entry point: its rules replace the dashboard's)");
    line();
    for (const r of adoption.rulesets) {
      const replaced = r.existing?.rules ?? [];
      line(`- ${md(r.phase)}: ${r.existing ? `entry point ${md(r.existing.id ?? "(id unknown)")} adopted` : snapshot.rulesets ? "none today: created" : "not read (no rulesets in the saved answers): if the zone has one, creating it fails with 20217"}; the stack declares ${r.declared.length} rule(s): ${r.declared.map((d) => md(d.ref)).join(", ")}`);
      for (const rule of replaced) {
        const expressed = draft.expressedRules.find((e) => e.phase === r.phase && e.expression === rule.expression);
        line(`  - replaced: ${md(rule.description ?? rule.ref ?? rule.id ?? "(unnamed rule)")} (${md(rule.action)}${rule.enabled ? "" : ", disabled"}): ${md(rule.expression)}${expressed ? ` (kept as ${md(expressed.as)})` : ""}`);
      }
    }
    for (const r of adoption.rulesets) {
      for (const rule of r.existing?.rules ?? []) {
        if (draft.expressedRules.some((e) => e.phase === r.phase && e.expression === rule.expression)) continue;
        decisions.push(`the dashboard rule "${rule.description ?? rule.ref ?? rule.id ?? "(unnamed)"}" (${r.phase}, ${rule.action}: ${rule.expression}) is replaced by the stack's rules: express it in the edge config if it is still needed, or accept its removal`);
      }
    }
    const unplanned = (snapshot.rulesets ?? []).filter((e) => !adoption.rulesets.some((r) => r.phase === e.phase));
    for (const e of unplanned) line(`- ${md(e.phase)}: entry point ${md(e.id ?? "")} with ${e.rules.length} rule(s), not managed by the stack: left as it is`);
    line();
  }

  const unmanaged = adoption ? adoption.unmanaged : [];
  line(`## Records left as they are (${unmanaged.length})`);
  line();
  line("The stack does not declare these; `pulumi up` neither changes nor deletes them.");
  line();
  for (const r of unmanaged) {
    const why = draft.unmanaged.find((u) => u.record === r)?.reason ?? "no section of the draft declares it";
    line(`- ${md(describeRecord(r))}: ${md(why)}`);
  }
  for (const s of snapshot.skipped) line(`- ${md(describeRecord(s.record))}: not adopted (${md(s.reason)})`);
  line();

  const conflicts = [...draft.conflicts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  line(`## Conflicts found (${conflicts.length})`);
  line();
  for (const c of conflicts) line(`- **${c.severity}** ${md(c.id)}: ${md(c.message)}. Decide: ${md(c.decision)}`);
  line();
  for (const c of conflicts) decisions.push(`${c.message}: ${c.decision}`);
  line(`## Decisions for you (${decisions.length})`);
  line();
  for (const d of decisions) line(`- ${md(d)}`);
  line();
  return out.join("\n");
}
