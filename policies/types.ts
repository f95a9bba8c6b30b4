/**
 * Resource type tokens the policies judge, exactly as the engine sends them
 * (from the providers' generated SDKs: @pulumi/cloudflare 6.22.1, @pulumi/aws 7.48.0).
 */
export const ZONE = "cloudflare:index/zone:Zone";
export const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
export const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
export const SM_SECRET = "aws:secretsmanager/secret:Secret";
export const SM_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
export const KMS_KEY = "aws:kms/key:Key";
export const RULESET = "cloudflare:index/ruleset:Ruleset";
/** Cloudflare Access applications: the v6 name and the deprecated v5 one (same inputs for what we read). */
export const ACCESS_APPLICATION_TYPES = [
  "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
  "cloudflare:index/accessApplication:AccessApplication",
] as const;
export const CF_HEALTHCHECK = "cloudflare:index/healthcheck:Healthcheck";
export const R53_HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SNS_TOPIC_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
/** Cloudflare Access policies: the v6 reusable policy and the deprecated v5 one. */
export const ACCESS_POLICY_TYPES = [
  "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy",
  "cloudflare:index/accessPolicy:AccessPolicy",
] as const;
