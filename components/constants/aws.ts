/**
 * AWS facts the secrets vault, webhook queue and uptime monitoring depend on: service limits and
 * the price table behind `plan`'s cost estimate. Each figure names its source; checked 2026-11-28.
 * Prices are us-east-1 list prices in USD per month, without the free tier (an account's free
 * allowances are shared with everything else it runs, so the estimate does not count on them).
 */

// ---------------------------------------------------------------------------------------------
// Secrets Manager and KMS
// ---------------------------------------------------------------------------------------------

/** Secrets Manager DeleteSecret: RecoveryWindowInDays is 7..30 (0 = ForceDeleteWithoutRecovery). */
export const SECRET_RECOVERY_WINDOW_MIN_DAYS = 7;
export const SECRET_RECOVERY_WINDOW_MAX_DAYS = 30;
/** AWS's own default recovery window, used for production. */
export const SECRET_RECOVERY_WINDOW_DEFAULT_DAYS = 30;
/** Secrets Manager quotas (docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html): name length. */
export const SECRET_NAME_MAX_LENGTH = 512;
/** Secrets Manager quotas: a secret value holds at most 65,536 bytes. */
export const SECRET_VALUE_MAX_BYTES = 65536;
/** The path every secret of this stack lives under: `launch-ready/<env>/<name>`. */
export const SECRET_PATH_ROOT = "launch-ready";
/** KMS ScheduleKeyDeletion PendingWindowInDays: 7..30. */
export const KMS_DELETION_WINDOW_MIN_DAYS = 7;
export const KMS_DELETION_WINDOW_MAX_DAYS = 30;
/** IAM CreateRole: RoleName matches [\w+=,.@-]+, 1..64 characters. */
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** Generated secrets (session signing keys...): at least 32 characters; 48 by default. */
export const GENERATED_SECRET_MIN_LENGTH = 32;
export const GENERATED_SECRET_DEFAULT_LENGTH = 48;
/** RandomPassword of more than 4 KiB is never a signing key but a typo; well inside SECRET_VALUE_MAX_BYTES. */
export const GENERATED_SECRET_MAX_LENGTH = 4096;

// ---------------------------------------------------------------------------------------------
// SQS (docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html,
// and the SetQueueAttributes API reference)
// ---------------------------------------------------------------------------------------------

/** VisibilityTimeout: 0 s .. 12 hours. */
export const SQS_VISIBILITY_TIMEOUT_MIN_SECONDS = 0;
export const SQS_VISIBILITY_TIMEOUT_MAX_SECONDS = 43200;
/** MessageRetentionPeriod: 60 s .. 14 days; AWS's default is 4 days. */
export const SQS_RETENTION_MIN_SECONDS = 60;
export const SQS_RETENTION_MAX_SECONDS = 1209600;
export const SQS_RETENTION_DEFAULT_SECONDS = 345600;
/** RedrivePolicy maxReceiveCount: 1..1000. */
export const SQS_MAX_RECEIVE_COUNT_MIN = 1;
export const SQS_MAX_RECEIVE_COUNT_MAX = 1000;
/** Queue names: letters, digits, hyphens, underscores, 1..80 characters including the ".fifo" suffix. */
export const SQS_QUEUE_NAME_MAX_LENGTH = 80;
export const SQS_FIFO_SUFFIX = ".fifo";

// ---------------------------------------------------------------------------------------------
// Route 53 health checks (API reference, HealthCheckConfig) and their CloudWatch metrics
// ---------------------------------------------------------------------------------------------

/** HealthCheckConfig.Regions: the only regions health checkers run from. */
export const ROUTE53_HEALTH_CHECK_REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
] as const;
export type Route53HealthCheckRegion = (typeof ROUTE53_HEALTH_CHECK_REGIONS)[number];
/** HealthCheckConfig.Regions: "you must specify at least three regions". */
export const ROUTE53_MIN_REGIONS = 3;
/** HealthCheckConfig.RequestInterval: 10 (fast, extra charge) or 30 seconds. */
export const ROUTE53_REQUEST_INTERVALS = [10, 30] as const;
/** HealthCheckConfig.FailureThreshold: 1..10; 3 is AWS's default. */
export const ROUTE53_FAILURE_THRESHOLD_MIN = 1;
export const ROUTE53_FAILURE_THRESHOLD_MAX = 10;
/** HealthCheckConfig.ResourcePath and SearchString: at most 255 characters. */
export const ROUTE53_RESOURCE_PATH_MAX_LENGTH = 255;
export const ROUTE53_SEARCH_STRING_MAX_LENGTH = 255;
/**
 * An HTTPS_STR_MATCH check searches only the first 5,120 bytes of the response body
 * (Route 53 API Reference, HealthCheckConfig Type / SearchString:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html).
 */
