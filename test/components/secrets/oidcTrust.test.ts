/**
 * The app role created with an OIDC trust: each host preset's issuer, audience and exact subject,
 * the config loader's refusals of a trust wider than one tenant/project, and the prod stack
 * rendered with `secrets.appRole` instead of `appRoleName` (provider, role, same read attachment).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import YAML from "yaml";
import { ConfigError, parseStackConfig } from "../../../components/config";
import { appRoleTrustPolicy, oidcClaims } from "../../../components/secrets/oidcTrust";
import type { AppRoleTrust } from "../../../components/schema/secrets";
import { prerequisites } from "../../../plan/prerequisites";
import { UNKNOWN_VALUE } from "../../../plan/types";

import type { RenderResult } from "../../../plan/render";
import { raw, VALID_CORE } from "../../support/config";
import { renderedStack, renderIsolated } from "../../support/render";
import { testStackFile } from "../../support/stacks";

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/example";

describe("each preset's trust policy", () => {
  test.each<[string, AppRoleTrust, string, string, string, string | string[]]>([
    [
      "Vercel (team issuer)",
      { host: "vercel", team: "acme", project: "members-web", environment: "production" },
      "https://oidc.vercel.com/acme",
      "oidc.vercel.com/acme",
      "https://vercel.com/acme",
      "owner:acme:project:members-web:environment:production",
    ],
    [
      "GitHub Actions",
      { host: "github", owner: "acme", repo: "members", environment: "production" },
      "https://token.actions.githubusercontent.com",
      "token.actions.githubusercontent.com",
      "sts.amazonaws.com",
      "repo:acme/members:environment:production",
    ],
    [
      "Fly.io (each machine exactly)",
      { host: "fly", org: "acme", app: "members-web", machines: ["148ed193b95948", "3d8d9e7bd11d38"] },
      "https://oidc.fly.io/acme",
      "oidc.fly.io/acme",
      "sts.amazonaws.com",
      ["acme:members-web:148ed193b95948", "acme:members-web:3d8d9e7bd11d38"],
    ],
  ])("%s: issuer, aud and sub matched with StringEquals", (_host, trust, issuer, prefix, audience, sub) => {
    const claims = oidcClaims(trust);
    expect(claims.issuerUrl).toBe(issuer);
    expect(appRoleTrustPolicy(PROVIDER, claims)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${prefix}:aud`]: audience, [`${prefix}:sub`]: sub } },
        },
      ],
    });
  });
});

function problems(secrets: Record<string, unknown>, environment = "prod"): string[] {
  try {
    parseStackConfig(raw({ ...VALID_CORE, environment, secrets }));
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe("the config loader refuses a trust wider than one tenant/project", () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ["a wildcard Vercel project", { host: "vercel", team: "acme", project: "*", environment: "production" }, "launch-ready:secrets.appRole.trust.project", /contains a wildcard/],
    ["an empty Vercel team", { host: "vercel", team: "", project: "web", environment: "production" }, "launch-ready:secrets.appRole.trust.team", /is empty/],
    ["a GitHub repo pattern", { host: "github", owner: "acme", repo: "member?", environment: "production" }, "launch-ready:secrets.appRole.trust.repo", /contains a wildcard/],
    ["a GitHub environment that spans claims", { host: "github", owner: "acme", repo: "members", environment: "prod:ref" }, "launch-ready:secrets.appRole.trust.environment", /claim separator/],
    ["a Fly machine wildcard", { host: "fly", org: "acme", app: "web", machines: ["*"] }, "launch-ready:secrets.appRole.trust.machines[0]", /contains a wildcard/],
    ["a Vercel environment outside the three", { host: "vercel", team: "acme", project: "web", environment: "*" }, "launch-ready:secrets.appRole.trust.environment", /"production", "preview" or "development" is expected/],
    ["an unknown host", { host: "render", team: "acme" }, "launch-ready:secrets.appRole.trust", /host "vercel", "fly" or "github" is expected/],
  ])("%s", (_what, trust, keyPath, message) => {
    const found = problems({ items: [], appRole: { trust } });
    expect(found).toEqual([expect.stringMatching(new RegExp(`^${keyPath.replace(/[.[\]]/g, "\\$&")}(\\.host)?: .*${message.source}`))]);
  });

  test("appRole together with appRoleName is refused (one role, named or created)", () => {
    expect(problems({ items: [], appRoleName: "app-prod", appRole: { trust: { host: "github", owner: "acme", repo: "members", environment: "production" } } })).toEqual([
      expect.stringMatching(/^launch-ready:secrets\.appRole: is set together with appRoleName/),
    ]);
  });

  test("a literal tenant/project is accepted", () => {
    expect(problems({ items: [], appRole: { trust: { host: "vercel", team: "acme", project: "web", environment: "production" } } })).toEqual([]);
  });
});

/** The test-owned prod stack with the named role swapped for a created one (the stack files stay unchanged). */
function prodWithCreatedRole(appRole: Record<string, unknown>): string {
  const doc = YAML.parseDocument(fs.readFileSync(testStackFile("prod"), "utf8"));
  const secrets = doc.getIn(["config", "launch-ready:secrets"]) as YAML.YAMLMap;
  expect(secrets.get("appRoleName")).toBe("launch-ready-prod-app");
  secrets.delete("appRoleName");
  secrets.set("appRole", doc.createNode(appRole));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-app-role-")), "Pulumi.prod.yaml");
  fs.writeFileSync(file, doc.toString());
  return file;
}

