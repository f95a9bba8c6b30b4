/**
 * AlertRelay: the Lambda function that posts alert-topic notifications to chat webhooks (see
 * handler.js), its role, log group and an alarm on its own failures. Topics subscribe it with
 * `subscribeRelay`; a Lambda subscription needs no confirmation, unlike an https one, which a
 * chat incoming webhook can never confirm.
 *
 * The function's code is handler.js itself, read from the repository when the program runs, so the
 * plan shows the exact code that deploys and no build step can drift from it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../../sdk/aws";
import { readFileSync } from "fs";
import { join } from "path";
import {
  IAM_POLICY_VERSION,
  RELAY_LAMBDA_MEMORY_MB,
  RELAY_LAMBDA_RUNTIME,
  RELAY_LAMBDA_TIMEOUT_SECONDS,
  RELAY_LOG_RETENTION_DAYS,
  snsPrincipalFor,
  standardTags,
} from "../../constants/aws";
import { metricAlarmArgs, relayErrorsAlarmSpec, relayFunctionName } from "../specs";
import type { RelayFormat } from "./handler.js";

export const RELAY_HANDLER_FILE = join(__dirname, "handler.js");

export interface AlertRelayArgs {
  environment: string;
  /** Where the function lives (and its alarm): the region of the topic its alarm notifies. */
  region: string;
  /** The webhooks: name, format and the ARN of the vault secret holding its URL. */
  webhooks: ReadonlyArray<{ name: string; format: RelayFormat; secretArn: pulumi.Input<string> }>;
  /** The vault's KMS key, which the relay decrypts the webhook secrets with (through Secrets Manager only). */
  secretsKeyArn: pulumi.Input<string>;
  /** The topic the relay's Errors alarm notifies: its email subscribers hear of a broken relay. */
  alarmTopicArn: pulumi.Input<string>;
}

export class AlertRelay extends pulumi.ComponentResource {
  readonly functionArn: pulumi.Output<string>;
  readonly functionName: string;
  readonly region: string;
  readonly alarmName: string;

  constructor(name: string, args: AlertRelayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:monitoring:AlertRelay", name, {}, opts);
    if (args.webhooks.length === 0) throw new Error(`AlertRelay ${name}: at least one webhook is expected`);
    const { environment, region } = args;
    const tags = standardTags(environment);
    const child: pulumi.CustomResourceOptions = { parent: this };
    this.functionName = relayFunctionName(environment);
    this.region = region;

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: `${this.functionName}-${region}`,
        description: `launch-ready ${environment}: the alert relay function`,
        assumeRolePolicy: JSON.stringify({ Version: IAM_POLICY_VERSION, Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        tags,
      },
      child,
    );
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/aws/lambda/${this.functionName}`, retentionInDays: RELAY_LOG_RETENTION_DAYS, tags, region }, child);
    const secretArns = pulumi.all(args.webhooks.map((w) => w.secretArn));
    // Only what the relay does: write its logs, read the webhook secrets, decrypt them through Secrets Manager.
    const policy = pulumi.all([secretArns, pulumi.output(args.secretsKeyArn), logGroup.arn]).apply(([arns, keyArn, logArn]) =>
      JSON.stringify({
        Version: IAM_POLICY_VERSION,
        Statement: [
          { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logArn}:*` },
          { Sid: "ReadWebhookUrls", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arns },
          { Sid: "DecryptWebhookUrls", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn, Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } } },
        ],
      }),
    );
    const rolePolicy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.name, policy }, child);

    const hooks = pulumi.all(args.webhooks.map((w) => pulumi.output(w.secretArn).apply((secretId) => ({ name: w.name, secretId, format: w.format }))));
    const fn = new aws.lambda.Function(
      `${name}-function`,
      {
        name: this.functionName,
        description: `launch-ready ${environment}: posts alert-topic notifications to the chat webhooks`,
        runtime: RELAY_LAMBDA_RUNTIME,
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(readFileSync(RELAY_HANDLER_FILE, "utf8")) }),
        role: role.arn,
        timeout: RELAY_LAMBDA_TIMEOUT_SECONDS,
        memorySize: RELAY_LAMBDA_MEMORY_MB,
        // Secret ARNs and formats only: the URLs stay in the vault.
        environment: { variables: { RELAY_WEBHOOKS: hooks.apply((list) => JSON.stringify(list)) } },
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        tags,
        region,
      },
      { parent: this, dependsOn: [rolePolicy, logGroup] },
    );

    const spec = relayErrorsAlarmSpec(environment);
    this.alarmName = spec.name;
    new aws.cloudwatch.MetricAlarm(
      `${name}-alarm-errors`,
      metricAlarmArgs(spec, { dimensions: { FunctionName: fn.name }, topicArn: args.alarmTopicArn, tags, region }),
      child,
    );

    this.functionArn = fn.arn;
    this.registerOutputs({ functionArn: this.functionArn, functionName: this.functionName, alarmName: this.alarmName });
  }
}

/**
 * Subscribes the relay to a topic: the function's permission for SNS (in the function's region,
 * naming the topic) and the lambda subscription (in the topic's region, where SNS wants it).
 */
export function subscribeRelay(
  name: string,
  relay: AlertRelay,
  topic: { arn: pulumi.Input<string>; region: string },
  opts: pulumi.CustomResourceOptions,
): aws.sns.TopicSubscription {
  // SourceArn scopes the grant to this topic: for a service principal it is "the ARN of the AWS
  // resource that invokes the function, for example an Amazon SNS topic", compared with StringLike;
  // without it any account's topic could invoke the relay
  // (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html).
  const permission = new aws.lambda.Permission(
    `${name}-permission`,
    { action: "lambda:InvokeFunction", function: relay.functionArn, principal: snsPrincipalFor(topic.region), sourceArn: topic.arn, region: relay.region },
    opts,
  );
  return new aws.sns.TopicSubscription(name, { topic: topic.arn, protocol: "lambda", endpoint: relay.functionArn, region: topic.region }, { ...opts, dependsOn: [permission] });
}
