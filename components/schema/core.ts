/**
 * The core of the stack config: environment, zone, plan, hosts, TLS, CAA, protection.
 * Later concerns (edge, email, secrets, monitoring, verify) add their own sections beside it.
 */
import { parse as parseDomain } from "tldts";
import { z } from "zod";
import { HSTS_DEFAULT_MAX_AGE } from "../../kernel/hsts";
import { CLOUDFLARE_UNIVERSAL_SSL_CAS } from "../../kernel/certificateAuthorities";
import { cnameTargetProblem, domainNameProblem, isLabel, nonPublicAddressReason } from "./validators";

/** Cloudflare account and zone ids are 32 lower-case hex characters. */
const cloudflareId = (what: string) =>
  z.string().regex(/^[0-9a-f]{32}$/, { error: `a Cloudflare ${what} id (32 hex characters) is expected` });

export const environmentSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, { error: "a lower-case environment name such as \"prod\" or \"staging\" is expected" });

export const domainSchema = z.string().superRefine((value, ctx) => {
  const problem = domainNameProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} ${problem}; a domain name like "example.com" is expected` });
});

export const zoneSchema = z.union(
  [
    z.strictObject({ id: cloudflareId("zone") }),
    z.strictObject({ create: z.strictObject({ accountId: cloudflareId("account"), jumpStart: z.boolean().default(false) }) }),
  ],
  { error: "either {id: <existing zone id>} or {create: {accountId: <account id>}} is expected" },
).meta({ example: { id: "023e105f4ecef8ad9ca31a8372d0c353" } });

export const cloudflarePlanSchema = z.enum(["free", "pro", "business", "enterprise"], {
  error: "one of free, pro, business, enterprise is expected",
});

/** Where a host's traffic goes: a CNAME target, or A/AAAA addresses. */
export const originSchema = z.union(
  [
    z.strictObject({
      cname: z.string().superRefine((value, ctx) => {
        const problem = cnameTargetProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} ${problem}; a public host name is expected` });
      }),
    }),
    z.strictObject({
      addresses: z
        .array(
          z.string().superRefine((value, ctx) => {
            const reason = nonPublicAddressReason(value);
            if (reason) ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} ${reason}; a public origin is expected` });
          }),
        )
        .min(1, { error: "at least one address is expected" }),
    }),
  ],
  { error: "either {cname: <host name>} or {addresses: [<IPv4 or IPv6>, ...]} is expected" },
);

/** TTL bounds Cloudflare accepts for unproxied records, under the names config.ts reads (one source: constants/cloudflare.ts). */
export { DNS_TTL_MIN as MIN_TTL, DNS_TTL_MAX as MAX_TTL, DNS_TTL_DEFAULT_UNPROXIED as DEFAULT_UNPROXIED_TTL } from "../constants/cloudflare";

export const hostSchema = z.strictObject({
  /** A label inside the zone ("app", "api.v2"), "@" for the apex, or the full name inside the zone (resolveHostName). */
  name: z.string().min(1),
  /** Where the host's traffic goes. Required except for the non-canonical apex/www (redirect only). */
  origin: originSchema.optional(),
  /** @default true: traffic goes through Cloudflare's edge (TLS, WAF, cache, rules). */
  proxied: z.boolean().default(true),
  /** TTL for unproxied records, 60..86400 s. @default 300. Proxied records always use automatic TTL. */
  ttl: z.number().int().optional(),
  /** @default true for "admin", false otherwise: must be proxied and behind Access or an IP allow-list. */
  sensitive: z.boolean().optional(),
});

export const minTlsVersionSchema = z.enum(["1.2", "1.3"], {
  error: "\"1.2\" or \"1.3\" is expected (TLS 1.0 and 1.1 are deprecated by RFC 8996)",
});

export const tlsSchema = z.strictObject({
  /** @default "strict": Cloudflare checks the origin's certificate. "full" accepts any origin certificate. */
  sslMode: z.enum(["strict", "full"], {
    error: "\"strict\" (or \"full\") is expected; \"off\" and \"flexible\" send member traffic unencrypted to the origin",
  }).default("strict"),
  /** @default "1.2" */
  minVersion: minTlsVersionSchema.default("1.2"),
  /** @default true */
  tls13: z.boolean().default(true),
  hsts: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** @default one year (kernel/hsts.ts HSTS_DEFAULT_MAX_AGE) */
      maxAge: z.number().int().min(0, { error: "a non-negative number of seconds is expected" }).default(HSTS_DEFAULT_MAX_AGE),
      /** @default true */
      includeSubDomains: z.boolean().default(true),
      /** @default false: preload is hard to undo; opt in once every subdomain serves HTTPS. */
      preload: z.boolean().default(false),
      /** @default true: also send X-Content-Type-Options: nosniff. */
      nosniff: z.boolean().default(true),
    })
    .prefault({}),
});

/** Certificate authorities Cloudflare's Universal SSL issues from (kernel/certificateAuthorities.ts). */
export { CLOUDFLARE_UNIVERSAL_SSL_CAS };

export const caaSchema = z.strictObject({
  /** @default Cloudflare's Universal SSL CAs, so edge certificates keep renewing. */
  issuers: z.array(domainSchema).min(1, { error: "at least one CA domain is expected" }).default([...CLOUDFLARE_UNIVERSAL_SSL_CAS]),
  /** @default the same as issuers. */
  wildcardIssuers: z.array(domainSchema).optional(),
  /** Where CAs report refused issuance, e.g. "mailto:security@example.com". */
  iodef: z
    .string()
    // Printable ASCII without quotes or backslashes: the value is a DNS character-string, and a URL needs neither.
    .regex(/^(mailto:[^@\s"\\]+@[^@\s"\\]+|https:\/\/[^\s"\\]+)$/, { error: "a mailto: or https: URL is expected" })
    .regex(/^[\x21-\x7e]+$/, { error: "printable ASCII is expected (a URL, without quotes)" })
    .optional(),
});

export const coreShape = {
  /** "prod" (or "production") turns on production rules: protection, stricter email and HSTS checks. */
  environment: environmentSchema,
  /** The apex domain of the zone. */
  domain: domainSchema,
  /** @default - looked up by `domain` at deploy (components/zoneLookup.ts), in the stack's account when the config names one. */
  zone: zoneSchema.optional(),
  /** @default "free" */
  cloudflarePlan: cloudflarePlanSchema.default("free"),
  /** @default "apex": the other of apex/www redirects to it. */
  canonicalHost: z.enum(["apex", "www"], { error: "\"apex\" or \"www\" is expected" }).default("apex"),
  hosts: z.array(hostSchema).min(1, { error: "at least the canonical host is expected" }),
  tls: tlsSchema.prefault({}),
  caa: caaSchema.prefault({}),
  /** @default false: DNSSEC also needs the DS record added at the registrar by hand. */
  dnssec: z.boolean().default(false),
  /** @default true in production: `protect` on zone settings, DNS records and secrets. */
  protect: z.boolean().optional(),
};


export interface ResolvedHostName {
  /** The label relative to the zone ("@" for the apex). */
  label: string;
  fqdn: string;
}

/**
 * Resolves a configured host name against the apex: "@" and the apex itself mean the apex; a name
 * ending in ".<apex>" is a full name; any other name is a label (or labels) inside the zone,
 * unless it reads as a name somewhere else:
 *  - it ends in a public suffix of the Public Suffix List (ICANN section, through tldts), as
 *    "app.other.store" or "app.example.co.jp" do: a name under someone else's domain;
 *  - it holds the apex followed by more labels ("www.example.com.evil"): a look-alike;
 *  - it ends in a dot (absolute, so not relative to the zone).
 * So "app", "api.v2" or "eu.internal" are sub-names; "app.eu" or "docs.dev" (ending in a real
 * TLD) are refused as ambiguous, and are written in full ("app.eu.example.com") instead.
 * Returns a reason string when the name cannot be a host of this zone.
 */
export function resolveHostName(name: string, apex: string): ResolvedHostName | string {
  const lower = name.toLowerCase();
  if (lower !== name) return `${JSON.stringify(name)} must be lower case`;
  if (name === "@" || name === apex) return { label: "@", fqdn: apex };
  if (name.endsWith(`.${apex}`)) {
    const label = name.slice(0, -(apex.length + 1));
    if (!label.split(".").every(isLabel)) return `${JSON.stringify(name)} is not a valid host name`;
    if (name.length > 253) return `${JSON.stringify(name)} is ${name.length} characters long; at most 253 characters is expected (RFC 1035)`;
    return { label, fqdn: name };
  }
  const expected = `a label such as "app", or a full name under the apex such as "app.${apex}", is expected`;
  if (name.endsWith(".")) return `${JSON.stringify(name)} is an absolute name outside the zone ${apex}; ${expected}`;
  const labels = name.split(".");
  if (labels.length > 1) {
    if (`.${name}.`.includes(`.${apex}.`)) {
      return `${JSON.stringify(name)} holds the apex ${apex} followed by other labels, so it names a host outside the zone ${apex}; ${expected}`;
    }
    const suffix = parseDomain(name, { allowPrivateDomains: false });
    if (suffix.isIcann && suffix.publicSuffix) {
      return `${JSON.stringify(name)} ends in the public suffix ".${suffix.publicSuffix}", not in ${apex}, so it names a host outside the zone ${apex}; ${expected}`;
    }
  }
  if (!labels.every(isLabel)) return `${JSON.stringify(name)} is not a valid DNS label (letters, digits and inner hyphens)`;
  const fqdn = `${name}.${apex}`;
  if (fqdn.length > 253) return `${JSON.stringify(name)} makes ${fqdn.length} characters with the apex ${apex}; at most 253 characters in all is expected (RFC 1035)`;
  return { label: name, fqdn };
}
