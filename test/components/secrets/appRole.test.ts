/** The app role is looked up at preview (an invoke): found, it is what the policy attaches to; missing, a clear RunError. */
import * as pulumi from "@pulumi/pulumi";
import { findAppRole } from "../../../components/secrets/vault";

const invokes: string[] = [];
// In beforeAll: the folder's files load together (test/support/folderSuite.ts).
beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        invokes.push(`${args.token} ${args.inputs.name}`);
        if (args.token === "aws:iam/getRole:getRole" && args.inputs.name === "missing-role") throw new Error("NoSuchEntity: The role with name missing-role cannot be found.");
        return { name: args.inputs.name, arn: `arn:aws:iam::123456789012:role/${args.inputs.name}` };
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


test("an existing role is found through aws.iam.getRole and yields its name and ARN", async () => {
  const role = await findAppRole("launch-ready-prod-app", new Holder("a"));
  expect(role).toEqual({ name: "launch-ready-prod-app", arn: "arn:aws:iam::123456789012:role/launch-ready-prod-app" });
  expect(invokes).toContain("aws:iam/getRole:getRole launch-ready-prod-app");
});

test("a missing role stops the preview with a RunError that names the key, the role and what to do", async () => {
  const error = await findAppRole("missing-role", new Holder("b")).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(pulumi.RunError.isInstance(error)).toBe(true);
  expect((error as Error).message).toMatch(/^secrets\.appRoleName: the IAM role "missing-role" was not found in the deploy account \(.+\); create it first .* or set secrets\.appRoleName to an existing role/);
});
