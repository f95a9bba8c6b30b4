/**
 * The `email` section: who receives and who sends mail for the zone, and the DMARC policy that
 * binds them. Shape only here (zod, strict objects so typos fail); rules that need the rest of the
 * stack (environment, today's date) or the rendered records live in components/email/validate.ts (`validateEmail`).
 *
 * Example (Pulumi.prod.yaml, under `launch-ready:email`):
 *   inbound: { provider: google-workspace }
 *   senders:
 *     - { provider: google-workspace, dkim: { key: "v=DKIM1; k=rsa; p=MIIB..." } }
 *     - { provider: postmark, dkim: { selector: 20240101123456pm, key: "k=rsa; p=MIIB..." } }
 *   dmarc: { p: quarantine, rua: ["mailto:dmarc@example.com"] }
 */
import { z } from "zod";
import { domainNameProblem, isLabel } from "./validators";
import {
  CLOUDFLARE_TTL_MAX,
  CLOUDFLARE_TTL_MIN,
  DMARC_MAX_RUA,
  EMAIL_DEFAULT_TTL,
  MTA_STS_DEFAULT_MAX_AGE,
  MTA_STS_MAX_MAX_AGE,
} from "../constants/email";
import { PRESET_EXAMPLES } from "../email/presetExamples";

export { PRESET_EXAMPLES };

/** A name relative to the apex: "@" for the apex itself, else labels like "mail" or "mg.eu". */
const hostLabel = z.string().refine((v) => v === "@" || v.split(".").every(isLabel), {
  message: 'must be "@" (the apex) or a lower-case name inside the zone, like "mail" or "send"',
});

const domain = z.string().superRefine((v, ctx) => {
  const problem = domainNameProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: `"${v}" ${problem}` });
});

/** A CNAME target for DKIM: a host name whose labels may start with "_" (selector1._domainkey...). */
const dkimTarget = z.string().regex(/^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  message: 'must be the lower-case CNAME target the provider shows, like "selector1-example-com._domainkey.contoso.onmicrosoft.com"',
});

const awsRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { message: 'must be an AWS region, like "us-east-1"' });

/** A DKIM public key record as the provider shows it ("v=DKIM1; k=rsa; p=MIIB..."); checked in check.ts. */
const dkimKey = z
  .string()
  .min(1, { message: "must be the DKIM TXT value the provider shows, like \"v=DKIM1; k=rsa; p=MIIB...\"" })
  // Mail records are ASCII (components/email/txt.ts splitTxt): refused here with the key path, not at deploy.
  .regex(/^[\x20-\x7e]+$/, { message: "printable ASCII is expected (the DKIM TXT value the provider shows); it has other characters" });
const selector = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, {
  message: 'must be a DKIM selector (letters, digits, inner hyphens), like "google" or "s1"',
});

/** A term of an SPF record other than `all` (the section's `spf.all` decides that). Parsed in spf.ts. */
const spfTerm = z.string().refine((t) => !/^[+?~-]?all$/i.test(t.trim()), {
  message: 'must not be an "all" term: the record\'s ending comes from spf.all ("-all" by default, "~all" by choice)',
});

const googleSender = z.strictObject({
  provider: z.literal("google-workspace"),
  host: hostLabel.default("@"),
  /** The key from Admin console > Apps > Gmail > Authenticate email. @default - no DKIM record (Google signs as gappssmtp.com, which does not align) */
  dkim: z.strictObject({ selector: selector.default("google"), key: dkimKey }).meta({ example: PRESET_EXAMPLES.dkimKey }).optional(),
});

const microsoftSender = z.strictObject({
  provider: z.literal("microsoft-365"),
  host: hostLabel.default("@"),
  /** The initial domain's first label: "contoso" for contoso.onmicrosoft.com. */
  tenant: z.string().regex(/^[a-z0-9-]+$/, { message: 'must be the tenant name, like "contoso" (from contoso.onmicrosoft.com)' }).meta({ example: PRESET_EXAMPLES.tenant }),
  /**
   * The CNAME targets Defender shows for selector1/selector2 (newer tenants get
   * `*.dkim.mail.microsoft` targets). @default - the classic
   * `selectorN-<domain-with-dashes>._domainkey.<tenant>.onmicrosoft.com` (required for domains with hyphens)
   */
  dkimTargets: z.strictObject({ selector1: dkimTarget, selector2: dkimTarget }).meta({ example: PRESET_EXAMPLES.dkimTargets }).optional(),
});

const sesSender = z.strictObject({
  provider: z.literal("amazon-ses"),
  host: hostLabel.default("@"),
  region: awsRegion.default("us-east-1"),
  /** Custom MAIL FROM label under `host` (e.g. "bounce"), so SPF aligns. @default - amazonses.com MAIL FROM (only DKIM aligns) */
  mailFrom: hostLabel.optional(),
});

