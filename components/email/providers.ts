/**
 * What each mail provider documents: its SPF include (and what that include costs in DNS lookups,
 * nested includes counted), its MX hosts, and the shape of its DKIM records. Every entry names its
 * documentation and the date it was checked; when a provider changes its records, change them here
 * and the golden tests in test/components/email/providers.test.ts show the difference.
 *
 * Pure data and small pure functions: no Pulumi, no I/O.
 */
import type { EmailInbound, EmailSender } from "../schema/email";

/** When the facts below were last checked against the sources named beside them. */
export const PROVIDER_FACTS_CHECKED = "2026-11-28";

/**
 * SPF records behind the includes the presets use, as the lookups they cost. `nested` lists the
 * includes (or redirect) inside the record, each costing its own lookup plus its own nesting;
 * `otherLookups` counts a/mx/exists/ptr terms inside. A record of only ip4/ip6 terms costs just
 * the lookup of the include itself.
 *
 * Sources (checked 2026-11-28):
 * - _spf.google.com: "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ~all";
 *   _netblocks3 was dropped in late 2025 (spamresource.com/2025/11/peeking-into-googles-spf-record.html;
 *   Google's guidance support.google.com/a/answer/10684623 still says include:_spf.google.com).
 * - spf.protection.outlook.com: ip4/ip6 only (learn.microsoft.com/.../email-authentication-spf-configure).
 * - amazonses.com: ip4 only (docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html).
 * - spf.mtasv.net: ip4 only (postmarkapp.com/support/article/1092-how-do-i-set-up-spf-for-postmark).
 * - sendgrid.net: ip4 only (twilio.com/docs/sendgrid/ui/account-and-settings/spf-records).
 * - mailgun.org: "include:_spf.mailgun.org include:_spf.eu.mailgun.org"; _spf.mailgun.org:
 *   "include:_spf1.mailgun.org include:_spf2.mailgun.org"; the leaves are ip4 only
 *   (observed via wirewiki.com SPF expansions; Mailgun documents include:mailgun.org).
 */
export interface SpfIncludeFact {
  nested: string[];
  otherLookups?: number;
  source: string;
}

export const SPF_INCLUDES: Readonly<Record<string, SpfIncludeFact>> = {
  "_spf.google.com": { nested: ["_netblocks.google.com", "_netblocks2.google.com"], source: "support.google.com/a/answer/10684623" },
  "_netblocks.google.com": { nested: [], source: "ip4 only" },
  "_netblocks2.google.com": { nested: [], source: "ip6 only" },
  "spf.protection.outlook.com": { nested: [], source: "learn.microsoft.com/defender-office-365/email-authentication-spf-configure" },
  "amazonses.com": { nested: [], source: "docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html" },
  "spf.mtasv.net": { nested: [], source: "postmarkapp.com/support/article/1092-how-do-i-set-up-spf-for-postmark" },
  "sendgrid.net": { nested: [], source: "twilio.com/docs/sendgrid/ui/account-and-settings/spf-records" },
  "mailgun.org": { nested: ["_spf.mailgun.org", "_spf.eu.mailgun.org"], source: "documentation.mailgun.com (domain verification)" },
  "_spf.mailgun.org": { nested: ["_spf1.mailgun.org", "_spf2.mailgun.org"], source: "observed" },
  "_spf.eu.mailgun.org": { nested: [], source: "ip4 only" },
  "_spf1.mailgun.org": { nested: [], source: "ip4 only" },
  "_spf2.mailgun.org": { nested: [], source: "ip4 only" },
};

export type ProviderId = EmailSender["provider"];

