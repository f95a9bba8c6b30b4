/**
 * The alert relay's handler (the file the Lambda runtime runs) on real SNS event shapes, posting
 * to a webhook server on loopback. The URLs in the "vault" are the real services' shapes; the
 * test's fetch sends each request to the loopback server instead of the internet (like a hosts
 * file), so the body, headers and status handling are the real ones.
 */
import { createServer, type IncomingMessage, type Server } from "http";
import type { AddressInfo } from "net";
import { createHandler, formatForUrl, type RelayWebhook } from "../../../components/monitoring/relay/handler.js";

interface Received {
  host: string;
  path: string;
  contentType: string | undefined;
  body: any;
}

// Shapes from the AWS docs: the SNS -> Lambda event (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html)
// and a CloudWatch alarm's notification in Sns.Message (AlarmName, NewStateValue, Trigger...).
const ALARM_MESSAGE = {
  AlarmName: "launch-ready-prod-login-down",
  AlarmDescription: "https://example.com/login is failing its health check (login) <!channel> @everyone",
  AWSAccountId: "123456789012",
  AlarmConfigurationUpdatedTimestamp: "2026-12-01T10:00:00.000+0000",
  NewStateValue: "ALARM",
  NewStateReason: "Threshold Crossed: 1 out of the last 1 datapoints [0.0 (04/12/26 15:59:00)] was less than the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
  StateChangeTime: "2026-12-04T16:00:12.345+0000",
  Region: "US East (N. Virginia)",
  AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:launch-ready-prod-login-down",
  OldStateValue: "OK",
  OKActions: ["arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts"],
  AlarmActions: ["arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts"],
  InsufficientDataActions: [],
  Trigger: {
    MetricName: "HealthCheckStatus",
    Namespace: "AWS/Route53",
    StatisticType: "Statistic",
    Statistic: "MINIMUM",
    Unit: null,
    Dimensions: [{ value: "abcdef01-2345-6789-abcd-ef0123456789", name: "HealthCheckId" }],
    Period: 60,
    EvaluationPeriods: 1,
    ComparisonOperator: "LessThanThreshold",
    Threshold: 1.0,
    TreatMissingData: "breaching",
    EvaluateLowSampleCountPercentile: "",
  },
};

function snsEvent(message: string, subject: string | null): unknown {
  return {
    Records: [
      {
        EventVersion: "1.0",
        EventSubscriptionArn: "arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
        EventSource: "aws:sns",
        Sns: {
          SignatureVersion: "1",
          Timestamp: "2026-12-04T16:00:12.456Z",
          Signature: "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
          SigningCertUrl: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
          MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
          Message: message,
          MessageAttributes: {},
          Type: "Notification",
          UnsubscribeUrl: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:test-lambda:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
          TopicArn: "arn:aws:sns:us-east-1:123456789012:launch-ready-prod-alerts",
          Subject: subject,
        },
      },
    ],
  };
}

const alarmEvent = () => snsEvent(JSON.stringify(ALARM_MESSAGE), 'ALARM: "launch-ready-prod-login-down" in US East (N. Virginia)');

// Webhook URLs carry a token: built from pieces so no scanner mistakes them for real ones.
const URLS: Record<string, string> = {
  "secret-slack": ["https://hooks.slack.com/services", "T00000000", "B00000000", "fake".repeat(6)].join("/"),
  "secret-teams": ["https://prod-01.westeurope.logic.azure.com:443/workflows", "0".repeat(32), "triggers/manual/paths/invoke?sig=fake"].join("/"),
  "secret-discord": ["https://discord.com/api/webhooks", "123456789012345678", "fake-token"].join("/"),
  "secret-generic": ["https://ops.example.net/alerts", "fake-token"].join("/"),
};

