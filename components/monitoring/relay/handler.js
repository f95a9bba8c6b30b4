/**
 * The alert relay: an AWS Lambda function subscribed to the alerts topic. SNS delivers to a
 * Lambda subscription without any confirmation step (a chat incoming webhook can never follow
 * SNS's confirmation link, so an SNS https subscription to one stays pending for ever).
 *
 * Plain CommonJS with no dependencies, so the Lambda runtime runs this very file (no build step);
 * `handler.d.ts` gives it types for the stack and the tests. The webhook URLs are not in the
 * function's configuration: RELAY_WEBHOOKS names the Secrets Manager secret of each one, read at
 * run time with the AWS SDK the Node.js runtime ships (and cached for a few minutes).
 *
 * Event shape (SNS -> Lambda): https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 * CloudWatch alarm message (JSON in Sns.Message: AlarmName, NewStateValue, NewStateReason...):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 *
 * A delivery that fails (network error, timeout, non-2xx) makes the invocation fail after every
 * webhook was tried: Lambda retries an asynchronous invocation twice, and the function's Errors
 * alarm notifies the alert emails.
 */
"use strict";

const FORMATS = ["slack", "teams", "discord", "json", "auto"];
const SECRET_CACHE_MS = 5 * 60 * 1000;
const POST_TIMEOUT_MS = 5000;
/** Discord rejects a message whose content is over 2,000 characters (Execute Webhook). */
const DISCORD_CONTENT_MAX = 2000;
/** Slack recommends keeping `text` under 4,000 characters (chat.postMessage, "Truncating content"). */
const SLACK_TEXT_MAX = 4000;

/** The webhook list from RELAY_WEBHOOKS: [{name, secretId, format}]. */
function parseWebhooks(text) {
  let list;
  try {
    list = JSON.parse(text ?? "");
  } catch {
    throw new Error("RELAY_WEBHOOKS is not JSON: a list of {name, secretId, format} is expected");
  }
  if (!Array.isArray(list) || list.length === 0) throw new Error("RELAY_WEBHOOKS: a non-empty list of {name, secretId, format} is expected");
  for (const hook of list) {
    if (typeof hook?.name !== "string" || typeof hook?.secretId !== "string" || !FORMATS.includes(hook?.format)) {
      throw new Error(`RELAY_WEBHOOKS: each entry needs name, secretId and a format of ${FORMATS.join(", ")}; got ${JSON.stringify(hook)}`);
    }
  }
  return list;
}

/** The format a webhook URL's host implies, for format "auto"; generic JSON when unknown. */
function formatForUrl(url) {
  let host;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return "json";
  }
  const under = (domain) => host === domain || host.endsWith(`.${domain}`);
  if (under("hooks.slack.com")) return "slack";
  if (under("discord.com") || under("discordapp.com")) return "discord";
  // Teams: Workflows (Power Automate) webhooks and the older Office 365 connector URLs.
  if (under("webhook.office.com") || under("logic.azure.com") || under("powerautomate.com") || under("powerplatform.com") || under("flow.microsoft.com")) return "teams";
  return "json";
}

/** One SNS record as an alert: a CloudWatch alarm state change when the message is one, else plain text. */
function alertFromRecord(record) {
  const sns = record?.Sns;
  if (!sns || typeof sns.Message !== "string") throw new Error("not an SNS event record: Records[].Sns.Message is expected");
  let alarm;
  try {
    const parsed = JSON.parse(sns.Message);
    if (parsed && typeof parsed === "object" && typeof parsed.AlarmName === "string" && typeof parsed.NewStateValue === "string") alarm = parsed;
  } catch {
    // Not JSON: a plain message published to the topic.
  }
  if (alarm) {
    const trigger = alarm.Trigger && typeof alarm.Trigger === "object" ? alarm.Trigger : {};
    return {
      kind: "alarm",
      state: alarm.NewStateValue,
      previousState: typeof alarm.OldStateValue === "string" ? alarm.OldStateValue : undefined,
      title: `${alarm.NewStateValue}: ${alarm.AlarmName}`,
      description: typeof alarm.AlarmDescription === "string" ? alarm.AlarmDescription : undefined,
      reason: typeof alarm.NewStateReason === "string" ? alarm.NewStateReason : undefined,
      region: typeof alarm.Region === "string" ? alarm.Region : undefined,
      time: typeof alarm.StateChangeTime === "string" ? alarm.StateChangeTime : sns.Timestamp,
      metric: typeof trigger.MetricName === "string" ? `${trigger.Namespace}/${trigger.MetricName}` : undefined,
      alarmName: alarm.AlarmName,
      topicArn: sns.TopicArn,
    };
  }
  return {
    kind: "message",
    title: typeof sns.Subject === "string" && sns.Subject !== "" ? sns.Subject : "Notification",
    description: sns.Message,
    time: sns.Timestamp,
    topicArn: sns.TopicArn,
  };
}

