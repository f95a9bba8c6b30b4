/**
 * iam-web-identity-trust-exact-subject through the real analyzer: the trust secrets.appRole
 * builds passes; each widening of it (no sub, StringLike, a wildcard, an empty subject, sub
 * moved to another operator) is a mandatory violation.
 */
import { appRoleTrustPolicy, oidcClaims } from "../../components/secrets/oidcTrust";
import { breakPlan, byPolicy, planned, urnOf, usePolicyPack } from "./harness";

const pack = usePolicyPack();
const ROLE = "aws:iam/role:Role";
const POLICY = "iam-web-identity-trust-exact-subject";
const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/oidc.vercel.com/acme";
const P = "oidc.vercel.com/acme";

/** The trust policy the stack builds for a Vercel project, then one edit to its first statement. */
function trust(edit: (st: Record<string, any>) => void = () => {}): string {
  const doc = appRoleTrustPolicy(PROVIDER, oidcClaims({ host: "vercel", team: "acme", project: "web", environment: "production" })) as { Statement: Array<Record<string, any>> };
  edit(doc.Statement[0]!);
  return JSON.stringify(doc);
}
const withRole = (assumeRolePolicy: string) => breakPlan((p) => p.resources.push(planned(ROLE, "app-role", { name: "launch-ready-prod-app", assumeRolePolicy })));

test("the trust secrets.appRole builds (exact aud and sub) complies", async () => {
  expect(byPolicy(await pack.analyze(withRole(trust())), POLICY)).toEqual([]);
});

test("a role trusting a service, not web identities, is not judged", async () => {
  const service = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  expect(byPolicy(await pack.analyze(withRole(service)), POLICY)).toEqual([]);
});

test.each<[string, (st: Record<string, any>) => void, RegExp]>([
  ["no sub condition (audience only)", (st) => delete st.Condition.StringEquals[`${P}:sub`], /has no StringEquals condition on the token's sub claim/],
  ["no condition at all", (st) => delete st.Condition, /has no StringEquals condition on the token's sub claim/],
  [
    "sub under StringLike across projects",
    (st) => {
      delete st.Condition.StringEquals[`${P}:sub`];
      st.Condition.StringLike = { [`${P}:sub`]: "owner:acme:project:*:environment:production" };
    },
    /matches oidc\.vercel\.com\/acme:sub with StringLike/,
  ],
  ["a wildcard inside StringEquals", (st) => (st.Condition.StringEquals[`${P}:sub`] = "owner:acme:*"), /against "owner:acme:\*", which is empty or a pattern/],
  ["one exact and one wildcard subject", (st) => (st.Condition.StringEquals[`${P}:sub`] = ["owner:acme:project:web:environment:production", "*"]), /against "\*"/],
  ["an empty subject", (st) => (st.Condition.StringEquals[`${P}:sub`] = ""), /which is empty or a pattern/],
  ["the action given as a wildcard (sts:AssumeRoleWith*) without sub", (st) => ((st.Action = ["sts:AssumeRoleWith*"]), delete st.Condition.StringEquals[`${P}:sub`]), /has no StringEquals condition/],
  [
    "sub under ForAnyValue:StringLike next to an exact one",
    (st) => (st.Condition["ForAnyValue:StringLike"] = { [`${P}:sub`]: "*" }),
    /with ForAnyValue:StringLike; only StringEquals on exact subjects is allowed/,
  ],
])("mutation: %s is a mandatory violation", async (_what, edit, message) => {
  const plan = withRole(trust(edit));
  expect(byPolicy(await pack.analyze(plan), POLICY)).toEqual([
    expect.objectContaining({ enforcementLevel: "mandatory", urn: urnOf(ROLE, "app-role"), message: expect.stringMatching(message) }),
  ]);
});
