import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { secretsSchema, type SecretsSection } from "../../../components/schema/secrets";
import { secretsSecretKeys, validateSecrets } from "../../../components/secrets/validate";
import type { SectionContext } from "../../../components/schema/context";
import { defaultConfigKey, kmsAliasName, namesProduction, recoveryWindowDays, resolveSecrets, secretPath } from "../../../components/secrets/rules";
import { arnRegion, secretsReadPolicyDocument } from "../../../components/secrets/policy";

const fixture = (env: string) => parse(readFileSync(join(__dirname, "../../fixtures/aws", `${env}.yaml`), "utf8"));

function context(environment: string, plan: SectionContext["plan"] = "free"): SectionContext {
  return { environment, isProduction: environment === "prod", apex: "example.com", plan, hosts: [] };
}

function issues(raw: unknown, environment: string): Array<{ path: string; message: string }> {
  const parsed = secretsSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const found: Array<{ path: string; message: string }> = [];
  for (const { path, message } of validateSecrets(parsed.data, context(environment)).errors) found.push({ path: path.join("."), message });
  return found;
}

describe("secrets section of the example stacks", () => {
  test.each(["prod", "staging"])("%s parses and passes every rule", (env) => {
    expect(issues(fixture(env).secrets, env)).toEqual([]);
  });

  test("prod resolves names under launch-ready/prod/ with their config keys and generator", () => {
    const section = secretsSchema.parse(fixture("prod").secrets);
    expect(resolveSecrets(section, "prod")).toEqual([
      { name: "stripe-webhook-signing-key", path: "launch-ready/prod/stripe-webhook-signing-key", description: "Stripe webhook signing secret (whsec_...)", source: "config", configKey: "stripeWebhookSecret" },
      { name: "session-signing-key", path: "launch-ready/prod/session-signing-key", source: "generate", generate: { length: 64, special: false } },
      { name: "postmark-server-token", path: "launch-ready/prod/postmark-server-token", source: "config", configKey: "postmarkServerToken" },
    ]);
    expect(secretsSecretKeys(section)).toEqual(["stripeWebhookSecret", "postmarkServerToken"]);
  });

  test("a generated secret without a generate block gets 48 alphanumeric characters", () => {
    const section = secretsSchema.parse(fixture("staging").secrets);
    expect(resolveSecrets(section, "staging")[1]!.generate).toEqual({ length: 48, special: false });
  });
});

