/** What the offline engine tells the pack at ConfigureStack: the stack file's config, as the engine does. */
import { stackConfigMap } from "../../../plan/analyzer/messages";
import { renderPlan } from "../../../plan/render";
import type { Plan } from "../../../plan/types";
import { testOwned } from "../../support/render";

describe("stackConfigMap", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = (await renderPlan(testOwned({ stack: "prod" }))).plan;
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
