/**
 * `launch-ready adopt`: read an existing Cloudflare zone (zone file export, saved API answers, or
 * the API) and write the draft stack config, import.json and ADOPTION.md into a new directory.
 */
import * as fs from "node:fs";
// The adoption pipeline renders a stack (the Pulumi SDK): it loads when the command runs, not for --help.
import type { RawAnswers } from "../../adopt";
import { AdoptInputError, type ZoneSnapshot } from "../../adopt/model";
import { EXIT_FINDINGS, UserError } from "../errors";

export interface AdoptFlags {
  stack: string;
  out: string;
  zone?: string;
  zoneFile?: string;
  dnsRecordsJson?: string;
  rulesetsJson?: string;
  settingsJson?: string;
  fromApi?: boolean;
}

async function readSource(flags: AdoptFlags): Promise<{ snapshot: ZoneSnapshot; raw: RawAnswers; accountId?: string }> {
  const files = [flags.zoneFile, flags.dnsRecordsJson, flags.rulesetsJson, flags.settingsJson].filter((f) => f !== undefined);
  if (flags.fromApi) {
    if (files.length > 0) throw new AdoptInputError("--from-api reads everything from the API; leave out --zone-file and the --*-json files");
    if (!flags.zone) throw new AdoptInputError("--from-api needs --zone DOMAIN (the zone's name, e.g. example.com)");
    const token = process.env.CLOUDFLARE_API_TOKEN;
    if (!token) throw new AdoptInputError("--from-api needs CLOUDFLARE_API_TOKEN (a read-only token: Zone Read, DNS Read, Zone Settings Read)");
    const { fetchZone } = require("../../adopt/fromApi") as typeof import("../../adopt/fromApi");
    const fetched = await fetchZone({ domain: flags.zone, token });
    return { snapshot: fetched.snapshot, raw: fetched.answers, ...(fetched.accountId ? { accountId: fetched.accountId } : {}) };
  }
  const { readSavedAnswers } = require("../../adopt/sources") as typeof import("../../adopt/sources");
  const snapshot = readSavedAnswers({ ...(flags.zoneFile ? { zoneFile: flags.zoneFile } : {}), ...(flags.dnsRecordsJson ? { dnsRecordsJson: flags.dnsRecordsJson } : {}), ...(flags.rulesetsJson ? { rulesetsJson: flags.rulesetsJson } : {}), ...(flags.settingsJson ? { settingsJson: flags.settingsJson } : {}) }, flags.zone);
  const raw: RawAnswers = {};
  const json = (file: string) => {
    const value = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    const result = value && typeof value === "object" && "result" in value ? (value as { result: unknown }).result : value;
    return Array.isArray(result) ? result : [result];
  };
  if (flags.dnsRecordsJson) raw.dnsRecords = json(flags.dnsRecordsJson);
  else if (flags.zoneFile) raw.zoneFileText = fs.readFileSync(flags.zoneFile, "utf8");
  if (flags.rulesetsJson) raw.rulesets = json(flags.rulesetsJson);
  if (flags.settingsJson) raw.settings = json(flags.settingsJson);
  return { snapshot, raw };
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export async function run(flags: AdoptFlags): Promise<void> {
  try {
    if (!/^[A-Za-z0-9_.-]+$/.test(flags.stack)) throw new AdoptInputError(`--stack ${JSON.stringify(flags.stack)} is not a stack name (letters, digits, "-", "_", ".")`);
    const { snapshot, raw, accountId } = await readSource(flags);
    const { prepareAdoption, writeAdoption } = require("../../adopt") as typeof import("../../adopt");
    const adopted = await prepareAdoption(snapshot, { stack: flags.stack, ...(accountId ? { accountId } : {}) });
    const files = writeAdoption(adopted, flags.out, raw);
    for (const f of files) process.stdout.write(`wrote ${f}\n`);
    const a = adopted.adoption;
    if (a) {
      const changed = a.records.filter((r) => r.kind !== "unchanged").length;
      process.stdout.write(`${a.importFile.resources.filter((r) => !r.component).length} resources to import, ${changed} record change(s), ${a.unmanaged.length} record(s) left as they are, ${adopted.draft.conflicts.length} conflict(s): read ADOPTION.md\n`);
    }
    if (adopted.configProblems.length > 0) {
      process.stderr.write(`the draft does not plan yet (${adopted.configProblems.length} problem(s), listed as TODOs in the draft and in ADOPTION.md)\n`);
      process.exitCode = EXIT_FINDINGS;
    }
  } catch (err) {
    if (err instanceof AdoptInputError) throw new UserError(err.message);
    throw err;
  }
}
