/**
 * Numeric limits of mail authentication, each with its source. Checked 2026-11-28.
 * Provider facts (SPF includes, MX hosts, DKIM shapes) live in components/email/providers.ts.
 */

/** RFC 7208 §4.6.4: at most 10 DNS-querying terms (include, a, mx, ptr, exists, redirect), counted recursively. */
export const SPF_MAX_DNS_LOOKUPS = 10;
/** RFC 7208 §4.6.4: at most 2 lookups that return no answer (verify measures these live). */
export const SPF_MAX_VOID_LOOKUPS = 2;
/** RFC 1035 §3.3: a TXT character-string holds at most 255 octets; longer values are split. */
export const TXT_STRING_MAX = 255;
/** RFC 7208 §3.4: keep SPF answers within 512 octets (UDP without EDNS); checkdmarc warns from 450. */
export const SPF_RECORD_WARN_BYTES = 450;
export const SPF_RECORD_MAX_BYTES = 512;

/** RFC 8301 §3.2: RSA keys under 1024 bits must not be used; 2048 is the recommended floor (Gmail's 2024 sender rules). */
export const DKIM_RSA_MIN_BITS = 1024;
export const DKIM_RSA_RECOMMENDED_BITS = 2048;

/** Many receivers send aggregate reports to at most two rua URIs (checkdmarc's rule); more are ignored. */
export const DMARC_MAX_RUA = 2;
/**
 * Google's DMARC rollout (support.google.com/a/answer/10032473): p=none for about a week, then
 * quarantine, then reject. A "rollout" step longer than this is a policy left unenforced, not a rollout.
 */
export const DMARC_ROLLOUT_MAX_DAYS = 90;

/** Cloudflare: unproxied records take a TTL of 60..86400 s (1 = automatic). One hour suits mail records. */
export const EMAIL_DEFAULT_TTL = 3600;
/** The TTL bounds themselves live once, with their source, in constants/cloudflare.ts. */
export { DNS_TTL_MIN as CLOUDFLARE_TTL_MIN, DNS_TTL_MAX as CLOUDFLARE_TTL_MAX } from "./cloudflare";

/** RFC 8461 §3.2: max_age up to 31557600 s; one week is the common choice, a day the practical minimum. */
export const MTA_STS_DEFAULT_MAX_AGE = 604800;
export const MTA_STS_MIN_MAX_AGE = 86400;
export const MTA_STS_MAX_MAX_AGE = 31557600;

/** The comment every record this stack manages carries, so a human in the dashboard knows not to edit it. */
export const MANAGED_COMMENT = "managed by launch-ready";

/**
 * Mail domains anyone can get an address at: an Access rule or allow-list "for our domain" naming
 * one of these admits the public. The large free providers (Google, Microsoft, Yahoo, Apple,
 * Proton, GMX/mail.com, Yandex, Zoho, AOL, Fastmail, Tutanota); checked 2026-12-04.
 */
export const PUBLIC_MAIL_DOMAINS: readonly string[] = [
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "aol.com",
  "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net", "gmx.de", "mail.com",
  "yandex.com", "yandex.ru", "zoho.com", "zohomail.com", "fastmail.com", "tutanota.com", "tuta.io", "qq.com", "163.com",
];

/** True for a public mail domain or one of its subdomains ("gmail.com", "mail.yahoo.com"). */
export function isPublicMailDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/\.$/, "");
  return PUBLIC_MAIL_DOMAINS.some((p) => d === p || d.endsWith(`.${p}`));
}

/**
 * The widest single ip4/ip6 range an SPF record may authorise: a /16 of IPv4 and a /32 of IPv6
 * (large senders publish /16 and /36 blocks; Google's _netblocks). Wider, the record says "anyone
 * on the internet may send as us" (ip4:0.0.0.0/0 is +all by another name, RFC 7208 §5.6).
 */
export const SPF_MAX_RANGE_ADDRESSES = { ipv4: 2n ** 16n, ipv6: 2n ** 96n } as const;
