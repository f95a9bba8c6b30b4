/**
 * AlertsTopic: an SNS topic with the stack's alert subscriptions (emails, and the chat relay).
 *
 * CloudWatch alarms only notify topics of their own region. UptimeMonitoring keeps its topic in
 * us-east-1 (where Route 53 health-check metrics live); alarms on regional resources, such as the
 * webhook dead-letter queue in the stack's region, need a topic of that region with the same
 * subscribers. Each email address confirms each topic once.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../sdk/aws";
import type { MonitoringSection } from "../schema/monitoring";
import { standardTags } from "../constants/aws";
import { alertTopicName } from "./specs";
import { subscribeRelay, type AlertRelay } from "./relay/component";

export interface AlertsTopicArgs {
  environment: string;
  /** Where the topic lives ("eu-west-1"); also in its name, which tells the two topics apart. */
  region: string;
  alerts: MonitoringSection["alerts"];
  /** The chat relay (UptimeMonitoring's); required when the alerts name webhooks. */
  relay?: AlertRelay;
}

export class AlertsTopic extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: AlertsTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:monitoring:AlertsTopic", name, {}, opts);
    if (args.alerts.webhooks.length > 0 && args.relay === undefined) throw new Error(`AlertsTopic ${name}: the alerts name chat webhooks, so the alert relay is expected (relay)`);

    const topic = new aws.sns.Topic(name, { name: `${alertTopicName(args.environment)}-${args.region}`, tags: standardTags(args.environment), region: args.region }, { parent: this });
    for (const email of args.alerts.emails) {
      new aws.sns.TopicSubscription(`${name}-email-${email}`, { topic: topic.arn, protocol: "email", endpoint: email, region: args.region }, { parent: this });
    }
    // Chat webhooks through the relay (it lives in us-east-1; SNS delivers across regions).
    if (args.relay) subscribeRelay(`${name}-relay`, args.relay, { arn: topic.arn, region: args.region }, { parent: this });
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
