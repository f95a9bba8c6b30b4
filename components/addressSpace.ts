/**
 * How much of the internet a list of addresses, CIDRs and ranges covers, per family, with overlaps
 * counted once (ipaddr.js does the parsing). Allow-lists and SPF ranges are judged by this total,
 * not by probing one address: 0.0.0.0/1 + 128.0.0.0/2 + 224.0.0.0/3 misses a probe and still admits
 * most of the internet.
 */
import * as ipaddr from "ipaddr.js";

export interface AddressCoverage {
  ipv4: bigint;
  ipv6: bigint;
}

type Range = { family: "ipv4" | "ipv6"; start: bigint; end: bigint };

const toBig = (addr: ipaddr.IPv4 | ipaddr.IPv6): bigint => addr.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
const bits = (family: "ipv4" | "ipv6") => (family === "ipv4" ? 32n : 128n);

/** One entry ("192.0.2.0/24", "2001:db8::1", "198.51.100.3..198.51.100.7") as a range; undefined when it is not one. */
export function addressRange(entry: string): Range | undefined {
  const text = entry.trim();
  try {
    if (text.includes("..")) {
      const [a, b] = text.split("..").map((x) => ipaddr.parse(x.trim()));
      if (!a || !b || a.kind() !== b.kind()) return undefined;
      const [s, e] = [toBig(a), toBig(b)];
      return { family: a.kind(), start: s < e ? s : e, end: s < e ? e : s };
    }
    const [addr, prefix] = text.includes("/") ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), undefined];
    const family = addr.kind();
    const width = bits(family);
    const len = BigInt(prefix ?? Number(width));
    const size = 1n << (width - len);
    const start = (toBig(addr) / size) * size;
    return { family, start, end: start + size - 1n };
  } catch {
    return undefined;
  }
}

/** Addresses covered by the entries, per family, overlaps counted once; unparseable entries are skipped. */
export function addressCoverage(entries: readonly string[]): AddressCoverage {
  const out: AddressCoverage = { ipv4: 0n, ipv6: 0n };
  for (const family of ["ipv4", "ipv6"] as const) {
    const ranges = entries
      .map(addressRange)
      .filter((r): r is Range => r !== undefined && r.family === family)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let cur: Range | undefined;
    for (const r of ranges) {
      if (cur && r.start <= cur.end + 1n) {
        if (r.end > cur.end) cur.end = r.end;
        continue;
      }
      if (cur) out[family] += cur.end - cur.start + 1n;
      cur = { ...r };
    }
    if (cur) out[family] += cur.end - cur.start + 1n;
  }
  return out;
}

/** "65,536 IPv4 addresses" style text; powers of two above 2^32 as "2^n". */
export function describeCoverage(c: AddressCoverage): string {
  const show = (n: bigint) => {
    const log = n.toString(2).length - 1;
    return n > 2n ** 32n && n === 1n << BigInt(log) ? `2^${log}` : n.toLocaleString("en-US");
  };
  return [c.ipv4 > 0n ? `${show(c.ipv4)} IPv4` : "", c.ipv6 > 0n ? `${show(c.ipv6)} IPv6` : ""].filter(Boolean).join(" and ") + " addresses";
}

/** Which family exceeds its limit, if any: the first over-wide family, for messages. */
export function exceedsCoverage(c: AddressCoverage, max: AddressCoverage): "ipv4" | "ipv6" | undefined {
  if (c.ipv4 > max.ipv4) return "ipv4";
  if (c.ipv6 > max.ipv6) return "ipv6";
  return undefined;
}
