/**
 * Cloudflare plan limits the edge rules must fit, each with its source. Checked 2026-11-28 against
 * the cloudflare/cloudflare-docs repository:
 *  - src/content/plans/index.json (the availability tables the docs render per product), and
 *  - src/content/partials/waf/rate-limiting-availability-by-plan.mdx (rate limiting per plan).
 * One module, so a changed limit is changed once.
 */
import type { CloudflarePlan } from "../schema/context";
import type { FieldGroup } from "../../rules";

/** The phases whose entry-point rulesets the edge component manages (one Ruleset per phase per zone). */
export const EDGE_PHASES = [
  "http_request_dynamic_redirect",
  "http_request_firewall_custom",
  "http_ratelimit",
  "http_request_cache_settings",
  "http_response_headers_transform",
] as const;
export type EdgePhase = (typeof EDGE_PHASES)[number];

/** Short names for messages and tables. */
export const PHASE_LABELS: Record<EdgePhase, string> = {
  http_request_dynamic_redirect: "single redirects",
  http_request_firewall_custom: "custom WAF rules",
  http_ratelimit: "rate limiting rules",
  http_request_cache_settings: "cache rules",
  http_response_headers_transform: "response header transform rules",
};

/**
 * Rules per phase per plan. plans/index.json: rules.single_redirects.num_rules (10/25/50/300),
 * cache.cache_rules.rules (10/25/50/300), rules.transform_rules.num_rules (10/25/50/300),
 * security.waf_c_custom_rules.b_custom_rules (5/20/100/1000). Rate limiting: the availability
 * partial (1/2/5/100; Enterprise with application security; plans/index.json lists 5 for
 * Enterprise without the add-on).
 */
export const RULE_LIMITS: Record<EdgePhase, Record<CloudflarePlan, number>> = {
  http_request_dynamic_redirect: { free: 10, pro: 25, business: 50, enterprise: 300 },
  http_request_firewall_custom: { free: 5, pro: 20, business: 100, enterprise: 1000 },
  http_ratelimit: { free: 1, pro: 2, business: 5, enterprise: 100 },
  http_request_cache_settings: { free: 10, pro: 25, business: 50, enterprise: 300 },
  http_response_headers_transform: { free: 10, pro: 25, business: 50, enterprise: 300 },
};

/** `matches` / regex_replace: "Regex support" is No on Free and Pro for every Rules product (plans/index.json). */
export const REGEX_PLANS: readonly CloudflarePlan[] = ["business", "enterprise"];

/**
 * Period and mitigation-timeout values Cloudflare accepts, in seconds (rate limiting partial,
 * footnote 3). Not every value is available on every plan: see RATE_LIMIT_PLAN.
 */
export const RATE_LIMIT_SUPPORTED_SECONDS = [10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400] as const;

export interface RateLimitPlanShape {
  /** Longest counting period, seconds (Free: exactly 10). */
  maxPeriod: number;
  /** Longest mitigation timeout, seconds (Free: exactly 10). */
  maxTimeout: number;
  /** Field groups (rules/fields.ts) a rate-limiting rule's expression may use. */
  fieldGroups: readonly FieldGroup[];
}

/**
 * Rate limiting availability by plan (the partial named above): Free counts over 10 s and blocks
 * for 10 s and matches on the path (and verified bot) only; Pro adds host, URI, full URI and query
 * fields, periods up to 1 min and timeouts up to 1 h; Business adds method, source IP and user
 * agent, periods up to 10 min and timeouts up to 1 day. Counting characteristics are IP only below
 * Enterprise, and must include cf.colo.id.
 */
export const RATE_LIMIT_PLAN: Record<CloudflarePlan, RateLimitPlanShape> = {
  free: { maxPeriod: 10, maxTimeout: 10, fieldGroups: ["path", "bot"] },
  pro: { maxPeriod: 60, maxTimeout: 3600, fieldGroups: ["host", "uri", "path", "query", "bot"] },
  business: { maxPeriod: 600, maxTimeout: 86400, fieldGroups: ["host", "uri", "path", "query", "method", "ip", "bot"] },
  enterprise: { maxPeriod: 65535, maxTimeout: 86400, fieldGroups: ["host", "uri", "path", "query", "method", "ip", "header", "cookie", "bot", "geo", "tls", "port"] },
};

