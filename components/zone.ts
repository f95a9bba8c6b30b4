/**
 * The zone's security baseline: the zone itself (when this stack creates it), the TLS and HSTS
 * settings, optional DNSSEC, and CAA records naming the CAs allowed to issue for the domain.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "./sdk/cloudflare";
import type { StackConfig } from "./config";
import { declareRecord, RecordSpec } from "./records";
import { lookUpZoneId } from "./zoneLookup";

/** One zone setting in the Cloudflare API's own value shape (ZoneSetting sends `value` verbatim). */
export interface ZoneSettingSpec {
  settingId: string;
  value: unknown;
}

/** The settings the baseline manages, from the TLS config. Pure: tested as data. */
export function zoneSettings(tls: StackConfig["tls"]): ZoneSettingSpec[] {
  return [
    { settingId: "ssl", value: tls.sslMode },
    { settingId: "always_use_https", value: "on" },
    { settingId: "min_tls_version", value: tls.minVersion },
    { settingId: "tls_1_3", value: tls.tls13 ? "on" : "off" },
    { settingId: "automatic_https_rewrites", value: "on" },
    {
      settingId: "security_header",
      value: {
        strict_transport_security: {
          enabled: tls.hsts.enabled,
          max_age: tls.hsts.maxAge,
          include_subdomains: tls.hsts.includeSubDomains,
          preload: tls.hsts.preload,
          nosniff: tls.hsts.nosniff,
        },
      },
    },
  ];
}

/** CAA records at the apex: who may issue, who may issue wildcards, where to report. */
export function caaRecords(apex: string, caa: StackConfig["caa"]): RecordSpec[] {
  const record = (key: string, tag: string, value: string): RecordSpec => ({
    key: `caa-${key}`,
    name: apex,
    type: "CAA",
    data: { flags: 0, tag, value },
    proxied: false,
    ttl: 3600,
  });
  const wildcard = caa.wildcardIssuers ?? caa.issuers;
  return [
    ...caa.issuers.map((ca) => record(`issue-${ca}`, "issue", ca)),
    ...wildcard.map((ca) => record(`issuewild-${ca}`, "issuewild", ca)),
    ...(caa.iodef ? [record("iodef", "iodef", caa.iodef)] : []),
  ];
}

export interface ZoneBaselineArgs {
  config: Pick<StackConfig, "domain" | "zone" | "tls" | "caa" | "dnssec" | "protect">;
  /** The account a zone named by its domain alone is looked up in, when the stack names one. */
  accountId?: string;
}

export class ZoneBaseline extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  /** Name servers to set at the registrar; known only when this stack creates the zone. */
  readonly nameServers: pulumi.Output<string[]> | undefined;
  /** The DS record for the registrar, when DNSSEC is on. */
  readonly dsRecord: pulumi.Output<string | undefined> | undefined;

  constructor(name: string, args: ZoneBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:zone:ZoneBaseline", name, {}, opts);
    const { config } = args;
    const protect = config.protect;

    if (config.zone === undefined) {
      this.zoneId = lookUpZoneId(config.domain, args.accountId, { parent: this });
    } else if ("create" in config.zone) {
      const zone = new cloudflare.Zone(
        "zone",
        { account: { id: config.zone.create.accountId }, name: config.domain, type: "full" },
        // Losing the zone loses every record and setting at once: always protected.
        { parent: this, protect: true },
      );
      this.zoneId = zone.id;
      this.nameServers = zone.nameServers;
    } else {
      this.zoneId = pulumi.output(config.zone.id);
    }

    for (const setting of zoneSettings(config.tls)) {
      new cloudflare.ZoneSetting(
        `setting-${setting.settingId}`,
        { zoneId: this.zoneId, settingId: setting.settingId, value: setting.value },
        { parent: this, protect },
      );
    }

    if (config.dnssec) {
      const dnssec = new cloudflare.ZoneDnssec("dnssec", { zoneId: this.zoneId, status: "active" }, { parent: this, protect });
      this.dsRecord = dnssec.ds;
    }

    for (const spec of caaRecords(config.domain, config.caa)) {
      declareRecord(spec, { parent: this, zoneId: this.zoneId, protect });
    }

    this.registerOutputs({ zoneId: this.zoneId, nameServers: this.nameServers });
  }
}
