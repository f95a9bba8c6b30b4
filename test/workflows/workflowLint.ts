/**
 * A small linter for our GitHub Actions workflows, run by workflows.test.ts over the parsed YAML.
 * It checks what a reviewer would otherwise have to remember: permissions are declared, every
 * action is pinned to a version, and secrets only ever come from `secrets.*` and never reach a
 * shell script's text (where they would be logged) or an `echo`.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { isSecretLookingKey } from "../../secretsScan/stackConfigRule";

export type Step = {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  "working-directory"?: string;
  "continue-on-error"?: boolean | string;
};
export type Job = {
  name?: string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string; url?: string };
  permissions?: Record<string, string> | string;
  env?: Record<string, unknown>;
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  uses?: string;
  steps?: Step[];
};
export type Workflow = {
  name?: string;
  on: Record<string, unknown> | string | string[];
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; "cancel-in-progress"?: boolean } | string;
  env?: Record<string, unknown>;
  jobs: Record<string, Job>;
};

export const WORKFLOW_DIR = path.resolve(__dirname, "../../.github/workflows");

export function loadWorkflows(dir = WORKFLOW_DIR): Map<string, Workflow> {
  const out = new Map<string, Workflow>();
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    out.set(file, parse(fs.readFileSync(path.join(dir, file), "utf8")) as Workflow);
  }
  return out;
}

/** A version tag (v6, v6.1, v6.1.2) or a full commit sha; branches like main/master are not pins. */
const PINNED_REF = /^(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

/** Credential shapes that must never appear literally in a workflow (same families secretlint knows). */
const LITERAL_CREDENTIALS: Array<[string, RegExp]> = [
  ["AWS access key id", /\b(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b/],
  ["Slack token", /\bxox[abposr]-[0-9A-Za-z-]{10,}/],
  ["GitHub token", /\b(ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/],
  ["Pulumi access token", /\bpul-[0-9a-f]{40}\b/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["Stripe live key", /\b[sr]k_live_[0-9A-Za-z]{10,}/],
];

/** `${{ secrets.NAME }}` or `${{ github.token }}`, alone. */
const SECRET_EXPRESSION = /^\$\{\{\s*(secrets\.[A-Za-z_][A-Za-z0-9_]*|github\.token)\s*\}\}$/;

export function allSteps(wf: Workflow): Array<{ jobId: string; job: Job; step: Step; index: number }> {
  return Object.entries(wf.jobs ?? {}).flatMap(([jobId, job]) =>
    (job.steps ?? []).map((step, index) => ({ jobId, job, step, index })),
  );
}

function label(jobId: string, step: Step, index: number): string {
  return `jobs.${jobId}.steps[${index}]${step.name ? ` (${step.name})` : step.uses ? ` (${step.uses})` : ""}`;
}

/** Every string in a parsed YAML value, with its path. */
function strings(value: unknown, at: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === "string") out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

/** Env var names (workflow, job or step level) whose value is a secret. */
function secretEnvNames(wf: Workflow, job: Job, step: Step): Set<string> {
  const names = new Set<string>();
  for (const env of [wf.env, job.env, step.env]) {
    for (const [k, v] of Object.entries(env ?? {})) {
      if ((typeof v === "string" && /\bsecrets\./.test(v)) || isSecretLookingKey(k)) names.add(k);
    }
  }
  return names;
}

/** Every problem found, as "file: where: what is wrong"; an empty list means the workflow passes. */
export function lintWorkflow(file: string, wf: Workflow): string[] {
  const problems: string[] = [];
  const report = (where: string, what: string) => problems.push(`${file}: ${where}: ${what}`);

  if (wf.permissions === undefined) report("permissions", "top-level permissions must be declared (least privilege, e.g. {contents: read})");
  const permissionScopes: Array<[string, Workflow["permissions"]]> = [
    ["permissions", wf.permissions],
    ...Object.entries(wf.jobs ?? {}).map(([id, j]) => [`jobs.${id}.permissions`, j.permissions] as [string, Workflow["permissions"]]),
  ];
  for (const [where, perms] of permissionScopes) {
    if (perms === "write-all") report(where, "write-all grants every scope; list the scopes the job needs");
  }
  const triggers = typeof wf.on === "string" ? [wf.on] : Array.isArray(wf.on) ? wf.on : Object.keys(wf.on ?? {});
  if (triggers.includes("pull_request_target")) {
    report("on", "pull_request_target runs fork code with a write token and secrets; use pull_request + workflow_run");
  }

  const usesRefs: Array<[string, string]> = [
    ...Object.entries(wf.jobs ?? {}).filter(([, j]) => j.uses).map(([id, j]) => [`jobs.${id}.uses`, j.uses!] as [string, string]),
    ...allSteps(wf).filter((s) => s.step.uses).map((s) => [label(s.jobId, s.step, s.index), s.step.uses!] as [string, string]),
  ];
  for (const [where, uses] of usesRefs) {
    if (uses.startsWith("./")) continue;
    if (uses.startsWith("docker://")) {
      if (!/[:@][^/]+$/.test(uses.slice("docker://".length)) || uses.endsWith(":latest")) report(where, `docker image ${uses} must name a tag or digest other than latest`);
      continue;
    }
    const ref = uses.includes("@") ? uses.slice(uses.lastIndexOf("@") + 1) : "";
    if (!PINNED_REF.test(ref)) report(where, `uses: ${uses} must be pinned to a version tag (vN[.N[.N]]) or a full commit sha, not ${ref ? `"${ref}"` : "nothing"}`);
  }

  for (const [at, text] of strings(wf, "")) {
    for (const [kind, re] of LITERAL_CREDENTIALS) {
      if (re.test(text)) report(at, `holds a literal ${kind}; store it as a repository or environment secret and reference secrets.NAME`);
    }
  }

  const scopes: Array<[string, Record<string, unknown> | undefined]> = [
    ["env", wf.env],
    ...Object.entries(wf.jobs ?? {}).map(([id, j]) => [`jobs.${id}.env`, j.env] as [string, Record<string, unknown> | undefined]),
    ...allSteps(wf).flatMap((s) => [
      [`${label(s.jobId, s.step, s.index)}.env`, s.step.env] as [string, Record<string, unknown> | undefined],
      [`${label(s.jobId, s.step, s.index)}.with`, s.step.with] as [string, Record<string, unknown> | undefined],
    ]),
  ];
  for (const [where, map] of scopes) {
    for (const [key, value] of Object.entries(map ?? {})) {
      // A boolean is a switch about credentials (persist-credentials: false), never a credential.
      if (!isSecretLookingKey(key) || typeof value === "boolean") continue;
      if (typeof value !== "string" || !SECRET_EXPRESSION.test(value.trim())) {
        report(`${where}.${key}`, "a secret-looking input must be exactly ${{ secrets.NAME }} (or ${{ github.token }})");
      }
    }
  }

  for (const { jobId, job, step, index } of allSteps(wf)) {
    if (typeof step.run !== "string") continue;
    const where = label(jobId, step, index);
    if (/\$\{\{[^}]*\bsecrets\./.test(step.run)) {
      report(where, "run: expands a secret into the script text; pass it through env: and use \"$NAME\"");
    }
    for (const name of secretEnvNames(wf, job, step)) {
      if (new RegExp(`\\$\\{\\{\\s*env\\.${name}\\s*\\}\\}`).test(step.run)) {
        report(where, `run: expands \${{ env.${name} }}, which holds a secret, into the script text`);
      }
      const printed = step.run.split("\n").some((line) =>
        /\b(echo|printf)\b/.test(line) && new RegExp(`\\$\\{?${name}\\b`).test(line));
      if (printed) report(where, `run: prints $${name}, which holds a secret`);
    }
  }
  return problems;
}
