/**
 * AlertsTopic: an SNS topic with the stack's alert subscriptions (emails and chat webhooks).
 *
 * CloudWatch alarms only notify topics of their own region. UptimeMonitoring keeps its topic in
 * us-east-1 (where Route 53 health-check metrics live); alarms on regional resources, such as the
 * webhook dead-letter queue in the stack's region, need a topic of that region with the same
 * subscribers. Each email address confirms each topic once.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { MonitoringSection } from "../schema/monitoring";
import { standardTags } from "../constants/aws";
import { alertTopicName } from "./specs";

export interface AlertsTopicArgs {
  environment: string;
  /** Where the topic lives ("eu-west-1"); also in its name, which tells the two topics apart. */
  region: string;
  alerts: MonitoringSection["alerts"];
  /** The chat webhook URLs by webhook name, read with `config.requireSecret`. */
  webhookUrls: Record<string, pulumi.Input<string>>;
}

export class AlertsTopic extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: AlertsTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:monitoring:AlertsTopic", name, {}, opts);
    const missing = args.alerts.webhooks.filter((hook) => args.webhookUrls[hook.name] === undefined).map((hook) => hook.name);
    if (missing.length > 0) throw new Error(`AlertsTopic ${name}: no URL was passed for webhook(s) ${missing.join(", ")}`);

    const topic = new aws.sns.Topic(name, { name: `${alertTopicName(args.environment)}-${args.region}`, tags: standardTags(args.environment), region: args.region }, { parent: this });
    for (const email of args.alerts.emails) {
      new aws.sns.TopicSubscription(`${name}-email-${email}`, { topic: topic.arn, protocol: "email", endpoint: email, region: args.region }, { parent: this });
    }
    for (const hook of args.alerts.webhooks) {
      new aws.sns.TopicSubscription(
        `${name}-webhook-${hook.name}`,
        { topic: topic.arn, protocol: "https", endpoint: pulumi.secret(args.webhookUrls[hook.name]!), region: args.region },
        { parent: this },
      );
    }
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