describe("config rejections, each at its path", () => {
  const base = { items: [{ name: "stripe-webhook-signing-key", source: "config" }] };

  test.each<[string, unknown, string, string, RegExp]>([
    ["bad secret name", { items: [{ name: "Stripe Key", source: "config" }] }, "prod", "items.0.name", /lower-case secret name/],
    ["recovery window under 7 in prod", { ...base, recoveryWindowInDays: 0 }, "prod", "recoveryWindowInDays", /0 would delete production secrets.*7\.\.30/],
    ["recovery window outside AWS's range", { ...base, recoveryWindowInDays: 3 }, "staging", "recoveryWindowInDays", /3 is not allowed.*0 \(delete at once\) or 7\.\.30/],
    ["staging naming a prod secret path", { items: [{ name: "prod/stripe-webhook-signing-key", source: "config" }] }, "staging", "items.0.name", /"prod\/stripe-webhook-signing-key" names a production secret in the "staging" stack/],
    ["staging repeating the launch-ready/prod prefix", { items: [{ name: "launch-ready/prod/stripe", source: "config" }] }, "staging", "items.0.name", /prefix, which is added automatically/],
    ["staging reading a prod config key", { items: [{ name: "stripe", source: "config", configKey: "prodStripeSecret" }] }, "staging", "items.0.configKey", /"prodStripeSecret" names a production config key/],
    ["staging attaching to the prod role", { ...base, appRoleName: "app-prod" }, "staging", "appRoleName", /"app-prod" names a production role/],
    ["generated secret shorter than 32", { items: [{ name: "session", source: "generate", generate: { length: 16 } }] }, "prod", "items.0.generate.length", /at least 32/],
    ["generate on a config secret", { items: [{ name: "a", source: "config", generate: { length: 40 } }] }, "prod", "items.0.generate", /source "config"/],
    ["configKey on a generated secret", { items: [{ name: "a", source: "generate", configKey: "aKey" }] }, "prod", "items.0.configKey", /"aKey" is set on a generated secret/],
    ["duplicate names", { items: [{ name: "a", source: "generate" }, { name: "a", source: "generate" }] }, "prod", "items.1.name", /duplicates items\[0\]/],
    ["empty path segment", { items: [{ name: "stripe//key", source: "generate" }] }, "prod", "items.0.name", /empty path segment/],
    ["unknown key", { ...base, recoveryWindow: 7 }, "prod", "", /recoveryWindow/],
    // AWS: "Do not end your secret name with a hyphen followed by six characters" (the ARN's random suffix).
    ["a name ending in - and six characters", { items: [{ name: "stripe-webhook-secret", source: "config" }] }, "prod", "items.0.name", /"stripe-webhook-secret" ends in a hyphen and six characters.*like "stripe-webhook-secret-key"/],
    ["a nested name ending so", { items: [{ name: "stripe/api-abc123", source: "generate" }] }, "prod", "items.0.name", /ends in a hyphen and six characters/],
    ["a name under alerts/ (the chat webhook URLs' place)", { items: [{ name: "alerts/chat-webhook-url", source: "generate" }] }, "prod", "items.0.name", /is under "alerts\/", where the stack keeps the alert chat webhook URLs/],
  ])("%s", (_title, raw, env, path, message) => {
    const found = issues(raw, env);
    expect(found).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test("names ending in a hyphen and five or seven characters, or six without the hyphen, are fine", () => {
    for (const name of ["stripe-token", "session-signing-key", "postmark-server-token", "stripe-webhook", "webhooksecret"]) {
      expect(issues({ items: [{ name, source: "generate" }] }, "prod")).toEqual([]);
    }
  });

  test("prod may name production things; 'reproduce' is not the word prod", () => {
    expect(issues({ items: [{ name: "prod-only-flag", source: "generate" }] }, "prod")).toEqual([]);
    expect(namesProduction("reproducible-key")).toBe(false);
    expect(namesProduction("stripeProdKey")).toBe(true);
    expect(namesProduction("stripe_production")).toBe(true);
  });
});

describe("names and defaults", () => {
  test("paths, alias, config keys", () => {
    expect(secretPath("staging", "a/b")).toBe("launch-ready/staging/a/b");
    expect(kmsAliasName("prod")).toBe("alias/launch-ready-prod");
    expect(defaultConfigKey("postmark-server-token")).toBe("postmarkServerToken");
    expect(defaultConfigKey("stripe/webhook_secret")).toBe("stripeWebhookSecret");
  });

  test("recovery window defaults to 30 days in prod and 7 elsewhere", () => {
    expect(recoveryWindowDays({}, { environment: "prod", isProduction: true })).toBe(30);
    expect(recoveryWindowDays({}, { environment: "staging", isProduction: false })).toBe(7);
    expect(recoveryWindowDays({ recoveryWindowInDays: 0 }, { environment: "staging", isProduction: false })).toBe(0);
  });
});

describe("read policy document", () => {
  const key = "arn:aws:kms:eu-west-1:123456789012:key/abcd";
  const arns = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:launch-ready/prod/b-x", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:launch-ready/prod/a-y"];

  test("reads exactly the listed secrets and decrypts only this key via Secrets Manager in its region", () => {
    expect(secretsReadPolicyDocument(arns, key)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadOwnEnvironmentSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], Resource: [arns[1], arns[0]] },
        {
          Sid: "DecryptWithOwnEnvironmentKey",
          Effect: "Allow",
          Action: ["kms:Decrypt"],
          Resource: [key],
          Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
        },
      ],
    });
  });

  test("no secrets: no statement with an empty resource list (IAM rejects those)", () => {
    const doc = secretsReadPolicyDocument([], key);
    expect(doc.Statement.map((s) => s.Sid)).toEqual(["DecryptWithOwnEnvironmentKey"]);
    expect(JSON.stringify(doc)).not.toContain("*");
  });

  test("a non-ARN key is refused with what is expected", () => {
    expect(() => arnRegion("alias/launch-ready-prod")).toThrow(/is not a regional ARN; "arn:aws:<service>:<region>/);
  });
});

// Keep the section type exercised so a schema change that drops a field fails to compile here.
const _typed: SecretsSection = { items: [], recoveryWindowInDays: 7 };
void _typed;
