/**
 * Resource type tokens and Ruleset phases that the tools reading a plan look for (Cloudflare v6,
 * AWS v7; `record:Record` is the deprecated v5 DNS token, still found in older plans).
 */
export const TYPES = {
  zone: "cloudflare:index/zone:Zone",
  dnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
  legacyRecord: "cloudflare:index/record:Record",
  zoneSetting: "cloudflare:index/zoneSetting:ZoneSetting",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  accessApplication: "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
  accessPolicy: "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy",
  cloudflareHealthcheck: "cloudflare:index/healthcheck:Healthcheck",
  notificationPolicy: "cloudflare:index/notificationPolicy:NotificationPolicy",
  secret: "aws:secretsmanager/secret:Secret",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  kmsKey: "aws:kms/key:Key",
  kmsAlias: "aws:kms/alias:Alias",
  randomPassword: "random:index/randomPassword:RandomPassword",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  snsTopic: "aws:sns/topic:Topic",
  snsSubscription: "aws:sns/topicSubscription:TopicSubscription",
  sesIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
  sqsQueue: "aws:sqs/queue:Queue",
  iamPolicy: "aws:iam/policy:Policy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;

/** Ruleset phases this stack writes (cloudflare-and-pulumi-facts.md, checked 2026-11). */
export const PHASES = {
  redirect: "http_request_dynamic_redirect",
  rateLimit: "http_ratelimit",
  waf: "http_request_firewall_custom",
  cache: "http_request_cache_settings",
  headers: "http_response_headers_transform",
} as const;