/** Documentation of each preset (what the golden tests reproduce), checked on PROVIDER_FACTS_CHECKED. */
export const PROVIDER_DOCS: Readonly<Record<ProviderId, { name: string; docs: string[] }>> = {
  "google-workspace": {
    name: "Google Workspace",
    docs: [
      "support.google.com/a/answer/174125 (MX: smtp.google.com, priority 1, since 2023)",
      "support.google.com/a/answer/140034 (legacy MX: ASPMX.L.GOOGLE.COM 1, ALT1/ALT2 5, ALT3/ALT4 10)",
      "support.google.com/a/answer/10684623 (SPF: include:_spf.google.com)",
      "support.google.com/a/answer/174126 (DKIM: TXT at google._domainkey, key from the Admin console)",
    ],
  },
  "microsoft-365": {
    name: "Microsoft 365",
    docs: [
      "learn.microsoft.com/microsoft-365/enterprise/external-domain-name-system-records (MX <domain-with-dashes>.mail.protection.outlook.com priority 0; SPF include:spf.protection.outlook.com)",
      "learn.microsoft.com/defender-office-365/email-authentication-dkim-configure (CNAME selector1/selector2._domainkey -> selectorN-<domain-with-dashes>._domainkey.<tenant>.onmicrosoft.com)",
    ],
  },
  "amazon-ses": {
    name: "Amazon SES",
    docs: [
      "docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html (3 CNAMEs <token>._domainkey -> <token>.dkim.amazonses.com)",
      "docs.aws.amazon.com/ses/latest/dg/mail-from.html (MAIL FROM: MX 10 feedback-smtp.<region>.amazonses.com; TXT v=spf1 include:amazonses.com)",
      "docs.aws.amazon.com/ses/latest/dg/receiving-email-mx-record.html (inbound MX 10 inbound-smtp.<region>.amazonaws.com)",
    ],
  },
  postmark: {
    name: "Postmark",
    docs: [
      "postmarkapp.com/support/article/1091-how-do-i-set-up-dkim-for-postmark (TXT <date>pm._domainkey: k=rsa; p=...)",
      "postmarkapp.com/support/article/910-adding-a-custom-return-path-domain (CNAME pm-bounces -> pm.mtasv.net)",
      "postmarkapp.com/support/article/1092-how-do-i-set-up-spf-for-postmark (include:spf.mtasv.net, optional with a Return-Path)",
    ],
  },
  sendgrid: {
    name: "SendGrid",
    docs: [
      "twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication (automated security: CNAME em<n> -> u<id>.wl<n>.sendgrid.net; s1/s2._domainkey -> sN.domainkey.u<id>.wl<n>.sendgrid.net)",
    ],
  },
  mailgun: {
    name: "Mailgun",
    docs: [
      "documentation.mailgun.com/docs/mailgun/user-manual/domains (TXT v=spf1 include:mailgun.org; TXT <selector>._domainkey; MX 10 mxa/mxb.mailgun.org, mxa/mxb.eu.mailgun.org in the EU; CNAME email -> mailgun.org / eu.mailgun.org)",
    ],
  },
  resend: {
    name: "Resend",
    docs: [
      "resend.com/docs/dashboard/domains/introduction and the Domain Connect template resend.com.mail.json (MX 10 send -> feedback-smtp.<region>.amazonses.com; TXT send: v=spf1 include:amazonses.com; TXT resend._domainkey: p=<key>)",
    ],
  },
  custom: { name: "Custom", docs: ["the operator's own terms"] },
};

export interface MxHost {
  host: string;
  priority: number;
}

/** Google Workspace inbound MX: the 2023 single host, or the legacy five. */
export function googleMx(kind: "smtp" | "legacy"): MxHost[] {
  if (kind === "smtp") return [{ host: "smtp.google.com", priority: 1 }];
  return [
    { host: "aspmx.l.google.com", priority: 1 },
    { host: "alt1.aspmx.l.google.com", priority: 5 },
    { host: "alt2.aspmx.l.google.com", priority: 5 },
    { host: "alt3.aspmx.l.google.com", priority: 10 },
    { host: "alt4.aspmx.l.google.com", priority: 10 },
  ];
}

/** Microsoft writes the domain with its dots as dashes: example.com -> example-com. */
export function microsoftDomainToken(domain: string): string {
  return domain.replace(/\./g, "-");
}

export function microsoftMx(domain: string): MxHost[] {
  return [{ host: `${microsoftDomainToken(domain)}.mail.protection.outlook.com`, priority: 0 }];
}

export function sesInboundMx(region: string): MxHost[] {
  return [{ host: `inbound-smtp.${region}.amazonaws.com`, priority: 10 }];
}

/** SES's bounce endpoint, the MX of a custom MAIL FROM domain (and of Resend's `send` host). */
export function sesFeedbackMx(region: string): MxHost[] {
  return [{ host: `feedback-smtp.${region}.amazonses.com`, priority: 10 }];
}

export function mailgunMx(region: "us" | "eu"): MxHost[] {
  const zone = region === "eu" ? "eu.mailgun.org" : "mailgun.org";
  return [
    { host: `mxa.${zone}`, priority: 10 },
    { host: `mxb.${zone}`, priority: 10 },
  ];
}

/** The MX set an inbound provider documents for the domain `fqdn`. */
export function inboundMx(inbound: EmailInbound, fqdn: string): MxHost[] {
  switch (inbound.provider) {
    case "google-workspace":
      return googleMx(inbound.mx);
    case "microsoft-365":
      return inbound.mxHost ? [{ host: inbound.mxHost, priority: 0 }] : microsoftMx(fqdn);
    case "amazon-ses":
      return sesInboundMx(inbound.region);
    case "mailgun":
      return mailgunMx(inbound.region);
    case "custom":
      return inbound.mx.map((m) => ({ ...m }));
  }
}

