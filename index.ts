/**
 * The Pulumi program: read and validate the stack config, declare the LaunchReady component,
 * export what the team needs after a deploy. `pulumi up` runs it for real; `launch-ready plan`
 * runs the very same file under mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, readRuntimeConfig, type StackConfig } from "./components/config";
import { LaunchReady } from "./components/launchReady";
import { awsProviderSettings } from "./components/awsProviderSettings";
import { cheapStackTraces } from "./components/programRuntime";

// Under `pulumi preview`/`up` this process runs the program only: no restore needed (bench: cmd/run
// of prod 5.9 s with stack traces, 4.4 s without, on an idle 2-core machine).
cheapStackTraces();

function loadConfig() {
  try {
    const { config, warnings } = readRuntimeConfig();
    for (const w of warnings) pulumi.log.warn(`${w.path}: ${w.message}`);
    return config;
  } catch (err) {
    // A RunError is reported by the engine as a message, without a stack trace.
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

/** The region the stack's AWS provider uses: `aws:region`, else the environment, as the provider reads it. */
function stackAwsRegion(config: StackConfig): string | undefined {
  const region = new pulumi.Config("aws").get("region") || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;
  if (region === undefined && config.webhookQueue?.enabled) {
    throw new pulumi.RunError(
      'aws:region: not set; the webhook queue and the topic its dead-letter alarm notifies live in the stack\'s region, so a region is expected (pulumi config set aws:region eu-west-1)',
    );
  }
  return region;
}

/**
 * The program, as a function the SDK calls (cmd/run calls an exported function and takes what it
 * returns as the stack outputs): the offline render calls it again for each stack it renders in one
 * process, where a module's top level would run only once.
 */
function launchReadyProgram() {
  const config = loadConfig();
  const ownConfig = new pulumi.Config("launch-ready");
  const stack = new LaunchReady("launch-ready", {
    config,
    readSecret: (key) => ownConfig.requireSecret(key),
    awsRegion: stackAwsRegion(config),
    awsProviderSettings: awsProviderSettings(pulumi.runtime.allConfig()),
  });

  return {
    environment: config.environment,
    zoneId: stack.zoneId,
    /** Name servers to set at the registrar (empty when the zone already existed and is not managed here). */
    nameServers: stack.nameServers ?? [],
    /** The DS record to add at the registrar when DNSSEC is on. */
    dnssecDsRecord: stack.dsRecord ?? "dnssec off",
    hostnames: stack.hostnames,
    canonicalUrl: stack.canonicalUrl,
    /** Secrets Manager ARNs by secret name (values never leave the vault). */
    secretArns: stack.aws.secretArns,
    /** Secrets Manager names by secret name (`launch-ready/<environment>/<name>`). */
    secretNames: stack.aws.secretNames,
    // null where the config has no such section: an undefined output is dropped with a warning on
    // every run, and `pulumi stack output <name>` would then say the output does not exist.
    secretsReadPolicyArn: stack.aws.secretsReadPolicyArn ?? null,
    secretsKeyAlias: stack.aws.secretsKeyAlias ?? null,
    /** The role the app's host assumes through OIDC (its AWS_ROLE_ARN), when the stack creates it (secrets.appRole); null when it names an existing role. */
    appRoleArn: stack.aws.appRoleArn ?? null,
    webhookQueueUrl: stack.aws.webhookQueueUrl ?? null,
    webhookDeadLetterQueueUrl: stack.aws.webhookDeadLetterQueueUrl ?? null,
    alertTopicArn: stack.aws.alertTopicArn ?? null,
    healthCheckIds: stack.aws.healthCheckIds,
    dashboardName: stack.aws.dashboardName ?? null,
    /** The git commit this deploy came from (set by the deploy workflow), so the team can tell what is live. */
    deployedCommit: process.env.LAUNCH_READY_COMMIT ?? "unknown",
  };
}

export = launchReadyProgram;
