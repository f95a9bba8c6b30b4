/**
 * `diff` runs on a PR's two plan files: it must load neither the Pulumi SDK nor the policy pack's
 * runtime (seconds of start-up). Its guard-weakened risks reuse the pack's plain guard definitions,
 * so this watches that nothing on that path pulls @pulumi/* in again (e.g. a module-level hook).
 */
const loaded: string[] = [];
const WATCHED = ["@pulumi/pulumi", "@pulumi/policy", "@pulumi/policy/deserialize", "@pulumi/cloudflare", "@pulumi/aws"];

beforeAll(() => {
  for (const name of WATCHED) {
    jest.doMock(name, () => {
      loaded.push(name);
      return {};
    });
  }
});

// The folder's other files share this module registry (test/support/folderSuite.ts).
afterAll(() => {
  for (const name of WATCHED) jest.dontMock(name);
});

test("loading diff and its guard risks requires no @pulumi package", () => {
  jest.isolateModules(() => {
    require("../../diff");
    require("../../diff/risks/guards");
  });
  expect(loaded).toEqual([]);
});

test("the pack's registry still installs the secret-path hook through @pulumi/policy", () => {
  jest.isolateModules(() => {
    require("../../policies/registry");
  });
  expect(loaded).toContain("@pulumi/policy/deserialize");
});
