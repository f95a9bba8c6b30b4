/** The prerequisites list and its terminal form, on small hand-made plans (the stacks' are in test/handover/stacks.test.ts). */
import { formatPrerequisites, prerequisites } from "../../plan/prerequisites";
import type { Plan, PlannedResource } from "../../plan/types";

const res = (type: string, name: string, inputs: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): PlannedResource =>
  ({ urn: `urn:pulumi:prod::launch-ready::${type}::${name}`, type, name, custom: true, inputs, options: {}, ...(propertyDependencies ? { propertyDependencies } : {}) }) as unknown as PlannedResource;

const topic = res("aws:sns/topic:Topic", "uptime-alerts", { name: "launch-ready-prod-alerts", region: "us-east-1" });
const plan = (resources: PlannedResource[], config: Record<string, unknown> = {}): Plan => ({ project: "launch-ready", stack: "prod", config, resources, outputs: {} }) as unknown as Plan;

describe("prerequisites", () => {
  test("a Worker adds the Workers permissions; Access adds the Zero Trust organization and its read permission", () => {
    const items = prerequisites(
      plan([
        res("cloudflare:index/workersScript:WorkersScript", "mta-sts", {}),
        res("cloudflare:index/workersCustomDomain:WorkersCustomDomain", "mta-sts-domain", {}),
        res("cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication", "admin", { accountId: "acc123" }),
      ]),
    );
    const token = items.find((i) => i.id === "cloudflare-token")!;
    expect(token.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Account · Workers Scripts · Edit \(for WorkersCustomDomain, WorkersScript\)$/),
        expect.stringMatching(/^Zone · Workers Routes · Edit \(for WorkersCustomDomain\)$/),
        expect.stringMatching(/^Account · Access: Organizations, Identity Providers, and Groups · Read/),
      ]),
    );
    expect(items.find((i) => i.id === "zero-trust-organization")!.title).toBe("A Cloudflare Zero Trust organization on account acc123");
  });

  test("no Worker, no Access: neither is asked for", () => {
    const items = prerequisites(plan([res("cloudflare:index/dnsRecord:DnsRecord", "www", {})]));
    expect(JSON.stringify(items)).not.toMatch(/Workers|Zero Trust|Access/);
  });

  test("each email subscription is a launch task naming its topic and region; the app role and secret keys come from the config", () => {
    const sub = res("aws:sns/topicSubscription:TopicSubscription", "uptime-alerts-email-ops@example.com", { protocol: "email", endpoint: "ops@example.com" }, { topic: [topic.urn] });
    const relay = res("aws:sns/topicSubscription:TopicSubscription", "uptime-alerts-relay", { protocol: "lambda" }, { topic: [topic.urn] });
    const items = prerequisites(plan([topic, sub, relay], { secrets: { appRoleName: "app-prod" }, secretKeys: ["launch-ready:stripeWebhookSecret"] }));
    expect(items.filter((i) => i.phase === "after").map((i) => i.title)).toEqual(["ops@example.com confirms the AWS subscription mail for launch-ready-prod-alerts (us-east-1)"]);
    expect(items.find((i) => i.id === "app-role")!.details.join("\n")).toContain("aws iam get-role --role-name app-prod");
    expect(items.find((i) => i.id === "secret-config")!.details).toEqual(["pulumi config set --secret launch-ready:stripeWebhookSecret --stack prod"]);
  });

  test("a created app role (GitHub preset, existing provider) is no prerequisite; the host's OIDC setting and the provider to check are", () => {
    const providerArn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const items = prerequisites(plan([], { secrets: { items: [], appRole: { oidcProviderArn: providerArn, trust: { host: "github", owner: "acme", repo: "members", environment: "production" } } } }));
    expect(items.map((i) => i.id)).toEqual(["app-host-oidc"]);
    expect(items[0]!.title).toMatch(/id-token: write .* GitHub environment production of acme\/members/);
    expect(items[0]!.details.join("\n")).toContain("sub repo:acme/members:environment:production");
    expect(items[0]!.details.join("\n")).toContain(`aws iam get-open-id-connect-provider --open-id-connect-provider-arn ${providerArn}`);
  });

  test("the terminal form numbers each phase and cannot carry control characters", () => {
    const text = formatPrerequisites([
      { id: "a", phase: "before", title: "Token\u001b[31m red", details: ["one"] },
      { id: "b", phase: "after", title: "Confirm", details: [] },
    ]);
    expect(text).toBe(["Before the first deploy (outside the stack):", "  1. Token\\u{001b}[31m red", "     - one", "", "After the first deploy (launch tasks):", "  1. Confirm"].join("\n"));
    expect(formatPrerequisites([])).toBe("");
  });
});
