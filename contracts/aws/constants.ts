/**
 * AWS value limits the contract table needs and components/constants/aws.ts does not carry
 * (that module holds the limits the components themselves use; these are read from there where
 * it has them). Each figure names its API reference; checked 2026-11-28 with the search tool.
 */

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