export const ROUTE53_SEARCH_BODY_BYTES = 5120;
/** Route 53 HTTP(S) checks pass on a status of 200..399 and nothing else. */
export const ROUTE53_HEALTHY_STATUS_MIN = 200;
export const ROUTE53_HEALTHY_STATUS_MAX = 399;
/**
 * Route 53 health-check metrics (HealthCheckStatus, HealthCheckPercentageHealthy, TimeToFirstByte)
 * are published in us-east-1 only ("Monitoring health checks using CloudWatch"), so their alarms,
 * the SNS topic those alarms notify and the dashboard live there.
 */
export const ROUTE53_METRICS_REGION = "us-east-1";
export const ROUTE53_METRIC_NAMESPACE = "AWS/Route53";

/** The launch target for p95 time to first byte (issue 5). */
export const DEFAULT_LATENCY_BUDGET_MS = 300;

/** CloudWatch alarms with a period under 60 s are high-resolution alarms (priced higher). */
export const CLOUDWATCH_HIGH_RESOLUTION_PERIOD_BELOW_SECONDS = 60;

// ---------------------------------------------------------------------------------------------
// Prices (USD per month, us-east-1 list price)
// ---------------------------------------------------------------------------------------------

export const PRICE_TABLE_DATE = "2026-11-28";

export interface PriceEntry {
  usd: number;
  unit: string;
  source: string;
  /** What the fixed price leaves out (per-request charges, free tiers, later increases). */
  note?: string;
}

export const PRICES = {
  secretsManagerSecret: {
    usd: 0.4,
    unit: "secret-month",
    source: "https://aws.amazon.com/secrets-manager/pricing/",
    note: "plus $0.05 per 10,000 API calls",
  },
  kmsKey: {
    usd: 1.0,
    unit: "key-month",
    source: "https://aws.amazon.com/kms/pricing/",
    note: "each automatic rotation adds $1/month for the first two rotations (from the second year); 20,000 requests/month free, then $0.03 per 10,000",
  },
  /** Endpoint not on AWS (the app sits behind Cloudflare), 30-second interval. */
  route53HealthCheckNonAws: {
    usd: 0.75,
    unit: "health-check-month",
    source: "https://aws.amazon.com/route53/pricing/ (Health checks: basic, non-AWS endpoints)",
  },
  /** Each optional feature (HTTPS, string matching, fast interval, latency measurement), non-AWS endpoint. */
  route53HealthCheckOptionNonAws: {
    usd: 2.0,
    unit: "feature-month",
    source: "https://aws.amazon.com/route53/pricing/ (Health checks: optional features, non-AWS endpoints)",
  },
  cloudwatchStandardAlarm: {
    usd: 0.1,
    unit: "alarm-metric-month",
    source: "https://aws.amazon.com/cloudwatch/pricing/ (Alarms: standard resolution, 60 s)",
    note: "percentile (extended statistic) alarms at 60 s or more are priced as standard alarms; 10 alarm metrics/month free per account",
  },
  cloudwatchHighResolutionAlarm: {
    usd: 0.3,
    unit: "alarm-metric-month",
    source: "https://aws.amazon.com/cloudwatch/pricing/ (Alarms: high resolution, 10 s)",
  },
  cloudwatchDashboard: {
    usd: 3.0,
    unit: "dashboard-month",
    source: "https://aws.amazon.com/cloudwatch/pricing/ (Dashboards)",
    note: "3 dashboards of up to 50 metrics free per account",
  },
  sqsFifoQueue: {
    usd: 0,
    unit: "queue-month",
    source: "https://aws.amazon.com/sqs/pricing/",
    note: "no fixed charge; FIFO requests $0.50 per million after 1 million free a month",
  },
  snsTopic: {
    usd: 0,
    unit: "topic-month",
    source: "https://aws.amazon.com/sns/pricing/",
    note: "no fixed charge; 1,000 email and 100,000 HTTPS notifications a month free",
  },
  cloudflareHealthcheck: {
    usd: 0,
    unit: "health-check-month",
    source: "https://developers.cloudflare.com/health-checks/ (included in Pro and higher plans)",
    note: "included in the Cloudflare plan",
  },
  // The zone's plan is a fixed charge per domain (subdomains are free), whether or not the stack
  // creates the zone. Prices billed yearly; month to month costs more.
  cloudflarePlanPro: {
    usd: 20,
    unit: "zone-month",
    source: "https://www.cloudflare.com/plans/ (Billing Policy: per domain, every 30 days)",
    note: "Pro plan, per domain, billed yearly (month to month costs more)",
  },
  cloudflarePlanBusiness: {
    usd: 200,
    unit: "zone-month",
    source: "https://www.cloudflare.com/plans/ (Billing Policy: per domain, every 30 days)",
    note: "Business plan, per domain, billed yearly (month to month costs more)",
  },
} as const satisfies Record<string, PriceEntry>;

