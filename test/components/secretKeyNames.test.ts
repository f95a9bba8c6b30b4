/**
 * The config loader and secrets-scan judge secret-looking keys the same way: a plaintext value
 * the scanner reports in a stack file is one `plan` refuses, and a key either accepts as plaintext
 * the other accepts too.
 */
import { ConfigError, parseStackConfig } from "../../components/config";
import { checkStackConfig } from "../../secretsScan/stackConfigRule";
import { raw, VALID_CORE } from "../support/config";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStackFile } from "../../plan/stackFile";

const KEYS = [
  // credentials
  "apiToken", "stripeWebhookSecret", "smtpPassword", "passwd", "sentryDsn", "alertsChatWebhookUrl", "databaseUrl",
  "signingKey", "api_key", "privateKey", "passphrase", "accessKey", "connectionString", "passwordResetToken",
  // names that describe a secret without holding one
  "tokenTtl", "secretArn", "apiTokenSecretName", "passwordMinLength", "tokenUrl", "domainNote", "keyboard",
  // a route of the app named after the password-reset flow (verify.routes.passwordReset)
  "passwordReset",
];

function loaderRefuses(key: string, value: string): boolean {
  try {
    parseStackConfig(raw({ ...VALID_CORE, [`other:${key}`]: value }));
    return false;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.some((i) => i.path === `other:${key}` && /plaintext value where a secret is required/.test(i.message));
  }
}

const scannerReports = (key: string, value: string) =>
  checkStackConfig("Pulumi.demo.yaml", `config:\n  other:${key}: ${JSON.stringify(value)}\n`).length > 0;

describe("one judgement of secret-looking config keys", () => {
  test.each(KEYS)("%s: the loader refuses a plaintext value exactly when secrets-scan reports it", (key) => {
    expect(loaderRefuses(key, "plain-value-1234")).toBe(scannerReports(key, "plain-value-1234"));
  });

  test("the list holds both kinds, so the agreement is not all-refuse or all-accept", () => {
    const refused = KEYS.filter((k) => loaderRefuses(k, "plain-value-1234"));
    expect(refused).toEqual(expect.arrayContaining(["apiToken", "alertsChatWebhookUrl", "databaseUrl", "api_key"]));
    expect(refused).not.toEqual(expect.arrayContaining(["tokenTtl"]));
    expect(refused).not.toContain("passwordReset");
    expect(refused).toContain("passwordResetToken");
    expect(refused.length).toBeLessThan(KEYS.length);
  });

  test("a boolean or an empty value cannot be a credential, for either", () => {
    expect(loaderRefuses("apiToken", "")).toBe(false);
    expect(scannerReports("apiToken", "")).toBe(false);
  });

  test("our own config sections named for secrets are sections, not secrets", () => {
    expect(loaderRefuses("secrets", "x")).toBe(false);
    expect(scannerReports("secrets", "x")).toBe(false);
  });
});

describe("one judgement at every depth", () => {
  /** The stack file's `config:` body as the offline plan reads it (plan/stackFile.ts), with a valid core. */
  function loaderRefusals(yamlConfig: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), "secret-keys-"));
    try {
      writeFileSync(join(dir, "Pulumi.yaml"), "name: launch-ready\nruntime: nodejs\n");
      writeFileSync(join(dir, "Pulumi.demo.yaml"), `config:\n${yamlConfig}\n`);
      const file = loadStackFile({ projectDir: dir, stack: "demo" });
      try {
        parseStackConfig({ ...raw(VALID_CORE), ...file.raw });
        return [];
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        return err.issues.filter((i) => /plaintext value where a secret is required/.test(i.message)).map((i) => i.path).sort();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const scannerPaths = (yamlConfig: string) =>
    checkStackConfig("Pulumi.demo.yaml", `config:\n${yamlConfig}\n`).map((f) => /config key "([^"]+)"/.exec(f.message)![1]!).sort();

  const CASES: Array<[string, string, string[]]> = [
    ["a nested credential beside a public value", "  other:stripe:\n    publishableKey: pk-visible-value\n    webhookSecret: plain-value-1234", ["other:stripe.webhookSecret"]],
    ["a credential three levels down", "  other:vendor:\n    eu:\n      api:\n        apiToken: plain-value-1234", ["other:vendor.eu.api.apiToken"]],
    ["list items under a secret-looking name", "  other:apiTokens:\n    - plain-value-1234\n    - secure: v1:AAAABBBB", ["other:apiTokens[0]"]],
    ["a plaintext sibling of a secure value", "  other:stripe:\n    webhookSecret:\n      secure: v1:AAAABBBB\n    apiKey: plain-value-1234", ["other:stripe.apiKey"]],
    ["a nested key in our own namespace", "  launch-ready:foo:\n    apiToken: plain-value-1234", ["launch-ready:foo.apiToken"]],
    ["nested names that describe a secret", "  other:stripe:\n    secretArn: arn:aws:secretsmanager:eu-west-1:1:secret:x\n    tokenTtl: 3600\n    passwordReset: /password/reset", []],
    ["nested secure values only", "  other:stripe:\n    webhookSecret:\n      secure: v1:AAAABBBB", []],
  ];

  test.each(CASES)("%s: the loader refuses exactly the key paths secrets-scan reports", (_label, yamlConfig, expected) => {
    expect(scannerPaths(yamlConfig)).toEqual(expected);
    expect(loaderRefusals(yamlConfig)).toEqual(expected);
  });

  test("a nested refusal says how to set the value as a secret with --path", () => {
    try {
      parseStackConfig(raw({ ...VALID_CORE, "other:stripe": { webhookSecret: "plain-value-1234" } }));
      throw new Error("expected a ConfigError");
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      expect(err.issues).toContainEqual({
        path: "other:stripe.webhookSecret",
        message: "is a plaintext value where a secret is required; set it with `pulumi config set --path --secret 'other:stripe.webhookSecret' <value>`",
      });
    }
  });

  test("under pulumi up a secret key arrives decrypted as a whole, and is not judged leaf by leaf", () => {
    expect(() => parseStackConfig({ ...raw(VALID_CORE), "other:stripe": { value: { webhookSecret: "decrypted-1234" }, secret: true } })).not.toThrow();
  });
});
