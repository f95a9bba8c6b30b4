/**
 * The AWS contract table: value constraints AWS documents for the resources the stack declares,
 * which @pulumi/aws's types (names and primitive types only) do not carry. One row per rule, with
 * the input it reads and where AWS says so; `AWS_CONTRACTS` is printed by tests and docs as is.
 * A row skips a value that is absent or unknown before deployment (the engine fills it later).
 */
import * as C from "../../components/constants/aws";
import { TYPES } from "../../plan/model/tokens";

export interface RowInput {
  /** Plain inputs (secrets unwrapped, unknown values removed). */
  inputs: Record<string, unknown>;
  /** True when the input is set, known or not. */
  present(field: string): boolean;
  /** The value for a message ("[secret]" for a secret). */
  show(field: string): string;
}

export interface AwsContract {
  type: string;
  /** The Pulumi input the rule reads (and the field a failure names). */
  field: string;
  /** The rule, as a sentence fragment ("is 7..30 days, or 0 to delete at once"). */
  rule: string;
  source: string;
  /** A message when the rule is broken; undefined when it holds or cannot be judged. */
  check(input: RowInput): string | undefined;
}

const KMS_KEY = TYPES.kmsKey;
const SECRET = TYPES.secret;
const SECRET_VERSION = TYPES.secretVersion;
const IAM_POLICY = TYPES.iamPolicy;
const QUEUE = TYPES.sqsQueue;
const HEALTH_CHECK = TYPES.healthCheck;
const ALARM = TYPES.metricAlarm;
const DASHBOARD = TYPES.dashboard;
const TOPIC = TYPES.snsTopic;
const SUBSCRIPTION = TYPES.snsSubscription;
const EMAIL_IDENTITY = TYPES.sesIdentity;
const MAIL_FROM = TYPES.sesMailFrom;
const KMS_ALIAS = TYPES.kmsAlias;
const REDRIVE_ALLOW = TYPES.redriveAllowPolicy;
const ROLE_ATTACHMENT = TYPES.rolePolicyAttachment;
const ROLE = TYPES.iamRole;
const ROLE_POLICY = TYPES.iamRolePolicy;
const OIDC_PROVIDER = TYPES.oidcProvider;
const LOG_GROUP = TYPES.logGroup;
const FUNCTION = TYPES.lambdaFunction;
const PERMISSION = TYPES.lambdaPermission;

const num = (v: unknown): v is number => typeof v === "number";
const str = (v: unknown): v is string => typeof v === "string";
const isInt = (v: number) => Number.isInteger(v);

/** A whole number in [min, max] (the row skips an absent value). */
function range(type: string, field: string, min: number, max: number, source: string, extra?: (v: number) => boolean): AwsContract {
  return {
    type,
    field,
    rule: `is a whole number from ${min} to ${max}${extra ? " (or the exception named)" : ""}`,
    source,
    check: ({ inputs, show }) => {
      const v = inputs[field];
      if (!num(v) || (extra && extra(v))) return undefined;
      return isInt(v) && v >= min && v <= max ? undefined : `must be a whole number from ${min} to ${max}; got ${show(field)}`;
    },
  };
}

function oneOf(type: string, field: string, values: readonly (string | number)[], source: string): AwsContract {
  return {
    type,
    field,
    rule: `is one of ${values.join(", ")}`,
    source,
    check: ({ inputs, show }) => {
      const v = inputs[field];
      if (v === undefined) return undefined;
      return values.includes(v as never) ? undefined : `must be one of ${values.join(", ")}; got ${show(field)}`;
    },
  };
}

