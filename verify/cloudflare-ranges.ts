/**
 * Cloudflare's published edge ranges: a proxied hostname must resolve inside them (otherwise the
 * origin is exposed, or the record is not proxied at all).
 *
 * Source: https://www.cloudflare.com/ips-v4 and https://www.cloudflare.com/ips-v6 (also
 * https://api.cloudflare.com/client/v4/ips). Copied 2026-11-28; matches the published list of
 * 2026-02-11 mirrored by rezmoss/cloud-provider-ip-addresses. Cloudflare changes these rarely and
 * announces it; re-check before a launch, or pass `--edge-ranges FILE`.
 */
export const CLOUDFLARE_RANGES_DATE = "2026-11-28";
export const CLOUDFLARE_RANGES_SOURCE = "https://www.cloudflare.com/ips-v4, https://www.cloudflare.com/ips-v6";

export const CLOUDFLARE_IPV4: readonly string[] = [
  "173.245.48.0/20",
  "103.21.244.0/22",
  "103.22.200.0/22",
  "103.31.4.0/22",
  "141.101.64.0/18",
  "108.162.192.0/18",
  "190.93.240.0/20",
  "188.114.96.0/20",
  "197.234.240.0/22",
  "198.41.128.0/17",
  "162.158.0.0/15",
  "104.16.0.0/13",
  "104.24.0.0/14",
  "172.64.0.0/13",
  "131.0.72.0/22",
];

export const CLOUDFLARE_IPV6: readonly string[] = [
  "2400:cb00::/32",
  "2606:4700::/32",
  "2803:f800::/32",
  "2405:b500::/32",
  "2405:8100::/32",
  "2a06:98c0::/29",
  "2c0f:f248::/32",
];

export const CLOUDFLARE_RANGES: readonly string[] = [...CLOUDFLARE_IPV4, ...CLOUDFLARE_IPV6];
