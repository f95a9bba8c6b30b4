/**
 * Where secrets live, through the real analyzer: production secrets under a customer-managed KMS
 * key with a recovery window, and every secret inside its own environment's path.
 */
import type { Plan } from "../../plan/types";
import { PROD_POLICY_CONFIG, UNKNOWN_VALUE, breakPlan, byPolicy, planned, resourceNamed, urnOf, usePolicyPack } from "./harness";

const pack = usePolicyPack();

const SECRET = "aws:secretsmanager/secret:Secret";
const editSecret = (inputs: Record<string, unknown>) => breakPlan((p) => Object.assign(resourceNamed(p, "stripe-key").inputs, inputs));
const policiesOf = async (plan: Plan, config?: Record<string, unknown>) => [...new Set((await pack.analyze(plan, config)).map((v) => v.policyName))].sort();
const withEnvironment = (environment: string | undefined) => {
  const config: Record<string, unknown> = { ...PROD_POLICY_CONFIG };
  for (const name of ["secrets-prod-customer-managed-key", "secrets-prod-recovery-window", "secrets-in-environment-path", "email-dmarc-enforced-in-prod", "prod-critical-resources-protected", "zone-hsts-prod-max-age"]) {
    config[name] = environment === undefined ? {} : { environment };
  }
  return config;
};

describe("secrets-prod-customer-managed-key", () => {
  test.each([
    ["no kmsKeyId", { kmsKeyId: undefined }, "must set kmsKeyId to a customer-managed KMS key"],
    ["the AWS-managed key by alias", { kmsKeyId: "alias/aws/secretsmanager" }, "uses the AWS-managed key alias/aws/secretsmanager"],
    ["the AWS-managed key by alias ARN", { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager" }, "uses the AWS-managed key"],
  ])("%s in prod is a violation", async (_what, inputs, expected) => {
    const plan = editSecret(inputs);
    expect(byPolicy(await pack.analyze(plan), "secrets-prod-customer-managed-key")).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", urn: resourceNamed(plan, "stripe-key").urn, message: expect.stringContaining(expected) }),
    ]);
  });

  test.each([
    ["the id of a key created in the stack (unknown at preview)", { kmsKeyId: UNKNOWN_VALUE }],
    ["a customer key's ARN", { kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }],
    ["a customer key's alias", { kmsKeyId: "alias/launch-ready-prod" }],
  ])("%s complies", async (_what, inputs) => {
    expect(await policiesOf(editSecret(inputs))).toEqual([]);
  });

  test("outside prod the AWS-managed key is allowed", async () => {
    const plan = editSecret({ kmsKeyId: undefined, name: "launch-ready/staging/stripe" });
    expect(await policiesOf(plan, withEnvironment("staging"))).toEqual([]);
  });
});

describe("secrets-prod-recovery-window", () => {
  test("0 days (delete at once) in prod is a violation", async () => {
    const v = byPolicy(await pack.analyze(editSecret({ recoveryWindowInDays: 0 })), "secrets-prod-recovery-window");
    expect(v.map((x) => x.message)).toEqual(["Production secret launch-ready/prod/stripe has recoveryWindowInDays 0; it must be at least 7."]);
  });

  test.each([[7], [30], [undefined]])("%s days complies (unset is AWS's 30)", async (days) => {
    expect(await policiesOf(editSecret({ recoveryWindowInDays: days }))).toEqual([]);
  });

  test("outside prod 0 days is allowed", async () => {
    expect(await policiesOf(editSecret({ recoveryWindowInDays: 0, name: "launch-ready/staging/stripe" }), withEnvironment("staging"))).toEqual([]);
  });
});

describe("secrets-in-environment-path", () => {
  test.each([
    ["another environment's path", "launch-ready/staging/stripe"],
    ["no environment at all", "launch-ready/stripe"],
    ["the bare environment path", "launch-ready/prod/"],
    ["another project's path", "other-app/prod/stripe"],
  ])("%s is a violation", async (_what, name) => {
    const v = byPolicy(await pack.analyze(editSecret({ name })), "secrets-in-environment-path");
    expect(v.map((x) => x.message)).toEqual([`Secret ${name} must be named under launch-ready/prod/.`]);
  });

  test("a generated name (no name, no prefix) is a violation", async () => {
    expect(await policiesOf(editSecret({ name: undefined }))).toEqual(["secrets-in-environment-path"]);
  });

  test("a namePrefix inside the path complies", async () => {
    expect(await policiesOf(editSecret({ name: undefined, namePrefix: "launch-ready/prod/stripe-" }))).toEqual([]);
  });

  test("the environment comes from policy config, else from the stack name in the URN", async () => {
    const staging = editSecret({ name: "launch-ready/staging/stripe" });
    expect(await policiesOf(staging, withEnvironment("staging"))).toEqual([]);
    // No environment configured: the URN says prod, so a staging path is out of place.
    expect(byPolicy(await pack.analyze(staging, withEnvironment(undefined)), "secrets-in-environment-path")).toHaveLength(1);
    const onStagingStack = breakPlan((p) => {
      const r = resourceNamed(p, "stripe-key");
      r.urn = urnOf(SECRET, "stripe-key", "staging");
      r.inputs.name = "launch-ready/staging/stripe";
    });
    expect(byPolicy(await pack.analyze(onStagingStack, withEnvironment(undefined)), "secrets-in-environment-path")).toEqual([]);
  });

  test("each secret is judged on its own", async () => {
    const plan = breakPlan((p) => p.resources.push(planned(SECRET, "other", { name: "launch-ready/staging/other", kmsKeyId: UNKNOWN_VALUE })));
    expect(byPolicy(await pack.analyze(plan), "secrets-in-environment-path").map((v) => v.urn)).toEqual([urnOf(SECRET, "other")]);
  });
});