/** A record a sender needs, relative to the zone: `host` is a label ("@" for the apex). */
export interface SenderRecordSpec {
  host: string;
  type: "MX" | "TXT" | "CNAME";
  value: string;
  priority?: number;
  purpose: "mx" | "spf" | "dkim" | "return-path" | "tracking";
  /** Distinguishes records of one purpose at one host (a DKIM selector, an MX index). */
  discriminator?: string;
  /** Where in the sender's config the record comes from, for messages. */
  configPath: ReadonlyArray<string | number>;
}

/** What one sender contributes: SPF terms per host, other records, and an SES identity to create. */
export interface SenderContribution {
  spf: Array<{ host: string; terms: string[] }>;
  records: SenderRecordSpec[];
  sesIdentity?: { host: string; region: string; mailFrom?: string };
  /** Nested lookup costs the operator declared for includes the table does not know. */
  includeLookups?: Record<string, number>;
}

/** Joins a label under a host label: sub("send", "@") = "send", sub("send", "mail") = "send.mail". */
export function subLabel(label: string, host: string): string {
  return host === "@" ? label : `${label}.${host}`;
}

/** A DKIM value as the provider shows it, or just the base64 key (then "p=" is prepended). */
export function dkimTxtValue(key: string): string {
  const trimmed = key.trim();
  return /^[A-Za-z0-9+/\s]+=*$/.test(trimmed) ? `p=${trimmed.replace(/\s+/g, "")}` : trimmed.replace(/\s*;\s*/g, "; ").replace(/;\s*$/, "");
}

/** The records and SPF terms of one sender preset. `apex` is the zone apex; `index` its place in config. */
export function senderContribution(sender: EmailSender, apex: string, index: number): SenderContribution {
  const at = (...path: Array<string | number>) => ["senders", index, ...path];
  const host = sender.host;
  const fqdn = host === "@" ? apex : `${host}.${apex}`;
  switch (sender.provider) {
    case "google-workspace":
      return {
        spf: [{ host, terms: ["include:_spf.google.com"] }],
        records: sender.dkim
          ? [{ host: subLabel(`${sender.dkim.selector}._domainkey`, host), type: "TXT", value: dkimTxtValue(sender.dkim.key), purpose: "dkim", discriminator: sender.dkim.selector, configPath: at("dkim", "key") }]
          : [],
      };
    case "microsoft-365": {
      const token = microsoftDomainToken(fqdn);
      const targets = sender.dkimTargets ?? {
        selector1: `selector1-${token}._domainkey.${sender.tenant}.onmicrosoft.com`,
        selector2: `selector2-${token}._domainkey.${sender.tenant}.onmicrosoft.com`,
      };
      return {
        spf: [{ host, terms: ["include:spf.protection.outlook.com"] }],
        records: (["selector1", "selector2"] as const).map((s) => ({
          host: subLabel(`${s}._domainkey`, host),
          type: "CNAME" as const,
          value: targets[s],
          purpose: "dkim" as const,
          discriminator: s,
          configPath: at("tenant"),
        })),
      };
    }
    case "amazon-ses": {
      // SPF is checked on the envelope sender: with SES's default MAIL FROM that is amazonses.com,
      // so the include only matters on a custom MAIL FROM host.
      if (!sender.mailFrom) return { spf: [], records: [], sesIdentity: { host, region: sender.region } };
      const mailFrom = subLabel(sender.mailFrom, host);
      return {
        spf: [{ host: mailFrom, terms: ["include:amazonses.com"] }],
        records: sesFeedbackMx(sender.region).map((mx) => ({ host: mailFrom, type: "MX" as const, value: mx.host, priority: mx.priority, purpose: "mx" as const, configPath: at("mailFrom") })),
        sesIdentity: { host, region: sender.region, mailFrom },
      };
    }
    case "postmark":
      return {
        spf: sender.spfInclude ? [{ host, terms: ["include:spf.mtasv.net"] }] : [],
        records: [
          { host: subLabel(`${sender.dkim.selector}._domainkey`, host), type: "TXT", value: dkimTxtValue(sender.dkim.key), purpose: "dkim", discriminator: sender.dkim.selector, configPath: at("dkim", "key") },
          { host: subLabel(sender.returnPath, host), type: "CNAME", value: "pm.mtasv.net", purpose: "return-path", configPath: at("returnPath") },
        ],
      };
    case "sendgrid":
      // Automated security: SendGrid hosts the SPF (behind the em<n> return path) and rotates the DKIM keys.
      return {
        spf: [],
        records: [
          { host: subLabel(sender.returnPath, host), type: "CNAME", value: `${sender.account}.sendgrid.net`, purpose: "return-path", configPath: at("returnPath") },
          ...(["s1", "s2"] as const).map((s) => ({
            host: subLabel(`${s}._domainkey`, host),
            type: "CNAME" as const,
            value: `${s}.domainkey.${sender.account}.sendgrid.net`,
            purpose: "dkim" as const,
            discriminator: s,
            configPath: at("account"),
          })),
        ],
      };
    case "mailgun":
      return {
        spf: [{ host, terms: ["include:mailgun.org"] }],
        records: [
          { host: subLabel(`${sender.dkim.selector}._domainkey`, host), type: "TXT", value: dkimTxtValue(sender.dkim.key), purpose: "dkim", discriminator: sender.dkim.selector, configPath: at("dkim", "key") },
          ...(sender.tracking
            ? [{ host: subLabel("email", host), type: "CNAME" as const, value: sender.region === "eu" ? "eu.mailgun.org" : "mailgun.org", purpose: "tracking" as const, configPath: at("tracking") }]
            : []),
        ],
      };
    case "resend": {
      const bounce = subLabel(sender.returnPath, host);
      return {
        spf: [{ host: bounce, terms: ["include:amazonses.com"] }],
        records: [
          ...sesFeedbackMx(sender.region).map((mx) => ({ host: bounce, type: "MX" as const, value: mx.host, priority: mx.priority, purpose: "mx" as const, configPath: at("returnPath") })),
          { host: subLabel("resend._domainkey", host), type: "TXT", value: dkimTxtValue(sender.dkim.key), purpose: "dkim", discriminator: "resend", configPath: at("dkim", "key") },
        ],
      };
    }
    case "custom":
      return {
        spf: sender.spf.length > 0 ? [{ host, terms: [...sender.spf] }] : [],
        records: sender.dkim.map((d, i) =>
          "key" in d
            ? { host: subLabel(`${d.selector}._domainkey`, host), type: "TXT" as const, value: dkimTxtValue(d.key), purpose: "dkim" as const, discriminator: d.selector, configPath: at("dkim", i, "key") }
            : { host: subLabel(`${d.selector}._domainkey`, host), type: "CNAME" as const, value: d.cname, purpose: "dkim" as const, discriminator: d.selector, configPath: at("dkim", i, "cname") },
        ),
        includeLookups: sender.includeLookups,
      };
  }
}

