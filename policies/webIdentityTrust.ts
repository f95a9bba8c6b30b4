/**
 * Who may assume a role with a web-identity (OIDC) token: a trust statement allowing
 * `sts:AssumeRoleWithWebIdentity` must pin the token's subject with an exact `StringEquals` on
 * `<issuer>:sub`. Without it, or with a pattern (`StringLike`, `*`, `?`), any tenant, project or
 * repository of the same host's issuer (every Vercel team on the global issuer, every GitHub
 * repository) can take the role and read this environment's secrets. AWS's guidance: "use the
 * sub condition key to limit which identities can assume the role"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html).
 *
 * Checked in every environment (a staging role with a wide trust still hands staging secrets to
 * strangers); mandatory, so a production deploy stops on it.
 */
import { PackPolicy, resourcePolicy } from "./policy";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

type Statement = { Effect?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> };

const actionsOf = (action: unknown): string[] => (typeof action === "string" ? [action] : Array.isArray(action) ? action.filter((a): a is string => typeof a === "string") : []);
/** IAM action matching is case-insensitive and admits `*` wildcards. */
const allowsWebIdentity = (action: unknown) =>
  actionsOf(action).some((a) => new RegExp(`^${a.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i").test(WEB_IDENTITY));
const valuesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** Why a statement's subject condition admits more than exact subjects; undefined when it is exact. */
export function wideSubjectProblem(st: Statement): string | undefined {
  const condition = st.Condition ?? {};
  for (const [operator, keys] of Object.entries(condition)) {
    if (operator === "StringEquals") continue;
    const subKey = Object.keys(keys ?? {}).find((k) => /:sub$/i.test(k));
    if (subKey) return `matches ${subKey} with ${operator}; only StringEquals on exact subjects is allowed`;
  }
  const equals = condition.StringEquals ?? {};
  const subKey = Object.keys(equals).find((k) => /:sub$/i.test(k));
  if (!subKey) return "has no StringEquals condition on the token's sub claim, so every subject of the issuer may assume the role";
  const values = valuesOf(equals[subKey]);
  if (values.length === 0) return `has an empty ${subKey} condition`;
  const bad = values.find((v) => typeof v !== "string" || v.trim() === "" || /[*?]/.test(v));
  return bad === undefined ? undefined : `matches ${subKey} against ${JSON.stringify(bad)}, which is empty or a pattern; an exact subject is expected`;
}

export const webIdentityTrustExactSubject = resourcePolicy({
  name: "iam-web-identity-trust-exact-subject",
  description: "Checks whether every IAM role trust statement allowing sts:AssumeRoleWithWebIdentity pins the token's sub claim with StringEquals on exact values (no StringLike, no wildcards).",
  severity: "critical",
  remediation:
    "Trust exact subjects only: StringEquals on <issuer>:sub with the full subject (e.g. owner:<team>:project:<project>:environment:production); secrets.appRole builds such a trust from its team/project/environment fields.",
  resourceTypes: [TYPES.iamRole],
  check: (r, report) => {
    const text = r.props.assumeRolePolicy;
    if (isUnknown(text)) return;
    const raw = knownString(text);
    if (raw === undefined) return;
    let document: { Statement?: unknown };
    try {
      document = JSON.parse(raw) as { Statement?: unknown };
    } catch {
      report(`Role ${knownString(r.props.name) ?? r.name} has a trust policy that is not JSON; it cannot be judged.`);
      return;
    }
    const statements = valuesOf(document.Statement).filter((s): s is Statement => typeof s === "object" && s !== null);
    statements.forEach((st, i) => {
      if (st.Effect !== "Allow" || !allowsWebIdentity(st.Action)) return;
      const problem = wideSubjectProblem(st);
      if (problem) report(`Role ${knownString(r.props.name) ?? r.name}: trust Statement[${i}] allows ${WEB_IDENTITY} but ${problem}.`);
    });
  },
});

export const webIdentityTrustPolicies: PackPolicy[] = [webIdentityTrustExactSubject];
