/**
 * What the rendered draft does to the zone as it is: which planned resource is an existing one
 * (imported, then updated in place or replaced), which is new, which existing record no planned
 * resource takes (left unmanaged), and the Pulumi bulk import file for the first group.
 *
 * Names, types and parents come from the offline render of the draft (the same program `pulumi
 * up` runs), so import.json cannot drift from what the program registers. Import id forms are
 * each resource's `## Import` section in @pulumi/cloudflare 6.x: DnsRecord `<zone_id>/<record_id>`,
 * Ruleset `zones/<zone_id>/<ruleset_id>`, ZoneSetting `<zone_id>/<setting_id>`. The file format
 * (`{resources: [{type, name, id, parent, logicalName?, component?}]}`, parents named within the
 * file, empty components created by the import) is Pulumi's bulk import
 * (https://www.pulumi.com/docs/iac/cli/commands/pulumi_import/, pulumi/pulumi#14461 and #14467).
 */
import { txtKind } from "../components/schema/dns";
import { reveal, UNKNOWN_VALUE, type Plan, type PlannedResource } from "../plan/types";
import { normalizeContent, normalizeName, describeRecord, type ExistingRecord, type ExistingRule, type ExistingRuleset, type ZoneSnapshot } from "./model";
import { TYPES } from "../plan/model/tokens";

export const DNS_RECORD_TYPE = TYPES.dnsRecord;
export const RULESET_TYPE = TYPES.ruleset;
export const ZONE_SETTING_TYPE = TYPES.zoneSetting;

export interface ImportEntry {
  type: string;
  /** Unique within the file; the logical name unless two resources share one. */
  name: string;
  /** The resource's logical name when `name` had to be made unique. */
  logicalName?: string;
  id?: string;
  /** The `name` of the parent's entry in this file. */
  parent?: string;
  /** An (empty) component resource the import creates as a parent. */
  component?: boolean;
}

export interface ImportFile {
  resources: ImportEntry[];
}

/** A planned DNS record in the model's terms. */
export interface PlannedRecord {
  resource: PlannedResource;
  name: string;
  type: string;
  /** Undefined when only known after deploy (an SES DKIM token). */
  content: string | undefined;
  ttl: number;
  proxied: boolean;
  priority?: number;
}

/** One field of a record the first `pulumi up` changes. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export type RecordOutcome =
  | { kind: "unchanged" | "update" | "replace"; planned: PlannedRecord; existing: ExistingRecord; changes: FieldChange[] }
  | { kind: "create"; planned: PlannedRecord };

export interface SettingOutcome {
  resource: PlannedResource;
  settingId: string;
  before: unknown;
  after: unknown;
  /** Undefined when the saved answers hold no settings. */
  changed: boolean | undefined;
}

export interface RulesetOutcome {
  resource: PlannedResource;
  phase: string;
  /** The zone's entry point of that phase, when it exists: imported, its rules replaced. */
  existing?: ExistingRuleset;
  /** The rules the stack declares there (refs and expressions). */
  declared: Array<{ ref: string; expression: string }>;
}

export interface Adoption {
  records: RecordOutcome[];
  settings: SettingOutcome[];
  rulesets: RulesetOutcome[];
  /** Existing records no planned record takes: they stay in the zone as they are. */
  unmanaged: ExistingRecord[];
  importFile: ImportFile;
  /** Planned resources that exist but whose import id the saved answers do not give. */
  missingIds: Array<{ resource: PlannedResource; what: string }>;
}

function str(value: unknown): string | undefined {
  const plain = reveal(value);
  return typeof plain === "string" && plain !== UNKNOWN_VALUE ? plain : undefined;
}

