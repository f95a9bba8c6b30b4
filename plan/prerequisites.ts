/**
 * What must exist outside the stack before its first `pulumi up` (a token with the right
 * permissions, credentials, a Zero Trust organization, an IAM role, secret config values), and what
 * a person must do after it (confirm each alert email subscription, set records at the registrar).
 * Derived from the plan, so `plan` and the handover list the same things; each item says how to
 * check it is done.
 */
import type { Plan } from "./types";
import { ofType, regionOf, sourcesOf, TYPES } from "./read/resources";
import { asRecord, knownString } from "./read/values";
import { visible } from "../encode/visible";
import { appRoleSchema } from "../components/schema/secrets";
import { hostOidcSetting, oidcClaims } from "../components/secrets/oidcTrust";
import { awsServices, cloudflarePermissions } from "../handover/sections/access";

export interface Prerequisite {
  id: string;
  /** "before": the first `pulumi up` fails or misbehaves without it; "after": a launch task once it ran. */
  phase: "before" | "after";
  title: string;
  /** Plain-text lines (each output encodes them for its own format). */
  details: string[];
}

const configOf = (plan: Plan) => asRecord(plan.config) ?? {};

export function prerequisites(plan: Plan): Prerequisite[] {
  const list: Prerequisite[] = [];
  const stack = plan.stack;
  const config = configOf(plan);

  const cf = cloudflarePermissions(plan);
  if (cf.size > 0) {
    list.push({
      id: "cloudflare-token",
      phase: "before",
      title: "A Cloudflare API token set as cloudflare:apiToken (secure), scoped to this zone and account, with exactly these permissions",
      details: [...cf].map(([permission, why]) => `${permission} (for ${why.join(", ")})`),
    });
  }

  const accessApps = ofType(plan, TYPES.accessApplication);
  if (accessApps.length > 0) {
    const accountId = knownString(accessApps[0]!.inputs.accountId) ?? "the stack's account";
    list.push({
      id: "zero-trust-organization",
      phase: "before",
      title: `A Cloudflare Zero Trust organization on account ${accountId}`,
      details: [
        "Access applications cannot be created without it, and the stack does not create it: open the Zero Trust dashboard once and choose a team name (<team>.cloudflareaccess.com). The preview looks it up (getZeroTrustOrganization) and stops first when it is missing.",
        "Check: the Zero Trust dashboard shows the team name under Settings; the token above also reads it (Access: Organizations, Identity Providers, and Groups · Read).",
      ],
    });
  }

  const aws = awsServices(plan);
  if (aws.size > 0) {
    list.push({
      id: "aws-credentials",
      phase: "before",
      title: "AWS credentials for the deploy (CI: AWS_DEPLOY_ROLE_ARN through GitHub OIDC) allowed to manage",
      details: [...aws].map(([service, types]) => `${service}: ${types.join(", ")}`),
    });
  }

  const appRole = knownString(asRecord(config.secrets)?.appRoleName);
  if (appRole !== undefined) {
    list.push({
      id: "app-role",
      phase: "before",
      title: `The IAM role ${appRole} in the deploy account`,
      details: [
        `The stack attaches the secrets read policy to it and does not create it; a missing role fails the first up with NoSuchEntity (the preview looks it up with aws.iam.getRole and stops first).`,
        "Check: aws iam get-role --role-name " + appRole,
      ],
    });
  }

  // A role the stack creates is no prerequisite; the host must still issue the tokens it trusts.
  const createdRole = appRoleSchema.safeParse(asRecord(config.secrets)?.appRole);
  if (appRole === undefined && createdRole.success) {
    const claims = oidcClaims(createdRole.data.trust);
    list.push({
      id: "app-host-oidc",
      phase: "before",
      title: hostOidcSetting(createdRole.data.trust),
      details: [
        `The stack creates the app role${createdRole.data.oidcProviderArn ? "" : " and the IAM OIDC provider"} for ${claims.issuerUrl}; it trusts only tokens with aud ${claims.audience} and sub ${claims.subjects.join(" or ")}.`,
        ...(createdRole.data.oidcProviderArn
          ? [`The OIDC provider ${createdRole.data.oidcProviderArn} must exist (an account holds one per issuer URL). Check: aws iam get-open-id-connect-provider --open-id-connect-provider-arn ${createdRole.data.oidcProviderArn}`]
          : [`An account holds one IAM OIDC provider per issuer URL: if ${claims.issuerUrl} is already registered, set secrets.appRole.oidcProviderArn to it. Check: aws iam list-open-id-connect-providers`]),
      ],
    });
  }

  const secretKeys = (Array.isArray(config.secretKeys) ? config.secretKeys : []).filter((k): k is string => typeof k === "string");
  if (secretKeys.length > 0) {
    list.push({
      id: "secret-config",
      phase: "before",
      title: "Every secret config value set on the stack (never in plain text)",
      details: secretKeys.map((key) => `pulumi config set --secret ${key} --stack ${stack}`),
    });
  }

  for (const sub of ofType(plan, TYPES.snsSubscription).filter((s) => knownString(s.inputs.protocol) === "email")) {
    const email = knownString(sub.inputs.endpoint);
    const topic = sourcesOf(plan, sub, "topic").find((t) => t.type === TYPES.snsTopic);
    const topicName = topic ? knownString(topic.inputs.name) ?? topic.name : "the alert topic";
    const region = (topic && regionOf(plan, topic)) ?? "the stack's aws:region";
    list.push({
      id: `confirm-email:${email ?? sub.name}:${topicName}`,
      phase: "after",
      title: `${email ?? "An alert address"} confirms the AWS subscription mail for ${topicName} (${region})`,
      details: [
        "Until the link in that mail is clicked, no alert from this topic reaches the address.",
        `Check: aws sns list-subscriptions-by-topic --region ${region} --topic-arn <the topic's ARN> (a SubscriptionArn of PendingConfirmation is not confirmed yet)`,
      ],
    });
  }

  if (ofType(plan, TYPES.zone).length > 0) {
    list.push({ id: "registrar-nameservers", phase: "after", title: "The registrar points the domain at the zone's name servers", details: [`pulumi stack output nameServers --stack ${stack}`] });
  }
  if (ofType(plan, TYPES.zoneDnssec).length > 0) {
    list.push({ id: "registrar-ds", phase: "after", title: "The registrar publishes the zone's DS record (DNSSEC)", details: [`pulumi stack output dnssecDsRecord --stack ${stack}`] });
  }
  return list;
}

/** The items of each phase, in order: what to do before the first deploy, then the launch tasks after it. */
export function byPhase(items: readonly Prerequisite[]): Array<{ phase: Prerequisite["phase"]; items: Prerequisite[] }> {
  return (["before", "after"] as const).map((phase) => ({ phase, items: items.filter((i) => i.phase === phase) })).filter((g) => g.items.length > 0);
}

const PLAN_HEADINGS = { before: "Before the first deploy (outside the stack):", after: "After the first deploy (launch tasks):" } as const;

/** The plan's "Before the first deploy" and "After the first deploy" sections (terminal text: config values shown escaped). */
export function formatPrerequisites(items: Prerequisite[]): string {
  const lines: string[] = [];
  for (const group of byPhase(items)) {
    if (lines.length > 0) lines.push("");
    lines.push(PLAN_HEADINGS[group.phase]);
    group.items.forEach((item, n) => {
      lines.push(`  ${n + 1}. ${visible(item.title)}`);
      for (const d of item.details) lines.push(`     - ${visible(d)}`);
    });
  }
  return lines.join("\n");
}
