/** Types of the relay's plain-JS handler (handler.js, run as is by the Lambda runtime). */
export type RelayFormat = "slack" | "teams" | "discord" | "json" | "auto";
export interface RelayWebhook {
  name: string;
  /** The Secrets Manager secret (ARN or name) whose value is the webhook URL. */
  secretId: string;
  format: RelayFormat;
}
export interface RelayAlert {
  kind: "alarm" | "message";
  title: string;
  state?: string;
  previousState?: string;
  description?: string;
  reason?: string;
  region?: string;
  time?: string;
  metric?: string;
  alarmName?: string;
  topicArn?: string;
}
export interface RelayDeps {
  readSecret?: (secretId: string) => Promise<string>;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  log?: (line: string) => void;
}
export type RelayHandler = (event: unknown, env?: Record<string, string | undefined>) => Promise<{ delivered: number }>;
export declare const FORMATS: readonly RelayFormat[];
export declare const handler: RelayHandler;
export declare function createHandler(deps?: RelayDeps): RelayHandler;
export declare function formatForUrl(url: string): Exclude<RelayFormat, "auto">;
export declare function alertFromRecord(record: unknown): RelayAlert;
export declare function payloadFor(format: Exclude<RelayFormat, "auto">, alert: RelayAlert): Record<string, unknown>;
export declare function parseWebhooks(text: string | undefined): RelayWebhook[];
export declare function regionOfArn(arn: string): string | undefined;
