/** Edge range sets: parse a CIDR list (shipped or from `--edge-ranges FILE`) and test addresses. */
import * as ipaddr from "ipaddr.js";

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses CIDR lines ("# comments" and blank lines allowed). Throws an Error naming the line and the
 * bad value, so a bad `--edge-ranges` file is reported as such.
 */
export function parseCidrList(text: string, source = "edge ranges"): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    for (const item of line.split(/[\s,]+/)) {
      try {
        ipaddr.parseCIDR(item);
      } catch {
        throw new Error(`${source} line ${i + 1}: "${item}" is not a CIDR range; expected e.g. "104.16.0.0/13" or "2606:4700::/32"`);
      }
      out.push(item);
    }
  });
  if (out.length === 0) throw new Error(`${source} holds no CIDR range; expected one range a line, e.g. "104.16.0.0/13"`);
  return out;
}

export function compileRanges(cidrs: readonly string[]): Cidr[] {
  return cidrs.map((c) => ipaddr.parseCIDR(c) as Cidr);
}

/** True when `address` lies inside one of the ranges (IPv4-mapped IPv6 counts as IPv4). */
export function inRanges(address: string, ranges: readonly Cidr[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  let addr = ipaddr.parse(address);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match([net, bits] as never));
}