const postmarkSender = z.strictObject({
  provider: z.literal("postmark"),
  host: hostLabel.default("@"),
  /** Postmark's date-based selector, e.g. "20240101123456pm". */
  dkim: z.strictObject({ selector, key: dkimKey }).meta({ example: PRESET_EXAMPLES.dkimDatedKey }),
  /** Custom Return-Path label (CNAME to pm.mtasv.net) that makes SPF align. */
  returnPath: hostLabel.default("pm-bounces"),
  /** Also add include:spf.mtasv.net to the host's SPF. Postmark's SPF is checked on the Return-Path, so this only spends a lookup. @default false */
  spfInclude: z.boolean().default(false),
});

const sendgridSender = z.strictObject({
  provider: z.literal("sendgrid"),
  host: hostLabel.default("@"),
  /** The account part of the CNAME targets SendGrid shows, e.g. "u2744887.wl138". */
  account: z.string().regex(/^u\d+\.wl\d*$/, { message: 'must be the "u<id>.wl<n>" part of the CNAME targets SendGrid shows, like "u2744887.wl138"' }).meta({ example: PRESET_EXAMPLES.sendgridAccount }),
  /** The "em<n>" label SendGrid shows for the return path. */
  returnPath: z.string().regex(/^em\d+$/, { message: 'must be the "em<n>" label SendGrid shows, like "em5945"' }).meta({ example: PRESET_EXAMPLES.sendgridReturnPath }),
});

const mailgunSender = z.strictObject({
  provider: z.literal("mailgun"),
  host: hostLabel.default("@"),
  region: z.enum(["us", "eu"]).default("us"),
  dkim: z.strictObject({ selector, key: dkimKey }).meta({ example: { selector: "mx", key: PRESET_EXAMPLES.dkimKey.key } }),
  /** The `email.<host>` CNAME for open and click tracking. @default false */
  tracking: z.boolean().default(false),
});

const resendSender = z.strictObject({
  provider: z.literal("resend"),
  host: hostLabel.default("@"),
  region: awsRegion.default("us-east-1"),
  /** The `p=` value (or full TXT value) Resend shows for resend._domainkey. */
  dkim: z.strictObject({ key: dkimKey }).meta({ example: PRESET_EXAMPLES.resendDkim }),
  /** The label under `host` that carries Resend's bounce MX and SPF. */
  returnPath: hostLabel.default("send"),
});

const customSender = z.strictObject({
  provider: z.literal("custom"),
  host: hostLabel.default("@"),
  /** SPF terms such as "include:spf.example.net", "ip4:192.0.2.0/24", "mx". */
  spf: z.array(spfTerm).default([]),
  /** Nested lookups behind includes the preset table does not know: {"spf.example.net": 2}. */
  includeLookups: z.record(z.string(), z.number().int().min(0).max(10)).default({}),
  dkim: z
    .array(z.union([z.strictObject({ selector, key: dkimKey }), z.strictObject({ selector, cname: dkimTarget })]))
    .default([]),
});

export const emailSenderSchema = z.discriminatedUnion("provider", [
  googleSender,
  microsoftSender,
  sesSender,
  postmarkSender,
  sendgridSender,
  mailgunSender,
  resendSender,
  customSender,
]);

const mxEntry = z.strictObject({ host: domain, priority: z.number().int().min(0).max(65535) });

export const emailInboundSchema = z.discriminatedUnion("provider", [
  z.strictObject({
    provider: z.literal("google-workspace"),
    host: hostLabel.default("@"),
    /** "smtp": the single smtp.google.com record Google documents since 2023; "legacy": the five ASPMX hosts. */
    mx: z.enum(["smtp", "legacy"]).default("smtp"),
  }),
  z.strictObject({
    provider: z.literal("microsoft-365"),
    host: hostLabel.default("@"),
    /** The MX host the admin center shows. @default - <domain-with-dashes>.mail.protection.outlook.com (required for domains with hyphens) */
    mxHost: domain.meta({ example: PRESET_EXAMPLES.mxHost }).optional(),
  }),
  z.strictObject({ provider: z.literal("amazon-ses"), host: hostLabel.default("@"), region: awsRegion.default("us-east-1") }),
  z.strictObject({ provider: z.literal("mailgun"), host: hostLabel.default("@"), region: z.enum(["us", "eu"]).default("us") }),
  z.strictObject({ provider: z.literal("custom"), host: hostLabel.default("@"), mx: z.array(mxEntry).min(1).meta({ example: PRESET_EXAMPLES.customMx }) }),
]);

const policy = z.enum(["none", "quarantine", "reject"], { message: 'must be "none", "quarantine" or "reject"' });
const alignment = z.enum(["r", "s"], { message: 'must be "r" (relaxed) or "s" (strict)' });
/** A report URI; "mailto:" is checked in check.ts so the message can show the value. */
const reportUri = z.string().min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like "2026-12-15"' });
const removedTag = (tag: string) =>
  z
    .never({ message: `"${tag}" was removed from DMARC by RFC 9989 and receivers ignore it; delete it` })
    .optional();

