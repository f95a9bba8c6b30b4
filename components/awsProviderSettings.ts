/**
 * The stack's `aws:` settings as AWS provider arguments, for providers the stack declares itself.
 *
 * An explicit provider reads nothing from the stack's `aws:` config: pinned to a region, it would
 * deploy without the stack's profile, assumed role, allowed accounts or default tags. Copying every
 * `aws:` key keeps such a provider the stack's own in everything but its region.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "./sdk/aws";

/** Provider arguments that are strings even when their text parses as JSON ("123" as a profile). */
const STRING_ARGUMENTS = new Set([
  "profile", "region", "stsRegion", "accessKey", "secretKey", "token", "customCaBundle", "httpProxy", "httpsProxy", "noProxy",
  "retryMode", "ec2MetadataServiceEndpoint", "ec2MetadataServiceEndpointMode", "s3UsEast1RegionalEndpoint", "tagPolicyCompliance",
]);

/** The provider's credential arguments: kept secret whatever the stack file holds them as. */
const CREDENTIAL_ARGUMENTS = new Set(["accessKey", "secretKey", "token"]);

export type AwsProviderSettings = Omit<aws.ProviderArgs, "region">;

/**
 * Every `aws:<name>` key of the stack config as a provider argument, `aws:region` left out (the
 * caller pins its own). Structured values (assumeRoles, defaultTags, allowedAccountIds) are parsed
 * from the JSON the config holds them as; credentials stay secrets.
 */
export function awsProviderSettings(stackConfig: Readonly<Record<string, string>>): AwsProviderSettings {
  const settings: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(stackConfig)) {
    const name = /^aws:(?:config:)?(.+)$/.exec(key)?.[1];
    if (name === undefined || name === "region") continue;
    const value = STRING_ARGUMENTS.has(name) ? text : parsed(text);
    settings[name] = CREDENTIAL_ARGUMENTS.has(name) ? pulumi.secret(value) : value;
  }
  return settings as AwsProviderSettings;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
