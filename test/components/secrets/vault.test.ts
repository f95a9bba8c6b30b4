import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { installMocks, occurrences, ofType, one, recorded, settle, valueOf } from "./pulumiMocks";
import { secretsSchema } from "../../../components/schema/secrets";
import { SecretsVault, validateSecretsVaultArgs } from "../../../components/secrets/vault";

// In beforeAll: the folder's files load together (test/support/folderSuite.ts).
beforeAll(() => installMocks());

const fixture = (env: string) => secretsSchema.parse(parse(readFileSync(join(__dirname, "../../fixtures/aws", `${env}.yaml`), "utf8")).secrets);

// Recognisable, built from pieces so no scanner mistakes the source for a credential.
const PLANTED = ["whsec", "PLANTED", "d3adb33f", "canary"].join("_");
const PLANTED_TOKEN = ["pm", "PLANTED", "t0ken", "canary"].join("_");

async function buildProd(name = "vault") {
  pulumi.runtime.setAllConfig(
    { "launch-ready:stripeWebhookSecret": PLANTED, "launch-ready:postmarkServerToken": PLANTED_TOKEN },
    ["launch-ready:stripeWebhookSecret", "launch-ready:postmarkServerToken"],
  );
  const config = new pulumi.Config("launch-ready");
  const vault = new SecretsVault(name, {
    environment: "prod",
    isProduction: true,
    section: fixture("prod"),
    configValues: {
      "stripe-webhook-signing-key": config.requireSecret("stripeWebhookSecret"),
      "postmark-server-token": config.requireSecret("postmarkServerToken"),
    },
  });
  await valueOf(vault.readPolicyArn);
  await settle();
  return vault;
}

describe("SecretsVault (prod example)", () => {
  let vault: SecretsVault;
  beforeAll(async () => {
    recorded.length = 0;
    vault = await buildProd();
  });

  test("one customer-managed KMS key with rotation, aliased alias/launch-ready-prod", () => {
    const key = one("aws:kms/key:Key");
    expect(key.inputs.enableKeyRotation).toBe(true);
    expect(one("aws:kms/alias:Alias").inputs.name).toBe("alias/launch-ready-prod");
    expect(one("aws:kms/alias:Alias").inputs.targetKeyId).toBe("vault-key-id");
  });

  test("one secret per item under launch-ready/prod/, encrypted with the key, 30-day recovery window", () => {
    const secrets = ofType("aws:secretsmanager/secret:Secret");
    expect(secrets.map((s) => s.inputs.name).sort()).toEqual([
      "launch-ready/prod/postmark-server-token",
      "launch-ready/prod/session-signing-key",
      "launch-ready/prod/stripe-webhook-signing-key",
    ]);
    for (const s of secrets) {
      expect(s.inputs.kmsKeyId).toBe("arn:aws:kms:eu-west-1:123456789012:key/vault-key-id");
      expect(s.inputs.recoveryWindowInDays).toBe(30);
    }
    expect(ofType("aws:secretsmanager/secretVersion:SecretVersion")).toHaveLength(3);
  });

  test("the generated secret comes from a 64-character RandomPassword", () => {
    const password = one("random:index/randomPassword:RandomPassword");
    expect(password.name).toBe("vault-secret-session-signing-key-generated");
    expect(password.inputs).toMatchObject({ length: 64, special: false });
  });

  test("the read policy allows only this environment's secret ARNs and kms:Decrypt on this key via Secrets Manager", () => {
    const doc = JSON.parse(one("aws:iam/policy:Policy").inputs.policy);
    const read = doc.Statement.find((s: any) => s.Sid === "ReadOwnEnvironmentSecrets");
    expect(read.Resource).toHaveLength(3);
    for (const arn of read.Resource) expect(arn).toMatch(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:launch-ready\/prod\/[a-z-]+-AbCdEf$/);
    const decrypt = doc.Statement.find((s: any) => s.Sid === "DecryptWithOwnEnvironmentKey");
    expect(decrypt.Resource).toEqual(["arn:aws:kms:eu-west-1:123456789012:key/vault-key-id"]);
    expect(decrypt.Condition.StringEquals["kms:ViaService"]).toBe("secretsmanager.eu-west-1.amazonaws.com");
    expect(JSON.stringify(doc)).not.toMatch(/"\*"|:\*/);
  });

  test("the policy is attached to the configured app role", () => {
    expect(one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.role).toBe("launch-ready-prod-app");
  });

  test("outputs are ARNs and names only", async () => {
    expect(vault.secretNames).toEqual({
      "stripe-webhook-signing-key": "launch-ready/prod/stripe-webhook-signing-key",
      "session-signing-key": "launch-ready/prod/session-signing-key",
      "postmark-server-token": "launch-ready/prod/postmark-server-token",
    });
    expect(await valueOf(vault.secretArns["stripe-webhook-signing-key"]!)).toMatch(/^arn:aws:secretsmanager:/);
    expect(vault.keyAliasName).toBe("alias/launch-ready-prod");
  });

  test("the planted secret values reach only SecretVersion.secretString, and only as secrets", () => {
    for (const needle of [PLANTED, PLANTED_TOKEN, "generated-vault-secret-session-signing-key-generated"]) {
      const hits = recorded.flatMap((r) => occurrences(r.inputs, needle).map((h) => ({ ...h, where: `${r.type} ${r.name}${h.path.slice(1)}` })));
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(hit.where).toMatch(/^aws:secretsmanager\/secretVersion:SecretVersion vault-secret-[a-z-]+-value\.secretString/);
        expect(hit.secret).toBe(true);
      }
    }
  });

  test("the planted values appear in no registered outputs", async () => {
    const monitor = pulumi.runtime.getMonitor() as any;
    const states = [...monitor.getRegisteredResources().values()].map((r: any) => r.state);
    const serialized = JSON.stringify(states.map((s: any) => (s && typeof s.toJavaScript === "function" ? s.toJavaScript() : s)));
    expect(serialized).toContain("launch-ready/prod/stripe-webhook-signing-key");
    // The component's registered outputs and every resource state: the value is only ever inside a secret.
    for (const state of states) {
      const plain = state && typeof state.toJavaScript === "function" ? state.toJavaScript() : state;
      for (const hit of occurrences(plain, PLANTED)) expect(hit.secret).toBe(true);
    }
    expect(await pulumi.isSecret(vault.keyArn)).toBe(false);
  });
});

