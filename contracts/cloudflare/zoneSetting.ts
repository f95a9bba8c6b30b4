/**
 * `cloudflare:index/zoneSetting:ZoneSetting`: `value` is untyped in the provider and sent verbatim,
 * so it is checked against the SDK's type for that setting id (e.g. ssl: off | flexible | full |
 * strict; security_header: {strict_transport_security: {...}}).
 */
import type { ResourceCheck } from "../context";
import { reveal, UNKNOWN_VALUE } from "../../plan/types";
import { cloudflareSchema } from "./schemaIndex";
import { validateApiValue } from "./validate";

const SETTINGS = cloudflareSchema.membersByConst(cloudflareSchema.definition("CfZoneSetting"), "id");

export const ZONE_SETTING_IDS: readonly string[] = [...SETTINGS.keys()].sort();

export const checkZoneSetting: ResourceCheck = (resource) => {
  const settingId = reveal(resource.inputs.settingId);
  if (settingId === UNKNOWN_VALUE) return [];
  if (typeof settingId !== "string") return [{ field: "settingId", message: `must be a zone setting id (a string); got ${JSON.stringify(settingId)}` }];
  const member = SETTINGS.get(settingId);
  if (!member) return [{ field: "settingId", message: `"${settingId}" is not a zone setting the API knows (e.g. ${ZONE_SETTING_IDS.slice(0, 6).join(", ")}, ...)` }];
  if (!("value" in resource.inputs)) return [{ field: "value", message: `is required: the value to set ${settingId} to` }];
  return validateApiValue(`${member.ref}/properties/value`, resource.inputs.value, { prefix: ["value"] }).map((f) => ({
    field: f.field,
    message: `${settingId} ${f.message}`,
  }));
};