/** Tags on every AWS resource of the stack, so the console and Cost Explorer can group them. */
export function standardTags(environment: string): Record<string, string> {
  return { Project: "launch-ready", Environment: environment, ManagedBy: "pulumi" };
}

// ---------------------------------------------------------------------------------------------
// Value limits of the API contract table (contracts/aws/table.ts), each with its API reference;
// checked 2026-11-28 (KMS aliases, SQS redrive-allow and IAM attachments 2026-12-01) with the
// search tool.
// ---------------------------------------------------------------------------------------------

/** KMS EnableKeyRotation RotationPeriodInDays: 90..2560 days (default 365); symmetric keys only. */
export const KMS_ROTATION_PERIOD_MIN_DAYS = 90;
export const KMS_ROTATION_PERIOD_MAX_DAYS = 2560;
/** KMS CreateKey KeySpec: automatic rotation only for SYMMETRIC_DEFAULT keys (EnableKeyRotation). */
export const KMS_ROTATABLE_KEY_SPEC = "SYMMETRIC_DEFAULT";

/** SQS CreateQueue attributes: DelaySeconds 0..900; ReceiveMessageWaitTimeSeconds 0..20. */
export const SQS_DELAY_MAX_SECONDS = 900;
export const SQS_RECEIVE_WAIT_MAX_SECONDS = 20;
/** SQS MaximumMessageSize: 1,024 bytes .. 1,048,576 bytes (raised from 256 KiB in August 2025). */
export const SQS_MESSAGE_SIZE_MIN_BYTES = 1024;
export const SQS_MESSAGE_SIZE_MAX_BYTES = 1048576;
/** SQS queue names: alphanumerics, hyphens and underscores (plus the .fifo suffix). */
export const SQS_QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]+(\.fifo)?$/;

/** SNS CreateTopic Name: 1..256 alphanumerics, hyphens, underscores; a FIFO topic ends in ".fifo". */
export const SNS_TOPIC_NAME_PATTERN = /^[A-Za-z0-9_-]{1,256}$|^[A-Za-z0-9_-]{1,251}\.fifo$/;
/** SNS Subscribe Protocol values. */
export const SNS_PROTOCOLS = ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"] as const;

/**
 * Route 53 HealthCheckConfig.Type values (API reference, CreateHealthCheck). Search strings are
 * required for the *_STR_MATCH types; FullyQualifiedDomainName is at most 255 characters.
 */
export const ROUTE53_HEALTH_CHECK_TYPES = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL"] as const;
export const ROUTE53_FQDN_MAX_LENGTH = 255;

/**
 * CloudWatch PutMetricAlarm: Period is 10, 20, 30 or a multiple of 60 seconds; Period x
 * EvaluationPeriods at most 604,800 s (7 days), and at most 86,400 s (1 day) when Period < 3,600.
 * DatapointsToAlarm is 1..EvaluationPeriods. Statistic and ExtendedStatistic exclude each other.
 */