/** The alert as lines of plain text (each chat format encodes them its own way). */
function alertLines(alert) {
  const lines = [alert.title];
  if (alert.description) lines.push(alert.description);
  if (alert.reason) lines.push(`Why: ${alert.reason}`);
  const where = [alert.metric, alert.region, alert.time].filter(Boolean).join(" · ");
  if (where) lines.push(where);
  return lines;
}

const truncate = (text, max) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Slack mrkdwn: &, < and > must be escaped, or `<!channel>` in an alarm description pings
 * everyone (https://api.slack.com/reference/surfaces/formatting#escaping).
 */
const slackEscape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The request body for one webhook format. */
function payloadFor(format, alert) {
  const lines = alertLines(alert);
  switch (format) {
    case "slack":
      return { text: truncate(lines.map(slackEscape).join("\n"), SLACK_TEXT_MAX) };
    case "discord":
      // No pings from alert text (@everyone, roles, users): https://discord.com/developers/docs/resources/message#allowed-mentions-object
      return { content: truncate(lines.join("\n"), DISCORD_CONTENT_MAX), allowed_mentions: { parse: [] } };
    case "teams":
      // Teams Workflows ("When a Teams webhook request is received") posts the first Adaptive
      // Card attachment: https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
      return {
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            contentUrl: null,
            content: {
              $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
              type: "AdaptiveCard",
              version: "1.4",
              body: lines.map((text, i) => ({ type: "TextBlock", text, wrap: true, ...(i === 0 ? { weight: "Bolder", size: "Medium" } : {}) })),
            },
          },
        ],
      };
    default:
      return { source: "launch-ready", ...alert, text: lines.join("\n") };
  }
}

/** The region in a secret's ARN (the vault may be in another region than the relay). */
function regionOfArn(arn) {
  const parts = String(arn).split(":");
  return parts[0] === "arn" && parts[3] ? parts[3] : undefined;
}

const sdkClients = new Map();
/** Reads a secret's string value with the AWS SDK v3 the Lambda Node.js runtime includes. */
async function readSecretWithSdk(secretId) {
  // Required lazily: present in the Lambda runtime, not needed to load this file elsewhere.
  const { SecretsManagerClient, GetSecretValueCommand } = require("@aws-sdk/client-secrets-manager");
  const region = regionOfArn(secretId) ?? process.env.AWS_REGION;
  if (!sdkClients.has(region)) sdkClients.set(region, new SecretsManagerClient({ region }));
  const out = await sdkClients.get(region).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (typeof out.SecretString !== "string") throw new Error(`secret ${secretId} has no string value`);
  return out.SecretString;
}

/**
 * Builds the handler. `deps` exist for tests: readSecret (secret id -> value), fetch, now (ms),
 * log (never given a URL); the defaults are the runtime's.
 */
function createHandler(deps = {}) {
  const readSecret = deps.readSecret ?? readSecretWithSdk;
  const doFetch = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line) => console.log(line));
  const cache = new Map();

  async function urlOf(hook) {
    const hit = cache.get(hook.secretId);
    if (hit && now() - hit.at < SECRET_CACHE_MS) return hit.url;
    const url = (await readSecret(hook.secretId)).trim();
    if (!/^https:\/\//i.test(url)) throw new Error(`webhook ${hook.name}: the secret's value is not an https:// URL`);
    cache.set(hook.secretId, { url, at: now() });
    return url;
  }

  async function deliver(hook, alert) {
    const url = await urlOf(hook);
    const format = hook.format === "auto" ? formatForUrl(url) : hook.format;
    const response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payloadFor(format, alert)),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      redirect: "error",
    });
    if (!response.ok) throw new Error(`webhook ${hook.name} (${format}) answered HTTP ${response.status}`);
    return format;
  }

  return async function handler(event, env = process.env) {
    const hooks = parseWebhooks(env.RELAY_WEBHOOKS);
    const records = Array.isArray(event?.Records) ? event.Records : [];
    if (records.length === 0) throw new Error("not an SNS event: Records is expected");
    const failures = [];
    let delivered = 0;
    for (const record of records) {
      const alert = alertFromRecord(record);
      const results = await Promise.allSettled(hooks.map((hook) => deliver(hook, alert)));
      results.forEach((result, i) => {
        if (result.status === "fulfilled") {
          delivered += 1;
          log(`relayed "${alert.title}" to ${hooks[i].name} (${result.value})`);
        } else {
          // The error names the webhook, never its URL.
          failures.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
        }
      });
    }
    if (failures.length > 0) throw new Error(`alert relay: ${failures.length} delivery(ies) failed: ${failures.join("; ")}`);
    return { delivered };
  };
}

module.exports = { handler: createHandler(), createHandler, formatForUrl, regionOfArn, alertFromRecord, payloadFor, parseWebhooks, FORMATS };