/** What rate-limiting rules count by below Enterprise: one counter per client IP per data centre. */
export const RATE_LIMIT_CHARACTERISTICS = ["cf.colo.id", "ip.src"] as const;

/**
 * The lowest rate a payment provider's webhook route must accept, per second per client IP.
 * Stripe publishes no webhook delivery rate; its live-mode API accepts 100 write operations per
 * second per account (docs.stripe.com/rate-limits, checked 2026-11-28), each of which can emit
 * events, and after an outage Stripe re-sends the queued events (retries with exponential backoff
 * for up to three days, docs.stripe.com/webhooks) from a small set of source IPs. A webhook limit
 * below 100 requests/s per IP could drop exactly those retries, so that is the floor.
 */
export const WEBHOOK_MIN_REQUESTS_PER_SECOND = 100;

/**
 * Minimum Edge Cache TTL a cache rule may set (plans/index.json cache.edge_cache_ttl.minimum):
 * Free 2 h, Pro 1 h, Business and Enterprise 1 s.
 */
export const EDGE_TTL_MIN: Record<CloudflarePlan, number> = { free: 7200, pro: 3600, business: 1, enterprise: 1 };

/** Redirect status codes the `edge.redirects` config accepts: permanent ones only. */
export const PERMANENT_REDIRECT_STATUSES = [301, 308] as const;

/**
 * The actions a rule of each edge phase may take. Sources (developers.cloudflare.com, checked
 * 2026-11-28): Single Redirects (rules/url-forwarding/single-redirects, phase
 * http_request_dynamic_redirect, action redirect); Cache Rules (cache/how-to/cache-rules, action
 * set_cache_settings); Response Header Transform Rules (rules/transform/response-header-modification,
 * action rewrite); custom rules and rate limiting rules (waf/custom-rules, waf/rate-limiting-rules:
 * block, managed_challenge, js_challenge, challenge, log; custom rules also skip).
 */
export const ACTIONS_BY_PHASE: Record<EdgePhase, readonly string[]> = {
  http_request_dynamic_redirect: ["redirect"],
  http_request_cache_settings: ["set_cache_settings"],
  http_response_headers_transform: ["rewrite"],
  http_request_firewall_custom: ["block", "challenge", "js_challenge", "managed_challenge", "log", "skip"],
  http_ratelimit: ["block", "challenge", "js_challenge", "managed_challenge", "log"],
};

/**
 * A rate limiting rule with a challenge action has no mitigation timeout (the challenge passage
 * time applies instead), so 0 is accepted besides RATE_LIMIT_SUPPORTED_SECONDS
 * (waf/rate-limiting-rules/parameters, "Duration": "not applicable to challenge actions").
 */
export const RATE_LIMIT_NO_TIMEOUT = 0;

// ---------------------------------------------------------------------------------------------
// DNS records (the config schema, the DNS component and the contract checks all read these)
// ---------------------------------------------------------------------------------------------

/**
 * DNS record TTL, from the doc comment of the `cloudflare` SDK's TTL type (dns/records.d.ts,
 * cloudflare 7.3.0): "Setting to 1 means 'automatic'. Value must be between 60 and 86400, with
 * the minimum reduced to 30 for Enterprise zones." A proxied record always uses 1.
 */
export const DNS_TTL_AUTOMATIC = 1;
export const DNS_TTL_MIN = 60;
export const DNS_TTL_MIN_ENTERPRISE = 30;
export const DNS_TTL_MAX = 86400;
/** The TTL this stack gives an unproxied record when the config names none (5 minutes: quick to change, cheap to serve). */
export const DNS_TTL_DEFAULT_UNPROXIED = 300;

