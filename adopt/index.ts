/**
 * `adopt`: from a zone snapshot to the files that bring the zone under the stack: the draft stack
 * config, Pulumi's bulk import file and the adoption report. The draft is rendered offline by the
 * same renderer `plan` uses, so import.json names exactly what the program registers.
 * Writing is all or nothing: into a temporary directory beside DIR, then renamed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigError } from "../components/config";
import { renderPlan, type RenderOptions, type RenderResult } from "../plan/render";
import { buildDraft, type Draft, type DraftOptions } from "./draft";
import { adoptPlan, type Adoption, type ImportFile } from "./imports";
import { AdoptInputError, type ZoneSnapshot } from "./model";
import { renderAdoptionReport } from "./report";
import { SAVED_ANSWER_FILES } from "./sources";
import { renderDraftYaml } from "./yaml";

export interface Adopted {
  stack: string;
  draft: Draft;
  yaml: string;
  /** Absent when the draft does not render (configProblems says why). */
  render?: RenderResult;
  adoption?: Adoption;
  importFile: ImportFile;
  configProblems: string[];
  report: string;
}

function header(snapshot: ZoneSnapshot, stack: string): string[] {
  return [
    `Draft stack config for ${snapshot.domain}, written by \`npm run adopt -- --stack ${stack}\` from ${snapshot.sources.join(", ")}.`,
    "Every inferred choice is commented: CHANGED marks what the first `pulumi up` changes, CREATED what it adds, TODO what you must decide.",
    "Read ADOPTION.md beside this file before `pulumi import --file import.json` and `pulumi up`.",
  ];
}

/** Builds the draft, renders it offline and matches it against the zone. Writes nothing to DIR. */
export async function prepareAdoption(snapshot: ZoneSnapshot, options: DraftOptions, render_: (options: RenderOptions) => Promise<RenderResult> = renderPlan): Promise<Adopted> {
  const draft = buildDraft(snapshot, options);
  let yaml = renderDraftYaml(draft, header(snapshot, options.stack));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "launch-ready-adopt-"));
  const configFile = path.join(scratch, `Pulumi.${options.stack}.yaml`);
  let render: RenderResult | undefined;
  let configProblems: string[] = [];
  try {
    fs.writeFileSync(configFile, yaml);
    render = await render_({ stack: options.stack, configFile });
  } catch (err) {
    // By name: a caller's renderer may load its own copy of the config module (a test's fresh registry).
    const name = (err as Error | undefined)?.name;
    if (name === "ConfigError") configProblems = (err as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    else if (name === "ProgramError") configProblems = [(err as Error).message];
    else throw err;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (configProblems.length > 0) yaml = renderDraftYaml(draft, header(snapshot, options.stack), configProblems.map((p) => `TODO (does not plan yet): ${p}`));
  const adoption = render ? adoptPlan(render.plan, snapshot) : undefined;
  const report = renderAdoptionReport({ stack: options.stack, snapshot, draft, ...(adoption ? { adoption } : {}), configProblems });
  return { stack: options.stack, draft, yaml, ...(render ? { render } : {}), ...(adoption ? { adoption } : {}), importFile: adoption?.importFile ?? { resources: [] }, configProblems, report };
}

/** Raw API answers to keep beside the draft, for `plan --existing DIR/existing`. */
export interface RawAnswers {
  dnsRecords?: unknown[];
  rulesets?: unknown[];
  settings?: unknown[];
  zoneFileText?: string;
}

/**
 * Writes Pulumi.<stack>.yaml, import.json, ADOPTION.md (and existing/ with the answers read) into
 * `out` at once: a temporary sibling directory renamed into place. `out` must not exist or be empty.
 */
export function writeAdoption(adopted: Adopted, out: string, raw: RawAnswers = {}): string[] {
  const target = path.resolve(out);
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0) {
      throw new AdoptInputError(`--out ${out} exists and is not an empty directory; adopt writes a new directory (it never overwrites)`);
    }
  }
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw new AdoptInputError(`cannot create ${parent}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const temp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.partial-`));
  const files: Record<string, string> = {
    [`Pulumi.${adopted.stack}.yaml`]: adopted.yaml,
    "import.json": JSON.stringify(adopted.importFile, null, 2) + "\n",
    "ADOPTION.md": adopted.report,
  };
  if (raw.dnsRecords) files[`existing/${SAVED_ANSWER_FILES.dnsRecordsJson}`] = JSON.stringify({ result: raw.dnsRecords }, null, 2) + "\n";
  if (raw.rulesets) files[`existing/${SAVED_ANSWER_FILES.rulesetsJson}`] = JSON.stringify({ result: raw.rulesets }, null, 2) + "\n";
  if (raw.settings) files[`existing/${SAVED_ANSWER_FILES.settingsJson}`] = JSON.stringify({ result: raw.settings }, null, 2) + "\n";
  if (raw.zoneFileText !== undefined) files[`existing/${SAVED_ANSWER_FILES.zoneFile}`] = raw.zoneFileText;
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(temp, name)), { recursive: true });
      fs.writeFileSync(path.join(temp, name), text);
    }
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw new AdoptInputError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return Object.keys(files).map((f) => path.join(target, f));
}