/**
 * Domains that show a provider sent a message: its own DKIM signing domain (d=), the Return-Path
 * domain it uses before a custom bounce domain is set up, and the hosts in its Received lines.
 * Read by `verify --message` to name the sending provider of a saved message. Most specific first:
 * Resend sends through Amazon SES, so its own domains must win over amazonses.com.
 * One row per provider, its source next to it (checked 2026-12-04).
 */
const SENDING_DOMAINS_BY_PROVIDER: ReadonlyArray<readonly [ProviderId, readonly string[]]> = [
  // Resend sends from send.<domain> over SES, from its own resend.com / resend.dev by default: https://resend.com/docs/dashboard/domains/introduction
  ["resend", ["resend.com", "resend.dev"]],
  // Google's unaligned default DKIM signature is d=<domain>.gappssmtp.com: https://support.google.com/a/answer/174124
  ["google-workspace", ["gappssmtp.com", "google.com", "googlemail.com"]],
  // Microsoft 365 signs with d=<tenant>.onmicrosoft.com until custom DKIM is on: https://learn.microsoft.com/defender-office-365/email-authentication-dkim-configure
  ["microsoft-365", ["onmicrosoft.com", "outlook.com"]],
  // SES's default MAIL FROM is a subdomain of amazonses.com: https://docs.aws.amazon.com/ses/latest/dg/mail-from.html
  ["amazon-ses", ["amazonses.com"]],
  // Postmark's default Return-Path is pm.mtasv.net: https://postmarkapp.com/support/article/910-adding-a-custom-return-path-domain
  ["postmark", ["mtasv.net", "postmarkapp.com"]],
  // SendGrid's links and return paths are under sendgrid.net: https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication
  ["sendgrid", ["sendgrid.net"]],
  // Mailgun's shared domains are mailgun.org / mailgun.net: https://documentation.mailgun.com/docs/mailgun/user-manual/domains
  ["mailgun", ["mailgun.org", "mailgun.net"]],
];

export const PROVIDER_SENDING_DOMAINS: ReadonlyArray<{ suffix: string; provider: ProviderId }> = SENDING_DOMAINS_BY_PROVIDER.flatMap(([provider, suffixes]) =>
  suffixes.map((suffix) => ({ suffix, provider })),
);

/** The provider whose sending domain `host` is or is under, if any. */
export function providerOfDomain(host: string): ProviderId | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  return PROVIDER_SENDING_DOMAINS.find(({ suffix }) => h === suffix || h.endsWith(`.${suffix}`))?.provider;
}
