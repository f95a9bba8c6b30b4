/**
 * Golden records per preset: what each provider's documentation (named in providers.ts) says to
 * publish, for example.com. A provider change shows up here as a diff.
 */
import { dkimRecord, rsaPublicKey } from "./keys";
import { DMARC, plan, zone } from "./helpers";
import { PROVIDER_DOCS, SPF_INCLUDES } from "../../../components/email/providers";

const KEY = dkimRecord(2048);

describe("preset golden records", () => {
  test("Google Workspace: smtp.google.com MX, _spf.google.com, google._domainkey TXT", () => {
    const p = plan({ inbound: { provider: "google-workspace" }, senders: [{ provider: "google-workspace", dkim: { key: KEY } }], dmarc: DMARC });
    expect(zone(p, ["mx", "spf", "dkim"])).toEqual([
      "example.com MX 1 smtp.google.com",
      `google._domainkey.example.com TXT ${KEY}`,
      "example.com TXT v=spf1 include:_spf.google.com -all",
    ]);
    expect(p.problems).toEqual([]);
  });

  test("Google Workspace legacy MX: ASPMX 1, ALT1/ALT2 5, ALT3/ALT4 10", () => {
    const p = plan({ inbound: { provider: "google-workspace", mx: "legacy" }, dmarc: DMARC });
    expect(zone(p, ["mx"])).toEqual([
      "example.com MX 1 aspmx.l.google.com",
      "example.com MX 5 alt1.aspmx.l.google.com",
      "example.com MX 5 alt2.aspmx.l.google.com",
      "example.com MX 10 alt3.aspmx.l.google.com",
      "example.com MX 10 alt4.aspmx.l.google.com",
    ]);
  });

  test("Microsoft 365: <domain-with-dashes>.mail.protection.outlook.com, spf.protection.outlook.com, selector1/2 CNAMEs", () => {
    const p = plan({ inbound: { provider: "microsoft-365" }, senders: [{ provider: "microsoft-365", tenant: "contoso" }], dmarc: DMARC });
    expect(zone(p, ["mx", "spf", "dkim"])).toEqual([
      "example.com MX 0 example-com.mail.protection.outlook.com",
      "selector1._domainkey.example.com CNAME selector1-example-com._domainkey.contoso.onmicrosoft.com",
      "selector2._domainkey.example.com CNAME selector2-example-com._domainkey.contoso.onmicrosoft.com",
      "example.com TXT v=spf1 include:spf.protection.outlook.com -all",
    ]);
  });

  test("Microsoft 365 on a domain with hyphens needs the names copied from the admin center", () => {
    const derived = plan({ inbound: { provider: "microsoft-365" }, senders: [{ provider: "microsoft-365", tenant: "contoso" }], dmarc: DMARC }, "my-shop.com");
    expect(derived.problems.filter((p) => p.level === "error").map((p) => p.path)).toEqual([["inbound", "mxHost"], ["senders", 0, "dkimTargets"]]);
    const given = plan(
      {
        inbound: { provider: "microsoft-365", mxHost: "myshop-com.mail.protection.outlook.com" },
        senders: [{ provider: "microsoft-365", tenant: "contoso", dkimTargets: { selector1: "selector1-myshop-com._domainkey.contoso.onmicrosoft.com", selector2: "selector2-myshop-com._domainkey.contoso.onmicrosoft.com" } }],
        dmarc: { ...DMARC, rua: ["mailto:dmarc@my-shop.com"] },
      },
      "my-shop.com",
    );
    expect(given.problems).toEqual([]);
    expect(zone(given, ["mx"])).toEqual(["my-shop.com MX 0 myshop-com.mail.protection.outlook.com"]);
  });

  test("Amazon SES: an identity for DKIM, MAIL FROM MX feedback-smtp.<region>.amazonses.com + include:amazonses.com, inbound-smtp MX", () => {
    const p = plan({ inbound: { provider: "amazon-ses", region: "eu-west-1" }, senders: [{ provider: "amazon-ses", region: "eu-west-1", mailFrom: "bounce" }], dmarc: DMARC });
    expect(zone(p, ["mx", "spf"])).toEqual([
      "example.com MX 10 inbound-smtp.eu-west-1.amazonaws.com",
      "bounce.example.com MX 10 feedback-smtp.eu-west-1.amazonses.com",
      "bounce.example.com TXT v=spf1 include:amazonses.com -all",
    ]);
    expect(p.sesIdentities).toEqual([{ domain: "example.com", region: "eu-west-1", mailFromDomain: "bounce.example.com", key: "ses-apex" }]);
  });

  test("Postmark: <date>pm._domainkey TXT and the pm-bounces Return-Path CNAME; spf.mtasv.net only on request", () => {
    const p = plan({ senders: [{ provider: "postmark", dkim: { selector: "20240101123456pm", key: `k=rsa; p=${rsaPublicKey(2048)}` } }], dmarc: DMARC });
    expect(zone(p, ["spf", "dkim", "return-path"])).toEqual([
      `20240101123456pm._domainkey.example.com TXT k=rsa; p=${rsaPublicKey(2048)}`,
      "pm-bounces.example.com CNAME pm.mtasv.net",
      "example.com TXT v=spf1 -all",
    ]);
    const withInclude = plan({ senders: [{ provider: "postmark", spfInclude: true, dkim: { selector: "20240101123456pm", key: KEY } }], dmarc: DMARC });
    expect(zone(withInclude, ["spf"])).toEqual(["example.com TXT v=spf1 include:spf.mtasv.net -all"]);
  });

  test("SendGrid: em<n> return path and s1/s2._domainkey CNAMEs into the account", () => {
    const p = plan({ senders: [{ provider: "sendgrid", host: "mail", account: "u2744887.wl138", returnPath: "em5945" }], dmarc: DMARC });
    expect(zone(p, ["spf", "dkim", "return-path"])).toEqual([
      "em5945.mail.example.com CNAME u2744887.wl138.sendgrid.net",
      "s1._domainkey.mail.example.com CNAME s1.domainkey.u2744887.wl138.sendgrid.net",
      "s2._domainkey.mail.example.com CNAME s2.domainkey.u2744887.wl138.sendgrid.net",
      "example.com TXT v=spf1 -all",
      "mail.example.com TXT v=spf1 -all",
    ]);
  });

  test("Mailgun: include:mailgun.org, DKIM TXT, mxa/mxb MX, email CNAME (US and EU)", () => {
    const us = plan({
      inbound: { provider: "mailgun", host: "mg" },
      senders: [{ provider: "mailgun", host: "mg", dkim: { selector: "smtp", key: KEY }, tracking: true }],
      dmarc: DMARC,
    });
    expect(zone(us, ["mx", "spf", "dkim", "tracking"])).toEqual([
      "mg.example.com MX 10 mxa.mailgun.org",
      "mg.example.com MX 10 mxb.mailgun.org",
      `smtp._domainkey.mg.example.com TXT ${KEY}`,
      "email.mg.example.com CNAME mailgun.org",
      "mg.example.com TXT v=spf1 include:mailgun.org -all",
      "example.com TXT v=spf1 -all",
    ]);
    const eu = plan({ inbound: { provider: "mailgun", host: "mg", region: "eu" }, senders: [{ provider: "mailgun", host: "mg", region: "eu", dkim: { selector: "smtp", key: KEY }, tracking: true }], dmarc: DMARC });
    expect(zone(eu, ["mx", "tracking"])).toEqual(["mg.example.com MX 10 mxa.eu.mailgun.org", "mg.example.com MX 10 mxb.eu.mailgun.org", "email.mg.example.com CNAME eu.mailgun.org"]);
  });

  test("Resend: send.<domain> MX feedback-smtp + include:amazonses.com, resend._domainkey TXT p=<key>", () => {
    const key = rsaPublicKey(2048);
    const p = plan({ senders: [{ provider: "resend", dkim: { key } }], dmarc: DMARC });
    expect(zone(p, ["mx", "spf", "dkim"])).toEqual([
      "send.example.com MX 10 feedback-smtp.us-east-1.amazonses.com",
      `resend._domainkey.example.com TXT p=${key}`,
      "send.example.com TXT v=spf1 include:amazonses.com -all",
      "example.com TXT v=spf1 -all",
    ]);
    expect(p.problems).toEqual([]);
  });

  test("every preset names its documentation and every table include resolves", () => {
    for (const [id, entry] of Object.entries(PROVIDER_DOCS)) {
      expect(entry.docs.length).toBeGreaterThan(0);
      expect(id).toMatch(/^[a-z0-9-]+$/);
    }
    for (const fact of Object.values(SPF_INCLUDES)) for (const nested of fact.nested) expect(SPF_INCLUDES[nested]).toBeDefined();
  });
});