export const dmarcSchema = z.strictObject({
  /** The policy the domain is rolling out to (and publishes once `rollout` is gone). */
  p: policy,
  /** Policy for subdomains. @default - same as p */
  sp: policy.optional(),
  /** Aggregate report addresses (mailto: URIs, at most two). */
  rua: z.array(reportUri).max(DMARC_MAX_RUA, { message: `lists more than ${DMARC_MAX_RUA} addresses; receivers only send to the first ${DMARC_MAX_RUA}` }).default([]),
  /** Failure report addresses (mailto: URIs). Few receivers send them. */
  ruf: z.array(reportUri).default([]),
  /** @default - relaxed (the tag is left out) */
  adkim: alignment.optional(),
  /** @default - relaxed (the tag is left out) */
  aspf: alignment.optional(),
  /** Failure reporting options (RFC 7489 §6.3). @default - "0" (the tag is left out) */
  fo: z.string().regex(/^[01ds](:[01ds])*$/, { message: 'must be "0", "1", "d", "s" or a colon list like "1:d"' }).optional(),
  /**
   * An explicit, dated step of the rollout: publish `policy` (weaker than `p`) until `until`.
   * Past that date the config is rejected, so nobody forgets to enforce.
   */
  rollout: z.strictObject({ policy: z.enum(["none", "quarantine"]), until: isoDate }).meta({ example: PRESET_EXAMPLES.dmarcRollout }).optional(),
  /** Other domains (managed elsewhere in this organisation) whose reports may go to this zone: publishes `<domain>._report._dmarc.<apex>`. */
  acceptReportsFor: z.array(domain).default([]),
  pct: removedTag("pct"),
  rf: removedTag("rf"),
  ri: removedTag("ri"),
});

export const mtaStsSchema = z.strictObject({
  mode: z.enum(["enforce", "testing", "none"]).default("testing"),
  /** MX patterns ("smtp.google.com", "*.mail.protection.outlook.com"). @default - the inbound MX hosts */
  mx: z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+$/, { message: 'must be an MX host or a "*." pattern' })).optional(),
  maxAge: z.number().int().min(0).max(MTA_STS_MAX_MAX_AGE).default(MTA_STS_DEFAULT_MAX_AGE),
  /**
   * Serve the policy from this stack: a Cloudflare Worker (Free plan) on a Workers custom domain
   * `mta-sts.<domain>` in this account. @default - not served: the plan warns that it must be served elsewhere
   */
  serve: z
    .strictObject({ accountId: z.string().regex(/^[0-9a-f]{32}$/, { message: "must be the Cloudflare account id (32 lower-case hex characters) that owns the zone" }) })
    .optional(),
});

export const tlsRptSchema = z.strictObject({
  /** Where TLS reports go: mailto: or https: URIs. */
  rua: z.array(z.string().regex(/^(mailto:[^@\s,;]+@[^@\s,;]+|https:\/\/[^\s,;]+)$/, { message: 'must be a "mailto:" or "https://" URI' })).min(1),
});

export const emailSchema = z.strictObject({
  /** "send": the providers below. "none": the domain sends and receives no mail (null MX, v=spf1 -all, p=reject). */
  mode: z.enum(["send", "none"]).default("send"),
  /** TTL of every mail record, in seconds. */
  ttl: z.number().int().min(CLOUDFLARE_TTL_MIN).max(CLOUDFLARE_TTL_MAX).default(EMAIL_DEFAULT_TTL),
  inbound: emailInboundSchema.optional(),
  senders: z.array(emailSenderSchema).default([]),
  spf: z
    .strictObject({
      all: z
        .string()
        .default("-all")
        .superRefine((v, ctx) => {
          if (v === "-all" || v === "~all") return;
          const why: Record<string, string> = {
            "+all": "authorizes every host on the internet to send as this domain",
            all: "authorizes every host on the internet to send as this domain",
            "?all": "says nothing about unlisted senders, so forged mail passes as neutral",
          };
          ctx.addIssue({
            code: "custom",
            message: `"${v}" ${why[v] ?? "is not an SPF all qualifier"}; use "-all" (default) or "~all"`,
          });
        }),
    })
    .default({ all: "-all" }),
  dmarc: dmarcSchema.meta({ example: PRESET_EXAMPLES.dmarc }).optional(),
  mtaSts: mtaStsSchema.optional(),
  tlsRpt: tlsRptSchema.optional(),
});

export type EmailConfig = z.output<typeof emailSchema>;
export type EmailSender = z.output<typeof emailSenderSchema>;
export type EmailInbound = z.output<typeof emailInboundSchema>;
export type DmarcConfig = z.output<typeof dmarcSchema>;
export type MtaStsConfig = z.output<typeof mtaStsSchema>;
