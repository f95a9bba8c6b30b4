/**
 * The Zero Trust organization Access needs is looked up at preview: found, the Access resources
 * take their account from it; missing (the invoke fails, or answers without a team domain), the
 * preview stops with the prerequisite named.
 */
import * as pulumi from "@pulumi/pulumi";
import { findZeroTrustOrganization, ZERO_TRUST_ORGANIZATION_INVOKE } from "../../../components/edge/zeroTrustOrganization";
import { renderedStack, renderIsolated } from "../../support/render";
import { UNKNOWN_VALUE } from "../../../plan/types";

const ACCOUNT = "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b";
const NO_TEAM = "0".repeat(32);
const FAILING = "f".repeat(32);

/** A failed invoke as the engine reports it: a gRPC error whose `details` the SDK turns into the message (runtime/invoke.js). */
const grpcError = (details: string) => Object.assign(new Error(details), { details });

// In beforeAll: the folder's files load together (test/support/folderSuite.ts), and mocks set at load
// would be replaced by the next file's before this file's tests run.
beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        if (args.token !== ZERO_TRUST_ORGANIZATION_INVOKE) return {};
        if (args.inputs.accountId === FAILING) throw grpcError("access.api.error.not_found: organization not found (404)");
        if (args.inputs.accountId === NO_TEAM) return { accountId: NO_TEAM };
        return { accountId: args.inputs.accountId, authDomain: "acme.cloudflareaccess.com" };
      },
    },
    "launch-ready",
    "prod",
    true,
  );
});

class Holder extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Holder", name, {});
  }
}

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

test("an existing organization is found by the account id", async () => {
  await expect(findZeroTrustOrganization(ACCOUNT, new Holder("a"))).resolves.toEqual({ accountId: ACCOUNT, authDomain: "acme.cloudflareaccess.com" });
});

test("a failing lookup stops the preview with a RunError naming the account, the cause and the team name to create", async () => {
  const error = await rejection(findZeroTrustOrganization(FAILING, new Holder("b")));
  expect(pulumi.RunError.isInstance(error)).toBe(true);
  expect((error as Error).message).toMatch(
    new RegExp(`^edge\\.access: no Cloudflare Zero Trust organization was found on account ${FAILING} \\(access\\.api\\.error\\.not_found: organization not found \\(404\\)\\); .*choose a team name \\(<team>\\.cloudflareaccess\\.com\\)`),
  );
});

test("an answer without a team domain counts as no organization", async () => {
  const error = await rejection(findZeroTrustOrganization(NO_TEAM, new Holder("c")));
  expect(pulumi.RunError.isInstance(error)).toBe(true);
  expect((error as Error).message).toContain(`on account ${NO_TEAM} (the account answered without a team domain)`);
});

test("the offline plan assumes the organization exists: every Access resource keeps its account id known", async () => {
  const { plan } = await renderedStack("prod");
  const access = plan.resources.filter((r) => r.type.startsWith("cloudflare:index/zeroTrustAccess"));
  expect(access.length).toBeGreaterThanOrEqual(2);
  for (const resource of access) {
    expect(resource.inputs.accountId).not.toBe(UNKNOWN_VALUE);
    expect(resource.inputs.accountId).toBe(ACCOUNT);
  }
});

test("the prod plan fails with the prerequisite when the lookup answers not found", async () => {
  const notFound = (c: { token: string }) => {
    if (c.token === ZERO_TRUST_ORGANIZATION_INVOKE) throw Object.assign(new Error("x"), { details: "organization not found" });
    return undefined;
  };
  await expect(renderIsolated({ stack: "prod", invokes: notFound })).rejects.toMatchObject({
    name: "ProgramError",
    message: expect.stringMatching(
      new RegExp(`^the Pulumi program of stack prod failed: edge\\.access: no Cloudflare Zero Trust organization was found on account ${ACCOUNT} \\(organization not found\\); Access applications need one`),
    ),
  });
});
