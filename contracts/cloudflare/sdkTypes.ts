/**
 * The Cloudflare API request types the contract checks validate against, taken from the official
 * `cloudflare` npm SDK (7.3.0, generated from Cloudflare's OpenAPI schemas). Type-only: nothing
 * here runs. scripts/generate-contract-schemas.ts turns exactly these aliases into
 * contracts/schemas/cloudflare.schema.json, which the checks load at run time (so `plan` needs
 * neither the SDK nor the generator). Add an alias here, regenerate, and the schema gains it.
 *
 * Request ("...Params") types, not response types, where the SDK has them: they are what the API
 * accepts. Zone settings are the exception: the edit params type `value` as `unknown | ...`, so the
 * per-setting value unions come from the edit response union, whose members are keyed by `id`.
 */
import type * as Rulesets from "cloudflare/resources/rulesets/rulesets";
import type * as ZoneSettings from "cloudflare/resources/zones/settings";
import type * as Zones from "cloudflare/resources/zones/zones";
import type * as Dnssec from "cloudflare/resources/dns/dnssec/dnssec";
import type * as Records from "cloudflare/resources/dns/records";
import type * as AccessApps from "cloudflare/resources/zero-trust/access/applications/applications";
import type * as AccessPolicies from "cloudflare/resources/zero-trust/access/policies";
import type * as Healthchecks from "cloudflare/resources/healthchecks/healthchecks";
import type * as Alerting from "cloudflare/resources/alerting/policies";

/** `cloudflare:index/ruleset:Ruleset`: kind, phase, and `rules[]` (a union keyed by `action`). */
export type CfRulesetCreate = Rulesets.RulesetCreateParams;
/** `cloudflare:index/zoneSetting:ZoneSetting`: one member per setting id, each with its `value` type. */
export type CfZoneSetting = ZoneSettings.SettingEditResponse;
/** `cloudflare:index/zone:Zone`. */
export type CfZoneCreate = Zones.ZoneCreateParams;
/** `cloudflare:index/zoneDnssec:ZoneDnssec`. */
export type CfDnssecEdit = Dnssec.DNSSECEditParams;
/** `cloudflare:index/dnsRecord:DnsRecord`: one member per record `type`. */
export type CfDnsRecordCreate = Records.RecordCreateParams;
/** `cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication` (type self_hosted). */
export type CfAccessSelfHostedApp = AccessApps.ApplicationCreateParams.SelfHostedApplication;
/**
 * `cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy` (reusable account policy). An
 * interface, not an alias: the SDK has two types named PolicyCreateParams (Access, alerting) and
 * the schema names definitions after types, so each gets its own name here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CfAccessPolicyCreate extends AccessPolicies.PolicyCreateParams {}
/** `cloudflare:index/healthcheck:Healthcheck`. */
export type CfHealthcheckCreate = Healthchecks.HealthcheckCreateParams;
/** `cloudflare:index/notificationPolicy:NotificationPolicy` (an interface: see CfAccessPolicyCreate). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CfNotificationPolicyCreate extends Alerting.PolicyCreateParams {}
