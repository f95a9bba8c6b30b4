/**
 * Secretness through the real analyzer: the same credential sent plain and sent as a Pulumi secret
 * (engine wire form) must give a violation and no violation respectively. Fake credentials are
 * assembled at run time so no scanner flags this file.
 */
import { UNKNOWN_VALUE, breakPlan, planned, resourceNamed, secret, usePolicyPack } from "./harness";

const pack = usePolicyPack();

const FAKE = {
  aws: "AKIA" + "Q7XWERTYUIOPASDF",
  stripe: "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc",
  pem: "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----",
  slack: "xox" + "b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
  cloudflare: "cf" + "ut_" + "A".repeat(20) + "b".repeat(20) + "0a1b2c3d",
  github: "gh" + "p_" + "a1B2".repeat(9),
};

const withWebhook = (inputs: Record<string, unknown>) =>
  breakPlan((p) => p.resources.push(planned("aws:sns/topicSubscription:TopicSubscription", "alerts-hook", { protocol: "https", ...inputs }, false)));
const violationsOf = async (plan: ReturnType<typeof breakPlan>) => (await pack.analyze(plan)).filter((v) => v.enforcementLevel === "mandatory");

describe("no-plaintext-credentials", () => {
  const withProvider = (inputs: Record<string, unknown>) =>
    breakPlan((p) => p.resources.push(planned("pulumi:providers:aws", "us-east-1", { region: "us-east-1", ...inputs }, false)));
  // An AWS secret access key has no prefix to recognise: 40 characters of base64.
  const awsSecretKey = ["Zx8kq1Lm9T", "r4Pw2Yv6Nb", "3Hc7Jd5Fg0", "Sa8Qe1Ru4W"].join("");

  test("a credential known by its input name alone (an AWS secret key) is a violation when plain, fine as a secret", async () => {
    const plain = await violationsOf(withProvider({ secretKey: awsSecretKey, token: "session-token-value" }));
    expect(plain.map((v) => v.message).sort()).toEqual([
      "secretKey of us-east-1 holds a credential by its name and must be a Pulumi secret.",
      "token of us-east-1 holds a credential by its name and must be a Pulumi secret.",
    ]);
    expect(plain.map((v) => v.message).join("\n")).not.toContain(awsSecretKey);
    expect(await violationsOf(withProvider({ secretKey: secret(awsSecretKey), token: secret("session-token-value") }))).toEqual([]);
  });

  test("names that describe a credential without holding one, and unknown values, comply", async () => {
    expect(await violationsOf(withProvider({ tokenTtl: "3600", passwordPolicy: "strict", secretArn: "arn:aws:secretsmanager:x", secretKey: UNKNOWN_VALUE, password: "" }))).toEqual([]);
  });

  test.each(Object.entries(FAKE))("a plain %s credential in any input is a violation that does not echo it", async (_kind, value) => {
    const v = await violationsOf(withWebhook({ endpoint: `https://hooks.example.com/${value}` }));
    expect(v).toEqual([expect.objectContaining({ policyName: "no-plaintext-credentials", severity: "critical" })]);
    expect(v[0]!.message).toMatch(/^endpoint of alerts-hook looks like .+ and must be a Pulumi secret\.$/);
    expect(v[0]!.message).not.toContain(value);
  });

  test.each(Object.entries(FAKE))("the same %s credential sent as a Pulumi secret complies", async (_kind, value) => {
    expect(await violationsOf(withWebhook({ endpoint: secret(`https://hooks.example.com/${value}`) }))).toEqual([]);
  });

  test("nested inputs are searched, and a secret object covers everything inside it", async () => {
    const plain = await violationsOf(withWebhook({ deliveryPolicy: { headers: [{ name: "x", value: FAKE.stripe }] } }));
    expect(plain.map((v) => v.message)).toEqual(["deliveryPolicy.headers[0].value of alerts-hook looks like a Stripe live secret key and must be a Pulumi secret."]);
    expect(await violationsOf(withWebhook({ deliveryPolicy: secret({ headers: [{ name: "x", value: FAKE.stripe }] }) }))).toEqual([]);
  });

  test("look-alikes that are not credentials comply (test keys, ids, hashes)", async () => {
    const inputs = { a: "sk_" + "test_" + "4eC39HqLyjWDarjtT1zdp7dc", b: "d41d8cd98f00b204e9800998ecf8427e", c: "AKIA-not-a-key" };
    expect(await violationsOf(withWebhook(inputs))).toEqual([]);
  });
});

describe("secret-version-value-is-secret", () => {
  const version = (secretString: unknown) => breakPlan((p) => (resourceNamed(p, "stripe-key-version").inputs.secretString = secretString));

  test("a plain secretString is a violation, even a harmless-looking one", async () => {
    const v = await violationsOf(version("hunter2"));
    expect(v).toEqual([expect.objectContaining({ policyName: "secret-version-value-is-secret", message: "secretString of stripe-key-version must be a Pulumi secret." })]);
  });

  test("an unknown value is left to the update run: the SDK never marks an unknown output secret", async () => {
    // A RandomPassword's result is secret, yet at preview the engine receives the bare sentinel.
    expect(await violationsOf(version(UNKNOWN_VALUE))).toEqual([]);
  });

  test("a secret, known or unknown, complies", async () => {
    expect(await violationsOf(version(secret("hunter2")))).toEqual([]);
    expect(await violationsOf(version(secret(UNKNOWN_VALUE)))).toEqual([]);
  });

  test("a plain secretBinary is a violation too", async () => {
    const plan = breakPlan((p) => {
      const r = resourceNamed(p, "stripe-key-version");
      delete r.inputs.secretString;
      r.inputs.secretBinary = "aGVsbG8=";
    });
    expect((await violationsOf(plan)).map((x) => x.message)).toEqual(["secretBinary of stripe-key-version must be a Pulumi secret."]);
  });
});
