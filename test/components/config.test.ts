import { ConfigError, parseStackConfig, decodeConfigText } from "../../components/config";
import { loadTestStack } from "../support/stacks";
import { raw, VALID_CORE } from "../support/config";

function problems(values: Record<string, unknown>, secretKeys: string[] = []): string[] {
  try {
    parseStackConfig(raw(values, secretKeys));
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const withHost = (host: Record<string, unknown>) => ({ ...VALID_CORE, hosts: [...VALID_CORE.hosts, host] });

describe("the example stacks", () => {
  it.each(["prod", "staging"] as const)("%s parses without errors", (stack) => {
    const file = loadTestStack(stack);
    const { config } = parseStackConfig(file.raw, file.file);
    expect(config.environment).toBe(stack);
    expect(config.hosts.find((h) => h.role === "canonical")?.fqdn).toBe(config.domain);
  });

  it("puts the two stacks on different zones", () => {
    const prod = parseStackConfig(loadTestStack("prod").raw).config;
    const staging = parseStackConfig(loadTestStack("staging").raw).config;
    expect(prod.domain).not.toBe(staging.domain);
    expect(prod.zone).not.toEqual(staging.zone);
    expect(prod.cloudflarePlan).toBe("free");
  });
});

describe("defaults are the safe choice", () => {
  const { config } = parseStackConfig(raw(VALID_CORE));

  it("uses strict SSL, TLS 1.2, HSTS for a year and proxied hosts", () => {
    expect(config.tls.sslMode).toBe("strict");
    expect(config.tls.minVersion).toBe("1.2");
    expect(config.tls.hsts).toMatchObject({ enabled: true, maxAge: 31536000, includeSubDomains: true, preload: false });
    expect(config.hosts.every((h) => h.proxied)).toBe(true);
  });

  it("marks admin sensitive and protects production", () => {
    expect(config.hosts.find((h) => h.name === "admin")?.sensitive).toBe(true);
    expect(config.hosts.find((h) => h.name === "app")?.sensitive).toBe(false);
    expect(config.protect).toBe(true);
    expect(parseStackConfig(raw({ ...VALID_CORE, environment: "staging" })).config.protect).toBe(false);
  });

  it("adds the non-canonical www as a proxied redirect-only host", () => {
    const www = config.hosts.find((h) => h.fqdn === "www.example.com");
    expect(www).toMatchObject({ role: "redirect", proxied: true });
    expect(www?.origin).toBeUndefined();
  });

  it("allows CAA issuers Cloudflare's Universal SSL uses", () => {
    expect(config.caa.issuers).toEqual(["letsencrypt.org", "pki.goog", "ssl.com"]);
  });
});

// Each row: the config change, the key path the message must name, and a fragment of the message.
const rejections: Array<[string, Record<string, unknown>, string, string]> = [
  ["a bad domain name", { ...VALID_CORE, domain: "exa mple.com" }, "launch-ready:domain", "invalid label"],
  ["an upper-case domain", { ...VALID_CORE, domain: "Example.com" }, "launch-ready:domain", "lower case"],
  ["a single-label domain", { ...VALID_CORE, domain: "localhost" }, "launch-ready:domain", "two labels"],
  ["a missing domain", { ...VALID_CORE, domain: undefined }, "launch-ready:domain", "is missing"],
  ["a host outside the zone", withHost({ name: "api.other.com", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "outside the zone"],
  ["an absolute host name outside the zone", withHost({ name: "evil.net.", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "outside the zone"],
  ["a host under another domain's new gTLD", withHost({ name: "app.other.store", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", '"app.other.store" ends in the public suffix ".store", not in example.com, so it names a host outside the zone example.com; a label such as "app", or a full name under the apex such as "app.example.com", is expected'],
  ["a host under a two-label public suffix", withHost({ name: "app.example.co.jp", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", 'ends in the public suffix ".co.jp"'],
  ["a look-alike holding the apex", withHost({ name: "www.example.com.evil", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", '"www.example.com.evil" holds the apex example.com followed by other labels'],
  ["a sub-name ending in a real TLD", withHost({ name: "app.eu", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", 'or a full name under the apex such as "app.example.com"'],
  ["an unproxied sensitive host", withHost({ name: "ops", sensitive: true, proxied: false, origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].proxied", "sensitive"],
  ["an unproxied admin host", { ...VALID_CORE, hosts: [VALID_CORE.hosts[0], { name: "admin", proxied: false, origin: { cname: "x.fly.dev" } }] }, "launch-ready:hosts[1].proxied", "sensitive host admin.example.com"],
  ["SSL mode flexible", { ...VALID_CORE, tls: { sslMode: "flexible" } }, "launch-ready:tls.sslMode", "\"flexible\" is not valid"],
  ["SSL mode off", { ...VALID_CORE, tls: { sslMode: "off" } }, "launch-ready:tls.sslMode", "\"strict\""],
  ["TLS 1.0", { ...VALID_CORE, tls: { minVersion: "1.0" } }, "launch-ready:tls.minVersion", "\"1.2\" or \"1.3\""],
  ["TLS 1.1", { ...VALID_CORE, tls: { minVersion: "1.1" } }, "launch-ready:tls.minVersion", "RFC 8996"],
  ["a TTL below 60 on an unproxied host", withHost({ name: "help", proxied: false, ttl: 30, origin: { cname: "x.intercom.help" } }), "launch-ready:hosts[3].ttl", "outside 60..86400"],
  ["a TTL above 86400 on an unproxied host", withHost({ name: "help", proxied: false, ttl: 90000, origin: { cname: "x.intercom.help" } }), "launch-ready:hosts[3].ttl", "outside 60..86400"],
  ["a TTL on a proxied host", withHost({ name: "api", ttl: 300, origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].ttl", "automatic TTL"],
  ["a duplicate host", withHost({ name: "app", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "duplicates hosts[1]"],
  ["a duplicate host written as a full name", withHost({ name: "app.example.com", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "duplicates"],
  ["a CNAME origin pointing at the host itself", withHost({ name: "api", origin: { cname: "api.example.com" } }), "launch-ready:hosts[3].origin.cname", "at itself"],
  ["a private origin", withHost({ name: "api", origin: { addresses: ["10.0.0.4"] } }), "launch-ready:hosts[3].origin.addresses[0]", "\"10.0.0.4\" is a private address; a public origin is expected"],
  ["a loopback origin", withHost({ name: "api", origin: { addresses: ["127.0.0.1"] } }), "launch-ready:hosts[3].origin.addresses[0]", "loopback"],
  ["a unique-local IPv6 origin", withHost({ name: "api", origin: { addresses: ["fd12:3456::1"] } }), "launch-ready:hosts[3].origin.addresses[0]", "unique-local"],
  ["a link-local origin", withHost({ name: "api", origin: { addresses: ["169.254.10.1"] } }), "launch-ready:hosts[3].origin.addresses[0]", "link-local"],
  ["a private-network CNAME target", withHost({ name: "api", origin: { cname: "api.internal" } }), "launch-ready:hosts[3].origin.cname", "private-network name"],
  ["a CNAME origin under .test", withHost({ name: "api", origin: { cname: "origin.test" } }), "launch-ready:hosts[3].origin.cname", '"origin.test" is a private-network name: ".test" is special-use'],
  ["a CNAME origin under .invalid", withHost({ name: "api", origin: { cname: "origin.invalid" } }), "launch-ready:hosts[3].origin.cname", '"origin.invalid" is a private-network name: ".invalid" is special-use'],
  ["a CNAME origin under .onion", withHost({ name: "api", origin: { cname: "origin.onion" } }), "launch-ready:hosts[3].origin.cname", '"origin.onion" is a private-network name: ".onion" is special-use'],
  ["a CNAME origin under .corp", withHost({ name: "api", origin: { cname: "origin.corp" } }), "launch-ready:hosts[3].origin.cname", '"origin.corp" is a private-network name: ".corp" is special-use'],
  ["a CNAME origin under .local", withHost({ name: "api", origin: { cname: "origin.local" } }), "launch-ready:hosts[3].origin.cname", '"origin.local" is a private-network name: ".local" is special-use'],
  ["a CNAME origin under .localhost", withHost({ name: "api", origin: { cname: "origin.localhost" } }), "launch-ready:hosts[3].origin.cname", '"origin.localhost" is a private-network name: ".localhost" is special-use'],
  ["a CNAME origin under .example", withHost({ name: "api", origin: { cname: "origin.example" } }), "launch-ready:hosts[3].origin.cname", '"origin.example" is a private-network name: ".example" is special-use'],
  ["a CNAME origin under .internal", withHost({ name: "api", origin: { cname: "origin.internal" } }), "launch-ready:hosts[3].origin.cname", '"origin.internal" is a private-network name: ".internal" is special-use'],
  ["a CNAME origin under .home.arpa", withHost({ name: "api", origin: { cname: "origin.home.arpa" } }), "launch-ready:hosts[3].origin.cname", '"origin.home.arpa" is a private-network name: ".home.arpa" is special-use'],
  ["a CNAME origin under .lan", withHost({ name: "api", origin: { cname: "origin.lan" } }), "launch-ready:hosts[3].origin.cname", '"origin.lan" is a private-network name: ".lan" is special-use'],
  ["a CNAME origin under a TLD the public DNS does not have", withHost({ name: "api", origin: { cname: "origin.notatld" } }), "launch-ready:hosts[3].origin.cname", '".notatld" is special-use or not a public top-level domain'],
  ["a host name that makes 254 characters with the apex", withHost({ name: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(50)}`, origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "makes 254 characters with the apex example.com; at most 253"],
  ["a full host name of 254 characters", withHost({ name: `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(50)}.example.com`, origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "is 254 characters long; at most 253"],
  ["DMARC's removed pct tag (says why, not \"a never is expected\")", { ...VALID_CORE, email: { dmarc: { p: "reject", rua: ["mailto:d@example.com"], pct: 50 } } }, "launch-ready:email.dmarc.pct", '50 is not allowed: "pct" was removed from DMARC by RFC 9989 and receivers ignore it; delete it'],
  ["a host with no origin", withHost({ name: "api" }), "launch-ready:hosts[3].origin", "is missing"],
  ["an origin on the redirect-only www host", withHost({ name: "www", origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].origin", "redirects to the canonical host"],
  ["no canonical host", { ...VALID_CORE, hosts: [VALID_CORE.hosts[1]] }, "launch-ready:hosts", "canonical host example.com"],
  ["an unknown plan", { ...VALID_CORE, cloudflarePlan: "gold" }, "launch-ready:cloudflarePlan", "free, pro, business, enterprise"],
  ["a bad zone id", { ...VALID_CORE, zone: { id: "xyz" } }, "launch-ready:zone.id", "\"xyz\" is not valid; a Cloudflare zone id"],
  ["a zone that is neither id nor create", { ...VALID_CORE, zone: { name: "example.com" } }, "launch-ready:zone", "either {id"],
  ["a typo in a key", { ...VALID_CORE, hostz: [] }, "launch-ready:hostz", "not a known key"],
  ["a typo in a host key", withHost({ name: "api", proxy: true, origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].proxy", "expected one of: name, origin, proxied"],
  ["an environment name with spaces", { ...VALID_CORE, environment: "my prod" }, "launch-ready:environment", "lower-case environment name"],
  ["HSTS disabled in production", { ...VALID_CORE, tls: { hsts: { enabled: false } } }, "launch-ready:tls.hsts.enabled", "in production"],
  ["a short HSTS max-age in production", { ...VALID_CORE, tls: { hsts: { maxAge: 3600 } } }, "launch-ready:tls.hsts.maxAge", "below 15552000"],
  ["HSTS preload without includeSubDomains", { ...VALID_CORE, tls: { hsts: { preload: true, includeSubDomains: false } } }, "launch-ready:tls.hsts.preload", "includeSubDomains"],
  ["a plaintext API token", { ...VALID_CORE, "cloudflare:apiToken": "abc123" }, "cloudflare:apiToken", "plaintext value where a secret is required"],
  ["a plaintext password in our namespace", { ...VALID_CORE, smtpPassword: "hunter2" }, "launch-ready:smtpPassword", "plaintext value where a secret is required"],
  ["a host name as a number", withHost({ name: 42, origin: { cname: "x.fly.dev" } }), "launch-ready:hosts[3].name", "42 is a number; a string is expected"],
  ["a bad iodef", { ...VALID_CORE, caa: { iodef: "security@example.com" } }, "launch-ready:caa.iodef", "mailto: or https: URL"],
];

describe("config rejections", () => {
  it("covers at least 20 distinct bad inputs", () => {
    expect(new Set(rejections.map((r) => r[0])).size).toBeGreaterThanOrEqual(20);
  });

  it.each(rejections)("rejects %s", (_label, values, keyPath, fragment) => {
    const found = problems(values);
    const atPath = found.filter((p) => p.startsWith(`${keyPath}: `));
    expect(atPath.length).toBeGreaterThan(0);
    expect(atPath.join("\n")).toContain(fragment);
  });

  it("keeps multi-label sub-names that end in no public suffix, and full names under the apex", () => {
    const { config } = parseStackConfig(
      raw({
        ...VALID_CORE,
        hosts: [
          ...VALID_CORE.hosts,
          { name: "api.v2", origin: { cname: "x.fly.dev" } },
          { name: "status.internal", origin: { cname: "y.fly.dev" } },
          { name: "app.eu.example.com", origin: { cname: "z.fly.dev" } },
        ],
      }),
    );
    expect(config.hosts.map((h) => h.fqdn)).toEqual(expect.arrayContaining(["api.v2.example.com", "status.internal.example.com", "app.eu.example.com"]));
  });

  it("lists every problem at once, schema and cross-field alike", () => {
    const found = problems({
      ...VALID_CORE,
      cloudflarePlan: "gold",
      hosts: [...VALID_CORE.hosts, { name: "ops", sensitive: true, proxied: false, origin: { cname: "ops.fly.dev" } }, { name: "api", origin: { addresses: ["10.1.2.3"] } }],
    });
    expect(found.map((p) => p.split(": ")[0])).toEqual(
      expect.arrayContaining(["launch-ready:cloudflarePlan", "launch-ready:hosts[3].proxied", "launch-ready:hosts[4].origin.addresses[0]"]),
    );
  });

  it("accepts a secret stored as a secret", () => {
    expect(problems({ ...VALID_CORE, "cloudflare:apiToken": "[unknown]" }, ["cloudflare:apiToken"])).toEqual([]);
  });

  it("warns, without failing, about things that deploy but deserve a look", () => {
    const { warnings } = parseStackConfig(raw({ ...VALID_CORE, environment: "staging", tls: { sslMode: "full", hsts: { maxAge: 300 } } }));
    expect(warnings.map((w) => w.path)).toEqual(expect.arrayContaining(["launch-ready:tls.sslMode", "launch-ready:tls.hsts.maxAge"]));
  });
});

describe("decodeConfigText", () => {
  it.each([
    ["{\"a\":1}", { a: 1 }],
    ["[1,2]", [1, 2]],
    ["true", true],
    ["300", 300],
    ["example.com", "example.com"],
    ["{not json", "{not json"],
  ])("decodes %s", (text, value) => {
    expect(decodeConfigText(text)).toEqual(value);
  });
});

// Rules that span sections (checkSectionsTogether) and the secret config keys the sections read.
// VALID_CORE is a prod stack with a monitoring section; STAGING drops both, so each row adds only
// what it is about.
const { monitoring: _monitoring, ...PROD_WITHOUT_MONITORING } = VALID_CORE;
const STAGING = { ...PROD_WITHOUT_MONITORING, environment: "staging" };
const STRIPE_FROM_CONFIG = { items: [{ name: "stripe-webhook-signing-key", source: "config", configKey: "stripeWebhookSecret" }] };

const sectionRejections: Array<[string, Record<string, unknown>, string[], string, string]> = [
  ["production without a monitoring section", PROD_WITHOUT_MONITORING, [], "launch-ready:monitoring", "is missing; production needs uptime checks and an alert target"],
  ["an enabled webhook queue without monitoring", { ...STAGING, webhookQueue: { enabled: true } }, [], "launch-ready:webhookQueue.enabled", "true needs a monitoring section"],
  [
    "a KMS-encrypted webhook queue without a secrets section",
    { ...STAGING, monitoring: { alerts: { emails: ["ops@example.com"] } }, webhookQueue: { enabled: true, encryption: "kms" } },
    [],
    "launch-ready:webhookQueue.encryption",
    "\"kms\" uses the environment's secrets key, but there is no secrets section",
  ],
  [
    "chat webhooks without a secrets section (the relay reads their URLs from the vault)",
    { ...STAGING, monitoring: { alerts: { webhooks: [{ name: "chat", configKey: "chatUrl" }] } }, chatUrl: "[unknown]" },
    ["chatUrl"],
    "launch-ready:monitoring.alerts.webhooks",
    "need a secrets section: the alert relay reads each chat webhook URL from the secrets vault",
  ],
  [
    "Cloudflare health checks without a Cloudflare account id",
    { ...VALID_CORE, cloudflarePlan: "pro", monitoring: { provider: "cloudflare", alerts: { emails: ["ops@example.com"] } } },
    [],
    "launch-ready:monitoring.provider",
    "need the Cloudflare account id; set zone.create.accountId or edge.access.accountId",
  ],
  [
    "a staging secret named after production",
    { ...STAGING, secrets: { items: [{ name: "prod-session-key", source: "generate" }] } },
    [],
    "launch-ready:secrets.items[0].name",
    "\"prod-session-key\" names a production secret in the \"staging\" stack",
  ],
  [
    "a staging secret read from a production config key",
    { ...STAGING, secrets: { items: [{ name: "stripe-webhook-signing-key", source: "config", configKey: "prodStripeWebhookSecret" }] }, prodStripeWebhookSecret: "[unknown]" },
    ["prodStripeWebhookSecret"],
    "launch-ready:secrets.items[0].configKey",
    "\"prodStripeWebhookSecret\" names a production config key in the \"staging\" stack",
  ],
  [
    "a staging read policy attached to the production role",
    { ...STAGING, secrets: { items: [], appRoleName: "launch-ready-prod-app" } },
    [],
    "launch-ready:secrets.appRoleName",
    "names a production role in the \"staging\" stack",
  ],
  [
    "a secret's config key given as plaintext",
    { ...VALID_CORE, secrets: STRIPE_FROM_CONFIG, stripeWebhookSecret: "whsec_plaintext" },
    [],
    "launch-ready:stripeWebhookSecret",
    "is a plaintext value where a secret is required; set it with `pulumi config set --secret launch-ready:stripeWebhookSecret <value>`",
  ],
  [
    // The key's name does not look secret, so the name rule misses it. It is rejected, but as an
    // unknown key (the schema fails before the sections name their secret keys), not yet with the
    // "plaintext where a secret is required" message the other rows get.
    "a plaintext config key whose name does not look secret",
    { ...VALID_CORE, secrets: { items: [{ name: "signing", source: "config", configKey: "sessionSigning" }] }, sessionSigning: "plain" },
    [],
    "launch-ready:sessionSigning",
    "",
  ],
  [
    "a referenced secret config key that is missing",
    { ...VALID_CORE, secrets: STRIPE_FROM_CONFIG },
    [],
    "launch-ready:stripeWebhookSecret",
    "is missing; set it with `pulumi config set --secret launch-ready:stripeWebhookSecret <value>`",
  ],
  [
    "a chat webhook whose config key is missing",
    { ...VALID_CORE, monitoring: { alerts: { emails: ["ops@example.com"], webhooks: [{ name: "chat", configKey: "alertsChatWebhookUrl" }] } } },
    [],
    "launch-ready:alertsChatWebhookUrl",
    "is missing; set it with `pulumi config set --secret launch-ready:alertsChatWebhookUrl <value>`",
  ],
];

describe("rules across sections", () => {
  it.each(sectionRejections)("rejects %s", (_label, values, secretKeys, keyPath, fragment) => {
    const atPath = problems(values, secretKeys).filter((p) => p.startsWith(`${keyPath}: `));
    expect(atPath.length).toBeGreaterThan(0);
    expect(atPath.join("\n")).toContain(fragment);
  });

  it("accepts each section once its partner is there", () => {
    const monitoring = { alerts: { emails: ["ops@example.com"] } };
    expect(problems({ ...STAGING, monitoring, webhookQueue: { enabled: true, encryption: "kms" }, secrets: { items: [] } })).toEqual([]);
    const withChat = { alerts: { webhooks: [{ name: "chat", configKey: "chatUrl" }] } };
    expect(problems({ ...STAGING, monitoring: withChat, secrets: { items: [] }, chatUrl: "[unknown]" }, ["chatUrl"])).toEqual([]);
    expect(problems({ ...STAGING, webhookQueue: { enabled: false } })).toEqual([]);
    expect(problems({ ...VALID_CORE, secrets: STRIPE_FROM_CONFIG, stripeWebhookSecret: "[unknown]" }, ["stripeWebhookSecret"])).toEqual([]);
    expect(
      problems({ ...VALID_CORE, cloudflarePlan: "pro", edge: { access: { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", allowedEmailDomain: "example.com" } }, monitoring: { ...monitoring, provider: "cloudflare" } }),
    ).toEqual([]);
  });

  it("lets production name its own secrets after production", () => {
    expect(problems({ ...VALID_CORE, secrets: { items: [{ name: "prod-session-key", source: "generate" }], appRoleName: "launch-ready-prod-app" } })).toEqual([]);
  });

  it("warns, without failing, when there is no email section", () => {
    const { warnings } = parseStackConfig(raw(VALID_CORE));
    const email = warnings.filter((w) => w.path === "launch-ready:email");
    expect(email).toHaveLength(1);
    expect(email[0]!.message).toContain("publishes no SPF or DMARC");
    expect(parseStackConfig(raw({ ...VALID_CORE, email: { mode: "none" } })).warnings.map((w) => w.path)).not.toContain("launch-ready:email");
  });

  it("warns about a secret config key that no section reads", () => {
    const { warnings } = parseStackConfig(raw({ ...VALID_CORE, leftoverToken: "[unknown]" }, ["leftoverToken"]));
    expect(warnings).toContainEqual({ path: "launch-ready:leftoverToken", message: "is a secret that no section of the config uses" });
  });
});

describe("a config without an edge section", () => {
  it("is checked with the edge defaults the stack declares, at parse time with every other problem", () => {
    const { edge: _edge, ...withoutEdge } = VALID_CORE;
    expect(problems(VALID_CORE)).toEqual([]);
    expect(problems({ ...withoutEdge, tls: { hsts: { maxAge: 3600 } } })).toEqual([
      expect.stringMatching(/^launch-ready:tls\.hsts\.maxAge: .*below 15552000/),
      expect.stringMatching(/^launch-ready:edge: leaves the sensitive host admin\.example\.com open to anyone; access: .* is expected$/),
    ]);
  });
});

describe("protect in production", () => {
  const warningsOf = (values: Record<string, unknown>) => parseStackConfig(raw(values)).warnings.map((w) => `${w.path}: ${w.message}`);

  it("warns when production turns protection off, and not otherwise", () => {
    expect(warningsOf({ ...VALID_CORE, protect: false })).toContainEqual(expect.stringMatching(/^launch-ready:protect: false in production: .* no longer retained/));
    expect(warningsOf(VALID_CORE).filter((w) => w.startsWith("launch-ready:protect"))).toEqual([]);
    expect(warningsOf({ ...VALID_CORE, environment: "staging", protect: false }).filter((w) => w.startsWith("launch-ready:protect"))).toEqual([]);
  });
});
