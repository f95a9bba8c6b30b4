/**
 * Both example stacks, rendered by the real program, pass every contract; a deliberately wrong
 * value planted in a rendered plan fails naming the resource and the field.
 */
import { checkContracts, formatContracts } from "../../contracts";
import type { Plan, PlannedResource } from "../../plan/types";
import { renderedStack } from "../support/render";

const plans: Record<string, Plan> = {};

beforeAll(async () => {
  for (const stack of ["prod", "staging"]) plans[stack] = (await renderedStack(stack as "prod" | "staging")).plan;
});

function find(plan: Plan, predicate: (r: PlannedResource) => boolean): PlannedResource {
  const found = plan.resources.find(predicate);
  if (!found) throw new Error("the example stack no longer declares the resource this test breaks");
  return found;
}

describe.each(["prod", "staging"])("the %s example stack", (stack) => {
  test("passes every contract, and every Cloudflare and AWS resource is checked", () => {
    const plan = plans[stack]!;
    const report = checkContracts(plan);
    const failures = report.checked.filter((c) => c.status === "failed").map((c) => `${c.name}: ${c.failures.map((f) => `${f.field} ${f.message}`).join("; ")}`);
    expect(failures).toEqual([]);
    const cloud = plan.resources.filter((r) => r.custom && /^(cloudflare|aws):/.test(r.type) && !r.type.startsWith("pulumi:providers"));
    const checkedUrns = new Set(report.checked.map((c) => c.urn));
    expect(cloud.filter((r) => !checkedUrns.has(r.urn)).map((r) => r.type)).toEqual([]);
    expect(report.summary.passed).toBe(report.checked.length);
  });
});

describe("a wrong value planted in the rendered prod plan", () => {
  const broken = (change: (plan: Plan) => PlannedResource) => {
    const plan = structuredClone(plans.prod!);
    const target = change(plan);
    const report = checkContracts(plan);
    return { entry: report.checked.find((c) => c.urn === target.urn)!, report, target };
  };

  test("ssl: strictest", () => {
    const { entry, report } = broken((plan) => {
      const ssl = find(plan, (r) => r.type.endsWith("ZoneSetting") && r.inputs.settingId === "ssl");
      ssl.inputs.value = "strictest";
      return ssl;
    });
    expect(entry.failures).toEqual([{ field: "value", message: expect.stringContaining('ssl must be one of "off", "flexible", "full", "strict"; got "strictest"') }]);
    expect(report.summary.failed).toBe(1);
    const table = formatContracts(report, 200);
    expect(table).toContain(entry.name);
    expect(table).toContain("FAILED");
    expect(table).toMatch(/1 failed/);
  });

  test("a redirect without target_url", () => {
    const { entry } = broken((plan) => {
      const ruleset = find(plan, (r) => r.type.endsWith("Ruleset") && r.inputs.phase === "http_request_dynamic_redirect");
      const rule = (ruleset.inputs.rules as Record<string, any>[])[0]!;
      delete rule.actionParameters.fromValue.targetUrl;
      return ruleset;
    });
    expect(entry.failures).toEqual([{ field: "rules[0].action_parameters.from_value.target_url", message: "is required by the API and missing" }]);
  });

  test("a rate-limit period of 45 on the Free plan", () => {
    const { entry } = broken((plan) => {
      const ruleset = find(plan, (r) => r.type.endsWith("Ruleset") && r.inputs.phase === "http_ratelimit");
      (ruleset.inputs.rules as Record<string, any>[])[0]!.ratelimit.period = 45;
      return ruleset;
    });
    expect(entry.failures).toEqual([{ field: "rules[0].ratelimit.period", message: "the free plan counts over at most 10 s; got 45" }]);
  });
});
