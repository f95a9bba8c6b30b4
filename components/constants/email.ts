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
