/**
 * One pass of errors: a config with mistakes in several sections reports every one of them in one
 * run (schema errors, section checks, cross-section rules and preset requirements together), and
 * never invents a problem from a part that failed to parse.
 */
import { ConfigError, parseStackConfig, type ConfigIssue } from "../../components/config";
import { raw, VALID_CORE } from "../support/config";

function issuesOf(values: Record<string, unknown>, secretKeys: string[] = []): ConfigIssue[] {
  try {
    parseStackConfig(raw(values, secretKeys));
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  return [];
}

const ALLOW_ADMIN = { ipAllowList: ["203.0.113.0/24"] };
const MICROSOFT_SWITCH = {
  inbound: { provider: "microsoft-365" },
  senders: [{ provider: "microsoft-365" }],
  dmarc: { p: "none", rua: [] },
};

// Each row: a config, then every key path its one run must report (exactly these, in any order)
// with a fragment of each message: where it is, what was found, what is expected.
const rows: Array<[string, Record<string, unknown>, Array<[string, string]>]> = [
  [
    "five mistakes in five sections: a core key, TLS, edge, email and the webhook queue",
    {
      ...VALID_CORE,
      cloudflarePlan: "gold",
      tls: { hsts: { maxAge: 100 } },
      edge: { ...ALLOW_ADMIN, redirects: [{ from: "old-pricing", to: "/pricing" }] },
      email: { senders: [{ provider: "microsoft-365", tenant: "acme", dkimTargets: "selector1" }], dmarc: { p: "reject", rua: ["mailto:d@example.com"] } },
      webhookQueue: { enabled: true, encryption: "kms" },
    },
    [
      ["launch-ready:cloudflarePlan", '"gold" is not valid; one of free, pro, business, enterprise is expected'],
      ["launch-ready:tls.hsts.maxAge", "100 is below 15552000"],
      ["launch-ready:edge.redirects[0].from", '"old-pricing" is not valid; a path starting with "/"'],
      ["launch-ready:email.senders[0].dkimTargets", '"selector1" is a string; an object {selector1, selector2} is expected, e.g. {selector1: '],
      ["launch-ready:webhookQueue.encryption", "there is no secrets section"],
    ],
  ],
  [
    "switching Google Workspace to Microsoft 365 on a hyphenated domain: the tenant, both derived names and DMARC at once",
    { ...VALID_CORE, domain: "acme-club.io", edge: ALLOW_ADMIN, email: MICROSOFT_SWITCH },
    [
      ["launch-ready:email.senders[0].tenant", "is missing; a string is expected, e.g. contoso"],
      ["launch-ready:email.inbound.mxHost", "acme-club.io contains a hyphen"],
      ["launch-ready:email.senders[0].dkimTargets", "an object {selector1, selector2} is expected, e.g. dkimTargets: {selector1: "],
      ["launch-ready:email.dmarc.p", "p=none does not protect the prod domain"],
      ["launch-ready:email.dmarc.rua", "has no rua address"],
    ],
  ],
  [
    "a bad sender among good ones: the others' problems keep their own index",
    {
      ...VALID_CORE,
      edge: ALLOW_ADMIN,
      email: {
        senders: [
          { provider: "sendgrid", account: "nope" },
          { provider: "postmark", dkim: { selector: "20240101pm", key: "k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC" } },
        ],
        dmarc: { p: "reject", rua: ["mailto:d@example.com"] },
      },
    },
    [
      ["launch-ready:email.senders[0].account", '"nope" is not valid'],
      ["launch-ready:email.senders[0].returnPath", "is missing; a string is expected, e.g. em5945"],
      ["launch-ready:email.senders[1].dkim.key", ""],
    ],
  ],
  [
    "a section check and a schema error elsewhere: production monitoring without alerts beside a bad cache TTL",
    { ...VALID_CORE, edge: { ...ALLOW_ADMIN, cache: { edgeTtl: -1 } }, monitoring: { alerts: { emails: [] } } },
    [
      ["launch-ready:edge.cache.edgeTtl", "-1 is not valid"],
      ["launch-ready:monitoring.alerts", ""],
    ],
  ],
  [
    "a host whose origin is wrong still counts as a host: the admin host stays covered, no invented edge error",
    {
      ...VALID_CORE,
      hosts: [...VALID_CORE.hosts.slice(0, 2), { name: "admin", origin: { cname: "localhost" } }],
      email: { dmarc: { p: "none", rua: ["mailto:d@example.com"] } },
    },
    [
      ["launch-ready:hosts[2].origin.cname", '"localhost" is a private-network name'],
      ["launch-ready:email.dmarc.p", "p=none does not protect the prod domain"],
    ],
  ],
  [
    "a monitoring section that fails its schema is not reported as missing in production",
    { ...VALID_CORE, monitoring: { alerts: { emails: ["not-an-address"] } }, webhookQueue: { enabled: true } },
    [["launch-ready:monitoring.alerts.emails[0]", '"not-an-address" is not valid; an email address is expected']],
  ],
  [
    "an edge section that fails its schema is not judged on its defaults (no invented 'admin is open')",
    { ...VALID_CORE, edge: { ipAllowList: ["203.0.113.0/24"], headers: { frameOptions: "ALLOW" } } },
    [["launch-ready:edge.headers.frameOptions", '"ALLOW" is not valid']],
  ],
  [
    "a missing secret referenced by a section shows beside a schema error",
    {
      ...VALID_CORE,
      canonicalHost: "apex",
      tls: { sslMode: "flexible" },
      secrets: { items: [{ name: "stripe-signing-key", source: "config", configKey: "stripeWebhookSecret" }] },
    },
    [
      ["launch-ready:tls.sslMode", '"flexible" is not valid'],
      ["launch-ready:stripeWebhookSecret", "is missing; set it with `pulumi config set --secret"],
    ],
  ],
];

describe("one run reports every mistake", () => {
  it.each(rows)("%s", (_name, values, expected) => {
    const issues = issuesOf(values);
    expect(issues.map((i) => i.path).sort()).toEqual(expected.map(([path]) => path).sort());
    for (const [path, fragment] of expected) {
      expect(issues.find((i) => i.path === path)?.message).toContain(fragment);
    }
  });
});

describe("structured values name their shape and an example", () => {
  it("a Microsoft 365 sender's dkimTargets given as a list", () => {
    const issues = issuesOf({ ...VALID_CORE, edge: ALLOW_ADMIN, email: { senders: [{ provider: "microsoft-365", tenant: "acme", dkimTargets: ["a", "b"] }] } });
    expect(issues).toContainEqual({
      path: "launch-ready:email.senders[0].dkimTargets",
      message:
        '["a","b"] is a list; an object {selector1, selector2} is expected, e.g. {selector1: selector1-acme-club-io._domainkey.acme.onmicrosoft.com, selector2: selector2-acme-club-io._domainkey.acme.onmicrosoft.com}',
    });
  });

  it("a Postmark sender without its DKIM key", () => {
    const issues = issuesOf({ ...VALID_CORE, edge: ALLOW_ADMIN, email: { senders: [{ provider: "postmark" }] } });
    const message = issues.find((i) => i.path === "launch-ready:email.senders[0].dkim")?.message;
    expect(message).toBe('is missing; an object {selector, key} is expected, e.g. {selector: 20240101123456pm, key: "k=rsa; p=MIIBIjANBgkq..."}');
  });

  it("a DMARC rollout written as a date alone", () => {
    const issues = issuesOf({ ...VALID_CORE, edge: ALLOW_ADMIN, email: { dmarc: { p: "reject", rua: ["mailto:d@example.com"], rollout: "2026-12-15" } } });
    expect(issues.find((i) => i.path === "launch-ready:email.dmarc.rollout")?.message).toBe(
      '"2026-12-15" is a string; an object {policy, until} is expected, e.g. {policy: none, until: 2026-12-15}',
    );
  });
});
