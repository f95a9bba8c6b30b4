/**
 * The config loader and secrets-scan judge secret-looking keys the same way: a plaintext value
 * the scanner reports in a stack file is one `plan` refuses, and a key either accepts as plaintext
 * the other accepts too.
 */
import { ConfigError, parseStackConfig } from "../../components/config";
import { checkStackConfig } from "../../cli/secrets/stackConfigRule";
import { raw, VALID_CORE } from "../support/config";

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
