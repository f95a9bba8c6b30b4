/** Realistic base/head pairs: the recorded base plans of test/fixtures/diff, edited the way a PR would. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SECRET_SIG, SECRET_SIG_KEY, type Plan, type PlannedResource } from "../../plan/types";
import { diffPlans, toMarkdown, type DiffReport, type RiskKind } from "../../diff";

export const FIXTURES = join(__dirname, "../fixtures/diff");

export function basePlan(stack: "prod" | "staging" = "prod"): Plan {
  return JSON.parse(readFileSync(join(FIXTURES, `base-${stack}.json`), "utf8")) as Plan;
}

/** A deep copy of the base, edited by `change`. */
export function headFrom(base: Plan, change: (head: Plan) => void): Plan {
  const head = JSON.parse(JSON.stringify(base)) as Plan;
  change(head);
  return head;
}

export function res(plan: Plan, logicalName: string): PlannedResource {
  const r = plan.resources.find((x) => x.name === logicalName);
  if (!r) throw new Error(`no resource named ${logicalName} in the ${plan.stack} fixture`);
  return r;
}

export function rules(plan: Plan, rulesetName: string): Array<Record<string, any>> {
  return res(plan, rulesetName).inputs.rules as Array<Record<string, any>>;
}

export function rule(plan: Plan, rulesetName: string, ref: string): Record<string, any> {
  const r = rules(plan, rulesetName).find((x) => x.ref === ref);
  if (!r) throw new Error(`no rule ${ref} in ${rulesetName}`);
  return r;
}

export function remove(plan: Plan, logicalName: string): PlannedResource {
  const r = res(plan, logicalName);
  plan.resources = plan.resources.filter((x) => x !== r);
  return r;
}

/** A secret value built at run time (no scanner sees a literal), unique per call. */
export function plantedSecret(): string {
  return ["PLANTED", "whsec", Math.random().toString(36).slice(2, 12), "Zq9"].join("-");
}

/**
 * Plants plain secrets the way an older (or buggy) program version would have written them: a
 * secret's value in plain text in the base, another in the head, and a serialized secret object
 * (the engine's wire form) in the head.
 */
export function plantSecrets(base: Plan, head: Plan): string[] {
  const a = plantedSecret();
  const b = plantedSecret();
  const c = plantedSecret();
  res(base, "secrets-secret-stripe-webhook-secret-value").inputs.secretString = a;
  res(head, "secrets-secret-postmark-server-token-value").inputs.secretString = b;
  res(head, "monitoring-alerts-chat").inputs.endpoint = { [SECRET_SIG_KEY]: SECRET_SIG, value: `https://hooks.example.net/${c}` };
  return [a, b, c];
}

export interface Run {
  report: DiffReport;
  markdown: string;
  json: string;
}

export function run(base: Plan, head: Plan): Run {
  const report = diffPlans(base, head);
  return { report, markdown: toMarkdown(report), json: JSON.stringify(report) };
}

export const risksOf = (r: Run, kind: RiskKind) => r.report.risks.filter((x) => x.kind === kind);

/** The "Risky changes" section of the Markdown (up to the next heading). */
export function riskySection(markdown: string): string {
  const start = markdown.indexOf("#### ⚠️ Risky changes");
  const end = markdown.indexOf("\n#### ", start + 1);
  return markdown.slice(start, end);
}

/** Asserts no planted value leaks, in Markdown or JSON. */
export function expectNoLeak(r: Run, secrets: string[]): void {
  for (const s of secrets) {
    expect(r.markdown).not.toContain(s);
    expect(r.json).not.toContain(s);
  }
}