/** A DnsRecord's inputs in the model's form (content as the zone file would show it). */
export function plannedRecord(resource: PlannedResource): PlannedRecord {
  const inputs = resource.inputs;
  const type = String(reveal(inputs.type)).toUpperCase();
  const data = reveal(inputs.data) as Record<string, unknown> | undefined;
  let content = str(inputs.content);
  let priority = typeof reveal(inputs.priority) === "number" ? (reveal(inputs.priority) as number) : undefined;
  if (type === "CAA" && data) content = `${String(data.flags ?? 0)} ${String(data.tag)} ${String(data.value)}`;
  if (type === "SRV" && data) {
    content = `${String(data.weight)} ${String(data.port)} ${String(data.target)}`;
    priority = typeof data.priority === "number" ? data.priority : priority;
  }
  if (type === "DS" && data) content = `${String(data.keyTag)} ${String(data.algorithm)} ${String(data.digestType)} ${String(data.digest)}`;
  return {
    resource,
    name: normalizeName(String(reveal(inputs.name))),
    type,
    content: content === undefined ? undefined : normalizeContent(type, content),
    ttl: typeof reveal(inputs.ttl) === "number" ? (reveal(inputs.ttl) as number) : 1,
    proxied: reveal(inputs.proxied) === true,
    ...(priority !== undefined ? { priority } : {}),
  };
}

/** The TXT "kind" one name carries once (SPF, DMARC...), so updates pair the right records. */
function kindOf(value: string | undefined): string {
  return txtKind(value ?? "") ?? "";
}

function differences(planned: PlannedRecord, existing: ExistingRecord): FieldChange[] {
  const out: FieldChange[] = [];
  const change = (field: string, before: unknown, after: unknown) => out.push({ field, before: String(before), after: String(after) });
  if (planned.type !== existing.type) change("type", existing.type, planned.type);
  if (planned.content !== undefined && planned.content !== existing.content) change("content", existing.content, planned.content);
  if (planned.priority !== undefined && planned.priority !== existing.priority) change("priority", existing.priority ?? "none", planned.priority);
  if (planned.proxied !== existing.proxied) change("proxied", existing.proxied, planned.proxied);
  // Proxied records always have automatic TTL whatever is sent; compare TTL only when unproxied.
  if (!planned.proxied && planned.ttl !== existing.ttl) change("ttl", existing.ttl, planned.ttl);
  return out;
}

/** Pairs planned records with existing ones: same content first, then in place by role, then a type change at a host. */
export function matchRecords(planned: PlannedRecord[], existing: ExistingRecord[]): { outcomes: RecordOutcome[]; unmanaged: ExistingRecord[] } {
  const free = new Set(existing);
  const matched = new Map<PlannedRecord, ExistingRecord>();
  const take = (p: PlannedRecord, test: (e: ExistingRecord) => boolean) => {
    if (matched.has(p)) return;
    const e = [...free].find((x) => x.name === p.name && test(x));
    if (e) {
      matched.set(p, e);
      free.delete(e);
    }
  };
  for (const p of planned) take(p, (e) => e.type === p.type && e.content === p.content && (p.priority === undefined || e.priority === p.priority));
  for (const p of planned) take(p, (e) => e.type === p.type && e.content === p.content);
  for (const p of planned) take(p, (e) => e.type === p.type && (p.type !== "TXT" || kindOf(e.content) === kindOf(p.content)) && p.type !== "CAA");
  const alias = new Set(["A", "AAAA", "CNAME"]);
  for (const p of planned) if (alias.has(p.type)) take(p, (e) => alias.has(e.type));
  const outcomes = planned.map((p): RecordOutcome => {
    const e = matched.get(p);
    if (!e) return { kind: "create", planned: p };
    const changes = differences(p, e);
    return { kind: changes.length === 0 ? "unchanged" : p.type !== e.type ? "replace" : "update", planned: p, existing: e, changes };
  });
  return { outcomes, unmanaged: existing.filter((e) => free.has(e)) };
}

function rulesOf(resource: PlannedResource): Array<{ ref: string; expression: string }> {
  const rules = reveal(resource.inputs.rules);
  if (!Array.isArray(rules)) return [];
  return rules.map((r) => {
    const rule = reveal(r) as Record<string, unknown>;
    return { ref: String(reveal(rule.ref) ?? ""), expression: String(reveal(rule.expression) ?? "") };
  });
}

