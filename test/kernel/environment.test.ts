import { isProductionEnvironment, isProductionPlanConfig } from "../../kernel/environment";

describe("is production", () => {
  test.each([
    ["prod", true],
    ["production", true],
    ["staging", false],
    ["prd", false],
    ["Prod", false],
    [undefined, false],
  ])("environment %p -> %p", (environment, expected) => {
    expect(isProductionEnvironment(environment)).toBe(expected);
  });

  test("a plan's recorded flag wins over its environment and stack name", () => {
    expect(isProductionPlanConfig({ isProduction: false, environment: "prod" }, "prod")).toBe(false);
    expect(isProductionPlanConfig({ isProduction: true, environment: "staging" }, "staging")).toBe(true);
  });

  test("the config's environment decides over the stack's name", () => {
    expect(isProductionPlanConfig({ environment: "staging" }, "prod")).toBe(false);
    expect(isProductionPlanConfig({ environment: "production" }, "main")).toBe(true);
  });

  test("a plan without config falls back to its stack name, by the same rule", () => {
    expect(isProductionPlanConfig(undefined, "production")).toBe(true);
    expect(isProductionPlanConfig({}, "prod")).toBe(true);
    expect(isProductionPlanConfig({}, "staging")).toBe(false);
  });
});