describe("SecretsVault protection and validation", () => {
  test("prod key, secrets and generator are protected and retained on delete; staging's are not", async () => {
    recorded.length = 0;
    await buildProd("vault-protect");
    new SecretsVault("vault-staging", {
      environment: "staging",
      isProduction: false,
      section: fixture("staging"),
      configValues: { "stripe-webhook-signing-key": pulumi.secret("x"), "postmark-server-token": pulumi.secret("y") },
    });
    await settle();
    const kept = ["aws:kms/key:Key", "aws:secretsmanager/secret:Secret", "random:index/randomPassword:RandomPassword"];
    const prod = recorded.filter((r) => kept.includes(r.type) && !r.name.startsWith("vault-staging"));
    expect(prod).toHaveLength(5);
    for (const r of prod) {
      expect(r.protect).toBe(true);
      if (r.type !== "random:index/randomPassword:RandomPassword") expect(r.retainOnDelete).toBe(true);
    }
    const stagingSecrets = ofType("aws:secretsmanager/secret:Secret").filter((s) => s.inputs.name.startsWith("launch-ready/staging/"));
    expect(stagingSecrets).toHaveLength(3);
    for (const s of stagingSecrets) {
      expect(s.protect).toBe(false);
      expect(s.inputs.recoveryWindowInDays).toBe(7);
    }
  });

  test("refuses before creating anything: prod recovery window 0, and a config secret with no value", () => {
    const before = recorded.length;
    const args = {
      environment: "prod",
      isProduction: true,
      section: secretsSchema.parse({ items: [{ name: "stripe-webhook-signing-key", source: "config" }], recoveryWindowInDays: 0 }),
      configValues: {},
    };
    expect(validateSecretsVaultArgs(args)).toEqual([
      expect.stringMatching(/^secrets\.recoveryWindowInDays: 0 would delete production secrets/),
      expect.stringMatching(/no value was passed for "stripe-webhook-signing-key"; its config key "stripeWebhookSigningKey"/),
    ]);
    expect(() => new SecretsVault("bad", args)).toThrow(/SecretsVault bad: invalid arguments/);
    expect(recorded.length).toBe(before);
  });
});

describe("the leak detector itself", () => {
  test("tells a plaintext occurrence from one inside a serialized secret", () => {
    const wire = { a: `x ${PLANTED} y`, b: [{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: PLANTED }], c: JSON.stringify({ d: PLANTED }) };
    expect(occurrences(wire, PLANTED)).toEqual([
      { path: "$.a", secret: false },
      { path: "$.b[0].value", secret: true },
      { path: "$.c", secret: false },
    ]);
  });
});
