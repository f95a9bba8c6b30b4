/**
 * Ruleset facts the contract checks need and components/constants/cloudflare.ts (the plan-limit
 * module the edge rules use) does not carry. Kept apart so that module stays the edge component's;
 * every plan LIMIT is read from there, never repeated here. Checked 2026-11-28.
 */
import type { EdgePhase } from "../../components/constants/cloudflare";

/**
 * The actions a rule of each edge phase may take. Sources (developers.cloudflare.com): Single
 * Redirects (rules/url-forwarding/single-redirects, phase http_request_dynamic_redirect, action
 * redirect); Cache Rules (cache/how-to/cache-rules, action set_cache_settings); Response Header
 * Transform Rules (rules/transform/response-header-modification, action rewrite); custom rules
 * and rate limiting rules (waf/custom-rules, waf/rate-limiting-rules: block, managed_challenge,
 * js_challenge, challenge, log; custom rules also skip).
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
 * time applies instead), so 0 is accepted besides the listed durations (waf/rate-limiting-rules/
 * parameters, "Duration": "not applicable to challenge actions").
 */
export const RATE_LIMIT_NO_TIMEOUT = 0;
