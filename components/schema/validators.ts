/**
 * Value validators shared by the config sections: domain names, labels and public addresses.
 * Pure functions; each returns a reason string when the value is wrong, so the schema can say
 * what is wrong and what is expected in one message.
 */
import * as ipaddr from "ipaddr.js";
import { parse as parseDomain } from "tldts";
import { addressFamily } from "../../kernel/ipAddress";

/** RFC 1035 label, lower case (Cloudflare stores names lower-cased; mixed case drifts). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why `name` is not a valid lower-case DNS name, or undefined when it is. */
export function domainNameProblem(name: string): string | undefined {
  if (name !== name.toLowerCase()) return "must be lower case";
  if (name.endsWith(".")) return "must not end with a dot";
  if (name.length > 253) return "is longer than 253 characters";
  const labels = name.split(".");
  if (labels.length < 2) return "needs at least two labels, like \"example.com\"";
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) return `has an invalid label "${bad}" (letters, digits and inner hyphens, 1 to 63 characters)`;
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return "has a numeric top-level label";
  return undefined;
}

export function isDomainName(name: string): boolean {
  return domainNameProblem(name) === undefined;
}

export function isLabel(label: string): boolean {
  return LABEL.test(label);
}

/**
 * Why `value` must not be published as a public origin, or undefined when it is a public unicast
 * address. ipaddr.js names the special ranges (RFC 6890 and friends); only plain `unicast` is public.
 */
export function nonPublicAddressReason(value: string): string | undefined {
  const family = addressFamily(value);
  if (!family) return "is not an IP address";
  let addr = ipaddr.parse(value);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  const names: Record<string, string> = {
    private: "a private address",
    loopback: "a loopback address",
    linkLocal: "a link-local address",
    uniqueLocal: "a unique-local address",
    unspecified: "an unspecified address",
    broadcast: "a broadcast address",
    multicast: "a multicast address",
    carrierGradeNat: "a carrier-grade NAT address",
    reserved: "a reserved address",
    benchmarking: "a benchmarking address",
    amt: "a reserved address",
    as112: "a reserved address",
    as112v6: "a reserved address",
    deprecated: "a deprecated address",
    orchid2: "a reserved address",
    droneRemoteIdProtocolEntityTags: "a reserved address",
    "6to4": "a 6to4 transition address",
    teredo: "a Teredo transition address",
    rfc6145: "a transition address",
    rfc6052: "a transition address",
    discard: "a discard-only address",
  };
  if (range === "unicast") return undefined;
  return `is ${names[range] ?? `a special-purpose (${range}) address`}`;
}

/**
 * Special-use and private-network suffixes no public resolver answers for, so an origin under one
 * never works from Cloudflare's edge. Sources:
 *  - RFC 6761 §6 (test, localhost, invalid, example): https://www.rfc-editor.org/rfc/rfc6761#section-6
 *  - RFC 6762 (local, mDNS): https://www.rfc-editor.org/rfc/rfc6762#section-3
 *  - RFC 7686 (onion, Tor only): https://www.rfc-editor.org/rfc/rfc7686
 *  - RFC 8375 (home.arpa): https://www.rfc-editor.org/rfc/rfc8375
 *  - RFC 9476 (alt): https://www.rfc-editor.org/rfc/rfc9476
 *  - ICANN 2024 resolution reserving .internal: https://www.icann.org/en/board-activities-and-meetings/materials/approved-resolutions-special-meeting-of-the-icann-board-29-07-2024-en
 *  - ICANN 2018 resolution not delegating .corp/.home/.mail (name collisions): https://www.icann.org/resources/board-material/resolutions-2018-02-04-en
 *  - de facto private: lan, localdomain, intranet, private
 * Names under any other suffix outside the Public Suffix List's ICANN section are refused too
 * (specialUseSuffix below, through tldts).
 */
export const SPECIAL_USE_SUFFIXES = [
  "test", "localhost", "invalid", "example", "local", "onion", "home.arpa", "alt",
  "internal", "corp", "home", "mail", "lan", "localdomain", "intranet", "private",
] as const;

/** The special-use or non-public suffix `name` ends in, or undefined when it ends in a public TLD. */
export function nonPublicSuffix(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/\.+$/, "");
  const special = SPECIAL_USE_SUFFIXES.find((s) => lower === s || lower.endsWith(`.${s}`));
  if (special) return special;
  const parsed = parseDomain(lower, { allowPrivateDomains: false });
  if (!parsed.isIcann || !parsed.publicSuffix) return parsed.publicSuffix ?? lower.split(".").pop();
  return undefined;
}

/** Why `target` is not a usable public CNAME target, or undefined when it is. */
export function cnameTargetProblem(target: string): string | undefined {
  if (addressFamily(target)) return "is an IP address (use addresses: [...] instead of cname)";
  const suffix = nonPublicSuffix(target);
  if (suffix !== undefined) {
    return `is a private-network name: ".${suffix}" is special-use or not a public top-level domain, so no public resolver answers for it (RFC 6761/6762/7686)`;
  }
  return domainNameProblem(target);
}

/**
 * Seconds in a Go duration ("24h", "2h45m", "730h"), the format Cloudflare Access takes for
 * session_duration; undefined when the text is not one.
 */
export function goDurationSeconds(text: string): number | undefined {
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const t = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}