export const CLOUDWATCH_SUB_MINUTE_PERIODS = [10, 20, 30] as const;
export const CLOUDWATCH_MAX_EVALUATION_SECONDS = 604800;
export const CLOUDWATCH_MAX_EVALUATION_SECONDS_SHORT_PERIOD = 86400;
export const CLOUDWATCH_COMPARISON_OPERATORS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerOrGreaterThanUpperThreshold",
  "LessThanLowerThreshold",
  "GreaterThanUpperThreshold",
] as const;
export const CLOUDWATCH_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
export const CLOUDWATCH_TREAT_MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"] as const;
/** Extended statistics: percentiles p0.0..p100 (and trimmed means etc., which the stack does not use). */
export const CLOUDWATCH_PERCENTILE = /^p(\d{1,2}(\.\d+)?|100)$/;
/** PutDashboard DashboardName: A-Z, a-z, 0-9, "-" and "_", up to 255 characters. */
export const CLOUDWATCH_DASHBOARD_NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/** IAM CreatePolicy: PolicyName [\w+=,.@-]{1,128}; a managed policy document is at most 6,144 characters without whitespace. */
export const IAM_POLICY_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;
export const IAM_POLICY_MAX_CHARS = 6144;
export const IAM_POLICY_VERSION = "2012-10-17";

/** SES v2 PutEmailIdentityDkimSigningAttributes NextSigningKeyLength values. */
export const SES_DKIM_KEY_LENGTHS = ["RSA_1024_BIT", "RSA_2048_BIT"] as const;

/**
 * KMS CreateAlias AliasName (KMS Developer Guide, alias-create.html): 1..256 characters of
 * letters, digits, "/", "_" and "-"; begins with "alias/"; "alias/aws/" is reserved for AWS
 * managed keys.
 */
export const KMS_ALIAS_PREFIX = "alias/";
export const KMS_ALIAS_RESERVED_PREFIX = "alias/aws/";
export const KMS_ALIAS_MAX_LENGTH = 256;
export const KMS_ALIAS_PATTERN = /^[A-Za-z0-9/_-]+$/;

/**
 * SQS RedriveAllowPolicy (SQS API Reference, SetQueueAttributes; CDK RedriveAllowPolicy docs):
 * JSON with redrivePermission allowAll | denyAll | byQueue; sourceQueueArns is required with
 * byQueue (1 to 10 ARNs) and may not be set otherwise.
 */
export const SQS_REDRIVE_PERMISSIONS = ["allowAll", "denyAll", "byQueue"] as const;
export const SQS_REDRIVE_SOURCE_QUEUES_MAX = 10;

/**
 * IAM AttachRolePolicy (IAM API Reference): RoleName is IAM_ROLE_NAME_PATTERN (1..64 of
 * [\w+=,.@-]); PolicyArn is 20..2048 characters, an IAM policy ARN
 * (arn:<partition>:iam::<account id or "aws">:policy/<path><name>).
 */
/**
 * IAM CreateOpenIDConnectProvider: Url 1..255 characters beginning https://; at most 100 client
 * IDs (audiences), each 1..255 characters
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html).
 */
export const IAM_OIDC_URL_MAX_LENGTH = 255;
export const IAM_OIDC_CLIENT_IDS_MAX = 100;
export const IAM_OIDC_CLIENT_ID_MAX_LENGTH = 255;
export const IAM_POLICY_ARN_MIN_LENGTH = 20;
export const IAM_POLICY_ARN_MAX_LENGTH = 2048;
export const IAM_POLICY_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@\/-]+$/;

// ---------------------------------------------------------------------------------------------
// Alert relay (Lambda)
// ---------------------------------------------------------------------------------------------

/**
 * SNS delivers to a Lambda function of another region; from an opt-in region the function's
 * permission must name `sns.<region>.amazonaws.com` instead of `sns.amazonaws.com`
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-cross-region-delivery.html,
 * https://docs.aws.amazon.com/sns/latest/dg/lambda-prereq.html).
 */
