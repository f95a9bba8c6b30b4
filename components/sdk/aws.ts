/**
 * The @pulumi/aws modules the components use, one service at a time: the package index declares
 * every AWS service (~2,700 files) and tsc would load them all on each typecheck.
 */
// Runtime only (tsc does not follow a plain require): the index registers the package with the
// Pulumi SDK, which rehydrates aws provider and resource references the engine sends back.
require("@pulumi/aws");

export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as lambda from "@pulumi/aws/lambda";
export * as route53 from "@pulumi/aws/route53";
export * as secretsmanager from "@pulumi/aws/secretsmanager";
export * as sesv2 from "@pulumi/aws/sesv2";
export * as sns from "@pulumi/aws/sns";
export * as sqs from "@pulumi/aws/sqs";
export { Provider, type ProviderArgs } from "@pulumi/aws/provider";
export { getCallerIdentity } from "@pulumi/aws/getCallerIdentity";
