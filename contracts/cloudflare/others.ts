/**
 * The remaining Cloudflare resources, each checked against its SDK create params plus the value
 * rules the SDK states only in doc comments (cited per rule).
 */
import type { ResourceCheck } from "../context";
import type { ContractFailure } from "../types";
import { toPlain } from "../wire";
import { definitionMember, schemaFailures } from "./schemaCheck";

const ZONE = definitionMember("CfZoneCreate");
const DNSSEC = definitionMember("CfDnssecEdit");
const ACCESS_APP = definitionMember("CfAccessSelfHostedApp");
const ACCESS_POLICY = definitionMember("CfAccessPolicyCreate");
const HEALTHCHECK = definitionMember("CfHealthcheckCreate");
const NOTIFICATION_POLICY = definitionMember("CfNotificationPolicyCreate");

/**
 * Access session_duration (applications.d.ts / policies.d.ts): "Must be in the format 300ms or
 * 2h45m. Valid time units are: ns, us (or µs), ms, s, m, h."
 */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** Healthcheck name (healthchecks.d.ts): "Only alphanumeric characters, hyphens and underscores are allowed." */
const HEALTHCHECK_NAME = /^[A-Za-z0-9_-]+$/;
/** Healthcheck type (healthchecks.d.ts): "Currently supported protocols are 'HTTP', 'HTTPS' and 'TCP'." */
export const HEALTHCHECK_TYPES: readonly string[] = ["HTTP", "HTTPS", "TCP"];
/** expected_codes (healthchecks.d.ts): codes ("200") or ranges ("2xx"). */
const EXPECTED_CODE = /^[1-5](\d\d|xx)$/;

const plainOf = (inputs: Record<string, unknown>) => toPlain(inputs).value as Record<string, unknown>;

export const checkZone: ResourceCheck = (r) => schemaFailures(ZONE, r.inputs);
export const checkZoneDnssec: ResourceCheck = (r) => schemaFailures(DNSSEC, r.inputs);

export const checkAccessApplication: ResourceCheck = (r) => {
  const { type, sessionDuration } = plainOf(r.inputs);
  if (type !== undefined && type !== "self_hosted") {
    return [{ field: "type", message: `contracts cover self_hosted applications (what the stack declares); add the SDK type for ${JSON.stringify(type)} to contracts/cloudflare/sdkTypes.ts` }];
  }
  return [...schemaFailures(ACCESS_APP, r.inputs), ...durationFailures(sessionDuration)];
};

export const checkAccessPolicy: ResourceCheck = (r) => [...schemaFailures(ACCESS_POLICY, r.inputs), ...durationFailures(plainOf(r.inputs).sessionDuration)];

export const checkHealthcheck: ResourceCheck = (r) => {
  const failures = schemaFailures(HEALTHCHECK, r.inputs);
  const { name, type, httpConfig } = plainOf(r.inputs);
  if (typeof name === "string" && !HEALTHCHECK_NAME.test(name)) failures.push({ field: "name", message: `may hold only letters, digits, hyphens and underscores; got ${JSON.stringify(name)}` });
  if (typeof type === "string" && !HEALTHCHECK_TYPES.includes(type)) failures.push({ field: "type", message: `must be one of ${HEALTHCHECK_TYPES.join(", ")}; got ${JSON.stringify(type)}` });
  const codes = (httpConfig as Record<string, unknown> | undefined)?.expectedCodes;
  if (Array.isArray(codes)) {
    codes.forEach((c, i) => {
      if (typeof c === "string" && !EXPECTED_CODE.test(c)) failures.push({ field: `http_config.expected_codes[${i}]`, message: `must be a status code ("200") or a range ("2xx"); got ${JSON.stringify(c)}` });
    });
  }
  return failures;
};

export const checkNotificationPolicy: ResourceCheck = (r) => schemaFailures(NOTIFICATION_POLICY, r.inputs);

function durationFailures(duration: unknown): ContractFailure[] {
  if (typeof duration !== "string" || GO_DURATION.test(duration)) return [];
  return [{ field: "session_duration", message: `must be a duration such as 24h or 2h45m (units ns, us, ms, s, m, h); got ${JSON.stringify(duration)}` }];
}
