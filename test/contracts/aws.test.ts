import { AWS_CONTRACTS, checkContracts } from "../../contracts";
import { PUBLISHED_STATISTIC_ROWS } from "../../contracts/aws/table";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE, type PlannedResource } from "../../plan/types";
import { planOf, resource, withChange } from "./support";

const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

const key = resource("aws:kms/key:Key", "vault-key", { description: "secrets", enableKeyRotation: true, deletionWindowInDays: 30, rotationPeriodInDays: 365 });
const secretRes = resource("aws:secretsmanager/secret:Secret", "vault-secret", { name: "launch-ready/prod/session-key", kmsKeyId: UNKNOWN_VALUE, recoveryWindowInDays: 30 });
const version = resource("aws:secretsmanager/secretVersion:SecretVersion", "vault-secret-value", { secretId: UNKNOWN_VALUE, secretString: secret("s3cr3t-value-for-tests") });
const queue = resource("aws:sqs/queue:Queue", "webhooks-queue", {
  name: "launch-ready-prod-webhooks.fifo",
  fifoQueue: true,
  contentBasedDeduplication: true,
  visibilityTimeoutSeconds: 60,
  messageRetentionSeconds: 345600,
  redrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:123456789012:dlq.fifo", maxReceiveCount: 5 }),
});
const healthCheck = resource("aws:route53/healthCheck:HealthCheck", "uptime-app", {
  type: "HTTPS",
  fqdn: "app.example.com",
  port: 443,
  resourcePath: "/healthz",
  requestInterval: 30,
  failureThreshold: 3,
  regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
  enableSni: true,
  measureLatency: true,
});
const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "uptime-app-down", {
  namespace: "AWS/Route53",
  metricName: "HealthCheckStatus",
  statistic: "Minimum",
  period: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  threshold: 1,
  comparisonOperator: "LessThanThreshold",
  treatMissingData: "breaching",
});
const dashboard = resource("aws:cloudwatch/dashboard:Dashboard", "uptime-dashboard", { dashboardName: "launch-ready-prod-uptime", dashboardBody: JSON.stringify({ widgets: [] }) });
const topic = resource("aws:sns/topic:Topic", "alerts", { name: "launch-ready-prod-alerts" });
const emailSub = resource("aws:sns/topicSubscription:TopicSubscription", "alerts-email", { topic: UNKNOWN_VALUE, protocol: "email", endpoint: "ops@example.com" });
const hookSub = resource("aws:sns/topicSubscription:TopicSubscription", "alerts-hook", { topic: UNKNOWN_VALUE, protocol: "https", endpoint: secret("https://hooks.example.com/T000/B000/XXXX") });
const policy = resource("aws:iam/policy:Policy", "read-policy", {
  name: "launch-ready-prod-secrets-read",
  policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:x"] }] }),
});
const identity = resource("aws:sesv2/emailIdentity:EmailIdentity", "ses-domain", { emailIdentity: "example.com", dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" } });

const mailFrom = resource("aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes", "ses-mail-from", {
  emailIdentity: "mail.example.com",
  mailFromDomain: "bounce.mail.example.com",
  behaviorOnMxFailure: "USE_DEFAULT_VALUE",
});

const alias = resource("aws:kms/alias:Alias", "vault-key-alias", { name: "alias/launch-ready-prod", targetKeyId: UNKNOWN_VALUE });
const redriveAllow = resource("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", "dlq-redrive-allow", {
  queueUrl: UNKNOWN_VALUE,
  redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: ["arn:aws:sqs:eu-west-1:123456789012:launch-ready-prod-webhooks.fifo"] }),
});
const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "read-policy-attachment", { role: "launch-ready-prod-app", policyArn: "arn:aws:iam::123456789012:policy/launch-ready-prod-secrets-read" });

