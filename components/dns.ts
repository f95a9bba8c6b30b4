/**
 * DNS for the stack's hosts: one record (or one per address) per host, proxied unless the
 * config says otherwise.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedHost } from "./config";
import { declareRecord, RecordSpec } from "./records";
import type * as cloudflare from "./sdk/cloudflare";
import { renderTxtContent } from "../kernel/txt";
import type { ManagedRecordSpec } from "./schema/dns";

/**
 * Cloudflare's documented placeholder for a hostname that exists only to be redirected at the edge:
 * a proxied AAAA to the IPv6 discard prefix (RFC 6666), so no origin is ever contacted.
 */
export const REDIRECT_ONLY_ADDRESS = "100::";

/** The logical-name stem of a host: its label, with the apex spelled out. */
export function hostKey(host: Pick<ResolvedHost, "name">): string {
  return host.name === "@" ? "apex" : host.name.replace(/\./g, "-");
}

/**
 * The records a host needs. Logical names are keyed by host and slot ("app-origin",
 * "app-origin-1"), not by type or content: changing an origin, even from a CNAME to an address,
 * replaces the record in place (deleteBeforeReplace), instead of creating a second record under
 * the same name that Cloudflare would refuse.
 */
export function hostRecords(host: ResolvedHost): RecordSpec[] {
  const base = { name: host.fqdn, proxied: host.proxied, ttl: host.ttl };
  const key = `${hostKey(host)}-origin`;
  if (!host.origin) {
    return [{ ...base, key, type: "AAAA", content: REDIRECT_ONLY_ADDRESS, proxied: true, ttl: 1, comment: "redirect-only host" }];
  }
  if ("cname" in host.origin) return [{ ...base, key, type: "CNAME", content: host.origin.cname }];
  return host.origin.addresses.map((address, i) => ({
    ...base,
    key: i === 0 ? key : `${key}-${i}`,
    type: address.includes(":") ? "AAAA" : "A",
    content: address,
  }));
}

export interface DnsArgs {
  zoneId: pulumi.Input<string>;
  hosts: ResolvedHost[];
  /** Protect records from deletion (production). */
  protect: boolean;
  /** Records kept exactly as declared (the config's `dns.records`, resolved by `managedRecords`). */
  records?: ManagedRecordSpec[];
}

/** A `dns.records` entry as the record to declare: TXT values go out as quoted 255-octet strings. */
export function managedRecordSpec(record: ManagedRecordSpec): RecordSpec {
  return {
    ...record,
    ...(record.type === "TXT" && record.content !== undefined ? { content: renderTxtContent(record.content) } : {}),
    comment: "kept as declared in dns.records",
  };
}

export class Dns extends pulumi.ComponentResource {
  /** The declared records, by logical name. */
  readonly records: Record<string, cloudflare.DnsRecord> = {};

  constructor(name: string, args: DnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:dns:Dns", name, {}, opts);
    for (const host of args.hosts) {
      let first: cloudflare.DnsRecord | undefined;
      for (const spec of hostRecords(host)) {
        // Later slots wait for the first, so a CNAME-to-addresses change deletes the CNAME first.
        const record = declareRecord(spec, { parent: this, zoneId: args.zoneId, protect: args.protect, dependsOn: first ? [first] : undefined });
        first ??= record;
        this.records[spec.key] = record;
      }
    }
    for (const record of args.records ?? []) {
      this.records[record.key] = declareRecord(managedRecordSpec(record), { parent: this, zoneId: args.zoneId, protect: args.protect });
    }
    this.registerOutputs({ hostnames: args.hosts.map((h) => h.fqdn) });
  }
}
