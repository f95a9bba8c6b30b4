/**
 * The plan model (plan/model/) is the one contract between the writer (planJson) and every reader:
 * the example stacks' JSON plans parse with it, a bad file is refused naming the path in it and
 * what is expected, and handover reads plans through it, never through diff.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planJson } from "../../plan/pipeline";
import { toPlan, PlanInputError } from "../../plan/model/load";
import { planSchema } from "../../plan/model/schema";
import { SECRET_SIG, UNKNOWN_PLACEHOLDER, UNKNOWN_VALUE } from "../../plan/model/wire";
import type { RenderResult } from "../../plan/render";
import { renderedStack } from "../support/render";

const ROOT = path.resolve(__dirname, "../..");

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

/** Relative import specifiers of a file resolved to paths from the project root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specs.map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
}

describe("handover depends on the plan model, not on diff", () => {
  test("no module under handover/ imports diff/", () => {
    const offenders = sourcesUnder("handover").flatMap((file) => importsOf(file).filter((target) => target === "diff" || target.startsWith("diff/")).map((target) => `${file} -> ${target}`));
    expect(offenders).toEqual([]);
  });

  test("the import scan resolves relative paths (it would catch a handover -> diff import)", () => {
    // handover/sections/edge.ts reads redirects through the plan reader; resolved from its own folder.
    expect(importsOf("handover/sections/edge.ts")).toContain("plan/read/edge");
  });
});

describe.each(["prod", "staging"] as const)("the %s stack's JSON plan", (stack) => {
  let json: Record<string, unknown>;
  beforeAll(async () => {
    const result: RenderResult = await renderedStack(stack);
    // Through JSON text, as a plan file is written and read.
    json = JSON.parse(JSON.stringify(planJson(result)));
  });

  test("parses with the plan model, config and sections included", () => {
    const parsed = planSchema.safeParse(json);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const plan = toPlan(json, `${stack} plan`);
    expect(plan.stack).toBe(stack);
    expect(plan.config.domain).toBe((json.config as { domain: string }).domain);
    expect(plan.config.hosts?.length).toBeGreaterThan(0);
    expect(plan.ruleBudget?.length).toBeGreaterThan(0);
    expect(plan.resources.length).toBe((json.resources as unknown[]).length);
  });

  test("spells unknowns and secrets with the model's placeholders, never the engine's wire form", () => {
    const text = JSON.stringify(json);
    expect(text).toContain(JSON.stringify(UNKNOWN_PLACEHOLDER));
    // A whole value never is the sentinel (a provider reference may embed it in its id part).
    expect(text).not.toContain(JSON.stringify(UNKNOWN_VALUE));
    // No serialized secret (assets and archives carry the same marker key with their own signatures).
    expect(text).not.toContain(SECRET_SIG);
  });

  test("a config value of the wrong type is refused, naming its path and what is expected", () => {
    const config = json.config as { hosts: Array<Record<string, unknown>> };
    const bad = { ...json, config: { ...config, hosts: [{ ...config.hosts[0], proxied: "yes" }] } };
    expect(() => toPlan(bad, "head plan head.json")).toThrow(PlanInputError);
    expect(() => toPlan(bad, "head plan head.json")).toThrow(/head plan head\.json is not a launch-ready plan[\s\S]*config\.hosts\.0\.proxied: .*boolean/);
  });

  test("a violation without its enforcement level is refused", () => {
    const bad = { ...json, violations: [{ policyName: "p", message: "m", severity: "high" }] };
    expect(() => toPlan(bad, "plan p.json")).toThrow(/violations\.0\.enforcementLevel/);
  });

  test("the sections plan adds (cost, contracts, simulations) are read as written, and a malformed one is refused by its path", () => {
    const request = "GET https://example.com/pricing";
    const result = { ...json, simulations: [{ request, reachesEdge: true, matches: [], redirect: null, rateLimitRefs: [], blocked: false, accessRequired: false, cache: "default", headers: {}, notes: [] }] };
    const plan = toPlan(result, "plan p.json");
    expect(plan.cost?.lines.length).toBeGreaterThan(0);
    expect(plan.cost?.totalUsd).toBe((json.cost as { totalUsd: number }).totalUsd);
    expect(plan.simulations?.[0]?.request).toBe(request);
    const cost = json.cost as { lines: Array<Record<string, unknown>> };
    expect(() => toPlan({ ...json, cost: { ...cost, lines: [{ ...cost.lines[0], monthlyUsd: "3" }] } }, "plan p.json")).toThrow(/cost\.lines\.0\.monthlyUsd/);
    expect(() => toPlan({ ...json, contracts: { checked: [{ urn: "u", type: "t", name: "n", status: "broken", failures: [] }], summary: { passed: 0, failed: 0 } } }, "plan p.json")).toThrow(/contracts\.checked\.0\.status/);
    expect(() => toPlan({ ...result, simulations: [{ ...(result.simulations[0] as object), cache: "maybe" }] }, "plan p.json")).toThrow(/simulations\.0\.cache/);
  });
});
