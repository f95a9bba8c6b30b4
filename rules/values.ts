/**
 * Runtime values of the evaluator. A map field (`http.request.headers`) is a ReadonlyMap; an
 * absent map key or out-of-range index is MISSING, which Cloudflare defines as: any comparison
 * with it is false, and most functions given it return it again (values page, "missing value").
 */
import ipaddr from "ipaddr.js";

export const MISSING: unique symbol = Symbol("missing value");
export type Missing = typeof MISSING;

export interface IpValue {
  readonly kind: "ip";
  readonly addr: ipaddr.IPv4 | ipaddr.IPv6;
}

export type Value =
  | string
  | number
  | boolean
  | IpValue
  | readonly Value[]
  | ReadonlyMap<string, readonly string[]>
  | Missing;

export function ipValue(text: string): IpValue {
  return { kind: "ip", addr: ipaddr.parse(text) };
}

export function isIpValue(v: Value): v is IpValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Map) && (v as IpValue).kind === "ip";
}
