/**
 * Issue 5's proof that no secret value leaks: plant a recognisable value in every secret config
 * key of each example stack, render the real program, and search everything a user can see for
 * it: the `plan` text (resources, budget, cost, contracts, policy results) and `plan --json`, the
 * stack outputs, the diagnostics and whatever the render printed, the handover document and zone
 * file, and the PR diff (against an older base plan, and across a rotation of every value).
 *
 * The same values are asserted present, as serialized secrets, in the raw recorded inputs: the
 * search looks where they really are, so a leak would be found.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatPlan } from "../../plan/format";
import { formatRuleBudget, planRuleBudget, zonePlanOf } from "../../plan/budget";
import { estimateMonthlyCost, formatCost } from "../../plan/cost";
import { formatContracts } from "../../contracts";
import { formatViolations } from "../../plan/violations";
import { checkPlan, planJson, type PlanChecks } from "../../plan/pipeline";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { renderHandover } from "../../handover";
import { diffPlans, toMarkdown, toPlan } from "../../diff";
import { isSecret, type Plan } from "../../plan/types";
import type { RawConfigValue } from "../../components/config";
import type { RenderResult } from "../../plan/render";
import { loadTestStack } from "../support/stacks";
import { renderIsolated } from "../support/render";

// Built from pieces so no secret scanner mistakes this source for a credential.
const plantedValue = (stack: string, key: string, salt: string) => ["PLANTED", stack, key.replace(/\W/g, "-"), salt, "c4n4ry"].join("_");

interface Planted {
  key: string;
  /** What was planted in the config. */
  value: string;
  /** The distinctive part to search for (the whole value, or a URL's token). */
  needle: string;
}

/** A value per secret key of the stack file, plus the Cloudflare token a deployer sets. */
function plant(stack: string, salt: string): Planted[] {
  const keys = [...loadTestStack(stack as "prod" | "staging").secretKeys, "cloudflare:apiToken"];
  return keys.map((key) => {
    const needle = plantedValue(stack, key, salt);
    // A chat webhook URL embeds its token in the path.
    return { key, needle, value: /webhookurl$/i.test(key) ? `https://hooks.example.net/services/${needle}` : needle };
  });
}

const overridesOf = (planted: Planted[]): Record<string, RawConfigValue> => Object.fromEntries(planted.map((p) => [p.key, { value: p.value, secret: true }]));

/** Every place a string occurs in a value, and whether it sits inside a serialized secret. */
function occurrences(value: unknown, needle: string, inSecret = false, path = "$"): Array<{ path: string; inSecret: boolean }> {
  if (isSecret(value)) return occurrences(value.value, needle, true, path);
  if (typeof value === "string") return value.includes(needle) ? [{ path, inSecret }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => occurrences(v, needle, inSecret, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => occurrences(v, needle, inSecret, `${path}.${k}`));
  return [];
}

/** A rotation: the same plan with every planted value swapped for another. */
function rotated(plan: Plan, from: Planted[], to: Planted[]): Plan {
  let text = JSON.stringify(plan);
  from.forEach((p, i) => (text = text.split(p.needle).join(to[i]!.needle)));
  return JSON.parse(text) as Plan;
}

interface Rendered {
  planted: Planted[];
  result: RenderResult;
  checks: PlanChecks;
  /** Everything written to the console while the program ran. */
  printed: string;
}

const rendered: Record<string, Rendered> = {};

beforeAll(async () => {
  for (const stack of ["prod", "staging"]) {
    const planted = plant(stack, "a");
    const printed: string[] = [];
    const capture = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
    const spies = [
      jest.spyOn(console, "log").mockImplementation(capture),
      jest.spyOn(console, "warn").mockImplementation(capture),
      jest.spyOn(console, "error").mockImplementation(capture),
      jest.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => (capture(chunk), true)),
      jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => (capture(chunk), true)),
    ];
    try {
      const result = await renderIsolated({ stack, overrides: overridesOf(planted) });
      // The pack in-process (test/plan/process/inProcess.test.ts holds it to the real process): its violations
      // are one more surface the planted values must not reach.
      rendered[stack] = { planted, result, checks: await checkPlan(result, {}, startInProcessPolicyPack()), printed: printed.join("\n") };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }
}, 120_000);

