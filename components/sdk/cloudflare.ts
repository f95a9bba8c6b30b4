/**
 * The @pulumi/cloudflare resources and functions the components use, each from its own module: the
 * package index declares all of them (~780 files) and tsc would load them all on each typecheck.
 */
// Runtime only (tsc does not follow a plain require): the index registers the package and its
// resource modules with the Pulumi SDK, which rehydrates the references the engine sends back.
require("@pulumi/cloudflare");

export { DnsRecord } from "@pulumi/cloudflare/dnsRecord";
export { getZeroTrustOrganization } from "@pulumi/cloudflare/getZeroTrustOrganization";
export { getZones, getZonesOutput } from "@pulumi/cloudflare/getZones";
export { Healthcheck } from "@pulumi/cloudflare/healthcheck";
export { NotificationPolicy } from "@pulumi/cloudflare/notificationPolicy";
export { NotificationPolicyWebhooks } from "@pulumi/cloudflare/notificationPolicyWebhooks";
export { Ruleset } from "@pulumi/cloudflare/ruleset";
export { WorkersCustomDomain } from "@pulumi/cloudflare/workersCustomDomain";
export { WorkersScript } from "@pulumi/cloudflare/workersScript";
export { ZeroTrustAccessApplication } from "@pulumi/cloudflare/zeroTrustAccessApplication";
export { ZeroTrustAccessPolicy } from "@pulumi/cloudflare/zeroTrustAccessPolicy";
export { Zone } from "@pulumi/cloudflare/zone";
export { ZoneDnssec } from "@pulumi/cloudflare/zoneDnssec";
export { ZoneSetting } from "@pulumi/cloudflare/zoneSetting";
