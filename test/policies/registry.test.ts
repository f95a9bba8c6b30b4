/** Unit checks on the policy objects (no server: PolicyPack is never constructed here). */
import { checkMeta, type PackPolicy } from "../../policies/policy";
import { allPolicies, registerPolicies } from "../../policies/registry";
import { zoneSslStrict } from "../../policies/zone";

describe("the pack's policy list", () => {
  test("is pinned: adding, renaming or dropping a policy must update this list", () => {
    expect(allPolicies.map((p) => p.name)).toEqual([
      "zone-ssl-encrypts-origin",
      "zone-ssl-strict",
      "zone-always-use-https",
      "zone-min-tls-1-2",
      "zone-hsts-enabled",
      "zone-hsts-prod-max-age",
      "zone-settings-present",
      "zone-ssl-strict-in-prod",
      "zone-caa-allows-edge-issuer",
      "dns-proxied-ttl-auto",
      "dns-unproxied-ttl-range",
      "dns-no-private-targets",
      "dns-sensitive-hosts-proxied",
      "dns-names-in-zone",
      "dns-cname-exclusive",
      "dns-sensitive-origin-hidden",
      "sensitive-hosts-restricted",
      "access-policy-admits-named-people",
      "access-session-bounded",
      "waf-allow-list-narrow",
      "edge-one-ruleset-per-phase",
      "edge-rules-have-refs",
      "edge-rule-budget",
      "edge-rate-limits-cover-routes",
      "edge-rate-limits-strict",
      "edge-cache-never-private",
      "edge-redirects-keep-query",
      "edge-redirects-no-loop",
      "edge-redirects-safe-target",
      "email-spf-single-record",
      "email-spf-no-permissive-all",
      "email-spf-lookup-limit",
      "email-dmarc-present",
      "email-dmarc-enforced-in-prod",
      "email-dmarc-rua-mailto",
      "email-dkim-key-strength",
      "email-spf-no-broad-ranges",
      "secret-version-value-is-secret",
      "no-plaintext-credentials",
      "secrets-prod-customer-managed-key",
      "secrets-prod-recovery-window",
      "secrets-in-environment-path",
      "iam-web-identity-trust-exact-subject",
      "uptime-health-checks-present",
      "uptime-alarms-have-actions",
      "uptime-alerts-reach-someone",
      "uptime-alerts-over-https",
      "prod-critical-resources-protected",
    ]);
  });

  test("every policy carries the metadata the conventions ask for", () => {
    for (const p of allPolicies) {
      expect(() => checkMeta(p)).not.toThrow();
      expect(["low", "medium", "high", "critical"]).toContain(p.severity);
      expect(p.remediationSteps).toBe(p.remediation);
    }
  });

  test("the advisory policies are exactly the ones the issue calls advisory", () => {
    expect(allPolicies.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name)).toEqual([
      "zone-ssl-strict",
      "zone-hsts-prod-max-age",
      "prod-critical-resources-protected",
    ]);
  });
});

describe("registerPolicies", () => {
  test("refuses a duplicate name", () => {
    expect(() => registerPolicies([zoneSslStrict], [{ ...zoneSslStrict } as PackPolicy])).toThrow('policy name "zone-ssl-strict" is registered twice');
  });
});

describe("checkMeta", () => {
  const base = { name: "ok-name", description: "Checks whether it works.", severity: "low" as const, remediation: "Do it." };
  test.each([
    [{ ...base, name: "Not_Kebab" }, /must be kebab-case/],
    [{ ...base, description: "Ensures things." }, /must start with "Checks whether "/],
    [{ ...base, remediation: " " }, /remediation must say what to change/],
    [{ ...base, configSchema: { properties: { enforcementLevel: { type: "string" as const } } } }, /must not declare enforcementLevel/],
  ])("rejects bad metadata %#", (meta, message) => {
    expect(() => checkMeta(meta)).toThrow(message);
  });
});
