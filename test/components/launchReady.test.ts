/**
 * The composed stack: both example stacks rendered through index.ts, asserting what LaunchReady
 * wires between its components (email, vault, webhook queue, uptime monitoring, the regional
 * alerts topic) and what the stack exports. The components' own details have their own suites.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isSecret, UNKNOWN_VALUE, type PlannedResource } from "../../plan/types";
import type { RenderResult } from "../../plan/render";
import { DNS_RECORD, renderIsolated, renderedStack } from "../support/render";
import { testStackFile } from "../support/stacks";
import { regionOf as regionIn } from "../../plan/read/resources";
import { planJson } from "../../plan/pipeline";

const T = {
  sesIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  secret: "aws:secretsmanager/secret:Secret",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  password: "random:index/randomPassword:RandomPassword",
  policy: "aws:iam/policy:Policy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  queue: "aws:sqs/queue:Queue",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  awsProvider: "pulumi:providers:aws",
} as const;

const rendered: Record<string, RenderResult> = {};
beforeAll(async () => {
  // The run's renders of the example stacks; variants one at a time (the SDK's runtime state is global).
  rendered.prod = await renderedStack("prod");
  rendered.staging = await renderedStack("staging");
  rendered.stagingUsEast1 = await renderIsolated({ stack: "staging", overrides: { "aws:region": { value: "us-east-1", secret: false } } });
  rendered.stagingWithAwsSettings = await renderIsolated({
    stack: "staging",
    overrides: {
      "aws:profile": { value: "launch-ready-staging", secret: false },
      "aws:assumeRoles": { value: [{ roleArn: "arn:aws:iam::123456789012:role/deploy" }], secret: false },
      "aws:defaultTags": { value: { tags: { team: "community" } }, secret: false },
      "aws:secretKey": { value: "planted-aws-secret-key-value", secret: true },
    },
  });
});

const ofType = (result: RenderResult, type: string) => result.plan.resources.filter((r) => r.type === type);
function named(result: RenderResult, type: string, name: string): PlannedResource {
  const found = ofType(result, type).filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${ofType(result, type).map((r) => r.name).join(", ")}`);
  return found[0]!;
}
const byUrn = (result: RenderResult, urn: string) => result.plan.resources.find((r) => r.urn === urn);
/** The resources an input's value came from (the engine's property dependencies). */
const sourcesOf = (result: RenderResult, resource: PlannedResource, input: string) =>
  (resource.propertyDependencies?.[input] ?? []).map((urn) => byUrn(result, urn)!);
/** The component a resource was declared in ("SecretsVault"), from its qualified URN type. */
const componentOf = (r: PlannedResource) => /launch-ready:[a-zA-Z]+:([A-Za-z]+)\$[^$]+::/.exec(r.urn)?.[1];
/** Where a resource is managed: its own region input, else its explicit provider's; undefined for the stack's `aws:region`. */
const regionOf = (result: RenderResult, r: PlannedResource) => regionIn(result.plan, r);