function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false; error: string } | undefined {
  if (!str(text)) return undefined;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const SRC = {
  secretsDelete: "Secrets Manager API Reference, DeleteSecret (RecoveryWindowInDays, ForceDeleteWithoutRecovery)",
  secretsQuotas: "Secrets Manager User Guide, quotas (reference_limits.html)",
  kmsCreate: "KMS API Reference, CreateKey / ScheduleKeyDeletion (PendingWindowInDays)",
  kmsRotation: "KMS API Reference, EnableKeyRotation (RotationPeriodInDays; symmetric keys only)",
  sqsAttributes: "SQS API Reference, CreateQueue / SetQueueAttributes (Attributes)",
  sqsQuotas: "SQS Developer Guide, quotas-queues.html (queue names, FIFO suffix)",
  sqsRedrive: "SQS Developer Guide, dead-letter queues (RedrivePolicy maxReceiveCount)",
  route53: "Route 53 API Reference, CreateHealthCheck (HealthCheckConfig)",
  alarm: "CloudWatch API Reference, PutMetricAlarm",
  dashboard: "CloudWatch API Reference, PutDashboard (DashboardName, DashboardBody)",
  sns: "SNS API Reference, CreateTopic (Name, FifoTopic) and Subscribe (Protocol, Endpoint)",
  iam: "IAM API Reference, CreatePolicy; IAM User Guide, IAM JSON policy elements and quotas",
  ses: "SES v2 API Reference, CreateEmailIdentity / DkimSigningAttributes",
  kmsAlias: "KMS API Reference, CreateAlias (AliasName); KMS Developer Guide, alias-create.html",
  sqsRedriveAllow: "SQS API Reference, SetQueueAttributes (RedriveAllowPolicy: redrivePermission, sourceQueueArns)",
  iamAttach: "IAM API Reference, AttachRolePolicy (RoleName, PolicyArn)",
  sesMailFrom: "SES v2 API Reference, PutEmailIdentityMailFromAttributes (MailFromDomain, BehaviorOnMxFailure); SES Developer Guide, mail-from.html",
  iamOidc: "IAM API Reference, CreateOpenIDConnectProvider (Url, ClientIDList) (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html)",
  iamRole: "IAM API Reference, CreateRole (RoleName, AssumeRolePolicyDocument) and PutRolePolicy; IAM User Guide, reference_iam-quotas.html (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)",
  logs: "CloudWatch Logs API Reference, CreateLogGroup / PutRetentionPolicy (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html)",
  lambda: "Lambda API Reference, CreateFunction (FunctionName, Timeout, MemorySize, Role) (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html)",
  lambdaPermission: "Lambda API Reference, AddPermission (Action, Principal, SourceArn) (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html)",
};

/**
 * What is wrong with an identity policy document (managed or inline): JSON, Version, statements
 * with Effect, an action and a resource, at most `maxChars` without whitespace.
 */
function identityPolicyProblem(text: unknown, maxChars: number, what: string): string | undefined {
  const size = typeof text === "string" ? text.replace(/\s/g, "").length : 0;
  if (size > maxChars && parseJson(text)?.ok) return `is ${size} characters without whitespace; ${what} at most ${maxChars}`;
  return policyDocumentProblem(text, (st, i) =>
    st.Resource === undefined && st.NotResource === undefined ? `Statement[${i}] needs Resource or NotResource (an identity policy names what it applies to)` : undefined,
  );
}

/**
 * What is wrong with an IAM policy document (JSON, the one Version, statements with Effect and an
 * action), plus what `statementProblem` says of each statement: identity and trust policies differ
 * only there. Undefined for a value unknown at plan time.
 */
function policyDocumentProblem(text: unknown, statementProblem: (st: Record<string, unknown>, i: number) => string | undefined): string | undefined {
  const parsed = parseJson(text);
  if (!parsed) return undefined;
  if (!parsed.ok) return `is not JSON: ${parsed.error}`;
  const doc = parsed.value as Record<string, unknown>;
  if (doc.Version !== C.IAM_POLICY_VERSION) return `Version must be "${C.IAM_POLICY_VERSION}"; got ${JSON.stringify(doc.Version)}`;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  if (statements.length === 0) return "has no Statement";
  for (const [i, s] of statements.entries()) {
    const st = s as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") return `Statement[${i}].Effect must be Allow or Deny; got ${JSON.stringify(st.Effect)}`;
    if (st.Action === undefined && st.NotAction === undefined) return `Statement[${i}] needs Action or NotAction`;
    const problem = statementProblem(st, i);
    if (problem) return problem;
  }
  return undefined;
}

/** A row for an input that takes an IAM role's name (not its ARN). */
function roleNameRow(type: string, field: string, source: string): AwsContract {
  return {
    type,
    field,
    rule: "a role name (not an ARN): 1..64 letters, digits and +=,.@_-",
    source,
    check: ({ inputs, show }) => {
      const role = inputs[field];
      if (!str(role)) return undefined;
      if (role.startsWith("arn:")) return `takes the role's name, not its ARN; got ${show(field)}`;
      return C.IAM_ROLE_NAME_PATTERN.test(role) ? undefined : `must be 1..64 characters of letters, digits and +=,.@_-; got ${show(field)}`;
    },
  };
}

/**
 * One row per metric the stack alarms on: the alarm's statistic must be one AWS publishes for it
 * (a row per metric/statistic pair is in its `rule`; C.PUBLISHED_METRICS is the list). An alarm on
 * a metric the list does not know passes: the list covers what the stack declares.
 */
function publishedStatisticRows(): AwsContract[] {
  return C.PUBLISHED_METRICS.map((m) => ({
    type: ALARM,
    field: "statistic",
    rule: `${m.namespace}/${m.metricName}: ${m.statistics.join(", ")}`,
    source: m.source,
    check: ({ inputs, show, present }) => {
      if (inputs.namespace !== m.namespace || inputs.metricName !== m.metricName) return undefined;
      if (present("extendedStatistic")) return `${m.namespace}/${m.metricName} is published with ${m.statistics.join(", ")} only; a percentile (${show("extendedStatistic")}) never gets a datapoint: set statistic instead`;
      const stat = inputs.statistic;
      return str(stat) && !m.statistics.includes(stat) ? `${m.namespace}/${m.metricName} is published with ${m.statistics.join(", ")} only; got ${show("statistic")}` : undefined;
    },
  }));
}

/** One line per metric/statistic pair AWS publishes (for docs and tests), with its source. */
export const PUBLISHED_STATISTIC_ROWS: ReadonlyArray<{ metric: string; statistic: string; source: string }> = C.PUBLISHED_METRICS.flatMap((m) =>
  m.statistics.map((statistic) => ({ metric: `${m.namespace}/${m.metricName}`, statistic, source: m.source })),
);

export const AWS_CONTRACTS: readonly AwsContract[] = [
  // Secrets Manager
  range(SECRET, "recoveryWindowInDays", C.SECRET_RECOVERY_WINDOW_MIN_DAYS, C.SECRET_RECOVERY_WINDOW_MAX_DAYS, SRC.secretsDelete, (v) => v === 0),
  {
    type: SECRET,
    field: "name",
    rule: `is at most ${C.SECRET_NAME_MAX_LENGTH} characters of letters, digits and /_+=.@-`,
    source: SRC.secretsQuotas,
    check: ({ inputs, show }) => (str(inputs.name) && !/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(inputs.name) ? `must be 1..${C.SECRET_NAME_MAX_LENGTH} characters of letters, digits and /_+=.@-; got ${show("name")}` : undefined),
  },
  {
    type: SECRET_VERSION,
    field: "secretString",
    rule: `one of secretString or secretBinary is set, at most ${C.SECRET_VALUE_MAX_BYTES} bytes`,
    source: SRC.secretsQuotas,
    check: ({ inputs, present }) => {
      if (!present("secretString") && !present("secretBinary")) return "is required: a secret version holds secretString or secretBinary";
      if (present("secretString") && present("secretBinary")) return "secretString and secretBinary exclude each other";
      const bytes = str(inputs.secretString) ? Buffer.byteLength(inputs.secretString, "utf8") : 0;
      return bytes > C.SECRET_VALUE_MAX_BYTES ? `holds ${bytes} bytes; a secret value is at most ${C.SECRET_VALUE_MAX_BYTES}` : undefined;
    },
  },
  // KMS
  range(KMS_KEY, "deletionWindowInDays", C.KMS_DELETION_WINDOW_MIN_DAYS, C.KMS_DELETION_WINDOW_MAX_DAYS, SRC.kmsCreate),
  range(KMS_KEY, "rotationPeriodInDays", C.KMS_ROTATION_PERIOD_MIN_DAYS, C.KMS_ROTATION_PERIOD_MAX_DAYS, SRC.kmsRotation),
  {
    type: KMS_KEY,
    field: "rotationPeriodInDays",
    rule: "needs enableKeyRotation: true",
    source: SRC.kmsRotation,
    check: ({ inputs }) => (num(inputs.rotationPeriodInDays) && inputs.enableKeyRotation === false ? "is set but enableKeyRotation is false: a rotation period needs rotation enabled" : undefined),
  },
  {
    type: KMS_KEY,
    field: "enableKeyRotation",
    rule: `only on ${C.KMS_ROTATABLE_KEY_SPEC} keys`,
    source: SRC.kmsRotation,
    check: ({ inputs }) => {
      const spec = inputs.customerMasterKeySpec ?? inputs.keySpec;
      return inputs.enableKeyRotation === true && str(spec) && spec !== C.KMS_ROTATABLE_KEY_SPEC ? `automatic rotation needs a ${C.KMS_ROTATABLE_KEY_SPEC} key; this key is ${spec}` : undefined;
    },
  },
  // SQS
  {
    type: QUEUE,
    field: "name",
    rule: `letters, digits, - and _, at most ${C.SQS_QUEUE_NAME_MAX_LENGTH} characters; ends in ${C.SQS_FIFO_SUFFIX} exactly when fifoQueue`,
    source: SRC.sqsQuotas,
    check: ({ inputs, show }) => {
      const name = inputs.name;
      if (!str(name)) return undefined;
      if (name.length > C.SQS_QUEUE_NAME_MAX_LENGTH) return `is ${name.length} characters; a queue name is at most ${C.SQS_QUEUE_NAME_MAX_LENGTH} including ${C.SQS_FIFO_SUFFIX}`;
      if (!C.SQS_QUEUE_NAME_PATTERN.test(name)) return `may hold only letters, digits, - and _ (and the ${C.SQS_FIFO_SUFFIX} suffix); got ${show("name")}`;
      const fifo = inputs.fifoQueue === true;
      if (fifo && !name.endsWith(C.SQS_FIFO_SUFFIX)) return `a FIFO queue's name must end in ${C.SQS_FIFO_SUFFIX}; got ${show("name")}`;
      if (!fifo && name.endsWith(C.SQS_FIFO_SUFFIX)) return `ends in ${C.SQS_FIFO_SUFFIX} but fifoQueue is not true: only FIFO queues may`;
      return undefined;
    },
  },
  range(QUEUE, "messageRetentionSeconds", C.SQS_RETENTION_MIN_SECONDS, C.SQS_RETENTION_MAX_SECONDS, SRC.sqsAttributes),
  range(QUEUE, "visibilityTimeoutSeconds", C.SQS_VISIBILITY_TIMEOUT_MIN_SECONDS, C.SQS_VISIBILITY_TIMEOUT_MAX_SECONDS, SRC.sqsAttributes),
  range(QUEUE, "delaySeconds", 0, C.SQS_DELAY_MAX_SECONDS, SRC.sqsAttributes),
  range(QUEUE, "receiveWaitTimeSeconds", 0, C.SQS_RECEIVE_WAIT_MAX_SECONDS, SRC.sqsAttributes),
  range(QUEUE, "maxMessageSize", C.SQS_MESSAGE_SIZE_MIN_BYTES, C.SQS_MESSAGE_SIZE_MAX_BYTES, SRC.sqsAttributes),
  {
    type: QUEUE,
    field: "contentBasedDeduplication",
    rule: "only on FIFO queues",
    source: SRC.sqsAttributes,
    check: ({ inputs }) => (inputs.contentBasedDeduplication === true && inputs.fifoQueue !== true ? "is a FIFO-queue attribute: set fifoQueue: true or drop it" : undefined),
  },
  {
    type: QUEUE,
    field: "redrivePolicy",
    rule: `JSON with deadLetterTargetArn and maxReceiveCount ${C.SQS_MAX_RECEIVE_COUNT_MIN}..${C.SQS_MAX_RECEIVE_COUNT_MAX}`,
    source: SRC.sqsRedrive,
    check: ({ inputs }) => {
      const parsed = parseJson(inputs.redrivePolicy);
      if (!parsed) return undefined;
      if (!parsed.ok) return `is not JSON: ${parsed.error}`;
      const p = parsed.value as Record<string, unknown>;
      if (!str(p.deadLetterTargetArn)) return "must name the dead-letter queue (deadLetterTargetArn)";
      const count = Number(p.maxReceiveCount);
      return isInt(count) && count >= C.SQS_MAX_RECEIVE_COUNT_MIN && count <= C.SQS_MAX_RECEIVE_COUNT_MAX ? undefined : `maxReceiveCount must be ${C.SQS_MAX_RECEIVE_COUNT_MIN}..${C.SQS_MAX_RECEIVE_COUNT_MAX}; got ${JSON.stringify(p.maxReceiveCount)}`;
    },
  },
  // Route 53 health checks
  oneOf(HEALTH_CHECK, "type", C.ROUTE53_HEALTH_CHECK_TYPES, SRC.route53),
  oneOf(HEALTH_CHECK, "requestInterval", C.ROUTE53_REQUEST_INTERVALS, SRC.route53),
  range(HEALTH_CHECK, "failureThreshold", C.ROUTE53_FAILURE_THRESHOLD_MIN, C.ROUTE53_FAILURE_THRESHOLD_MAX, SRC.route53),
  range(HEALTH_CHECK, "port", 1, 65535, SRC.route53),
  {
    type: HEALTH_CHECK,
    field: "resourcePath",
    rule: `at most ${C.ROUTE53_RESOURCE_PATH_MAX_LENGTH} characters`,
    source: SRC.route53,
    check: ({ inputs }) => (str(inputs.resourcePath) && inputs.resourcePath.length > C.ROUTE53_RESOURCE_PATH_MAX_LENGTH ? `is ${inputs.resourcePath.length} characters; at most ${C.ROUTE53_RESOURCE_PATH_MAX_LENGTH}` : undefined),
  },
  {
    type: HEALTH_CHECK,
    field: "fqdn",
    rule: `at most ${C.ROUTE53_FQDN_MAX_LENGTH} characters`,
    source: SRC.route53,
    check: ({ inputs }) => (str(inputs.fqdn) && inputs.fqdn.length > C.ROUTE53_FQDN_MAX_LENGTH ? `is ${inputs.fqdn.length} characters; at most ${C.ROUTE53_FQDN_MAX_LENGTH}` : undefined),
  },
  {
    type: HEALTH_CHECK,
    field: "searchString",
    rule: `required by the *_STR_MATCH types, at most ${C.ROUTE53_SEARCH_STRING_MAX_LENGTH} characters`,
    source: SRC.route53,
    check: ({ inputs, present }) => {
      if (str(inputs.type) && inputs.type.endsWith("_STR_MATCH") && !present("searchString")) return `is required for ${inputs.type} checks`;
      return str(inputs.searchString) && inputs.searchString.length > C.ROUTE53_SEARCH_STRING_MAX_LENGTH ? `is ${inputs.searchString.length} characters; at most ${C.ROUTE53_SEARCH_STRING_MAX_LENGTH}` : undefined;
    },
  },
  {
    type: HEALTH_CHECK,
    field: "regions",
    rule: `none (all regions) or at least ${C.ROUTE53_MIN_REGIONS} of ${C.ROUTE53_HEALTH_CHECK_REGIONS.join(", ")}`,
    source: SRC.route53,
    check: ({ inputs }) => {
      const regions = inputs.regions;
      if (!Array.isArray(regions) || regions.length === 0) return undefined;
      const unknown = regions.filter((r) => !(C.ROUTE53_HEALTH_CHECK_REGIONS as readonly unknown[]).includes(r));
      if (unknown.length > 0) return `${unknown.map((r) => JSON.stringify(r)).join(", ")} is not a health-checker region (${C.ROUTE53_HEALTH_CHECK_REGIONS.join(", ")})`;
      const distinct = new Set(regions).size;
      return distinct < C.ROUTE53_MIN_REGIONS ? `names ${distinct} region(s); a health check needs at least ${C.ROUTE53_MIN_REGIONS}` : undefined;
    },
  },
  // CloudWatch alarms
  {
    type: ALARM,
    field: "period",
    rule: `${C.CLOUDWATCH_SUB_MINUTE_PERIODS.join(", ")} or a multiple of 60 seconds`,
    source: SRC.alarm,
    check: ({ inputs, show }) => {
      const p = inputs.period;
      if (!num(p)) return undefined;
      return (C.CLOUDWATCH_SUB_MINUTE_PERIODS as readonly number[]).includes(p) || (isInt(p) && p > 0 && p % 60 === 0) ? undefined : `must be ${C.CLOUDWATCH_SUB_MINUTE_PERIODS.join(", ")} or a multiple of 60 seconds; got ${show("period")}`;
    },
  },
  {
    type: ALARM,
    field: "evaluationPeriods",
    rule: `at least 1; period x evaluationPeriods at most ${C.CLOUDWATCH_MAX_EVALUATION_SECONDS} s (${C.CLOUDWATCH_MAX_EVALUATION_SECONDS_SHORT_PERIOD} s when period < 3600)`,
    source: SRC.alarm,
    check: ({ inputs, show }) => {
      const n = inputs.evaluationPeriods;
      if (!num(n)) return undefined;
      if (!isInt(n) || n < 1) return `must be a whole number of at least 1; got ${show("evaluationPeriods")}`;
      const p = inputs.period;
      if (!num(p)) return undefined;
      const cap = p < 3600 ? C.CLOUDWATCH_MAX_EVALUATION_SECONDS_SHORT_PERIOD : C.CLOUDWATCH_MAX_EVALUATION_SECONDS;
      return p * n > cap ? `period ${p} s x ${n} evaluation periods = ${p * n} s; an alarm looks back at most ${cap} s` : undefined;
    },
  },
  {
    type: ALARM,
    field: "datapointsToAlarm",
    rule: "1..evaluationPeriods",
    source: SRC.alarm,
    check: ({ inputs, show }) => {
      const d = inputs.datapointsToAlarm;
      if (!num(d)) return undefined;
      const n = num(inputs.evaluationPeriods) ? inputs.evaluationPeriods : Infinity;
      return isInt(d) && d >= 1 && d <= n ? undefined : `must be a whole number from 1 to evaluationPeriods (${n}); got ${show("datapointsToAlarm")}`;
    },
  },
  oneOf(ALARM, "comparisonOperator", C.CLOUDWATCH_COMPARISON_OPERATORS, SRC.alarm),
  oneOf(ALARM, "statistic", C.CLOUDWATCH_STATISTICS, SRC.alarm),
  oneOf(ALARM, "treatMissingData", C.CLOUDWATCH_TREAT_MISSING_DATA, SRC.alarm),
  ...publishedStatisticRows(),
  {
    type: ALARM,
    field: "extendedStatistic",
    rule: "a percentile such as p95; excludes statistic; one of them (or metricQueries) is set",
    source: SRC.alarm,
    check: ({ inputs, present, show }) => {
      const hasStat = present("statistic");
      const hasExt = present("extendedStatistic");
      if (hasStat && hasExt) return "statistic and extendedStatistic exclude each other: set one";
      if (!hasStat && !hasExt && !present("metricQueries")) return "an alarm needs statistic, extendedStatistic or metricQueries";
      return str(inputs.extendedStatistic) && !C.CLOUDWATCH_PERCENTILE.test(inputs.extendedStatistic) ? `must be a percentile p0..p100 (e.g. p95); got ${show("extendedStatistic")}` : undefined;
    },
  },
  // CloudWatch dashboards
  {
    type: DASHBOARD,
    field: "dashboardName",
    rule: "1..255 letters, digits, - and _",
    source: SRC.dashboard,
    check: ({ inputs, show }) => (str(inputs.dashboardName) && !C.CLOUDWATCH_DASHBOARD_NAME_PATTERN.test(inputs.dashboardName) ? `must be 1..255 letters, digits, - and _; got ${show("dashboardName")}` : undefined),
  },
  {
    type: DASHBOARD,
    field: "dashboardBody",
    rule: "JSON with a widgets array",
    source: SRC.dashboard,
    check: ({ inputs }) => {
      const parsed = parseJson(inputs.dashboardBody);
      if (!parsed) return undefined;
      if (!parsed.ok) return `is not JSON: ${parsed.error}`;
      return Array.isArray((parsed.value as Record<string, unknown> | null)?.widgets) ? undefined : "must be an object with a widgets array";
    },
  },
  // SNS
  {
    type: TOPIC,
    field: "name",
    rule: "1..256 letters, digits, - and _; ends in .fifo exactly when fifoTopic",
    source: SRC.sns,
    check: ({ inputs, show }) => {
      const name = inputs.name;
      if (!str(name)) return undefined;
      if (!C.SNS_TOPIC_NAME_PATTERN.test(name)) return `must be 1..256 letters, digits, - and _ (a FIFO topic ending in .fifo); got ${show("name")}`;
      const fifo = inputs.fifoTopic === true;
      if (fifo !== name.endsWith(".fifo")) return fifo ? `a FIFO topic's name must end in .fifo; got ${show("name")}` : "ends in .fifo but fifoTopic is not true";
      return undefined;
    },
  },
  oneOf(SUBSCRIPTION, "protocol", C.SNS_PROTOCOLS, SRC.sns),
  {
    type: SUBSCRIPTION,
    field: "endpoint",
    rule: "an address for email/email-json, an https:// URL for https, http:// for http, a function ARN for lambda",
    source: SRC.sns,
    check: ({ inputs, show }) => {
      const { protocol, endpoint } = inputs;
      if (!str(endpoint) || !str(protocol)) return undefined;
      if ((protocol === "email" || protocol === "email-json") && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(endpoint)) return `an ${protocol} subscription needs an email address; got ${show("endpoint")}`;
      if ((protocol === "https" || protocol === "http") && !endpoint.startsWith(`${protocol}://`)) return `an ${protocol} subscription needs a ${protocol}:// URL; got ${show("endpoint")}`;
      if (protocol === "lambda" && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(endpoint)) return `a lambda subscription needs the function's ARN (arn:aws:lambda:<region>:<account>:function:<name>); got ${show("endpoint")}`;
      return undefined;
    },
  },
  // IAM
  {
    type: IAM_POLICY,
    field: "name",
    rule: "1..128 characters of letters, digits and +=,.@_-",
    source: SRC.iam,
    check: ({ inputs, show }) => (str(inputs.name) && !C.IAM_POLICY_NAME_PATTERN.test(inputs.name) ? `must be 1..128 characters of letters, digits and +=,.@_-; got ${show("name")}` : undefined),
  },
  {
    type: IAM_POLICY,
    field: "policy",
    rule: `JSON, Version ${C.IAM_POLICY_VERSION}, statements with Effect Allow|Deny, an action and a resource; at most ${C.IAM_POLICY_MAX_CHARS} characters without whitespace`,
    source: SRC.iam,
    check: ({ inputs }) => identityPolicyProblem(inputs.policy, C.IAM_POLICY_MAX_CHARS, "a managed policy is"),
  },
  // KMS aliases
  {
    type: KMS_ALIAS,
    field: "name",
    rule: `starts with ${C.KMS_ALIAS_PREFIX} (not ${C.KMS_ALIAS_RESERVED_PREFIX}), letters, digits, /, _ and -, at most ${C.KMS_ALIAS_MAX_LENGTH} characters`,
    source: SRC.kmsAlias,
    check: ({ inputs, show }) => {
      const name = inputs.name;
      if (!str(name)) return undefined;
      if (!name.startsWith(C.KMS_ALIAS_PREFIX) || name.length === C.KMS_ALIAS_PREFIX.length) return `must start with "${C.KMS_ALIAS_PREFIX}" and name the alias after it; got ${show("name")}`;
      if (name.startsWith(C.KMS_ALIAS_RESERVED_PREFIX)) return `"${C.KMS_ALIAS_RESERVED_PREFIX}" is reserved for AWS managed keys; got ${show("name")}`;
      if (name.length > C.KMS_ALIAS_MAX_LENGTH) return `is ${name.length} characters; an alias is at most ${C.KMS_ALIAS_MAX_LENGTH}`;
      return C.KMS_ALIAS_PATTERN.test(name) ? undefined : `may hold only letters, digits, /, _ and -; got ${show("name")}`;
    },
  },
  // SQS redrive-allow policies (which queues may use a queue as their dead-letter queue)
  {
    type: REDRIVE_ALLOW,
    field: "redriveAllowPolicy",
    rule: `JSON with redrivePermission ${C.SQS_REDRIVE_PERMISSIONS.join("|")}; sourceQueueArns (1..${C.SQS_REDRIVE_SOURCE_QUEUES_MAX} SQS ARNs) only and always with byQueue`,
    source: SRC.sqsRedriveAllow,
    check: ({ inputs }) => {
      const parsed = parseJson(inputs.redriveAllowPolicy);
      if (!parsed) return undefined;
      if (!parsed.ok) return `is not JSON: ${parsed.error}`;
      const p = parsed.value;
      if (typeof p !== "object" || p === null || Array.isArray(p)) return `must be a JSON object such as {"redrivePermission":"byQueue","sourceQueueArns":[...]}; got ${JSON.stringify(p)}`;
      const { redrivePermission: permission, sourceQueueArns: arns } = p as Record<string, unknown>;
      if (!(C.SQS_REDRIVE_PERMISSIONS as readonly unknown[]).includes(permission)) return `redrivePermission must be one of ${C.SQS_REDRIVE_PERMISSIONS.join(", ")}; got ${JSON.stringify(permission)}`;
      if (permission !== "byQueue") return arns === undefined ? undefined : `sourceQueueArns may only be set with redrivePermission byQueue; this policy is ${permission}`;
      if (!Array.isArray(arns) || arns.length === 0) return `redrivePermission byQueue needs sourceQueueArns: 1 to ${C.SQS_REDRIVE_SOURCE_QUEUES_MAX} queue ARNs`;
      if (arns.length > C.SQS_REDRIVE_SOURCE_QUEUES_MAX) return `names ${arns.length} source queues; byQueue allows at most ${C.SQS_REDRIVE_SOURCE_QUEUES_MAX} (use allowAll for more)`;
      const bad = arns.find((a) => !str(a) || !/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/.test(a));
      return bad === undefined ? undefined : `sourceQueueArns holds ${JSON.stringify(bad)}; an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>) is expected`;
    },
  },
  // IAM role policy attachments
  roleNameRow(ROLE_ATTACHMENT, "role", SRC.iamAttach),
  {
    type: ROLE_ATTACHMENT,
    field: "policyArn",
    rule: `an IAM managed policy ARN (arn:aws:iam::<account|aws>:policy/<name>), ${C.IAM_POLICY_ARN_MIN_LENGTH}..${C.IAM_POLICY_ARN_MAX_LENGTH} characters`,
    source: SRC.iamAttach,
    check: ({ inputs, show }) => {
      const arn = inputs.policyArn;
      if (!str(arn)) return undefined;
      if (arn.length < C.IAM_POLICY_ARN_MIN_LENGTH || arn.length > C.IAM_POLICY_ARN_MAX_LENGTH) return `is ${arn.length} characters; a policy ARN is ${C.IAM_POLICY_ARN_MIN_LENGTH}..${C.IAM_POLICY_ARN_MAX_LENGTH}`;
      return C.IAM_POLICY_ARN_PATTERN.test(arn) ? undefined : `must be an IAM managed policy ARN such as arn:aws:iam::123456789012:policy/name; got ${show("policyArn")}`;
    },
  },
  // IAM roles and their inline policies (the chat-alert relay's execution role)
  {
    type: ROLE,
    field: "name",
    rule: "1..64 characters of letters, digits and +=,.@_-",
    source: SRC.iamRole,
    check: ({ inputs, show }) => (str(inputs.name) && !C.IAM_ROLE_NAME_PATTERN.test(inputs.name) ? `must be 1..64 characters of letters, digits and +=,.@_-; got ${show("name")}` : undefined),
  },
  {
    type: ROLE,
    field: "assumeRolePolicy",
    rule: `a trust policy: JSON, Version ${C.IAM_POLICY_VERSION}, statements with Effect Allow|Deny, an action and a Principal`,
    source: SRC.iamRole,
    check: ({ inputs }) =>
      policyDocumentProblem(inputs.assumeRolePolicy, (st, i) =>
        st.Principal === undefined && st.NotPrincipal === undefined ? `Statement[${i}] needs Principal: a trust policy names who may assume the role` : undefined,
      ),
  },
  roleNameRow(ROLE_POLICY, "role", SRC.iamRole),
  // The app role's OIDC provider (secrets.appRole)
  {
    type: OIDC_PROVIDER,
    field: "url",
    rule: `https://<host>[/path], no port, query or fragment, at most ${C.IAM_OIDC_URL_MAX_LENGTH} characters (one provider per URL per account)`,
    source: SRC.iamOidc,
    check: ({ inputs, show }) => {
      const url = inputs.url;
      if (!str(url)) return undefined;
      if (url.length > C.IAM_OIDC_URL_MAX_LENGTH) return `is ${url.length} characters; at most ${C.IAM_OIDC_URL_MAX_LENGTH}`;
      return /^https:\/\/[a-z0-9.-]+(\/[^\s?#]*)?$/i.test(url) ? undefined : `must begin with https:// and have no port, query or fragment; got ${show("url")}`;
    },
  },
  {
    type: OIDC_PROVIDER,
    field: "clientIdLists",
    rule: `1..${C.IAM_OIDC_CLIENT_IDS_MAX} client IDs (audiences), each 1..${C.IAM_OIDC_CLIENT_ID_MAX_LENGTH} characters`,
    source: SRC.iamOidc,
    check: ({ inputs }) => {
      const ids = inputs.clientIdLists;
      if (!Array.isArray(ids)) return undefined;
      if (ids.length < 1 || ids.length > C.IAM_OIDC_CLIENT_IDS_MAX) return `names ${ids.length} client IDs; 1..${C.IAM_OIDC_CLIENT_IDS_MAX} are expected`;
      const bad = ids.findIndex((id) => str(id) && (id.length < 1 || id.length > C.IAM_OIDC_CLIENT_ID_MAX_LENGTH));
      return bad < 0 ? undefined : `[${bad}] is ${(ids[bad] as string).length} characters; a client ID is 1..${C.IAM_OIDC_CLIENT_ID_MAX_LENGTH}`;
    },
  },
  {
    type: ROLE_POLICY,
    field: "policy",
    rule: `JSON, Version ${C.IAM_POLICY_VERSION}, statements with Effect Allow|Deny, an action and a resource; at most ${C.IAM_ROLE_INLINE_POLICY_MAX_CHARS} characters without whitespace`,
    source: SRC.iamRole,
    check: ({ inputs }) => identityPolicyProblem(inputs.policy, C.IAM_ROLE_INLINE_POLICY_MAX_CHARS, "a role's inline policies total"),
  },
  // CloudWatch Logs
  oneOf(LOG_GROUP, "retentionInDays", C.LOG_RETENTION_DAYS, SRC.logs),
  {
    type: LOG_GROUP,
    field: "name",
    rule: "1..512 letters, digits and ._-/#",
    source: SRC.logs,
    check: ({ inputs, show }) => (str(inputs.name) && !C.LOG_GROUP_NAME_PATTERN.test(inputs.name) ? `must be 1..512 letters, digits and ._-/#; got ${show("name")}` : undefined),
  },
  // Lambda
  range(FUNCTION, "timeout", 1, C.LAMBDA_TIMEOUT_MAX_SECONDS, SRC.lambda),
  range(FUNCTION, "memorySize", C.LAMBDA_MEMORY_MIN_MB, C.LAMBDA_MEMORY_MAX_MB, SRC.lambda),
  {
    type: FUNCTION,
    field: "name",
    rule: "1..64 letters, digits, - and _",
    source: SRC.lambda,
    check: ({ inputs, show }) => (str(inputs.name) && !C.LAMBDA_FUNCTION_NAME_PATTERN.test(inputs.name) ? `must be 1..64 letters, digits, - and _; got ${show("name")}` : undefined),
  },
  {
    type: FUNCTION,
    field: "role",
    rule: "the execution role's ARN (arn:aws:iam::<account>:role/<name>)",
    source: SRC.lambda,
    check: ({ inputs, show }) => (str(inputs.role) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/.test(inputs.role) ? `must be an IAM role ARN such as arn:aws:iam::123456789012:role/name; got ${show("role")}` : undefined),
  },
  {
    type: PERMISSION,
    field: "action",
    rule: "lambda:<Action>, lambda:* or *",
    source: SRC.lambdaPermission,
    check: ({ inputs, show }) => (str(inputs.action) && !C.LAMBDA_PERMISSION_ACTION_PATTERN.test(inputs.action) ? `must be lambda:<Action> (e.g. lambda:InvokeFunction), lambda:* or *; got ${show("action")}` : undefined),
  },
  {
    type: PERMISSION,
    field: "principal",
    rule: "a service principal (<service>.amazonaws.com), an account ID or ARN, or *",
    source: SRC.lambdaPermission,
    check: ({ inputs, show }) => {
      const p = inputs.principal;
      if (!str(p)) return undefined;
      return /^([a-z0-9.-]+\.amazonaws\.com|\d{12}|arn:aws[a-z-]*:iam::\d{12}:[\w+=,.@\/-]+|\*)$/.test(p) ? undefined : `must be a service principal such as sns.amazonaws.com, an account ID, an IAM ARN or *; got ${show("principal")}`;
    },
  },
  // SES
  {
    type: EMAIL_IDENTITY,
    field: "emailIdentity",
    rule: "a domain name or an email address",
    source: SRC.ses,
    check: ({ inputs, show }) => {
      const id = inputs.emailIdentity;
      if (!str(id)) return undefined;
      const domain = id.includes("@") ? id.slice(id.lastIndexOf("@") + 1) : id;
      return /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(domain) ? undefined : `must be a domain or an email address; got ${show("emailIdentity")}`;
    },
  },
  {
    type: EMAIL_IDENTITY,
    field: "dkimSigningAttributes",
    rule: `nextSigningKeyLength is ${C.SES_DKIM_KEY_LENGTHS.join(" or ")}`,
    source: SRC.ses,
    check: ({ inputs }) => {
      const attrs = inputs.dkimSigningAttributes as Record<string, unknown> | undefined;
      const len = attrs?.nextSigningKeyLength;
      return len === undefined || (C.SES_DKIM_KEY_LENGTHS as readonly unknown[]).includes(len) ? undefined : `nextSigningKeyLength must be ${C.SES_DKIM_KEY_LENGTHS.join(" or ")}; got ${JSON.stringify(len)}`;
    },
  },
  oneOf(MAIL_FROM, "behaviorOnMxFailure", ["USE_DEFAULT_VALUE", "REJECT_MESSAGE"], SRC.sesMailFrom),
  {
    type: MAIL_FROM,
    field: "mailFromDomain",
    rule: "a subdomain of the identity's domain (not the domain itself)",
    source: SRC.sesMailFrom,
    check: ({ inputs, show }) => {
      const from = inputs.mailFromDomain;
      const identity = inputs.emailIdentity;
      if (!str(from) || !str(identity)) return undefined;
      const domain = identity.includes("@") ? identity.slice(identity.lastIndexOf("@") + 1) : identity;
      return from.toLowerCase().endsWith(`.${domain.toLowerCase()}`) ? undefined : `must be a subdomain of ${domain}; got ${show("mailFromDomain")}`;
    },
  },
];

export const AWS_CONTRACT_TYPES: readonly string[] = [...new Set(AWS_CONTRACTS.map((c) => c.type))];