describe("the prod stack with secrets.appRole (Vercel)", () => {
  let result: RenderResult;
  beforeAll(async () => {
    result = await renderIsolated({ stack: "prod", configFile: prodWithCreatedRole({ trust: { host: "vercel", team: "acme", project: "members-web", environment: "production" } }) });
  }, 120_000);
  const ofType = (type: string) => result.plan.resources.filter((r) => r.type === type);

  test("creates the provider for the team issuer and a protected role trusting exactly the project's production tokens", () => {
    const [provider] = ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    expect(provider?.inputs).toEqual(expect.objectContaining({ url: "https://oidc.vercel.com/acme", clientIdLists: ["https://vercel.com/acme"] }));
    const roles = ofType("aws:iam/role:Role").filter((r) => r.inputs.name === "launch-ready-prod-app");
    expect(roles).toHaveLength(1);
    expect(roles[0]!.options.protect).toBe(true);
    const trust = JSON.parse(String(roles[0]!.inputs.assumeRolePolicy));
    expect(trust.Statement[0].Principal).toEqual({ Federated: "arn:aws:iam::000000000000:oidc-provider/oidc.vercel.com/acme" });
    expect(trust.Statement[0].Action).toBe("sts:AssumeRoleWithWebIdentity");
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "oidc.vercel.com/acme:aud": "https://vercel.com/acme", "oidc.vercel.com/acme:sub": "owner:acme:project:members-web:environment:production" },
    });
  });

  test("the secrets read policy and the webhook queue's access policy attach to the created role; no getRole lookup", () => {
    const attachments = ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === "launch-ready-prod-app");
    expect(attachments.map((a) => a.name).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/read-policy-attachment$/), expect.stringMatching(/access-policy-attachment$/)]));
  });

  test("the stack exports the created role's ARN (the host's AWS_ROLE_ARN), unknown until deploy; a named role exports null", async () => {
    expect(result.plan.outputs.appRoleArn).toBe(UNKNOWN_VALUE);
    expect((await renderedStack("prod")).plan.outputs.appRoleArn).toBeNull();
  });

  test("the prerequisites no longer list the app role and name the Vercel OIDC setting", () => {
    const items = prerequisites(result.plan);
    expect(items.map((i) => i.id)).not.toContain("app-role");
    const host = items.find((i) => i.id === "app-host-oidc");
    expect(host?.phase).toBe("before");
    expect(host?.title).toMatch(/Enable OIDC federation in Vercel .* issuer mode Team/);
  });
});