describe.each(["prod", "staging"])("secrets planted in the %s stack's config", (stack) => {
  const the = () => rendered[stack]!;

  test("plants every secret key the stack file has, and the program reads them", () => {
    const keys = the().planted.map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(
        stack === "prod"
          ? ["launch-ready:stripeWebhookSecret", "launch-ready:postmarkServerToken", "launch-ready:alertsChatWebhookUrl"]
          : ["launch-ready:stagingStripeWebhookSecret", "launch-ready:stagingPostmarkServerToken"],
      ),
    );
    for (const p of the().planted) expect(the().result.stackFile.runtimeConfig[p.key]).toBe(p.value);
  });

  test("the raw recorded inputs hold each value the program reads, and only inside secrets", () => {
    for (const p of the().planted.filter((x) => x.key.startsWith("launch-ready:"))) {
      const found = occurrences(the().result.plan.resources, p.needle);
      expect([p.key, found.length > 0]).toEqual([p.key, true]);
      expect(found.filter((o) => !o.inSecret)).toEqual([]);
    }
  });

  describe("never appear where a user can see them", () => {
    const visible = (): Array<[string, string]> => {
      const { result, checks, printed } = the();
      const json = planJson(result, undefined, checks);
      const cliPlan = toPlan(json, "plan --json");
      const base = JSON.parse(readFileSync(join(__dirname, "../fixtures/diff", `base-${stack}.json`), "utf8")) as Plan;
      const rotation = rotated(result.plan, the().planted, plant(stack, "b"));
      const handoverCli = renderHandover(cliPlan);
      const handoverRaw = renderHandover(result.plan);
      return [
        ["plan text", [formatPlan(result.plan, { width: 200 }), formatRuleBudget(planRuleBudget(result.plan), zonePlanOf(result.plan)), formatCost(estimateMonthlyCost(result.plan)), formatContracts(checks.contracts, 200), formatViolations(checks.violations ?? [], checks.policiesRun ?? 0)].join("\n")],
        ["plan --json", JSON.stringify(json)],
        ["stack outputs", JSON.stringify(result.plan.outputs)],
        ["validated config", JSON.stringify(result.plan.config)],
        ["diagnostics", result.diagnostics.map((d) => `${d.severity}: ${d.message}`).join("\n")],
        ["console output of the render", printed],
        ["handover of plan --json", handoverCli.markdown + handoverCli.zone.text],
        ["handover of the raw plan", handoverRaw.markdown + handoverRaw.zone.text],
        ["diff from the older base plan", toMarkdown(diffPlans(base, cliPlan)) + JSON.stringify(diffPlans(base, cliPlan))],
        ["diff from the older base to the raw plan", toMarkdown(diffPlans(base, result.plan)) + JSON.stringify(diffPlans(base, result.plan))],
        ["diff across a rotation of every value", toMarkdown(diffPlans(rotation, result.plan)) + JSON.stringify(diffPlans(rotation, result.plan))],
      ];
    };

    test("in any output", () => {
      const surfaces = visible();
      const leaks = surfaces.flatMap(([where, text]) => the().planted.flatMap((p) => (text.includes(p.needle) ? [`${p.key} in ${where}`] : [])));
      expect(leaks).toEqual([]);
      // The searches ran over real content.
      for (const [where, text] of surfaces) if (where !== "console output of the render") expect([where, text.length > 100]).toEqual([where, true]);
    });

    test("not even the rotated values, and the rotation shows as masked changes", () => {
      const next = plant(stack, "b");
      const report = diffPlans(rotated(the().result.plan, the().planted, next), the().result.plan);
      const text = toMarkdown(report) + JSON.stringify(report);
      expect(next.filter((p) => text.includes(p.needle))).toEqual([]);
      const versions = report.changes.filter((c) => c.kind === "changed" && c.urn.includes("secretVersion:SecretVersion"));
      expect(versions.length).toBeGreaterThan(0);
      expect(JSON.stringify(versions)).toContain("[secret]");
    });
  });
});
