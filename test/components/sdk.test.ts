/**
 * components/sdk takes the provider classes from deep modules (so tsc loads only those), which
 * alone would not register the packages with the Pulumi SDK: it still loads each package index at
 * runtime, so provider and resource references the engine sends back under `pulumi up` rehydrate
 * as objects rather than bare IDs.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../../components/sdk/aws";
import * as cloudflare from "../../components/sdk/cloudflare";

// The classes as the package indexes give them, read with the deep modules: the indexes load lazily,
// and a file sharing this module registry may reset it before the test runs.
/* eslint-disable @typescript-eslint/no-require-imports */
const fromIndexes = { DnsRecord: require("@pulumi/cloudflare").DnsRecord, HealthCheck: require("@pulumi/aws").route53.HealthCheck };
const fromDeepModules = { DnsRecord: cloudflare.DnsRecord, HealthCheck: aws.route53.HealthCheck };
/* eslint-enable @typescript-eslint/no-require-imports */

test.each(["aws", "cloudflare"])("the %s package is registered for provider references", (pkg) => {
  expect(pulumi.runtime.getResourcePackage(pkg, undefined)).toBeDefined();
});

test("resource references rehydrate as the very classes the components construct", () => {
  const dnsRecord = pulumi.runtime.getResourceModule("cloudflare", "index/dnsRecord", undefined);
  const healthCheck = pulumi.runtime.getResourceModule("aws", "route53/healthCheck", undefined);
  expect(dnsRecord).toBeDefined();
  expect(healthCheck).toBeDefined();
  // Same module instances: the deep modules and the index share Node's module cache.
  expect(fromIndexes.DnsRecord).toBe(fromDeepModules.DnsRecord);
  expect(fromIndexes.HealthCheck).toBe(fromDeepModules.HealthCheck);
});
