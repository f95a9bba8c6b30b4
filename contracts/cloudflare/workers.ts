/**
 * Workers resources the email component declares to serve the MTA-STS policy:
 * `cloudflare:index/workersScript:WorkersScript` and `cloudflare:index/workersCustomDomain:WorkersCustomDomain`.
 * The generated API schemas do not cover the multipart script upload, so these are the rules the
 * provider states in its doc comments (@pulumi/cloudflare 6.22.1, workersScript.d.ts and
 * workersCustomDomain.d.ts) and Cloudflare's Workers limits page, each cited beside it.
 */
import { WORKER_FREE_MAX_BYTES } from "../../components/constants/cloudflare";
import type { ResourceCheck } from "../context";
import type { ContractFailure } from "../types";
import { toPlain } from "../wire";
import { TYPES } from "../../plan/model/tokens";

export const WORKERS_SCRIPT = TYPES.workersScript;
export const WORKERS_CUSTOM_DOMAIN = TYPES.workersCustomDomain;

/** accountId / zoneId: "Identifier" (32 hex characters, as every Cloudflare id). */
const CF_ID = /^[0-9a-f]{32}$/;
/** Worker names: lower-case letters, digits and dashes, at most 63 (developers.cloudflare.com/workers/platform/limits, "Worker name length"). */
const SCRIPT_NAME = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;
/** compatibilityDate: "Date indicating targeted support in the Workers runtime" (YYYY-MM-DD). */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const plainOf = (inputs: Record<string, unknown>) => toPlain(inputs).value as Record<string, unknown>;

function idFailure(field: string, value: unknown, required: boolean): ContractFailure[] {
  if (value === undefined) return required ? [{ field, message: "is required (a 32-character hex identifier)" }] : [];
  return typeof value === "string" && !CF_ID.test(value) ? [{ field, message: `must be a 32-character hex identifier; got ${JSON.stringify(value)}` }] : [];
}

export const checkWorkersScript: ResourceCheck = (r) => {
  const { accountId, scriptName, content, contentFile, contentSha256, mainModule, bodyPart, compatibilityDate } = plainOf(r.inputs);
  const failures = idFailure("account_id", accountId, !("accountId" in r.inputs));
  const fail = (field: string, message: string) => failures.push({ field, message });
  if (scriptName === undefined && !("scriptName" in r.inputs)) fail("script_name", "is required");
  else if (typeof scriptName === "string" && !SCRIPT_NAME.test(scriptName)) fail("script_name", `must be 1 to 63 lower-case letters, digits, dashes or underscores, starting and ending with a letter or digit; got ${JSON.stringify(scriptName)}`);
  // "content: Module or Service Worker contents of the Worker. Conflicts with contentFile."
  if (content !== undefined && contentFile !== undefined) fail("content", "conflicts with content_file: send one of them");
  if (content === undefined && contentFile === undefined && !("content" in r.inputs) && !("contentFile" in r.inputs)) fail("content", "is required (or content_file): the Worker's code");
  // "contentFile ... Must be paired with contentSha256."
  if (contentFile !== undefined && contentSha256 === undefined) fail("content_sha256", "is required with content_file");
  if (typeof content === "string" && Buffer.byteLength(content) > WORKER_FREE_MAX_BYTES) fail("content", `is ${Buffer.byteLength(content)} bytes; a Free plan Worker holds at most ${WORKER_FREE_MAX_BYTES}`);
  // mainModule "Indicates a module syntax Worker", bodyPart "a service worker syntax Worker": one of them.
  if (mainModule !== undefined && bodyPart !== undefined) fail("main_module", "conflicts with body_part: a Worker is either module syntax (main_module) or service-worker syntax (body_part)");
  if (typeof compatibilityDate === "string" && (!DATE.test(compatibilityDate) || Number.isNaN(Date.parse(`${compatibilityDate}T00:00:00Z`)))) {
    fail("compatibility_date", `must be a date like "2025-01-01"; got ${JSON.stringify(compatibilityDate)}`);
  }
  return failures;
};

export const checkWorkersCustomDomain: ResourceCheck = (r, context) => {
  const { accountId, hostname, service, zoneId, zoneName } = plainOf(r.inputs);
  const failures = [...idFailure("account_id", accountId, !("accountId" in r.inputs)), ...idFailure("zone_id", zoneId, false)];
  const fail = (field: string, message: string) => failures.push({ field, message });
  if (hostname === undefined && !("hostname" in r.inputs)) fail("hostname", "is required");
  // "hostname: Can be either the zone apex or a subdomain of the zone."
  else if (typeof hostname === "string" && context.domain) {
    const zone = context.domain.toLowerCase();
    const host = hostname.toLowerCase().replace(/\.$/, "");
    if (host !== zone && !host.endsWith(`.${zone}`)) fail("hostname", `must be the zone apex or a subdomain of ${zone}; got ${JSON.stringify(hostname)}`);
  }
  if (zoneId === undefined && zoneName === undefined && !("zoneId" in r.inputs) && !("zoneName" in r.inputs)) fail("zone_id", "is required (or zone_name): the zone that holds the hostname");
  // "service: Name of the Worker associated with the domain": a Worker the plan declares, when it declares it by a known name.
  if (service === undefined && !("service" in r.inputs)) fail("service", "is required (the Worker's script name)");
  else if (typeof service === "string") {
    const scripts = context.resources.filter((x) => x.type === WORKERS_SCRIPT).map((x) => plainOf(x.inputs).scriptName);
    if (scripts.length > 0 && scripts.every((s) => typeof s === "string") && !scripts.includes(service)) {
      fail("service", `names no Worker of this plan (${scripts.map((s) => JSON.stringify(s)).join(", ")}); got ${JSON.stringify(service)}`);
    }
  }
  return failures;
};
