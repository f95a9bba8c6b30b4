/**
 * The resource types the policies judge, by the policies' names for the plan model's type tokens
 * (one home: plan/model/tokens.ts; the engine sends the same tokens).
 */
import { TYPES } from "../plan/model/tokens";

export const ZONE = TYPES.zone;
export const ZONE_SETTING = TYPES.zoneSetting;
export const DNS_RECORD = TYPES.dnsRecord;
export const SM_SECRET = TYPES.secret;
export const SM_SECRET_VERSION = TYPES.secretVersion;
export const KMS_KEY = TYPES.kmsKey;
export const RULESET = TYPES.ruleset;
/** Cloudflare Access applications: the v6 name and the deprecated v5 one (same inputs for what we read). */
export const ACCESS_APPLICATION_TYPES = [
  TYPES.accessApplication,
  TYPES.legacyAccessApplication,
] as const;
export const CF_HEALTHCHECK = TYPES.cloudflareHealthcheck;
export const R53_HEALTH_CHECK = TYPES.healthCheck;
export const METRIC_ALARM = TYPES.metricAlarm;
export const COMPOSITE_ALARM = TYPES.compositeAlarm;
export const SNS_TOPIC = TYPES.snsTopic;
export const SNS_TOPIC_SUBSCRIPTION = TYPES.snsSubscription;
/** Cloudflare Access policies: the v6 reusable policy and the deprecated v5 one. */
export const ACCESS_POLICY_TYPES = [
  TYPES.accessPolicy,
  TYPES.legacyAccessPolicy,
] as const;
export const IAM_ROLE = TYPES.iamRole;