// The chat-alert relay: its role, inline policy, log group, function, invoke permission and subscription.
const relayRole = resource("aws:iam/role:Role", "relay-role", {
  name: "launch-ready-prod-alert-relay-eu-west-1",
  assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
});
const relayPolicy = resource("aws:iam/rolePolicy:RolePolicy", "relay-policy", {
  role: "launch-ready-prod-alert-relay-eu-west-1",
  policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/x:*" }] }),
});
const relayLogs = resource("aws:cloudwatch/logGroup:LogGroup", "relay-logs", { name: "/aws/lambda/launch-ready-prod-alert-relay", retentionInDays: 30 });
const relayFn = resource("aws:lambda/function:Function", "relay", { name: "launch-ready-prod-alert-relay", role: UNKNOWN_VALUE, runtime: "nodejs22.x", handler: "index.handler", timeout: 30, memorySize: 128 });
const relayPermission = resource("aws:lambda/permission:Permission", "relay-permission", { action: "lambda:InvokeFunction", function: UNKNOWN_VALUE, principal: "sns.amazonaws.com", sourceArn: UNKNOWN_VALUE });
const relaySub = resource("aws:sns/topicSubscription:TopicSubscription", "alerts-relay", { topic: UNKNOWN_VALUE, protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-1:123456789012:function:launch-ready-prod-alert-relay" });

// The app role's OIDC provider (secrets.appRole, Vercel team issuer).
const oidcProvider = resource("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "app-oidc-provider", { url: "https://oidc.vercel.com/acme", clientIdLists: ["https://vercel.com/acme"] });

const HAPPY: PlannedResource[] = [oidcProvider, key, secretRes, version, queue, healthCheck, alarm, dashboard, topic, emailSub, hookSub, policy, identity, mailFrom, alias, redriveAllow, attachment, relayRole, relayPolicy, relayLogs, relayFn, relayPermission, relaySub];

function entryOf(changed: PlannedResource) {
  const report = checkContracts(planOf(HAPPY.map((r) => (r.name === changed.name ? changed : r))));
  const entry = report.checked.find((c) => c.name === changed.name);
  if (!entry) throw new Error(`${changed.name} was not checked`);
  return entry;
}
const set = (r: PlannedResource, field: string, value: unknown) => withChange(r, (c) => (c.inputs[field] = value));
const drop = (r: PlannedResource, field: string) => withChange(r, (c) => delete c.inputs[field]);

describe("AWS contracts", () => {
  test("every happy-path resource passes and is listed", () => {
    const report = checkContracts(planOf(HAPPY));
    expect(report.checked.filter((c) => c.status === "failed")).toEqual([]);
    expect(report.checked.map((c) => c.name)).toEqual(HAPPY.map((r) => r.name));
  });

  test("every table row names its source and a type the stack declares", () => {
    const types = new Set(HAPPY.map((r) => r.type));
    for (const row of AWS_CONTRACTS) {
      expect(row.source.length).toBeGreaterThan(10);
      expect(types.has(row.type)).toBe(true);
    }
  });

  test.each<[string, PlannedResource, string, RegExp]>([
    ["an OIDC provider URL over http", set(oidcProvider, "url", "http://oidc.vercel.com/acme"), "url", /must begin with https:\/\//],
    ["an OIDC provider URL with a port", set(oidcProvider, "url", "https://oidc.example.com:8443"), "url", /no port, query or fragment/],
    ["an OIDC provider URL of 256 characters", set(oidcProvider, "url", `https://${"a".repeat(248)}`), "url", /256 characters; at most 255/],
    ["an OIDC provider with no audience", set(oidcProvider, "clientIdLists", []), "clientIdLists", /names 0 client IDs/],
    ["an OIDC audience of 256 characters", set(oidcProvider, "clientIdLists", ["a".repeat(256)]), "clientIdLists", /\[0\] is 256 characters/],
    ["a recovery window of 3 days", set(secretRes, "recoveryWindowInDays", 3), "recoveryWindowInDays", /from 7 to 30; got 3/],
    ["a recovery window of 31 days", set(secretRes, "recoveryWindowInDays", 31), "recoveryWindowInDays", /from 7 to 30; got 31/],
    ["a secret name with a space", set(secretRes, "name", "launch ready/x"), "name", /letters, digits and \/_\+=\.@-/],
    ["a secret version with no value", drop(version, "secretString"), "secretString", /holds secretString or secretBinary/],
    ["a KMS deletion window of 5 days", set(key, "deletionWindowInDays", 5), "deletionWindowInDays", /from 7 to 30; got 5/],
    ["a KMS rotation period of 30 days", set(key, "rotationPeriodInDays", 30), "rotationPeriodInDays", /from 90 to 2560; got 30/],
    ["a rotation period with rotation off", set(key, "enableKeyRotation", false), "rotationPeriodInDays", /needs rotation enabled/],
    ["rotation on an asymmetric key", set(key, "customerMasterKeySpec", "RSA_2048"), "enableKeyRotation", /SYMMETRIC_DEFAULT key; this key is RSA_2048/],
    ["a FIFO queue without .fifo", set(queue, "name", "launch-ready-prod-webhooks"), "name", /must end in \.fifo/],
    ["a queue name of 81 characters", set(queue, "name", `${"q".repeat(76)}.fifo`), "name", /81 characters; a queue name is at most 80/],
    ["a standard queue named .fifo", set(set(queue, "fifoQueue", false), "contentBasedDeduplication", false), "name", /fifoQueue is not true/],
    ["a retention of 30 s", set(queue, "messageRetentionSeconds", 30), "messageRetentionSeconds", /from 60 to 1209600; got 30/],
    ["a retention of 15 days", set(queue, "messageRetentionSeconds", 1296000), "messageRetentionSeconds", /from 60 to 1209600/],
    ["a visibility timeout of 13 h", set(queue, "visibilityTimeoutSeconds", 46800), "visibilityTimeoutSeconds", /from 0 to 43200; got 46800/],
    ["a delay of 16 min", set(queue, "delaySeconds", 960), "delaySeconds", /from 0 to 900; got 960/],
    ["a maxReceiveCount of 0", set(queue, "redrivePolicy", JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:1:dlq.fifo", maxReceiveCount: 0 })), "redrivePolicy", /maxReceiveCount must be 1\.\.1000; got 0/],
    ["a maxReceiveCount of 1001", set(queue, "redrivePolicy", JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:eu-west-1:1:dlq.fifo", maxReceiveCount: 1001 })), "redrivePolicy", /got 1001/],
    ["content dedup on a standard queue", set(set(queue, "fifoQueue", false), "name", "webhooks"), "contentBasedDeduplication", /FIFO-queue attribute/],
    ["a request interval of 15 s", set(healthCheck, "requestInterval", 15), "requestInterval", /one of 10, 30; got 15/],
    ["a failure threshold of 11", set(healthCheck, "failureThreshold", 11), "failureThreshold", /from 1 to 10; got 11/],
    ["a failure threshold of 0", set(healthCheck, "failureThreshold", 0), "failureThreshold", /from 1 to 10; got 0/],
    ["a resource path of 256 characters", set(healthCheck, "resourcePath", `/${"a".repeat(255)}`), "resourcePath", /256 characters; at most 255/],
    ["two regions", set(healthCheck, "regions", ["us-east-1", "eu-west-1"]), "regions", /names 2 region\(s\); a health check needs at least 3/],
    ["a region with no health checkers", set(healthCheck, "regions", ["us-east-1", "eu-west-1", "eu-central-1"]), "regions", /"eu-central-1" is not a health-checker region/],
    ["a health check type AWS lacks", set(healthCheck, "type", "HTTP2"), "type", /one of HTTP, HTTPS, HTTP_STR_MATCH/],
    ["a string match without a string", set(healthCheck, "type", "HTTPS_STR_MATCH"), "searchString", /required for HTTPS_STR_MATCH/],
    ["an alarm period of 45 s", set(alarm, "period", 45), "period", /10, 20, 30 or a multiple of 60 seconds; got 45/],
    ["an alarm period of 90 s", set(alarm, "period", 90), "period", /multiple of 60/],
    ["zero evaluation periods", set(alarm, "evaluationPeriods", 0), "evaluationPeriods", /at least 1; got 0/],
    ["a look-back over a day at 1-minute periods", set(alarm, "evaluationPeriods", 1441), "evaluationPeriods", /86400 s/],
    ["more datapoints than periods", set(alarm, "datapointsToAlarm", 4), "datapointsToAlarm", /from 1 to evaluationPeriods \(3\); got 4/],
    ["a comparison operator AWS lacks", set(alarm, "comparisonOperator", "LessThan"), "comparisonOperator", /one of GreaterThanOrEqualToThreshold/],
    ["a statistic AWS lacks", set(alarm, "statistic", "Median"), "statistic", /one of SampleCount, Average, Sum, Minimum, Maximum; got "Median"/],
    ["statistic and extendedStatistic together", set(alarm, "extendedStatistic", "p95"), "extendedStatistic", /exclude each other/],
    ["neither statistic nor extendedStatistic", drop(alarm, "statistic"), "extendedStatistic", /needs statistic, extendedStatistic or metricQueries/],
    ["a percentile written p-95", set(drop(alarm, "statistic"), "extendedStatistic", "p-95"), "extendedStatistic", /percentile p0\.\.p100/],
    ["HealthCheckStatus summed (Route 53 publishes Minimum, Maximum, Average)", set(alarm, "statistic", "Sum"), "statistic", /AWS\/Route53\/HealthCheckStatus is published with Minimum, Maximum, Average only; got "Sum"/],
    ["a p95 of Route 53's TimeToFirstByte", set(set(drop(alarm, "statistic"), "metricName", "TimeToFirstByte"), "extendedStatistic", "p95"), "statistic", /TimeToFirstByte is published with Average, Minimum, Maximum only; a percentile \("p95"\) never gets a datapoint/],
    ["a missing-data mode AWS lacks", set(alarm, "treatMissingData", "zero"), "treatMissingData", /one of breaching, notBreaching, ignore, missing/],
    ["a dashboard body that is not JSON", set(dashboard, "dashboardBody", "{widgets:"), "dashboardBody", /is not JSON/],
    ["a dashboard name with a space", set(dashboard, "dashboardName", "uptime board"), "dashboardName", /letters, digits, - and _/],
    ["a FIFO topic without .fifo", set(topic, "fifoTopic", true), "name", /FIFO topic's name must end in \.fifo/],
    ["a topic name with a dot", set(topic, "name", "alerts.prod"), "name", /1\.\.256 letters/],
    ["a subscription protocol AWS lacks", set(emailSub, "protocol", "slack"), "protocol", /one of http, https, email/],
    ["an email subscription to a URL", set(emailSub, "endpoint", "https://example.com"), "endpoint", /needs an email address/],
    ["a policy with an old Version", set(policy, "policy", JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] })), "policy", /Version must be "2012-10-17"/],
    ["a policy statement without Resource", set(policy, "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] })), "policy", /Statement\[0\] needs Resource or NotResource/],
    ["a policy Effect of Permit", set(policy, "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }] })), "policy", /Effect must be Allow or Deny/],
    ["an SES identity that is a URL", set(identity, "emailIdentity", "https://example.com"), "emailIdentity", /domain or an email address/],
    ["a DKIM key length AWS lacks", set(identity, "dkimSigningAttributes", { nextSigningKeyLength: "RSA_4096_BIT" }), "dkimSigningAttributes", /RSA_1024_BIT or RSA_2048_BIT/],
    ["a MAIL FROM domain outside the identity", set(mailFrom, "mailFromDomain", "bounce.example.org"), "mailFromDomain", /subdomain of mail\.example\.com; got "bounce\.example\.org"/],
    ["a MAIL FROM equal to the identity", set(mailFrom, "mailFromDomain", "mail.example.com"), "mailFromDomain", /subdomain of mail\.example\.com/],
    ["an MX-failure behaviour SES lacks", set(mailFrom, "behaviorOnMxFailure", "BOUNCE"), "behaviorOnMxFailure", /one of USE_DEFAULT_VALUE, REJECT_MESSAGE; got "BOUNCE"/],
    ["a KMS alias without alias/", set(alias, "name", "launch-ready-prod"), "name", /must start with "alias\/"/],
    ["a KMS alias under alias/aws/", set(alias, "name", "alias/aws/launch-ready"), "name", /"alias\/aws\/" is reserved for AWS managed keys/],
    ["a KMS alias with a dot", set(alias, "name", "alias/launch.ready"), "name", /only letters, digits, \/, _ and -; got "alias\/launch\.ready"/],
    ["a KMS alias of 257 characters", set(alias, "name", `alias/${"k".repeat(251)}`), "name", /257 characters; an alias is at most 256/],
    ["a redrive-allow policy that is not JSON", set(redriveAllow, "redriveAllowPolicy", "{redrivePermission:"), "redriveAllowPolicy", /is not JSON/],
    ["a redrive permission SQS lacks", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "allowSome" })), "redriveAllowPolicy", /one of allowAll, denyAll, byQueue; got "allowSome"/],
    ["byQueue without source queues", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "byQueue" })), "redriveAllowPolicy", /byQueue needs sourceQueueArns: 1 to 10/],
    ["byQueue with 11 source queues", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: Array.from({ length: 11 }, (_, i) => `arn:aws:sqs:eu-west-1:123456789012:q${i}`) })), "redriveAllowPolicy", /names 11 source queues; byQueue allows at most 10/],
    ["source queues with allowAll", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "allowAll", sourceQueueArns: ["arn:aws:sqs:eu-west-1:123456789012:q"] })), "redriveAllowPolicy", /only be set with redrivePermission byQueue; this policy is allowAll/],
    ["a source queue that is a URL", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: ["https://sqs.eu-west-1.amazonaws.com/123456789012/q"] })), "redriveAllowPolicy", /an SQS queue ARN/],
    ["an attachment to a role ARN", set(attachment, "role", "arn:aws:iam::123456789012:role/app"), "role", /role's name, not its ARN/],
    ["an attachment to a role name of 65 characters", set(attachment, "role", "r".repeat(65)), "role", /1\.\.64 characters/],
    ["an attachment to a role name with a space", set(attachment, "role", "launch ready"), "role", /letters, digits and \+=,\.@_-; got "launch ready"/],
    ["an attachment of a role ARN as policy", set(attachment, "policyArn", "arn:aws:iam::123456789012:role/launch-ready-prod-app"), "policyArn", /IAM managed policy ARN/],
    ["an attachment of a policy name", set(attachment, "policyArn", "launch-ready-prod-secrets-read"), "policyArn", /IAM managed policy ARN/],
    ["an attachment of a short ARN", set(attachment, "policyArn", "arn:aws:iam::aws:p"), "policyArn", /18 characters; a policy ARN is 20\.\.2048/],
    ["a role name of 65 characters", set(relayRole, "name", "r".repeat(65)), "name", /1\.\.64 characters/],
    ["a trust policy without a Principal", set(relayRole, "assumeRolePolicy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] })), "assumeRolePolicy", /Statement\[0\] needs Principal/],
    ["a role policy on a role ARN", set(relayPolicy, "role", "arn:aws:iam::123456789012:role/relay"), "role", /role's name, not its ARN/],
    ["an inline policy statement without Resource", set(relayPolicy, "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents" }] })), "policy", /Statement\[0\] needs Resource/],
    ["an inline policy over 10,240 characters", set(relayPolicy, "policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(10_300)}` }] })), "policy", /a role's inline policies total at most 10240/],
    ["a log retention of 10 days", set(relayLogs, "retentionInDays", 10), "retentionInDays", /one of 1, 3, 5, 7, 14, 30.*; got 10/],
    ["a log group name with a space", set(relayLogs, "name", "/aws/lambda/alert relay"), "name", /letters, digits and \._-\/#/],
    ["a function timeout of 901 s", set(relayFn, "timeout", 901), "timeout", /from 1 to 900; got 901/],
    ["a function with 64 MB", set(relayFn, "memorySize", 64), "memorySize", /from 128 to 10240; got 64/],
    ["a function name with a dot", set(relayFn, "name", "alert.relay"), "name", /1\.\.64 letters, digits, - and _/],
    ["a function role given by name", set(relayFn, "role", "launch-ready-prod-alert-relay"), "role", /IAM role ARN/],
    ["a permission action without lambda:", set(relayPermission, "action", "InvokeFunction"), "action", /lambda:<Action>/],
    ["a permission principal that is a bare service name", set(relayPermission, "principal", "sns"), "principal", /service principal such as sns\.amazonaws\.com/],
    ["a lambda subscription to a function name", set(relaySub, "endpoint", "launch-ready-prod-alert-relay"), "endpoint", /lambda subscription needs the function's ARN/],
  ])("%s fails, naming the field", (_label, changed, field, message) => {
    const entry = entryOf(changed);
    expect(entry.status).toBe("failed");
    expect(entry.failures).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  });

  test.each<[string, PlannedResource]>([
    ["denyAll", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "denyAll" }))],
    ["allowAll", set(redriveAllow, "redriveAllowPolicy", JSON.stringify({ redrivePermission: "allowAll" }))],
    ["an AWS managed policy", set(attachment, "policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
    ["a policy under a path in another partition", set(attachment, "policyArn", "arn:aws-us-gov:iam::123456789012:policy/team/app-read")],
  ])("a redrive-allow policy or attachment with %s passes", (_label, changed) => {
    expect(entryOf(changed).status).toBe("passed");
  });

  test("force-delete (a recovery window of 0) passes", () => {
    expect(entryOf(set(secretRes, "recoveryWindowInDays", 0)).status).toBe("passed");
  });

  test("an unknown value is skipped and a secret is never printed", () => {
    expect(entryOf(set(version, "secretString", secret(UNKNOWN_VALUE))).status).toBe("passed");
    expect(entryOf(set(alarm, "period", UNKNOWN_VALUE)).status).toBe("passed");
    const leaked = entryOf(set(hookSub, "endpoint", secret("http://hooks.example.com/T000/B000/XXXX")));
    expect(leaked.failures).toEqual([{ field: "endpoint", message: expect.stringContaining("got [secret]") }]);
    expect(JSON.stringify(leaked)).not.toContain("hooks.example.com");
  });
});

describe("published statistics (one row per metric/statistic pair, with its source)", () => {
  test("Route 53 latency metrics have Average, Minimum and Maximum and no percentile; every row names where AWS says so", () => {
    const rows = PUBLISHED_STATISTIC_ROWS.filter((r) => r.metric === "AWS/Route53/TimeToFirstByte");
    expect(rows.map((r) => r.statistic).sort()).toEqual(["Average", "Maximum", "Minimum"]);
    for (const row of PUBLISHED_STATISTIC_ROWS) expect(row.source).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
  });
});
