/**
 * `plan --existing DIR`: what the plan would run into in the zone as it is, before any deploy.
 * Every planned resource is a create until it is imported, so: a record identical to an existing
 * one fails (API error 81058), a CNAME beside anything or anything beside a CNAME is refused, a
 * second record of another content under the same name and type is silently added (round-robin
 * to an old server, a second SPF), and a zone ruleset in a phase whose entry point exists fails
 * (20217: "A similar configuration with rules already exists"). Existing records no planned
 * record takes are listed as left unmanaged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Plan } from "../plan/types";
import { DNS_RECORD_TYPE, matchRecords, plannedRecord, RULESET_TYPE } from "./imports";
import { AdoptInputError, describeRecord, type ExistingRecord, type ZoneSnapshot } from "./model";
import { readSavedAnswers, SAVED_ANSWER_FILES, type SavedAnswers } from "./sources";
import { reveal } from "../plan/types";
import { isSpfRecord } from "../kernel/spf";
import { isDmarcRecord } from "../kernel/dmarc";

export interface Collision {
  /** The planned resource's logical name and URN. */
  name: string;
  urn: string;
  /** The API error the create meets, or "duplicate" when Cloudflare silently adds a second record. */
  error: "81058" | "cname-conflict" | "duplicate" | "20217";
  message: string;
}

export interface ExistingReport {
  domain: string;
  collisions: Collision[];
  unmanaged: ExistingRecord[];
  /** Parts the saved answers did not hold (e.g. rulesets from a zone file only). */
  notChecked: string[];
}

/** Reads the saved answers `adopt` keeps in DIR (existing/ of its output, or any folder with those file names). */
export function readExistingDir(dir: string, domain: string): ZoneSnapshot {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AdoptInputError(`--existing ${dir} is not a directory; a folder with ${Object.values(SAVED_ANSWER_FILES).join(", ")} (adopt writes one as <out>/existing) is expected`);
  const answers: SavedAnswers = {};
  for (const [key, file] of Object.entries(SAVED_ANSWER_FILES) as Array<[keyof SavedAnswers, string]>) {
    const full = path.join(dir, file);
    if (fs.existsSync(full)) answers[key] = full;
  }
  if (!answers.dnsRecordsJson && !answers.zoneFile) {
    throw new AdoptInputError(`--existing ${dir} holds neither ${SAVED_ANSWER_FILES.dnsRecordsJson} nor ${SAVED_ANSWER_FILES.zoneFile}; save the zone's records there (see docs/adopt.md)`);
  }
  return readSavedAnswers(answers, domain);
}

export function compareWithExisting(plan: Plan, snapshot: ZoneSnapshot): ExistingReport {
  const planned = plan.resources.filter((r) => r.type === DNS_RECORD_TYPE).map(plannedRecord);
  const collisions: Collision[] = [];
  const { unmanaged } = matchRecords(planned, snapshot.records);
  for (const p of planned) {
    const here = snapshot.records.filter((e) => e.name === p.name);
    const identical = here.find((e) => e.type === p.type && e.content === p.content && (p.priority === undefined || e.priority === p.priority));
    const base = { name: p.resource.name, urn: p.resource.urn };
    if (identical) {
      collisions.push({ ...base, error: "81058", message: `${describeRecord(identical)} already exists: creating it again fails (81058, identical record); import it (adopt writes import.json)` });
      continue;
    }
    // Below the apex a CNAME must be alone; at the apex Cloudflare flattens it, so only an address
    // beside it clashes ("A/AAAA records cannot exist on the same name as CNAME records": SDK dns/records.d.ts).
    const alias = new Set(["A", "AAAA", "CNAME"]);
    const clashes = here.filter((e) =>
      p.name === snapshot.domain ? alias.has(e.type) && alias.has(p.type) && (e.type === "CNAME") !== (p.type === "CNAME") : e.type === "CNAME" || p.type === "CNAME",
    );
    if (clashes.length > 0) {
      const other = clashes[0]!;
      collisions.push({ ...base, error: "cname-conflict", message: `${describeRecord(other)} exists: Cloudflare refuses a ${p.type} beside it (a CNAME must be alone at its name); import or delete it first` });
      continue;
    }
    const sameType = here.filter((e) => e.type === p.type && (p.type !== "TXT" || isSpfRecord(e.content) === isSpfRecord(p.content ?? "")));
    if (sameType.length > 0 && ["A", "AAAA", "MX", "TXT", "CAA"].includes(p.type) && (p.type !== "TXT" || isSpfRecord(p.content ?? "") || isDmarcRecord(p.content ?? ""))) {
      collisions.push({ ...base, error: "duplicate", message: `${sameType.map(describeRecord).join("; ")} exists: creating ${p.name} ${p.type} ${p.content ?? ""} adds a second record beside it (${p.type === "TXT" ? "two SPF or DMARC records fail for every receiver" : "answers alternate between old and new"}); import it instead` });
    }
  }
  const notChecked: string[] = [];
  if (snapshot.rulesets) {
    for (const r of plan.resources.filter((x) => x.type === RULESET_TYPE && reveal(x.inputs.kind) === "zone")) {
      const phase = String(reveal(r.inputs.phase));
      const existing = snapshot.rulesets.find((e) => e.phase === phase);
      if (existing) {
        collisions.push({ name: r.name, urn: r.urn, error: "20217", message: `the zone already has the ${phase} entry point ${existing.id ?? ""} with ${existing.rules.length} rule(s): creating another fails (20217); import it (its rules are then replaced by the stack's)` });
      }
    }
  } else notChecked.push("rulesets (the saved answers hold none: a create in a phase whose entry point exists fails with 20217)");
  return { domain: snapshot.domain, collisions, unmanaged, notChecked };
}

/** The text `plan --existing` prints (terminal text: values are printed as data, control characters removed). */
export function formatExistingReport(report: ExistingReport): string {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  const lines = [`Existing zone ${report.domain}: ${report.collisions.length} create(s) would collide, ${report.unmanaged.length} existing record(s) left unmanaged`];
  for (const c of report.collisions) lines.push(`  collide  ${clean(c.name)} [${c.error}]: ${clean(c.message)}`);
  for (const r of report.unmanaged) lines.push(`  unmanaged  ${clean(describeRecord(r))}`);
  for (const n of report.notChecked) lines.push(`  not checked: ${n}`);
  return lines.join("\n");
}
