import { PROD_POLICY_CONFIG, ZONE_ID, breakPlan, byPolicy, happyPlan, resourceNamed, usePolicyPack, zoneSetting } from "./harness";

const pack = usePolicyPack();
const hsts = (sts: Record<string, unknown>) => ({ strict_transport_security: sts });

describe("happy path", () => {
  test("the prod plan has no violations at any level", async () => {
    expect(await pack.analyze(happyPlan())).toEqual([]);
  });
});

describe("zone-ssl-encrypts-origin and zone-ssl-strict", () => {
  test.each(["off", "flexible"])("ssl %s is a mandatory violation of zone-ssl-encrypts-origin only", async (mode) => {
    const plan = breakPlan((p) => (resourceNamed(p, "setting-ssl").inputs.value = mode));
    const v = await pack.analyze(plan);
    expect(byPolicy(v, "zone-ssl-encrypts-origin")).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", severity: "critical", urn: resourceNamed(plan, "setting-ssl").urn, message: `SSL mode "${mode}" must be "strict" (or at least "full").` }),
    ]);
    expect(byPolicy(v, "zone-ssl-strict")).toEqual([]);
  });

  test("ssl full is an advisory violation of zone-ssl-strict, and mandatory only in production", async () => {
    const plan = breakPlan((p) => (resourceNamed(p, "setting-ssl").inputs.value = "full"));
    const v = await pack.analyze(plan);
    expect(v.map((x) => [x.policyName, x.enforcementLevel])).toEqual([
      ["zone-ssl-strict", "advisory"],
      ["zone-ssl-strict-in-prod", "mandatory"],
    ]);
    expect(v[0]!.remediation).toMatch(/strict/);
    const staging = await pack.analyze(plan, { ...PROD_POLICY_CONFIG, "zone-ssl-strict-in-prod": { environment: "staging" } });
    expect(staging.map((x) => [x.policyName, x.enforcementLevel])).toEqual([["zone-ssl-strict", "advisory"]]);
  });
});

describe("zone-always-use-https", () => {
  test("off is a violation", async () => {
    const v = await pack.analyze(breakPlan((p) => (resourceNamed(p, "setting-always_use_https").inputs.value = "off")));
    expect(v.map((x) => x.policyName)).toEqual(["zone-always-use-https"]);
  });
});

describe("zone-min-tls-1-2", () => {
  test.each(["1.0", "1.1"])("%s is a violation", async (version) => {
    const v = await pack.analyze(breakPlan((p) => (resourceNamed(p, "setting-min_tls_version").inputs.value = version)));
    expect(v.map((x) => x.policyName)).toEqual(["zone-min-tls-1-2"]);
  });
  test("1.3 complies", async () => {
    expect(await pack.analyze(breakPlan((p) => (resourceNamed(p, "setting-min_tls_version").inputs.value = "1.3")))).toEqual([]);
  });
});

describe("zone-hsts-enabled and zone-hsts-prod-max-age", () => {
  const withHsts = (sts: Record<string, unknown>) => breakPlan((p) => (resourceNamed(p, "setting-security_header").inputs.value = hsts(sts)));

  test("disabled HSTS is a mandatory violation", async () => {
    const v = await pack.analyze(withHsts({ enabled: false, max_age: 31536000 }));
    expect(v.map((x) => [x.policyName, x.enforcementLevel])).toEqual([["zone-hsts-enabled", "mandatory"]]);
  });

  test("a max-age under 6 months is a mandatory violation (and the prod advisory)", async () => {
    const v = await pack.analyze(withHsts({ enabled: true, max_age: 86400 }));
    expect(v.map((x) => [x.policyName, x.enforcementLevel]).sort()).toEqual([
      ["zone-hsts-enabled", "mandatory"],
      ["zone-hsts-prod-max-age", "advisory"],
    ]);
  });

  test("6 months passes the floor but is advisory in prod", async () => {
    const v = await pack.analyze(withHsts({ enabled: true, max_age: 15552000 }));
    expect(v.map((x) => [x.policyName, x.enforcementLevel])).toEqual([["zone-hsts-prod-max-age", "advisory"]]);
  });

  test("6 months is fine outside prod (environment from policy config)", async () => {
    const config = { "zone-hsts-prod-max-age": { environment: "staging" }, "prod-critical-resources-protected": { environment: "staging" }, "dns-names-in-zone": { zoneName: "example.com" } };
    expect(await pack.analyze(withHsts({ enabled: true, max_age: 15552000 }), config)).toEqual([]);
  });

  test("a stack can lower the floor through policy config (minMaxAgeSeconds)", async () => {
    const config = { "zone-hsts-enabled": { minMaxAgeSeconds: 86400 }, "zone-hsts-prod-max-age": "disabled", "dns-names-in-zone": { zoneName: "example.com" } };
    expect(await pack.analyze(withHsts({ enabled: true, max_age: 86400 }), config)).toEqual([]);
  });
});

describe("zone-settings-present", () => {
  test("a zone without its ssl setting is a violation naming the missing setting", async () => {
    const v = await pack.analyze(breakPlan((p) => (p.resources = p.resources.filter((r) => r.name !== "setting-ssl"))));
    expect(byPolicy(v, "zone-settings-present")).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", message: `Zone zone id ${ZONE_ID} must declare the zone settings ssl.` }),
    ]);
  });

  test("a second zone referenced only by a record must declare all its settings", async () => {
    const plan = breakPlan((p) => {
      const other = zoneSetting("ssl", "strict");
      other.urn += "-other";
      other.inputs.zoneId = "0123456789abcdef0123456789abcdef";
      p.resources.push(other);
    });
    const v = byPolicy(await pack.analyze(plan), "zone-settings-present");
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toMatch(/always_use_https, min_tls_version, security_header/);
  });
});
