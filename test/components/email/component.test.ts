/** EmailAuth under Pulumi mocks: the resources it declares, with their inputs and options. */
import * as pulumi from "@pulumi/pulumi";
import { EmailAuth } from "../../../components/email/component";
import { loadFixture, section } from "./helpers";

interface Created {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const created: Created[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        created.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state = args.type === "aws:sesv2/emailIdentity:EmailIdentity" ? { ...args.inputs, dkimSigningAttributes: { tokens: ["tok0aaa", "tok1bbb", "tok2ccc"] } } : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    "launch-ready",
    "test",
    false,
  );
});

const settled = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
const dns = (prefix: string) => created.filter((c) => c.type === "cloudflare:index/dnsRecord:DnsRecord" && c.name.startsWith(prefix));

test("prod: one unproxied DnsRecord per mail record, keyed by purpose and host", async () => {
  const auth = new EmailAuth("email", { zoneId: "zone-prod", apex: "example.com", environment: "prod", email: loadFixture("prod"), protect: true });
  const names = await settled(auth.recordNames);
  const records = dns("email-");
  const byName = (n: string) => records.find((r) => r.name === n)!;
  // Registration is asynchronous: compare as sets.
  expect(records.map((r) => r.name).sort()).toEqual(
    [
      "email-mx-apex-0",
      "email-dkim-google-apex",
      "email-dkim-20240101123456pm-apex",
      "email-return-path-pm-bounces",
      "email-spf-apex",
      "email-dmarc-apex",
      "email-dmarc-report-auth-staging-example-com",
      "email-mta-sts-apex",
      "email-tls-rpt-apex",
    ].sort(),
  );
  expect(names).toHaveLength(9);
  for (const r of records) {
    expect(r.inputs).toMatchObject({ zoneId: "zone-prod", proxied: false, ttl: 3600, comment: "managed by launch-ready" });
  }
  expect(byName("email-mx-apex-0").inputs).toMatchObject({ name: "example.com", type: "MX", content: "smtp.google.com", priority: 1 });
  expect(byName("email-spf-apex").inputs).toMatchObject({ name: "example.com", type: "TXT", content: '"v=spf1 include:_spf.google.com -all"' });
  expect(byName("email-spf-apex").inputs.priority).toBeUndefined();
  // The 2048-bit DKIM key is sent as quoted 255-octet strings.
  expect(String(byName("email-dkim-google-apex").inputs.content)).toMatch(/^"v=DKIM1; k=rsa; p=[^"]{237}" "[^"]+"( "[^"]+")?$/);
  expect(auth.plan.mtaSts?.policy).toContain("mode: testing");
  expect(await settled(auth.mtaStsPolicy)).toContain("mx: smtp.google.com");
});

test("staging: an SES identity whose three DKIM tokens become CNAMEs, and the MAIL FROM attributes", async () => {
  const auth = new EmailAuth("stg", { zoneId: "zone-stg", apex: "staging-example.com", environment: "staging", email: loadFixture("staging"), protect: false });
  const names = await settled(auth.recordNames);
  const identity = created.find((c) => c.type === "aws:sesv2/emailIdentity:EmailIdentity" && c.name === "stg-ses-mail");
  expect(identity?.inputs).toMatchObject({ emailIdentity: "mail.staging-example.com", region: "eu-west-1" });
  const mailFrom = created.find((c) => c.type === "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes");
  expect(mailFrom?.inputs).toMatchObject({ emailIdentity: "mail.staging-example.com", mailFromDomain: "bounce.mail.staging-example.com", behaviorOnMxFailure: "USE_DEFAULT_VALUE" });
  const cnames = dns("stg-dkim-ses-mail-").sort((a, b) => a.name.localeCompare(b.name));
  expect(cnames.map((c) => [c.name, c.inputs.name, c.inputs.type, c.inputs.content])).toEqual([
    ["stg-dkim-ses-mail-0", "tok0aaa._domainkey.mail.staging-example.com", "CNAME", "tok0aaa.dkim.amazonses.com"],
    ["stg-dkim-ses-mail-1", "tok1bbb._domainkey.mail.staging-example.com", "CNAME", "tok1bbb.dkim.amazonses.com"],
    ["stg-dkim-ses-mail-2", "tok2ccc._domainkey.mail.staging-example.com", "CNAME", "tok2ccc.dkim.amazonses.com"],
  ]);
  expect(names).toEqual([
    "bounce.mail.staging-example.com",
    "bounce.mail.staging-example.com",
    "staging-example.com",
    "mail.staging-example.com",
    "_dmarc.staging-example.com",
    "tok0aaa._domainkey.mail.staging-example.com",
    "tok1bbb._domainkey.mail.staging-example.com",
    "tok2ccc._domainkey.mail.staging-example.com",
  ]);
});

test("no-mail mode declares the null MX with priority 0", async () => {
  const auth = new EmailAuth("parked", { zoneId: "z", apex: "example.org", environment: "prod", email: section({ mode: "none" }), protect: false });
  await settled(auth.recordNames);
  const mx = dns("parked-mx-apex-0")[0]!;
  expect(mx.inputs).toMatchObject({ name: "example.org", type: "MX", content: ".", priority: 0 });
});

test("a config with errors throws before declaring anything", () => {
  const before = created.length;
  expect(() => new EmailAuth("bad", { zoneId: "z", apex: "example.com", environment: "prod", email: section({ senders: [{ provider: "custom", spf: ["v=spf1 -all"] }] }), protect: false })).toThrow(
    /email\.senders\[0\]: "v=spf1 -all" is a whole SPF record/,
  );
  expect(created.length).toBe(before);
});

test("mtaSts.serve: a Worker returning the policy, on the custom domain mta-sts.<domain>, protected with the records", async () => {
  const auth = new EmailAuth("served", { zoneId: "zone-prod", apex: "example.com", environment: "prod", email: loadFixture("prod"), protect: true });
  await settled(auth.recordNames);
  expect(await settled(auth.mtaStsPolicyHost)).toBe("mta-sts.example.com");
  const script = created.find((c) => c.type === "cloudflare:index/workersScript:WorkersScript" && c.name === "served-mta-sts-worker");
  const domain = created.find((c) => c.type === "cloudflare:index/workersCustomDomain:WorkersCustomDomain" && c.name === "served-mta-sts-domain");
  expect(script?.inputs).toMatchObject({ accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", scriptName: "mta-sts-example-com", mainModule: "mta-sts.js", compatibilityDate: "2025-01-01" });
  expect(script?.inputs.content).toContain(JSON.stringify(auth.plan.mtaSts!.policy));
  expect(domain?.inputs).toEqual({ accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", zoneId: "zone-prod", hostname: "mta-sts.example.com", service: "mta-sts-example-com" });
});

test("without mtaSts.serve (or without MTA-STS) no Worker is declared", async () => {
  const prod = loadFixture("prod");
  const auth = new EmailAuth("unserved", { zoneId: "z", apex: "example.com", environment: "prod", email: { ...prod, mtaSts: { ...prod.mtaSts!, serve: undefined } }, protect: false });
  await settled(auth.recordNames);
  expect(await settled(auth.mtaStsPolicyHost)).toBeUndefined();
  expect(created.filter((c) => c.name.startsWith("unserved-") && c.type.includes("workers"))).toEqual([]);
});
