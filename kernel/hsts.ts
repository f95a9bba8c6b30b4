/**
 * HSTS max-age floors (RFC 6797), one set for the config checks, the policy pack and verify.
 * 6 months is the floor of Mozilla's guidance and of live-check-rules.md; hstspreload.org's
 * submission rules ask for at least one year with includeSubDomains, and production asks the same.
 */

/** 6 months: below it, HSTS protects too briefly to count (a warning outside production). */
export const HSTS_MIN_MAX_AGE = 15552000;
/** hstspreload.org: at least one year, with includeSubDomains, to be preloaded. */
export const HSTS_PRELOAD_MIN_MAX_AGE = 31536000;
/** Production zones: one year, so the zone could be preloaded at any time. */
export const HSTS_PRODUCTION_MIN_MAX_AGE = HSTS_PRELOAD_MIN_MAX_AGE;
/** The stack's default max-age: the production floor, so a default stack passes everywhere. */
export const HSTS_DEFAULT_MAX_AGE = HSTS_PRODUCTION_MIN_MAX_AGE;
