import { breakPlan, resourceNamed, usePolicyPack } from "./harness";

const pack = usePolicyPack();
const unprotect = (name: string) => breakPlan((p) => (resourceNamed(p, name).options.protect = false));

describe("prod-critical-resources-protected", () => {
  test.each(["setting-ssl", "app-cname", "stripe-key", "secrets-key"])("an unprotected %s in prod is an advisory violation", async (name) => {
    const plan = unprotect(name);
    expect(await pack.analyze(plan)).toEqual([
      expect.objectContaining({ policyName: "prod-critical-resources-protected", enforcementLevel: "advisory", urn: resourceNamed(plan, name).urn }),
    ]);
  });

  test("outside prod (environment from policy config) it is not checked", async () => {
    const config = { "prod-critical-resources-protected": { environment: "staging" }, "dns-names-in-zone": { zoneName: "example.com" } };
    expect(await pack.analyze(unprotect("app-cname"), config)).toEqual([]);
  });

  test("a stack can make it mandatory", async () => {
    const config = { "prod-critical-resources-protected": { enforcementLevel: "mandatory" }, "dns-names-in-zone": { zoneName: "example.com" } };
    expect((await pack.analyze(unprotect("secrets-key"), config)).map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });

  test("types outside the list are not judged", async () => {
    expect(await pack.analyze(unprotect("stripe-key-version"))).toEqual([]);
  });
});
