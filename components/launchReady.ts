/**
 * The whole stack as one component: it takes the parsed stack config and composes one child
 * component per concern. It declares nothing itself.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { ZoneBaseline } from "./zone";
import { Dns } from "./dns";
import { Edge } from "./edge";

export interface LaunchReadyArgs {
  config: StackConfig;
}

export class LaunchReady extends pulumi.ComponentResource {
  readonly zoneId: pulumi.Output<string>;
  readonly nameServers: pulumi.Output<string[]> | undefined;
  readonly dsRecord: pulumi.Output<string | undefined> | undefined;
  readonly hostnames: string[];
  readonly canonicalUrl: string;

  constructor(name: string, args: LaunchReadyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:index:LaunchReady", name, {}, opts);
    const { config } = args;

    const zone = new ZoneBaseline("zone", { config }, { parent: this });
    new Dns("dns", { zoneId: zone.zoneId, hosts: config.hosts, protect: config.protect }, { parent: this });
    new Edge("edge", { zoneId: zone.zoneId, config }, { parent: this });

    this.zoneId = zone.zoneId;
    this.nameServers = zone.nameServers;
    this.dsRecord = zone.dsRecord;
    this.hostnames = config.hosts.map((h) => h.fqdn);
    const canonical = config.hosts.find((h) => h.role === "canonical");
    this.canonicalUrl = `https://${canonical?.fqdn ?? config.domain}/`;
    this.registerOutputs({ zoneId: this.zoneId, hostnames: this.hostnames, canonicalUrl: this.canonicalUrl });
  }
}
