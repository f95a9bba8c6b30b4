import { basePlan, expectNoLeak, headFrom, plantSecrets, remove, res, riskySection, risksOf, run } from "../helpers";

const hstsOf = (plan: ReturnType<typeof basePlan>) => (res(plan, "setting-security_header").inputs.value as { strict_transport_security: Record<string, unknown> }).strict_transport_security;

describe("SSL/TLS/HSTS downgrades", () => {
  test.each([
    ["strict to full", "setting-ssl", "full", "SSL mode is lowered from strict to full"],
    ["strict to flexible", "setting-ssl", "flexible", "SSL mode is lowered from strict to flexible"],
    ["minimum TLS 1.2 to 1.0", "setting-min_tls_version", "1.0", "Minimum TLS version is lowered from 1.2 to 1.0."],
    ["TLS 1.3 off", "setting-tls_1_3", "off", "Zone setting tls_1_3 is turned off (was on)."],
    ["Always Use HTTPS off", "setting-always_use_https", "off", "Zone setting always_use_https is turned off (was on)."],
    ["Automatic HTTPS Rewrites off", "setting-automatic_https_rewrites", "off", "Zone setting automatic_https_rewrites is turned off (was on)."],
  ])("%s", (_label, setting, value, message) => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      res(h, setting).inputs.value = value;
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "tls-downgrade").map((x) => x.message)).toEqual([expect.stringContaining(message)]);
    expect(riskySection(r.markdown)).toContain(`**SSL/TLS/HSTS downgrade**: ${message}`);
    expectNoLeak(r, secrets);
  });

  test.each([
    ["HSTS disabled", { enabled: false }, "HSTS is disabled"],
    ["max-age lowered", { max_age: 86400 }, "HSTS max-age is lowered from 31536000 to 86400 seconds."],
    ["includeSubDomains off", { include_subdomains: false }, "HSTS includeSubDomains is turned off"],
    ["nosniff off", { nosniff: false }, "no longer sends X-Content-Type-Options: nosniff"],
  ])("%s", (_label, patch, message) => {
    const base = basePlan();
    const head = headFrom(base, (h) => Object.assign(hstsOf(h), patch));
    expect(risksOf(run(base, head), "tls-downgrade").map((x) => x.message)).toEqual([expect.stringContaining(message)]);
  });

  test("HSTS preload turned off is a downgrade", () => {
    const base = headFrom(basePlan(), (b) => Object.assign(hstsOf(b), { preload: true }));
    const head = headFrom(base, (h) => Object.assign(hstsOf(h), { preload: false }));
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "tls-downgrade")).toEqual([expect.objectContaining({ subject: "hsts", message: "HSTS preload is turned off." })]);
    expect(riskySection(r.markdown)).toContain("**SSL/TLS/HSTS downgrade**: HSTS preload is turned off.");
    expectNoLeak(r, secrets);
  });

  test("HSTS preload dropped from the header (no longer set at all) is a downgrade too", () => {
    const base = headFrom(basePlan(), (b) => Object.assign(hstsOf(b), { preload: true }));
    const head = headFrom(base, (h) => delete hstsOf(h).preload);
    expect(risksOf(run(base, head), "tls-downgrade").map((x) => x.message)).toEqual(["HSTS preload is turned off."]);
  });

  test("a setting the head no longer manages is a downgrade", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => remove(h, "setting-min_tls_version"));
    expect(risksOf(run(base, head), "tls-downgrade")[0]?.message).toContain("Zone setting min_tls_version is no longer managed");
  });

  test("upgrades are not risky", () => {
    const base = headFrom(basePlan(), (b) => {
      res(b, "setting-ssl").inputs.value = "full";
      Object.assign(hstsOf(b), { max_age: 86400, include_subdomains: false });
    });
    const head = basePlan();
    expect(risksOf(run(base, head), "tls-downgrade")).toEqual([]);
  });
});