describe.each([
  ["prod", "example.com"],
  ["staging", "example-staging.com"],
])("the %s stack composes every concern", (stack, apex) => {
  const result = () => rendered[stack]!;
  const production = stack === "prod";

  test("declares each concern's component under LaunchReady", () => {
    const components = result().plan.resources.filter((r) => !r.custom).map((r) => r.type);
    expect(components).toEqual(
      expect.arrayContaining([
        "launch-ready:index:LaunchReady",
        "launch-ready:email:EmailAuth",
        "launch-ready:secrets:SecretsVault",
        "launch-ready:monitoring:UptimeMonitoring",
        "launch-ready:monitoring:AlertsTopic",
        "launch-ready:webhookQueue:WebhookQueue",
      ]),
    );
  });

  describe("email", () => {
    const mail = () => ofType(result(), DNS_RECORD).filter((r) => componentOf(r) === "EmailAuth");
    const record = (name: string, type: string) => mail().filter((r) => r.inputs.name === name && r.inputs.type === type);

    test("publishes a DMARC record for the apex with reports to mailto:", () => {
      const [dmarc] = record(`_dmarc.${apex}`, "TXT");
      expect(dmarc?.inputs.content).toMatch(new RegExp(`^"v=DMARC1; p=${production ? "quarantine" : "none"}; rua=mailto:dmarc@example.com"$`));
    });

    if (production) {
      test("receives with Google Workspace, signs with Google and Postmark DKIM, one SPF ending in -all", () => {
        expect(record(apex, "MX").map((r) => `${r.inputs.priority} ${r.inputs.content}`)).toEqual(["1 smtp.google.com"]);
        const spf = record(apex, "TXT").filter((r) => String(r.inputs.content).includes("v=spf1"));
        expect(spf.map((r) => r.inputs.content)).toEqual(['"v=spf1 include:_spf.google.com -all"']);
        expect(mail().map((r) => r.inputs.name)).toEqual(
          expect.arrayContaining([`google._domainkey.${apex}`, `20240101123456pm._domainkey.${apex}`, `pm-bounces.${apex}`, `_mta-sts.${apex}`, `_smtp._tls.${apex}`, `example-staging.com._report._dmarc.${apex}`]),
        );
        expect(ofType(result(), T.sesIdentity)).toHaveLength(0);
      });
    } else {
      test("sends through an SES identity whose three DKIM tokens become the CNAMEs", () => {
        const identity = named(result(), T.sesIdentity, "email-ses-mail");
        expect(identity.inputs).toMatchObject({ emailIdentity: `mail.${apex}`, region: "eu-west-1" });
        const dkim = mail().filter((r) => r.inputs.type === "CNAME" && r.name.startsWith("email-dkim-ses-"));
        expect(dkim).toHaveLength(3);
        for (const r of dkim) {
          // Names and targets come from SES after deploy.
          expect(r.inputs.name).toBe(UNKNOWN_VALUE);
          expect(sourcesOf(result(), r, "name")).toEqual([identity]);
          expect(sourcesOf(result(), r, "content")).toEqual([identity]);
        }
        expect(record(`bounce.mail.${apex}`, "TXT").map((r) => r.inputs.content)).toEqual(['"v=spf1 include:amazonses.com -all"']);
        expect(record(`bounce.mail.${apex}`, "MX").map((r) => r.inputs.content)).toEqual(["feedback-smtp.eu-west-1.amazonses.com"]);
      });
    }
  });

  describe("secrets vault", () => {
    const key = () => named(result(), T.key, "secrets-key");
    // The app's secrets; the alert webhook URLs (the relay's) are in the vault too, outside the app's read policy.
    const secrets = () => ofType(result(), T.secret).filter((s) => !s.name.startsWith("secrets-alert-webhook-"));
    const webhookSecrets = () => ofType(result(), T.secret).filter((s) => s.name.startsWith("secrets-alert-webhook-"));

    test("the chat webhook URL is a vault secret under alerts/, on the same key, and only the relay's role may read it", () => {
      expect(webhookSecrets().map((s) => s.inputs.name)).toEqual(production ? ["launch-ready/prod/alerts/chat-webhook-url"] : []);
      for (const s of webhookSecrets()) {
        expect(sourcesOf(result(), s, "kmsKeyId")).toEqual([key()]);
        const readers = result().plan.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" || r.type === "aws:iam/policy:Policy").filter((p) => sourcesOf(result(), p, "policy").includes(s));
        expect(readers.map((r) => r.name)).toEqual(["uptime-relay-policy"]);
      }
    });

    test("one customer-managed KMS key with rotation, aliased per environment", () => {
      expect(ofType(result(), T.key)).toHaveLength(1);
      expect(key().inputs.enableKeyRotation).toBe(true);
      expect(named(result(), T.alias, "secrets-key-alias").inputs.name).toBe(`alias/launch-ready-${stack}`);
      expect(key().options).toMatchObject({ protect: production, retainOnDelete: production });
    });

    test(`secrets named launch-ready/${stack}/<name>, under the key, with a ${production ? 30 : 7}-day recovery window`, () => {
      expect(secrets().map((s) => s.inputs.name).sort()).toEqual(
        ["postmark-server-token", "session-signing-key", "stripe-webhook-signing-key"].map((n) => `launch-ready/${stack}/${n}`),
      );
      for (const s of secrets()) {
        expect(s.inputs.recoveryWindowInDays).toBe(production ? 30 : 7);
        expect(sourcesOf(result(), s, "kmsKeyId")).toEqual([key()]);
        // Losing a production secret locks the app out: protected, and kept if the code drops it.
        expect(s.options).toMatchObject({ protect: production, retainOnDelete: production });
      }
    });

    test("config-sourced values reach Secrets Manager only as secrets; the signing key is generated", () => {
      const version = (name: string) => named(result(), T.secretVersion, `secrets-secret-${name}-value`);
      for (const name of ["stripe-webhook-signing-key", "postmark-server-token"]) {
        expect(isSecret(version(name).inputs.secretString)).toBe(true);
      }
      const password = named(result(), T.password, "secrets-secret-session-signing-key-generated");
      expect(password.inputs).toEqual({ length: production ? 64 : 48, special: false });
      expect(password.options.additionalSecretOutputs).toEqual(expect.arrayContaining(["result"]));
      expect(password.options.protect).toBe(production);
      expect(sourcesOf(result(), version("session-signing-key"), "secretString")).toEqual([password]);
    });

    test("the read policy covers exactly this environment's secrets and key", () => {
      const policy = named(result(), T.policy, "secrets-read-policy");
      expect(policy.inputs.name).toBe(`launch-ready-${stack}-secrets-read`);
      // The document holds ARNs known only after deploy; what it is built from is known now.
      const sources = sourcesOf(result(), policy, "policy");
      expect(sources.map((r) => r.urn).sort()).toEqual([...secrets(), key()].map((r) => r.urn).sort());
      expect(sources.filter((r) => r.type === T.secret).every((s) => String(s.inputs.name).startsWith(`launch-ready/${stack}/`))).toBe(true);
      const attachments = ofType(result(), T.attachment).filter((a) => componentOf(a) === "SecretsVault");
      expect(attachments.map((a) => a.inputs.role)).toEqual(production ? ["launch-ready-prod-app"] : []);
    });
  });

  describe("webhook queue", () => {
    const queue = () => named(result(), T.queue, "webhooks-queue");
    const dlq = () => named(result(), T.queue, "webhooks-dlq");

    test("a FIFO queue deduplicating retried webhooks, redriving to a FIFO dead-letter queue, encrypted", () => {
      expect(queue().inputs).toMatchObject({ name: `launch-ready-${stack}-webhooks.fifo`, fifoQueue: true, sqsManagedSseEnabled: true });
      // prod deduplicates on the provider's event id; staging on the content (the default).
      expect(queue().inputs.contentBasedDeduplication).toBe(!production);
      expect(dlq().inputs).toMatchObject({ name: `launch-ready-${stack}-webhooks-dlq.fifo`, fifoQueue: true, sqsManagedSseEnabled: true });
      expect(sourcesOf(result(), queue(), "redrivePolicy")).toEqual([dlq()]);
      expect(queue().options.protect).toBe(production);
    });

    test("the dead-letter alarm notifies the alerts topic of the stack's own region (eu-west-1)", () => {
      const alarm = named(result(), T.alarm, "webhooks-dlq-alarm");
      expect(alarm.inputs).toMatchObject({ namespace: "AWS/SQS", dimensions: { QueueName: `launch-ready-${stack}-webhooks-dlq.fifo` }, threshold: 0 });
      const [topic, ...others] = sourcesOf(result(), alarm, "alarmActions");
      expect(others).toEqual([]);
      expect(topic).toMatchObject({ type: T.topic, name: "alerts-regional", inputs: expect.objectContaining({ name: `launch-ready-${stack}-alerts-eu-west-1` }) });
      expect(componentOf(topic!)).toBe("AlertsTopic");
      expect(sourcesOf(result(), alarm, "okActions")).toEqual([topic]);
      // The alarm follows the stack's provider (aws:region eu-west-1); the topic names that region.
      expect(regionOf(result(), alarm)).toBeUndefined();
      expect(regionOf(result(), topic!)).toBe("eu-west-1");
    });

    test("the regional topic has the same subscribers as the us-east-1 one", () => {
      const subscribers = (topicName: string) =>
        ofType(result(), T.subscription)
          .filter((s) => sourcesOf(result(), s, "topic")[0]?.name === topicName)
          .map((s) => `${s.inputs.protocol} ${isSecret(s.inputs.endpoint) ? "[secret]" : s.inputs.endpoint}`)
          .sort();
      const expected = production ? ["email ops@example.com", `lambda ${UNKNOWN_VALUE}`] : ["email staging-alerts@example.com"];
      expect(subscribers("alerts-regional")).toEqual(expected);
      expect(subscribers("uptime-alerts")).toEqual(expected);
    });
  });

  describe("uptime monitoring", () => {
    test("Route 53 HTTPS health checks (SNI) for the homepage, the login page and the API", () => {
      const checks = ofType(result(), T.healthCheck);
      // Checks without a host probe the canonical host, the apex in both stacks.
      const host = apex;
      expect(Object.fromEntries(checks.map((c) => [c.name, `${c.inputs.type} https://${c.inputs.fqdn}:${c.inputs.port}${c.inputs.resourcePath}`]))).toEqual({
        "uptime-check-homepage": `${production ? "HTTPS_STR_MATCH" : "HTTPS"} https://${host}:443/`,
        "uptime-check-login": `HTTPS https://${host}:443/login`,
        "uptime-check-api-health": `${production ? "HTTPS_STR_MATCH" : "HTTPS"} https://api.${apex}:443/api/health`,
      });
      for (const c of checks) expect(c.inputs.enableSni).toBe(true);
    });

    test("alarms, their topic and the dashboard live in us-east-1 through an explicit provider", () => {
      const [provider, ...others] = ofType(result(), T.awsProvider);
      expect(others).toEqual([]);
      expect(provider).toMatchObject({ name: "uptime-us-east-1", inputs: expect.objectContaining({ region: "us-east-1" }) });
      for (const r of ofType(result(), T.alarm).filter((a) => componentOf(a) === "UptimeMonitoring")) expect(r.options.provider).toContain("::uptime-us-east-1::");
      const inUptime = result().plan.resources.filter((r) => componentOf(r) === "UptimeMonitoring" && [T.alarm, T.topic, T.dashboard].includes(r.type as never));
      expect(inUptime.map((r) => r.type)).toEqual(expect.arrayContaining([T.alarm, T.topic, T.dashboard]));
      for (const r of inUptime) expect([r.name, regionOf(result(), r)]).toEqual([r.name, "us-east-1"]);
      expect(named(result(), T.dashboard, "uptime-dashboard").inputs.dashboardName).toBe(`launch-ready-${stack}-uptime`);
    });

    test("a status alarm per check, and a latency alarm per check that measures latency", () => {
      const alarms = ofType(result(), T.alarm).filter((a) => componentOf(a) === "UptimeMonitoring").map((a) => a.name).sort();
      const down = ["api-health", "homepage", "login"].map((c) => `uptime-alarm-${c}-down`);
      // staging turns latency off for the API check.
      const slow = (production ? ["api-health", "homepage", "login"] : ["homepage", "login"]).map((c) => `uptime-alarm-${c}-slow`);
      expect(alarms).toEqual([...down, ...slow].sort());
      for (const a of ofType(result(), T.alarm).filter((x) => componentOf(x) === "UptimeMonitoring")) {
        expect(sourcesOf(result(), a, "alarmActions").map((t) => t.name)).toEqual(["uptime-alerts"]);
      }
    });

    test("every alarm of the stack notifies someone", () => {
      for (const a of ofType(result(), T.alarm)) {
        expect([a.name, (a.inputs.alarmActions as unknown[]).length]).toEqual([a.name, 1]);
        expect([a.name, sourcesOf(result(), a, "alarmActions").map((t) => t.type)]).toEqual([a.name, [T.topic]]);
      }
    });
  });

  test("exports names and ARNs (unknown until deploy), never values", () => {
    const outputs = result().plan.outputs;
    expect(outputs).toMatchObject({
      environment: stack,
      dashboardName: `launch-ready-${stack}-uptime`,
      alertTopicArn: UNKNOWN_VALUE,
      webhookQueueUrl: UNKNOWN_VALUE,
      webhookDeadLetterQueueUrl: UNKNOWN_VALUE,
      secretsReadPolicyArn: UNKNOWN_VALUE,
    });
    expect(outputs.secretArns).toEqual({ "postmark-server-token": UNKNOWN_VALUE, "session-signing-key": UNKNOWN_VALUE, "stripe-webhook-signing-key": UNKNOWN_VALUE });
    expect(outputs.secretNames).toEqual({
      "postmark-server-token": `launch-ready/${stack}/postmark-server-token`,
      "session-signing-key": `launch-ready/${stack}/session-signing-key`,
      "stripe-webhook-signing-key": `launch-ready/${stack}/stripe-webhook-signing-key`,
    });
    expect(outputs.secretsKeyAlias).toBe(`alias/launch-ready-${stack}`);
    expect(Object.keys(outputs.healthCheckIds as object).sort()).toEqual(["api-health", "homepage", "login"]);
    expect(JSON.stringify(outputs)).not.toContain("4dabf18193072939515e22adb298388d"); // no secret anywhere in the outputs
  });
});

