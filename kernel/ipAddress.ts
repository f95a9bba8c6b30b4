/**
 * The project's one judge of "this text is an IP address", and of an IPv6 address's written form:
 * config validation (A/AAAA contents, an origin given as an address, a CNAME target that is one),
 * the API contracts, adopt's reading of existing records, the rules language (an `ip.src in {...}`
 * set, a request's client address) and the simulator all ask it.
 */
import * as ipaddr from "ipaddr.js";

export type AddressFamily = "ipv4" | "ipv6";

/** Four decimal parts without leading zeros: the only IPv4 form accepted (ipaddr.js alone would take "1" or octal parts). */
const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;

/**
 * The address family of `text`, or undefined when it is not an IP address in canonical-enough form.
 * The shape is tested before ipaddr.js, which answers "no" by throwing and catching an Error: the
 * rules parser asks about every bare word of every rule it parses.
 */
export function addressFamily(text: string): AddressFamily | undefined {
  if (FOUR_PART_DECIMAL.test(text)) return ipaddr.IPv4.isValidFourPartDecimal(text) ? "ipv4" : undefined;
  return text.includes(":") && ipaddr.IPv6.isValid(text) ? "ipv6" : undefined;
}

export function isIpAddress(text: string): boolean {
  return addressFamily(text) !== undefined;
}

/** An IPv6 address in RFC 5952's compressed form (`2001:db8::1`), so one address compares equal however it was written. */
export function ipv6Text(text: string): string {
  return ipaddr.IPv6.parse(text).toString();
}
