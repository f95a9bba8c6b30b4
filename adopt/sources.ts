/**
 * One zone snapshot from whichever source the flags name: a zone file export, saved API answers,
 * or (fromApi.ts) the API itself. Every source ends in `assembleSnapshot`, which checks the
 * records belong to the zone and sets aside what Cloudflare owns.
 */
import * as fs from "node:fs";
import { readDnsRecordsJson, readRulesetsJson, readSettingsJson } from "./apiFiles";
import { AdoptInputError, isCloudflareNameServer, type ExistingRecord, type ExistingRuleset, type ExistingSetting, type ZoneSnapshot } from "./model";
import { parseZoneFile } from "./zoneFile";

export interface SavedAnswers {
  zoneFile?: string;
  dnsRecordsJson?: string;
  rulesetsJson?: string;
  settingsJson?: string;
}

/** The file names `adopt` saves its API answers under, and `plan --existing DIR` reads. */
export const SAVED_ANSWER_FILES = {
  dnsRecordsJson: "dns_records.json",
  rulesetsJson: "rulesets.json",
  settingsJson: "settings.json",
  zoneFile: "zone.txt",
} as const satisfies Record<keyof SavedAnswers, string>;

function readText(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new AdoptInputError(`cannot read ${flag} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export interface AssembleInput {
  domain: string;
  zoneId?: string;
  records: ExistingRecord[];
  rulesets?: ExistingRuleset[];
  settings?: ExistingSetting[];
  skipped?: ZoneSnapshot["skipped"];
  sources: string[];
}

/** Checks every record is inside `domain` and sets aside Cloudflare's own apex NS records. */
export function assembleSnapshot(input: AssembleInput): ZoneSnapshot {
  const outside = input.records.filter((r) => r.name !== input.domain && !r.name.endsWith(`.${input.domain}`));
  if (outside.length > 0) {
    throw new AdoptInputError(`${input.sources.join(", ")} hold records outside ${input.domain} (${outside.slice(0, 3).map((r) => r.name).join(", ")}); the records of the zone ${input.domain} are expected`);
  }
  const skipped = [...(input.skipped ?? [])];
  const records = input.records.filter((r) => {
    if (r.type === "NS" && r.name === input.domain && isCloudflareNameServer(r.content)) {
      skipped.push({ record: r, reason: "Cloudflare's own name server" });
      return false;
    }
    return true;
  });
  return {
    domain: input.domain,
    ...(input.zoneId ? { zoneId: input.zoneId } : {}),
    records,
    ...(input.rulesets ? { rulesets: input.rulesets } : {}),
    ...(input.settings ? { settings: input.settings } : {}),
    skipped,
    sources: input.sources,
  };
}

/**
 * The snapshot from saved files. The zone file and the records JSON are alternatives for the
 * records (the JSON wins: it has the ids import.json needs); rulesets and settings add to either.
 */
export function readSavedAnswers(answers: SavedAnswers, given?: string): ZoneSnapshot {
  let domain = given;
  if (!answers.zoneFile && !answers.dnsRecordsJson) throw new AdoptInputError("no source of the zone's records: pass --zone-file FILE, --dns-records-json FILE or --from-api");
  let records: ExistingRecord[] = [];
  let zoneId: string | undefined;
  let skipped: ZoneSnapshot["skipped"] = [];
  const sources: string[] = [];
  if (answers.dnsRecordsJson) {
    const answer = readDnsRecordsJson(readText(answers.dnsRecordsJson, "--dns-records-json"), answers.dnsRecordsJson);
    domain ??= answer.zoneName;
    if (!domain) throw new AdoptInputError(`${answers.dnsRecordsJson} does not name its zone (no zone_name): pass --zone DOMAIN`);
    if (answer.zoneName && answer.zoneName !== domain) throw new AdoptInputError(`${answers.dnsRecordsJson} holds the records of ${answer.zoneName}, not of ${domain}`);
    records = answer.records;
    zoneId = answer.zoneId;
    sources.push(answers.dnsRecordsJson);
  } else if (answers.zoneFile) {
    const parsed = parseZoneFile(readText(answers.zoneFile, "--zone-file"), answers.zoneFile, domain);
    domain = parsed.domain;
    records = parsed.records;
    skipped = parsed.skipped;
    sources.push(answers.zoneFile);
  }
  if (!domain) throw new AdoptInputError("the zone's domain is unknown: pass --zone DOMAIN");
  const rulesets = answers.rulesetsJson ? readRulesetsJson(readText(answers.rulesetsJson, "--rulesets-json"), answers.rulesetsJson) : undefined;
  if (answers.rulesetsJson) sources.push(answers.rulesetsJson);
  const settings = answers.settingsJson ? readSettingsJson(readText(answers.settingsJson, "--settings-json"), answers.settingsJson) : undefined;
  if (answers.settingsJson) sources.push(answers.settingsJson);
  return assembleSnapshot({ domain, ...(zoneId ? { zoneId } : {}), records, ...(rulesets ? { rulesets } : {}), ...(settings ? { settings } : {}), skipped, sources });
}