export const SNS_OPT_IN_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "eu-south-1",
  "eu-south-2",
  "eu-central-2",
  "il-central-1",
  "me-south-1",
  "me-central-1",
] as const;
/** The service principal SNS uses to invoke a Lambda function from a topic in `topicRegion`. */
export function snsPrincipalFor(topicRegion: string): string {
  return (SNS_OPT_IN_REGIONS as readonly string[]).includes(topicRegion) ? `sns.${topicRegion}.amazonaws.com` : "sns.amazonaws.com";
}
/** A Node.js runtime Lambda supports (and whose image includes the AWS SDK v3 the relay reads secrets with). */
export const RELAY_LAMBDA_RUNTIME = "nodejs22.x";
/** Lambda timeout, seconds: a few 5 s webhook posts and a secret read. */
export const RELAY_LAMBDA_TIMEOUT_SECONDS = 30;
export const RELAY_LAMBDA_MEMORY_MB = 128;
/**
 * CloudWatch Logs PutRetentionPolicy: retentionInDays is one of these; a log group name is 1..512
 * of letters, digits and ._-/#
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html).
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]{1,512}$/;
/**
 * Lambda CreateFunction: Timeout 1..900 s, MemorySize 128..10,240 MB, FunctionName (a name) 1..64
 * of letters, digits, - and _; AddPermission's Action is lambda:<Action>, lambda:* or *
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html,
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html).
 */
export const LAMBDA_TIMEOUT_MAX_SECONDS = 900;
export const LAMBDA_MEMORY_MIN_MB = 128;
export const LAMBDA_MEMORY_MAX_MB = 10_240;
export const LAMBDA_FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const LAMBDA_PERMISSION_ACTION_PATTERN = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;
/**
 * IAM quotas: the inline policies of one role total at most 10,240 characters, whitespace not
 * counted ("Role policy size cannot exceed 10,240 characters"; IAM and AWS STS quotas,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const IAM_ROLE_INLINE_POLICY_MAX_CHARS = 10_240;
/** CloudWatch Logs retention of the relay's log group (PutRetentionPolicy accepts 30). */
export const RELAY_LOG_RETENTION_DAYS = 30;

/**
 * The statistics AWS publishes for each metric the stack alarms on or graphs, and where it says
 * so. An alarm on any other statistic (a percentile of a Route 53 latency metric, say) never gets a
 * datapoint: with missing data as OK it stays OK for ever. The AWS contract table checks every
 * MetricAlarm against this list, one row per metric/statistic pair (`PUBLISHED_STATISTIC_ROWS`).
 */
export interface PublishedMetric {
  namespace: string;
  metricName: string;
  statistics: readonly string[];
  source: string;
}
const ROUTE53_METRICS_SOURCE =
  "Route 53 Developer Guide, Monitoring health checks using CloudWatch / Route 53 metrics (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-cloudwatch.html) and Monitoring the latency between health checkers and your endpoint (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-check-latency.html): latency metrics are averages (Average, Minimum, Maximum), no percentiles";
export const PUBLISHED_METRICS: readonly PublishedMetric[] = [
  { namespace: ROUTE53_METRIC_NAMESPACE, metricName: "HealthCheckStatus", statistics: ["Minimum", "Maximum", "Average"], source: ROUTE53_METRICS_SOURCE },
  { namespace: ROUTE53_METRIC_NAMESPACE, metricName: "HealthCheckPercentageHealthy", statistics: ["Average", "Minimum", "Maximum"], source: ROUTE53_METRICS_SOURCE },
  { namespace: ROUTE53_METRIC_NAMESPACE, metricName: "TimeToFirstByte", statistics: ["Average", "Minimum", "Maximum"], source: ROUTE53_METRICS_SOURCE },
  { namespace: ROUTE53_METRIC_NAMESPACE, metricName: "ConnectionTime", statistics: ["Average", "Minimum", "Maximum"], source: ROUTE53_METRICS_SOURCE },
  { namespace: ROUTE53_METRIC_NAMESPACE, metricName: "SSLHandshakeTime", statistics: ["Average", "Minimum", "Maximum"], source: ROUTE53_METRICS_SOURCE },
  {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    statistics: ["Average", "Minimum", "Maximum", "Sum", "SampleCount"],
    source: "SQS Developer Guide, Available CloudWatch metrics for Amazon SQS (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html)",
  },
  {
    namespace: "AWS/Lambda",
    metricName: "Errors",
    statistics: ["Sum", "Average", "Minimum", "Maximum", "SampleCount"],
    source: "Lambda Developer Guide, Types of metrics for Lambda functions (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html): Errors, use Sum",
  },
];