/** Builds the bulk import file for the adopted resources, with their component parents. */
function importFileFor(plan: Plan, adopted: Array<{ resource: PlannedResource; id: string }>): ImportFile {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const wanted: PlannedResource[] = [];
  const seen = new Set<string>();
  const add = (r: PlannedResource) => {
    if (seen.has(r.urn)) return;
    if (r.parent && byUrn.has(r.parent)) add(byUrn.get(r.parent)!);
    seen.add(r.urn);
    wanted.push(r);
  };
  for (const { resource } of adopted) add(resource);
  const count = new Map<string, number>();
  for (const r of wanted) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  const keyOf = new Map<string, string>();
  for (const r of wanted) {
    const parentKey = r.parent ? keyOf.get(r.parent) : undefined;
    keyOf.set(r.urn, count.get(r.name)! > 1 && parentKey ? `${parentKey}-${r.name}` : r.name);
  }
  const ids = new Map(adopted.map((a) => [a.resource.urn, a.id]));
  return {
    resources: wanted.map((r) => {
      const name = keyOf.get(r.urn)!;
      const parent = r.parent ? keyOf.get(r.parent) : undefined;
      return {
        type: r.type,
        name,
        ...(name !== r.name ? { logicalName: r.name } : {}),
        ...(r.custom ? { id: ids.get(r.urn)! } : { component: true }),
        ...(parent ? { parent } : {}),
      };
    }),
  };
}

/** Matches the rendered draft against the zone as found. */
export function adoptPlan(plan: Plan, snapshot: ZoneSnapshot): Adoption {
  const planned = plan.resources.filter((r) => r.type === DNS_RECORD_TYPE).map(plannedRecord);
  const { outcomes, unmanaged } = matchRecords(planned, snapshot.records);
  const zoneId = snapshot.zoneId;
  const adopted: Array<{ resource: PlannedResource; id: string }> = [];
  const missingIds: Adoption["missingIds"] = [];
  for (const o of outcomes) {
    if (o.kind === "create") continue;
    if (zoneId && o.existing.id) adopted.push({ resource: o.planned.resource, id: `${zoneId}/${o.existing.id}` });
    else missingIds.push({ resource: o.planned.resource, what: describeRecord(o.existing) });
  }
  const settings = plan.resources
    .filter((r) => r.type === ZONE_SETTING_TYPE)
    .map((resource): SettingOutcome => {
      const settingId = String(reveal(resource.inputs.settingId));
      const after = reveal(resource.inputs.value);
      const found = snapshot.settings?.find((s) => s.id === settingId);
      if (zoneId) adopted.push({ resource, id: `${zoneId}/${settingId}` });
      else missingIds.push({ resource, what: `zone setting ${settingId}` });
      return { resource, settingId, before: found?.value, after, changed: snapshot.settings ? !sameValue(found?.value, after) : undefined };
    });
  const rulesets = plan.resources
    .filter((r) => r.type === RULESET_TYPE && reveal(r.inputs.kind) === "zone")
    .map((resource): RulesetOutcome => {
      const phase = String(reveal(resource.inputs.phase));
      const existing = snapshot.rulesets?.find((r) => r.phase === phase);
      if (existing?.id && zoneId) adopted.push({ resource, id: `zones/${zoneId}/${existing.id}` });
      else if (existing) missingIds.push({ resource, what: `the ${phase} entry-point ruleset` });
      return { resource, phase, ...(existing ? { existing } : {}), declared: rulesOf(resource) };
    });
  return { records: outcomes, settings, rulesets, unmanaged, importFile: importFileFor(plan, adopted), missingIds };
}

/** Setting values compare by content (the API's `"on"` vs the stack's `"on"`; objects key by key, extra API keys ignored). */
function sameValue(before: unknown, after: unknown): boolean {
  if (typeof after !== "object" || after === null) return before === after;
  if (typeof before !== "object" || before === null) return false;
  return Object.entries(after as Record<string, unknown>).every(([k, v]) => sameValue((before as Record<string, unknown>)[k], v));
}

/** Rules of an existing entry point the stack's ruleset will replace (the stack owns the whole phase). */
export function replacedRules(outcome: RulesetOutcome): ExistingRule[] {
  return outcome.existing?.rules ?? [];
}
