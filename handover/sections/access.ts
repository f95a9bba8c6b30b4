/**
 * Who needs which access, derived from the resource types the plan declares: the Cloudflare API
 * token's permissions, the AWS IAM services the deploy role needs, and Pulumi organisation roles.
 */
import type { Plan } from "../../plan/types";
import { ofType, PHASES, rulesets, TYPES } from "../../plan/read/resources";
import { asArray } from "../../plan/read/values";
import { code, section, table } from "../markdown";
import type { HandoverContext } from "./context";

/**
 * Cloudflare API token permissions per resource (developers.cloudflare.com: API token permissions,
 * and the Rulesets API's "Required API token permissions" per phase; checked 2026-11).
 */
export const CLOUDFLARE_PERMISSIONS: Record<string, string | readonly string[]> = {
  [TYPES.dnsRecord]: "Zone · DNS · Edit",
  [TYPES.legacyRecord]: "Zone · DNS · Edit",
  [TYPES.zoneSetting]: "Zone · Zone Settings · Edit",
  [TYPES.zone]: "Account · Zone · Edit (only when the stack creates the zone)",
  [TYPES.zoneDnssec]: "Zone · DNS · Edit",
  [TYPES.accessApplication]: "Account · Access: Apps and Policies · Edit",
  [TYPES.accessPolicy]: "Account · Access: Apps and Policies · Edit",
  [TYPES.cloudflareHealthcheck]: "Zone · Health Checks · Edit",
  [TYPES.notificationPolicy]: "Account · Notifications · Edit",
  [TYPES.certificatePack]: "Zone · SSL and Certificates · Edit",
  // Workers (the MTA-STS policy host): the "Edit Cloudflare Workers" token template grants Workers
  // Scripts on the account and Workers Routes on the zone
  // (https://developers.cloudflare.com/fundamentals/api/reference/template/).
  [TYPES.workersScript]: "Account · Workers Scripts · Edit",
  [TYPES.workersCustomDomain]: ["Account · Workers Scripts · Edit", "Zone · Workers Routes · Edit"],
};

/**
 * Read access the stack's preview lookups need: with Access, the account's Zero Trust
 * organization is looked up (it must exist before any Access application).
 */
export const ACCESS_ORGANIZATION_READ = "Account · Access: Organizations, Identity Providers, and Groups · Read";

export const RULESET_PERMISSIONS: Record<string, string> = {
  [PHASES.redirect]: "Zone · Dynamic URL Redirects (Single Redirects) · Edit",
  [PHASES.rateLimit]: "Zone · Zone WAF · Edit",
  [PHASES.waf]: "Zone · Zone WAF · Edit",
  [PHASES.cache]: "Zone · Cache Settings (Cache Rules) · Edit",
  [PHASES.headers]: "Zone · Transform Rules · Edit",
};

/** AWS services per resource type token prefix (`aws:<module>/...`). */
export const AWS_SERVICES: Record<string, string> = {
  secretsmanager: "Secrets Manager (create, update, tag, delete secrets under launch-ready/<env>/*)",
  kms: "KMS (create the key, alias, enable rotation, schedule deletion)",
  iam: "IAM (create the read policy and attach it to the app role; the relay's role; read the app role at preview)",
  route53: "Route 53 health checks",
  cloudwatch: "CloudWatch alarms and dashboards",
  sns: "SNS topics and subscriptions",
  sqs: "SQS queues",
  sesv2: "SES v2 identities (DKIM, MAIL FROM)",
  lambda: "Lambda (the alert relay function and SNS's permission to invoke it)",
};

export function cloudflarePermissions(plan: Plan): Map<string, string[]> {
  const needs = new Map<string, Set<string>>();
  const add = (perm: string, why: string) => needs.set(perm, (needs.get(perm) ?? new Set()).add(why));
  for (const r of asArray(plan.resources) as Plan["resources"]) {
    const perm = CLOUDFLARE_PERMISSIONS[r.type];
    for (const p of typeof perm === "string" ? [perm] : perm ?? []) add(p, r.type.split(":").pop()!);
    if (r.type === TYPES.accessApplication) add(ACCESS_ORGANIZATION_READ, "the Zero Trust organization lookup");
  }
  for (const set of rulesets(plan)) if (set.phase) add(RULESET_PERMISSIONS[set.phase] ?? `Zone · rulesets of phase ${set.phase} · Edit`, `Ruleset ${set.phase}`);
  return new Map([...needs].map(([k, v]) => [k, [...v].sort()]));
}

export function awsServices(plan: Plan): Map<string, string[]> {
  const needs = new Map<string, Set<string>>();
  for (const r of asArray(plan.resources) as Plan["resources"]) {
    const m = /^aws:([a-z0-9]+)\//.exec(r.type);
    if (!m) continue;
    const service = AWS_SERVICES[m[1]!] ?? m[1]!;
    needs.set(service, (needs.get(service) ?? new Set()).add(r.type.split(":").pop()!));
  }
  return new Map([...needs].map(([k, v]) => [k, [...v].sort()]));
}

export function accessSection(ctx: HandoverContext): string[] {
  const s = ctx.plan.stack;
  const cf = cloudflarePermissions(ctx.plan);
  const aws = awsServices(ctx.plan);
  const body = [
    `**Deployers (the deploy workflow's ${s} environment, or a person running \`pulumi up\`):**`,
    "",
    ...(cf.size
      ? [`A Cloudflare API token (stack config \`cloudflare:apiToken\`, secure; CI secret \`CLOUDFLARE_API_TOKEN\`) scoped to the ${code(ctx.apex)} zone only, with:`, "", ...table(["Permission", "Needed for"], [...cf].map(([p, why]) => [p, why.join(", ")])), ""]
      : []),
    ...(aws.size
      ? [`An AWS role (CI: \`AWS_DEPLOY_ROLE_ARN\`, assumed through GitHub OIDC) allowed to manage:`, "", ...table(["Service", "Resources"], [...aws].map(([svc, types]) => [svc, types.join(", ")])), ""]
      : []),
    `Pulumi: *write* on stack ${code(s)} (CI: \`PULUMI_ACCESS_TOKEN\`); *admin* only to unprotect or import resources.`,
    "",
    "**Reviewers** need no cloud access: the PR workflow posts the offline plan diff as a comment.",
    "",
    `**The application** reads its secrets through the IAM policy the stack creates (read only these secrets, decrypt only with this key)${ofType(ctx.plan, TYPES.secret).length ? "" : " — this plan declares none"}.`,
    "",
    "**On-call** needs to be subscribed to the alert topic (see Monitoring) and read access to the Cloudflare zone and CloudWatch.",
  ];
  return section("Who needs which access", body, "");
}