describe("alert relay handler", () => {
  let server: Server;
  let port: number;
  const received: Received[] = [];
  /** Per-path status to answer (default 200). */
  const statusFor = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => {
        const path = req.url ?? "";
        received.push({ host: req.headers["x-original-host"] as string, path, contentType: req.headers["content-type"], body: JSON.parse(text) });
        res.statusCode = statusFor.get(path) ?? 200;
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    statusFor.clear();
  });

  /** The real fetch, sent to loopback: the original host travels in a header for the assertions. */
  const loopbackFetch: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-original-host": url.hostname } });
  };
  const reads: string[] = [];
  const readSecret = async (id: string) => {
    reads.push(id);
    if (URLS[id] === undefined) throw new Error(`ResourceNotFoundException: ${id}`);
    return URLS[id]!;
  };
  const env = (hooks: RelayWebhook[]) => ({ RELAY_WEBHOOKS: JSON.stringify(hooks) });
  const logs: string[] = [];
  const relay = createHandler({ readSecret, fetch: loopbackFetch, log: (l) => logs.push(l) });

  test("an alarm reaches Slack, Teams, Discord and a generic endpoint, each in its own format (auto-detected from the URL)", async () => {
    const hooks: RelayWebhook[] = ["slack", "teams", "discord", "generic"].map((n) => ({ name: n, secretId: `secret-${n}`, format: "auto" }));
    await expect(relay(alarmEvent(), env(hooks))).resolves.toEqual({ delivered: 4 });
    const by = (host: string) => received.find((r) => r.host === host)!;
    expect(received.every((r) => r.contentType === "application/json")).toBe(true);

    const slack = by("hooks.slack.com").body;
    expect(Object.keys(slack)).toEqual(["text"]);
    expect(slack.text.split("\n")[0]).toBe("ALARM: launch-ready-prod-login-down");
    expect(slack.text).toContain("Why: Threshold Crossed");
    expect(slack.text).toContain("AWS/Route53/HealthCheckStatus");
    // A description cannot ping the channel: Slack's control characters are escaped.
    expect(slack.text).toContain("&lt;!channel&gt;");
    expect(slack.text).not.toContain("<!channel>");

    const teams = by("prod-01.westeurope.logic.azure.com");
    expect(teams.path).toContain("/workflows/");
    expect(teams.body.type).toBe("message");
    expect(teams.body.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.body.attachments[0].content.type).toBe("AdaptiveCard");
    expect(teams.body.attachments[0].content.body[0]).toMatchObject({ type: "TextBlock", text: "ALARM: launch-ready-prod-login-down" });

    const discord = by("discord.com").body;
    expect(discord.content.startsWith("ALARM: launch-ready-prod-login-down\n")).toBe(true);
    expect(discord.allowed_mentions).toEqual({ parse: [] });

    const generic = by("ops.example.net").body;
    expect(generic).toMatchObject({ source: "launch-ready", kind: "alarm", state: "ALARM", previousState: "OK", alarmName: "launch-ready-prod-login-down", metric: "AWS/Route53/HealthCheckStatus" });
  });

  test("an explicit format wins over the URL's host; a plain (non-alarm) message keeps its subject and text", async () => {
    await relay(snsEvent("Deploy of 4f2c1e0 finished", "launch-ready prod"), env([{ name: "chat", secretId: "secret-generic", format: "slack" }]));
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual({ text: "launch-ready prod\nDeploy of 4f2c1e0 finished\n2026-12-04T16:00:12.456Z" });
  });

  test("a webhook answering an error fails the invocation (so Lambda retries and the Errors alarm fires) after the others were delivered; the error names the webhook, never its URL", async () => {
    statusFor.set(new URL(URLS["secret-slack"]!).pathname, 500);
    const hooks: RelayWebhook[] = [
      { name: "chat", secretId: "secret-slack", format: "auto" },
      { name: "backup", secretId: "secret-discord", format: "auto" },
    ];
    const error: Error = await relay(alarmEvent(), env(hooks)).then(
      () => new Error("resolved"),
      (e: Error) => e,
    );
    expect(error.message).toMatch(/1 delivery\(ies\) failed: webhook chat \(slack\) answered HTTP 500/);
    expect(error.message).not.toContain("hooks.slack.com");
    expect(received.map((r) => r.host).sort()).toEqual(["discord.com", "hooks.slack.com"]);
    expect(logs.join("\n")).not.toMatch(/https?:\/\//);
  });

  test("a missing secret, a secret that is not an https URL, and a bad RELAY_WEBHOOKS are clear errors", async () => {
    await expect(relay(alarmEvent(), env([{ name: "chat", secretId: "secret-missing", format: "auto" }]))).rejects.toThrow(/ResourceNotFoundException: secret-missing/);
    URLS["secret-plain"] = "http://hooks.slack.com/x";
    await expect(relay(alarmEvent(), env([{ name: "chat", secretId: "secret-plain", format: "auto" }]))).rejects.toThrow(/webhook chat: the secret's value is not an https:\/\/ URL/);
    await expect(relay(alarmEvent(), { RELAY_WEBHOOKS: "not json" })).rejects.toThrow(/RELAY_WEBHOOKS is not JSON/);
    await expect(relay(alarmEvent(), env([{ name: "chat", secretId: "x", format: "pager" as never }]))).rejects.toThrow(/a format of slack, teams, discord, json, auto/);
    await expect(relay({ detail: {} }, env([{ name: "chat", secretId: "secret-slack", format: "auto" }]))).rejects.toThrow(/not an SNS event/);
    expect(received).toHaveLength(0);
  });

  test("secret values are cached between invocations of a warm function, for a few minutes", async () => {
    let clock = 0;
    const local: string[] = [];
    const warm = createHandler({ readSecret: async (id) => (local.push(id), URLS[id]!), fetch: loopbackFetch, now: () => clock, log: () => {} });
    const hooks = env([{ name: "chat", secretId: "secret-slack", format: "auto" }]);
    await warm(alarmEvent(), hooks);
    await warm(alarmEvent(), hooks);
    expect(local).toEqual(["secret-slack"]);
    clock += 6 * 60 * 1000;
    await warm(alarmEvent(), hooks);
    expect(local).toEqual(["secret-slack", "secret-slack"]);
  });

  test("formatForUrl knows the services' webhook hosts and falls back to generic JSON", () => {
    expect(formatForUrl("https://hooks.slack.com/services/a/b/c")).toBe("slack");
    expect(formatForUrl("https://discordapp.com/api/webhooks/1/x")).toBe("discord");
    expect(formatForUrl("https://contoso.webhook.office.com/webhookb2/x")).toBe("teams");
    expect(formatForUrl("https://evilhooks.slack.com.example.net/x")).toBe("json");
    expect(formatForUrl("not a url")).toBe("json");
  });
});
