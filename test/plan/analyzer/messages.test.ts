/**
 * What the offline engine tells the pack at ConfigureStack (the stack file's config, as the engine
 * does), and the properties it sends with each resource.
 */
import { analyzeRequest, analyzeStackRequest, providerOf, stackConfigMap, structsOfOneAnalysis, toStruct } from "../../../plan/analyzer/messages";
import type { Plan } from "../../../plan/types";
import { renderedStack } from "../../support/render";

describe("stackConfigMap", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = (await renderedStack("prod")).plan;
  });

  it("sends every namespace of the stack file, structured values as JSON, and no derived keys", () => {
    const map = Object.fromEntries(stackConfigMap(plan));
    expect(map["aws:region"]).toBe("eu-west-1");
    expect(map["launch-ready:environment"]).toBe("prod");
    expect(JSON.parse(map["launch-ready:hosts"]!)).toEqual(expect.arrayContaining([expect.objectContaining({ name: "admin" })]));
    // Parsed-config fields the stack file never held are not config.
    expect(Object.keys(map)).not.toContain("launch-ready:isProduction");
    expect(Object.keys(map)).not.toContain("launch-ready:secretKeys");
  });

  it("names the secret keys and sends no secret's value", () => {
    const secretKeys = plan.stackConfig!.secretKeys;
    expect(secretKeys).toEqual(expect.arrayContaining(["launch-ready:stripeWebhookSecret", "launch-ready:alertsChatWebhookUrl"]));
    const map = Object.fromEntries(stackConfigMap(plan));
    for (const key of secretKeys) expect([key, map[key]]).toEqual([key, "[secret]"]);
  });

  it("falls back to the validated config for plans recorded without the stack file's config", () => {
    const { stackConfig: _recorded, ...older } = plan;
    const map = Object.fromEntries(stackConfigMap(older as Plan));
    expect(map["launch-ready:environment"]).toBe("prod");
    expect(map["aws:region"]).toBeUndefined();
  });
});

describe("properties of one analysis", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = (await renderedStack("prod")).plan;
  });

  it("are converted once per object: a resource's inputs in its Analyze and in AnalyzeStack, a provider's for each resource it serves", () => {
    const structOf = structsOfOneAnalysis();
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    // Two resources served by one explicit provider of the plan.
    const withProvider = plan.resources.filter((r) => providerOf(r, byUrn) !== undefined);
    const provider = withProvider.find((r) => withProvider.filter((o) => o.options.provider === r.options.provider).length > 1)!.options.provider;
    const served = withProvider.filter((r) => r.options.provider === provider);
    const [first, second] = served.map((r) => analyzeRequest(r, byUrn, structOf));
    expect(first!.getProvider()!.getProperties()).toBe(second!.getProvider()!.getProperties());
    const stack = analyzeStackRequest(plan, structOf);
    const index = plan.resources.indexOf(served[0]!);
    expect(stack.getResourcesList()[index]!.getProperties()).toBe(first!.getProperties());
    // Another object with the same content is converted on its own.
    expect(structOf({ ...served[0]!.inputs })).not.toBe(first!.getProperties());
  });

  it("say what a fresh conversion says", () => {
    const structOf = structsOfOneAnalysis();
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    // In analyze.ts's order: every Analyze request, then AnalyzeStack.
    const each = plan.resources.map((r) => analyzeRequest(r, byUrn, structOf).toObject());
    expect(each).toEqual(plan.resources.map((r) => analyzeRequest(r, byUrn).toObject()));
    expect(analyzeStackRequest(plan, structOf).toObject()).toEqual(analyzeStackRequest(plan).toObject());
    for (const r of plan.resources) expect(structOf(r.inputs).toJavaScript()).toEqual(toStruct(r.inputs).toJavaScript());
  });
});
