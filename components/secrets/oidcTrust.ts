/**
 * The app role's OIDC trust, per host preset: which issuer the app's host signs its tokens with,
 * which audience they carry, and the exact subject(s) one tenant/project/environment gets. One home
 * for these claims: the vault builds the trust policy from them, the config loader refuses wide
 * ones, and `plan`'s prerequisites name the host setting they need.
 *
 *  - Vercel (team issuer mode): iss https://oidc.vercel.com/<team>, aud https://vercel.com/<team>,
 *    sub owner:<team>:project:<project>:environment:<environment>
 *    (https://vercel.com/docs/oidc/api, https://vercel.com/docs/oidc/aws).
 *  - GitHub Actions: iss https://token.actions.githubusercontent.com, aud sts.amazonaws.com (what
 *    aws-actions/configure-aws-credentials requests), sub repo:<owner>/<repo>:environment:<env>
 *    (https://docs.github.com/en/actions/reference/security/oidc).
 *  - Fly.io: iss https://oidc.fly.io/<org>, sub <org>:<app>:<machine>
 *    (https://fly.io/docs/reference/openid-connect/). The machine name is part of the subject and
 *    IAM matches a generic OIDC provider only on aud/sub, so an exact match lists the machines.
 *    aud: sts.amazonaws.com is what Fly's init requests when AWS_ROLE_ARN is set (Fly blog
 *    "AWS without Access Keys", 2024-06-19, https://fly.io/blog/oidc-cloud-roles/); not verified
 *    against Fly's reference page, which documents only a caller-chosen `aud`.
 */
import type { AppRoleTrust } from "../schema/secrets";
import { IAM_POLICY_VERSION } from "../constants/aws";

export interface OidcClaims {
  /** The provider URL registered in IAM (`https://...`, one provider per URL per account). */
  issuerUrl: string;
  /** The issuer without `https://`: IAM's condition-key prefix (`<host/path>:sub`). */
  conditionPrefix: string;
  audience: string;
  /** Each exact subject the role trusts (StringEquals; never a pattern). */
  subjects: string[];
}

export const OIDC_HOSTS = ["vercel", "fly", "github"] as const;
export type OidcHost = (typeof OIDC_HOSTS)[number];

const claims = (issuerUrl: string, audience: string, subjects: string[]): OidcClaims => ({
  issuerUrl,
  conditionPrefix: issuerUrl.replace(/^https:\/\//, ""),
  audience,
  subjects,
});

export function oidcClaims(trust: AppRoleTrust): OidcClaims {
  switch (trust.host) {
    case "vercel":
      return claims(`https://oidc.vercel.com/${trust.team}`, `https://vercel.com/${trust.team}`, [
        `owner:${trust.team}:project:${trust.project}:environment:${trust.environment}`,
      ]);
    case "github":
      return claims("https://token.actions.githubusercontent.com", "sts.amazonaws.com", [`repo:${trust.owner}/${trust.repo}:environment:${trust.environment}`]);
    case "fly":
      return claims(`https://oidc.fly.io/${trust.org}`, "sts.amazonaws.com", trust.machines.map((m) => `${trust.org}:${trust.app}:${m}`));
  }
}

/** The fields whose values build the issuer and subject (key path inside `appRole`, value). */
export function trustFields(trust: AppRoleTrust): Array<[Array<string | number>, string]> {
  switch (trust.host) {
    case "vercel":
      return [[["team"], trust.team], [["project"], trust.project]];
    case "github":
      return [[["owner"], trust.owner], [["repo"], trust.repo], [["environment"], trust.environment]];
    case "fly":
      return [[["org"], trust.org], [["app"], trust.app], ...trust.machines.map((m, i): [Array<string | number>, string] => [["machines", i], m])];
  }
}

/**
 * A value that would widen the trust beyond one tenant/project: empty, a wildcard IAM would honour
 * under StringLike (`*`, `?`), or a claim separator (`:`, `/`) that lets one field stand for others.
 */
export function wideTrustValue(value: string): string | undefined {
  if (value.trim() === "") return "is empty";
  if (/[*?]/.test(value)) return "contains a wildcard";
  if (/[:/\s]/.test(value)) return "contains a claim separator (\":\", \"/\" or whitespace)";
  return undefined;
}

/** The role's trust policy: AssumeRoleWithWebIdentity for this provider, exact aud and sub. */
export function appRoleTrustPolicy(providerArn: string, c: OidcClaims): object {
  return {
    Version: IAM_POLICY_VERSION,
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${c.conditionPrefix}:aud`]: c.audience,
            [`${c.conditionPrefix}:sub`]: c.subjects.length === 1 ? c.subjects[0] : c.subjects,
          },
        },
      },
    ],
  };
}

/** What the app's host must have switched on for its tokens to exist (plan's prerequisites). */
export function hostOidcSetting(trust: AppRoleTrust): string {
  switch (trust.host) {
    case "vercel":
      return `Enable OIDC federation in Vercel (project ${trust.project} → Settings → Security → Secure backend access with OIDC federation), issuer mode Team, and set AWS_ROLE_ARN in its ${trust.environment} environment`;
    case "github":
      return `Give the workflow permissions: id-token: write and run it in the GitHub environment ${trust.environment} of ${trust.owner}/${trust.repo}, with aws-actions/configure-aws-credentials role-to-assume set to the role's ARN`;
    case "fly":
      return `Set AWS_ROLE_ARN on the Fly app ${trust.app} (org ${trust.org}): Fly's init then exchanges the machine's OIDC token; the trust lists machines ${trust.machines.join(", ")}, so a new machine needs its name added`;
  }
}
