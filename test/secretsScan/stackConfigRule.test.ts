import {
  checkStackConfig, isSecretLookingKey, isStackConfigFile, STACK_CONFIG_RULE_ID,
} from "../../secretsScan/stackConfigRule";

describe("isSecretLookingKey", () => {
  test.each([
    "apiToken", "cloudflareApiToken", "api_token", "webhookSecret", "clientSecret", "dbPassword", "passwd",
    "privateKey", "private-key", "apiKey", "accessKey", "sentryDsn", "DSN", "credentials", "signingKey",
    "databaseUrl", "connectionString", "passphrase", "passwordResetToken",
  ])("%s looks secret", (key) => expect(isSecretLookingKey(key)).toBe(true));

  test.each([
    "domain", "zoneId", "plan", "alertEmail", "secretArn", "apiTokenSecretName", "tokenTtl", "passwordMinLength",
    "secretRotationDays", "webhookSecretArns", "tokenUrl", "privateKeyPath", "accessKeyId", "monkey", "keyboard",
    "passwordReset", "passwordResetRoute", "passwordPolicy", "secretsKeyAlias",
  ])("%s does not look secret", (key) => expect(isSecretLookingKey(key)).toBe(false));
});

describe("isStackConfigFile", () => {
  test.each([
    ["Pulumi.prod.yaml", true], ["infra/Pulumi.staging.yml", true], ["Pulumi.yaml", false], ["pulumi.prod.yaml", false],
    ["Pulumi.prod.yaml.bak", false],
  ])("%s -> %s", (file, expected) => expect(isStackConfigFile(file)).toBe(expected));
});

const FILE = "Pulumi.prod.yaml";

describe("checkStackConfig", () => {
  test("a plaintext value under a secret-looking key fails with file, line and key", () => {
    const yaml = [
      "config:",
      "  launch-ready:domain: example.com",
      "  launch-ready:apiToken: plainvalue-0123456789",
    ].join("\n");
    const [finding, ...rest] = checkStackConfig(FILE, yaml);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file: FILE, line: 3, ruleId: STACK_CONFIG_RULE_ID, preview: "plai…" });
    expect(finding!.message).toContain('"launch-ready:apiToken"');
    expect(finding!.message).toContain("pulumi config set --secret 'launch-ready:apiToken'");
    expect(finding!.message).not.toContain("plainvalue-0123456789");
  });

  test("a secure value passes, in block and flow style", () => {
    const yaml = [
      "config:",
      "  launch-ready:apiToken:",
      "    secure: v1:AAAABBBBCCCC",
      "  cloudflare:apiToken: { secure: AAABAExample== }",
    ].join("\n");
    expect(checkStackConfig(FILE, yaml)).toEqual([]);
  });

  test("nested objects are judged by each key's own name", () => {
    const yaml = [
      "config:",
      "  launch-ready:stripe:",
      "    publishableKey: pk_live_visible",
      "    webhookSecret: whsec_0123456789abcdef",
      "    apiKey:",
      "      secure: v1:xyz",
      "  launch-ready:secrets:",
      "    stripe:",
      "      name: prod/stripe",
      "      arn: arn:aws:secretsmanager:eu-west-1:1:secret:prod/stripe",
    ].join("\n");
    const findings = checkStackConfig(FILE, yaml);
    expect(findings.map((f) => [f.line, f.message.match(/"([^"]+)"/)?.[1]])).toEqual([
      [4, "launch-ready:stripe.webhookSecret"],
    ]);
    expect(findings[0]!.message).toContain("--path --secret");
  });

  test("list items under a secret-looking key fail one by one", () => {
    const yaml = ["config:", "  launch-ready:apiTokens:", "    - first-token-value", "    - secure: v1:ok", "    - second-token-value"].join("\n");
    expect(checkStackConfig(FILE, yaml).map((f) => [f.line, f.message.match(/"([^"]+)"/)?.[1]])).toEqual([
      [3, "launch-ready:apiTokens[0]"],
      [5, "launch-ready:apiTokens[2]"],
    ]);
  });

  test("numbers can be secrets; booleans, nulls and empty strings cannot", () => {
    const yaml = ["config:", "  p:pin_password: 123456", "  p:tokenAuth: true", "  p:dbPassword:", '  p:apiKey: ""'].join("\n");
    expect(checkStackConfig(FILE, yaml).map((f) => f.line)).toEqual([2]);
  });

  test("keys outside config: are not stack config", () => {
    expect(checkStackConfig(FILE, "secretsprovider: passphrase\nencryptionsalt: v1:abc\nconfig: {}\n")).toEqual([]);
  });

  test("an unparsable stack file is a finding, not a pass", () => {
    const findings = checkStackConfig(FILE, "config:\n  p:apiToken: [unclosed\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/not valid YAML/);
  });
});
