/**
 * Credentials judged by what they look like (issue 18), config and pack in agreement: for every
 * shape of the one judge (kernel/credentials.ts), a plaintext value in the stack file is a config
 * error at its key path naming the rule, and the same value in a resource input is a
 * no-plaintext-credentials violation; neither ever prints the value.
 */
import * as path from "node:path";
import { ConfigError, parseStackConfig, type RawConfigValue } from "../../components/config";
import { loadStackFile } from "../../plan/stackFile";
import { testStackFile } from "../support/stacks";
import { credentialSamples } from "../secretsScan/fakeCredentials";
import { breakPlan, planned, secret, usePolicyPack } from "./harness";

const pack = usePolicyPack();
const file = loadStackFile({ projectDir: path.join(__dirname, "..", ".."), stack: "prod", configFile: testStackFile("prod") });
const samples = credentialSamples();

function issuesOf(extra: Record<string, RawConfigValue>): ConfigError["issues"] {
  try {
    parseStackConfig({ ...file.raw, ...extra });
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  return [];
}

test("the prod test stack holds no credential-looking value", () => expect(issuesOf({})).toEqual([]));

describe.each(Object.entries(samples))("%s", (id, value) => {
  test("in plain text under a key whose name does not look secret: a config error at the key path, naming the rule, not the value", () => {
    const issues = issuesOf({ "launch-ready:stripe": { value: { key: value }, secret: false } });
    const issue = issues.find((i) => i.path === "launch-ready:stripe.key");
    expect(issue?.message).toContain(`credential rule ${id}`);
    expect(JSON.stringify(issues)).not.toContain(value);
  });

  test("in a resource input: a no-plaintext-credentials violation; as a Pulumi secret: none", async () => {
    const withInput = (endpoint: unknown) =>
      breakPlan((p) => p.resources.push(planned("aws:sns/topicSubscription:TopicSubscription", "alerts-hook", { protocol: "https", endpoint }, false)));
    const mandatory = async (endpoint: unknown) => (await pack.analyze(withInput(endpoint))).filter((v) => v.policyName === "no-plaintext-credentials");
    const plain = await mandatory(`note ${value}`);
    expect(plain).toHaveLength(1);
    expect(plain[0]!.message).not.toContain(value);
    expect(await mandatory(secret(`note ${value}`))).toEqual([]);
  });
});

test.each([
  ["a webhook secret in a secret's description", "launch-ready:secrets", "stripe-webhook-secret"],
  ["a password in a redirect URL", "launch-ready:edge", "url-basic-auth"],
])("%s is refused at its key path", (_what, key, id) => {
  const value = structuredClone(file.raw[key]?.value) as Record<string, unknown>;
  const where = key === "launch-ready:secrets"
    ? ((value.items as Array<Record<string, unknown>>)[0]!.description = `signing: ${samples[id]}`, `${key}.items[0].description`)
    : ((value.redirects as Array<Record<string, unknown>>)[0]!.to = samples[id], `${key}.redirects[0].to`);
  const issues = issuesOf({ [key]: { value, secret: false } });
  expect(issues.find((i) => i.path === where)?.message).toContain(`credential rule ${id}`);
  expect(JSON.stringify(issues)).not.toContain(samples[id]!);
});

test("a secure: value is not judged (its plaintext is not in the file)", () => {
  expect(issuesOf({ "launch-ready:stripe": { value: { key: { secure: "v1:AAAA" } }, secret: true } })).toEqual([]);
});