/**
 * TXT content (SDK doc comment of TXTRecord.content, cloudflare 7.3.0): "quoted character strings
 * (RFC 1035), each with a length of up to 255 bytes" (the 255 itself is TXT_STRING_MAX in
 * constants/email.ts, RFC 1035 §3.3). Cloudflare's "DNS record types" page (dns/manage-dns-records/
 * reference/dns-record-types, checked 2026-12-01): "Each DNS record has a maximum wire format size
 * of 4,096 bytes" and "multiple records with the same name and type [...] combined content length
 * must not exceed 8,192 characters".
 */
export const DNS_RECORD_WIRE_MAX_BYTES = 4096;
export const DNS_RRSET_CONTENT_MAX_CHARS = 8192;

/**
 * Workers on the Free plan (developers.cloudflare.com/workers/platform/limits, checked 2026-12-01):
 * a Worker of at most 3 MB after compression (the uncompressed size bounds it), 100,000 requests
 * a day. The MTA-STS policy Worker is a few hundred bytes and gets one request per sending server
 * per policy max_age.
 */
export const WORKER_FREE_MAX_BYTES = 3 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Guards that must not only exist but work (issue 18): one definition each, read by the config
// checks, the policy pack, `diff` and `verify` alike.
// ---------------------------------------------------------------------------------------------

/** Host labels that are sensitive whatever the config says: a host named like this administers the product. */
export const SENSITIVE_HOST_LABELS: readonly string[] = ["admin"];

/**
 * The most requests per second per client IP a rate limit on an auth route (login, sign-up,
 * password reset) may allow. 1/s is 86,400 guesses a day per address and data centre, already
 * generous for a person (the default is 5 per 10 s); above it a limit no longer slows scripted
 * password guessing (OWASP Authentication Cheat Sheet, "Protect against automated attacks":
 * throttle failed attempts per account and per source).
 */
export const AUTH_RATE_LIMIT_MAX_PER_SECOND = 1;

/**
 * The widest address space an IP allow-list in front of a sensitive host may cover in total
 * (overlaps counted once): a /16 of IPv4 (65,536 addresses, a large office or VPN pool) and a /32
 * of IPv6 (an ISP's allocation, RIPE-738). Wider, the "allow-list" is the internet with holes.
 */
export const IP_ALLOW_LIST_MAX_ADDRESSES = { ipv4: 2n ** 16n, ipv6: 2n ** 96n } as const;

/**
 * The longest Cloudflare Access session on a sensitive host: one week. Cloudflare accepts up to a
 * month (developers.cloudflare.com/cloudflare-one/identity/users/session-management/, "Session
 * duration", checked 2026-12-04); a stolen admin cookie should not outlive a working week.
 */
export const ACCESS_SESSION_MAX_SECONDS = 7 * 24 * 3600;

/**
 * Access include rules that admit anyone who asks (developers.cloudflare.com/cloudflare-one/
 * policies/access/#selectors, checked 2026-12-04): `everyone`; a login method or auth method
 * alone (one-time PIN, or a public IdP such as GitHub, lets any address or account in); any valid
 * service token is not a person (non_identity). Judged by the provider's input names.
 */
export const ACCESS_ANYONE_INCLUDES: readonly string[] = ["everyone", "loginMethod", "authMethod", "anyValidServiceToken", "geo"];

/**
 * Cloudflare issues Universal SSL edge certificates from these CAs, by their CAA identifiers
 * (developers.cloudflare.com/ssl/reference/certificate-authorities/ and
 * developers.cloudflare.com/ssl/edge-certificates/caa-records/, checked 2026-12-04: Let's
 * Encrypt, Google Trust Services, SSL.com; Sectigo only for backup certificates). A CAA set that
 * allows none of them blocks the next renewal. The config default and verify's CA table agree.
 */
export { CLOUDFLARE_UNIVERSAL_SSL_CAS as CLOUDFLARE_EDGE_CAA_IDENTIFIERS } from "../../kernel/certificateAuthorities";

/** The provider's invoke token for the Zero Trust organization lookup (components/edge/zeroTrustOrganization.ts; plan/monitor.ts answers it offline). */
export const ZERO_TRUST_ORGANIZATION_INVOKE = "cloudflare:index/getZeroTrustOrganization:getZeroTrustOrganization";
