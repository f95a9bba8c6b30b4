/**
 * How this stack declares a Cloudflare DNS record, whoever asks for it (hosts, CAA, email):
 * full names (short names drift after refresh), automatic TTL when proxied, a comment that
 * tells people not to edit it by hand, and deleteBeforeReplace (Cloudflare refuses a second
 * record of a conflicting type under the same name, so the old one must go first).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "./sdk/cloudflare";

export const MANAGED_COMMENT = "managed by launch-ready: change the stack config, not the dashboard";

/** A record to declare, independent of Pulumi (built by pure functions, tested as data). */
export interface RecordSpec {
  /** Stable logical-name part: by host and role, never by content that may change. */
  key: string;
  /** The fully qualified name. */
  name: string;
  type: "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "CAA" | "SRV" | "NS" | "DS";
  content?: string;
  /** CAA (and other structured types) carry data instead of content. */
  data?: { flags: number; tag: string; value: string } | Record<string, string | number>;
  proxied: boolean;
  /** 1 means automatic; proxied records must use it. */
  ttl: number;
  priority?: number;
  /** Overrides the managed-by comment (e.g. "redirect-only"). */
  comment?: string;
}

export interface DeclareRecordOptions {
  parent: pulumi.Resource;
  zoneId: pulumi.Input<string>;
  protect: boolean;
  dependsOn?: pulumi.Resource[];
  /** Former names of this record (so a rename keeps the URN). */
  aliases?: pulumi.Input<pulumi.URN | pulumi.Alias>[];
}

export function declareRecord(spec: RecordSpec, opts: DeclareRecordOptions): cloudflare.DnsRecord {
  return new cloudflare.DnsRecord(
    spec.key,
    {
      zoneId: opts.zoneId,
      name: spec.name,
      type: spec.type,
      content: spec.content,
      data: spec.data,
      proxied: spec.proxied,
      ttl: spec.proxied ? 1 : spec.ttl,
      priority: spec.priority,
      comment: spec.comment ? `${spec.comment} (${MANAGED_COMMENT})` : MANAGED_COMMENT,
    },
    {
      parent: opts.parent,
      deleteBeforeReplace: true,
      protect: opts.protect,
      dependsOn: opts.dependsOn,
      aliases: opts.aliases,
    },
  );
}