describe("a stack whose AWS region is us-east-1", () => {
  const result = () => rendered.stagingUsEast1!;

  test("needs no regional topic: the dead-letter alarm notifies the uptime topic", () => {
    expect(result().plan.resources.filter((r) => r.type === "launch-ready:monitoring:AlertsTopic")).toEqual([]);
    expect(ofType(result(), T.topic).map((t) => t.name)).toEqual(["uptime-alerts"]);
    const alarm = named(result(), T.alarm, "webhooks-dlq-alarm");
    expect(sourcesOf(result(), alarm, "alarmActions").map((t) => [t.name, t.inputs.name, regionOf(result(), t)])).toEqual([
      ["uptime-alerts", "launch-ready-staging-alerts", "us-east-1"],
    ]);
  });

  test("keeps everything else the eu-west-1 render declares", () => {
    const names = (r: RenderResult) => r.plan.resources.filter((x) => componentOf(x) !== "AlertsTopic" && x.type !== "launch-ready:monitoring:AlertsTopic").map((x) => x.urn).sort();
    expect(names(result())).toEqual(names(rendered.staging!));
  });
});

describe("a stack with the webhook queue and no AWS region", () => {
  const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const stagingWithoutRegion = () => {
    // The test-owned staging stack without its region, in a folder of its own (the name gives the stack's).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-no-region-")), "Pulumi.staging.yaml");
    const text = fs.readFileSync(testStackFile("staging"), "utf8");
    expect(text).toMatch(/^ {2}aws:region: .+$/m);
    fs.writeFileSync(file, text.replace(/^ {2}aws:region: .+\n/m, ""));
    return file;
  };

  test("fails with a message that names aws:region, not a topic named after no region", async () => {
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    await expect(renderIsolated({ configFile: stagingWithoutRegion() })).rejects.toThrow(
      /aws:region: not set; the webhook queue .* a region is expected \(pulumi config set aws:region eu-west-1\)/,
    );
  });

  test("takes the region from AWS_REGION as the provider does", async () => {
    delete process.env.AWS_DEFAULT_REGION;
    process.env.AWS_REGION = "eu-central-1";
    const result = await renderIsolated({ configFile: stagingWithoutRegion() });
    expect(ofType(result, T.topic).map((t) => t.inputs.name).sort()).toEqual(["launch-ready-staging-alerts", "launch-ready-staging-alerts-eu-central-1"]);
  });
});

describe("a stack whose aws: config sets a profile, a role, default tags and a key", () => {
  const result = () => rendered.stagingWithAwsSettings!;

  test("the us-east-1 provider carries every one of them, the key as a secret, with its own region", () => {
    const provider = named(result(), T.awsProvider, "uptime-us-east-1");
    // A provider's structured inputs reach the engine as JSON text.
    const input = (name: string) => (typeof provider.inputs[name] === "string" && /^[[{]/.test(provider.inputs[name] as string) ? JSON.parse(provider.inputs[name] as string) : provider.inputs[name]);
    expect(["region", "profile", "assumeRoles", "defaultTags"].map(input)).toEqual([
      "us-east-1",
      "launch-ready-staging",
      [{ roleArn: "arn:aws:iam::123456789012:role/deploy" }],
      { tags: { team: "community" } },
    ]);
    expect(isSecret(provider.inputs.secretKey)).toBe(true);
    expect(JSON.stringify(planJson(result()))).not.toContain("planted-aws-secret-key-value");
  });
});
