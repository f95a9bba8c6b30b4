/**
 * Reads saved Cloudflare API answers (`GET /zones/{id}/dns_records`, the zone's entry-point
 * rulesets with their rules, `GET /zones/{id}/settings`), as the API's `{result: ...}` envelope
 * or the bare array. Shapes follow the official SDK's types (cloudflare 7.x: dns/records.d.ts
 * `RecordResponse`, rulesets/phases `PhaseGetResponse`, zones/settings `SettingGetResponse`).
 */
import { z } from "zod";
import { AdoptInputError, normalizeContent, normalizeName, type ExistingRecord, type ExistingRuleset, type ExistingSetting } from "./model";

const apiRecord = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  content: z.string().optional(),
  proxied: z.boolean().optional(),
  ttl: z.number(),
  priority: z.number().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  zone_id: z.string().optional(),
  zone_name: z.string().optional(),
});

const apiRule = z.looseObject({
  id: z.string().optional(),
  ref: z.string().optional(),
  description: z.string().optional(),
  expression: z.string().default("true"),
  action: z.string().default(""),
  enabled: z.boolean().default(true),
  action_parameters: z.record(z.string(), z.unknown()).optional(),
});

const apiRuleset = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  kind: z.string(),
  phase: z.string(),
  rules: z.array(apiRule).optional(),
});

const apiSetting = z.looseObject({ id: z.string().min(1), value: z.unknown() });

/** The `result` of an API answer, or the bare value; anything else is refused with what was expected. */
function unwrap(text: string, file: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AdoptInputError(`${file} is not JSON (${(err as Error).message}); the saved answer of ${what} is expected`);
  }
  if (value && typeof value === "object" && !Array.isArray(value) && "result" in value) {
    const envelope = value as { success?: unknown; errors?: unknown; result: unknown };
    if (envelope.success === false) throw new AdoptInputError(`${file} is an API error answer (${JSON.stringify(envelope.errors)}); save a successful answer of ${what}`);
    return envelope.result;
  }
  return value;
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  throw new AdoptInputError(`${file}: ${where ? `${where} ` : ""}${issue.message.toLowerCase()}; the answer of ${what} (an array, or the API's {"result": [...]}) is expected`);
}

/** Content in the model's form, from the API's `data` where the type has one (CAA, SRV, DS). */
function recordContent(r: z.output<typeof apiRecord>): string {
  const d = r.data ?? {};
  if (r.type === "CAA" && d.tag !== undefined) return `${d.flags ?? 0} ${String(d.tag).toLowerCase()} ${String(d.value ?? "")}`;
  if (r.type === "SRV" && d.port !== undefined) return normalizeContent("SRV", `${d.weight ?? 0} ${d.port} ${String(d.target ?? ".")}`);
  if (r.type === "DS" && d.digest !== undefined) return normalizeContent("DS", `${d.key_tag} ${d.algorithm} ${d.digest_type} ${String(d.digest)}`);
  return normalizeContent(r.type, r.content ?? "");
}

export interface RecordsAnswer {
  records: ExistingRecord[];
  zoneId?: string;
  zoneName?: string;
}

export function readDnsRecordsJson(text: string, file: string): RecordsAnswer {
  const what = "GET /zones/{zone_id}/dns_records";
  const list = parseWith(z.array(apiRecord), unwrap(text, file, what), file, what);
  const records: ExistingRecord[] = [];
  for (const r of list) {
    const type = r.type.toUpperCase();
    const priority = type === "SRV" ? (r.data?.priority as number | undefined) ?? r.priority : type === "MX" ? r.priority : undefined;
    const record: ExistingRecord = {
      id: r.id,
      name: normalizeName(r.name),
      type,
      content: recordContent({ ...r, type }),
      ttl: r.ttl,
      proxied: r.proxied ?? false,
      ...(priority !== undefined ? { priority } : {}),
    };
    records.push(record);
  }
  const zoneIds = new Set(list.map((r) => r.zone_id).filter((id): id is string => id !== undefined));
  const zoneNames = new Set(list.map((r) => r.zone_name).filter((n): n is string => n !== undefined).map(normalizeName));
  if (zoneIds.size > 1 || zoneNames.size > 1) throw new AdoptInputError(`${file} mixes records of several zones (${[...zoneNames, ...zoneIds].join(", ")}); the answer for one zone is expected`);
  return { records, ...(zoneIds.size ? { zoneId: [...zoneIds][0]! } : {}), ...(zoneNames.size ? { zoneName: [...zoneNames][0]! } : {}) };
}

/** Entry-point rulesets with their rules: an array of `GET .../rulesets/phases/{phase}/entrypoint` results. */
export function readRulesetsJson(text: string, file: string): ExistingRuleset[] {
  const what = "the zone's entry-point rulesets (GET /zones/{zone_id}/rulesets/phases/{phase}/entrypoint, one per phase)";
  const raw = unwrap(text, file, what);
  const list = parseWith(z.array(apiRuleset), Array.isArray(raw) ? raw : [raw], file, what);
  const withoutRules = list.filter((r) => r.kind === "zone" && r.rules === undefined);
  if (withoutRules.length > 0) {
    throw new AdoptInputError(
      `${file} lists rulesets without their rules (${withoutRules.map((r) => r.phase).join(", ")}): that is the answer of GET /zones/{zone_id}/rulesets; save each entry point with GET /zones/{zone_id}/rulesets/phases/<phase>/entrypoint`,
    );
  }
  return list
    .filter((r) => r.kind === "zone")
    .map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      phase: r.phase,
      kind: r.kind,
      ...(r.name ? { name: r.name } : {}),
      rules: (r.rules ?? []).map((rule) => ({
        ...(rule.id ? { id: rule.id } : {}),
        ...(rule.ref ? { ref: rule.ref } : {}),
        ...(rule.description ? { description: rule.description } : {}),
        expression: rule.expression,
        action: rule.action,
        enabled: rule.enabled,
        ...(rule.action_parameters ? { actionParameters: rule.action_parameters } : {}),
      })),
    }));
}

export function readSettingsJson(text: string, file: string): ExistingSetting[] {
  const what = "GET /zones/{zone_id}/settings";
  return parseWith(z.array(apiSetting), unwrap(text, file, what), file, what).map((s) => ({ id: s.id, value: s.value }));
}
