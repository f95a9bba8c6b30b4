/** The Edge component under the offline plan: one zone Ruleset per phase, stable refs, Access on prod. */
import type { RenderResult } from "../../../plan/render";
import { byType, renderIsolated, renderedStack } from "../../support/render";
import { loadTestStack } from "../../support/stacks";

const RULESET = "cloudflare:index/ruleset:Ruleset";
/** The prod stack file's edge section, to override one key of it. */
const prodEdge = (): Record<string, unknown> => {
  const file = loadTestStack("prod");
  return structuredClone(file.raw["launch-ready:edge"]!.value as Record<string, unknown>);
};
let prod: RenderResult;
let staging: RenderResult;

beforeAll(async () => {
  prod = await renderedStack("prod");
  staging = await renderedStack("staging");
});

function refsByPhase(result: RenderResult): Record<string, string[]> {
  return Object.fromEntries(byType(result, RULESET).map((r) => [r.inputs.phase as string, (r.inputs.rules as Array<{ ref: string }>).map((x) => x.ref)]));
}

describe("Edge resources", () => {
  it("prod (Free): one zone ruleset per phase, every rule with its ref, in evaluation order", () => {
    expect(refsByPhase(prod)).toEqual({
      http_request_dynamic_redirect: ["redirect-old-pricing", "redirect-forum", "canonical-host"],
      http_ratelimit: ["ratelimit-login-signup-password-reset"],
      http_request_cache_settings: ["cache-bypass-private", "cache-static-assets"],
      http_response_headers_transform: ["security-headers", "csp-app"],
    });
    for (const r of byType(prod, RULESET)) {
      expect(r.inputs).toMatchObject({ kind: "zone" });
      expect(r.options.protect).toBe(true);
      expect(r.inputs.zoneId).toBe("3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60");
    }
  });

  it("staging (Pro): the IP allow-list rule instead of Access, two rate limiting rules, nothing protected", () => {
    expect(refsByPhase(staging)).toEqual({
      http_request_dynamic_redirect: ["redirect-old-pricing", "canonical-host"],
      http_request_firewall_custom: ["sensitive-hosts-ip-allowlist"],
      http_ratelimit: ["ratelimit-login-signup-password-reset", "ratelimit-webhooks"],
      http_request_cache_settings: ["cache-bypass-private", "cache-static-assets"],
      http_response_headers_transform: ["security-headers"],
    });
    expect(byType(staging, "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication")).toHaveLength(0);
    expect(byType(staging, RULESET).every((r) => r.options.protect === false)).toBe(true);
    const firewall = byType(staging, RULESET).find((r) => r.inputs.phase === "http_request_firewall_custom")!;
    expect((firewall.inputs.rules as Array<Record<string, unknown>>)[0]).toMatchObject({
      action: "block",
      expression: 'http.host eq "admin.example-staging.com" and not ip.src in {203.0.113.0/24 2001:db8:1::/48}',
    });
  });

  it("rate limiting rules use v6 shapes: block, IP-and-colo characteristics, the Free plan's 10 s; Free's one rule is the auth routes' at their own limit", () => {
    const rules = byType(prod, RULESET).find((r) => r.inputs.phase === "http_ratelimit")!.inputs.rules as Array<Record<string, unknown>>;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      action: "block",
      expression: 'http.request.uri.path eq "/login" or http.request.uri.path eq "/signup" or http.request.uri.path in {"/password/reset" "/forgot-password"}',
      ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 10, requestsPerPeriod: 5, mitigationTimeout: 10 },
    });
    // Pro has a second rule: webhooks get their own, at the retry-burst floor.
    const staged = byType(staging, RULESET).find((r) => r.inputs.phase === "http_ratelimit")!.inputs.rules as Array<Record<string, any>>;
    expect(staged.map((r) => [r.ref, r.ratelimit.requestsPerPeriod])).toEqual([["ratelimit-login-signup-password-reset", 10], ["ratelimit-webhooks", 1000]]);
  });

  it("puts each sensitive host of prod behind an Access application that references one allow policy", () => {
    const [policy] = byType(prod, "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy");
    expect(policy!.inputs).toMatchObject({ decision: "allow", includes: [{ emailDomain: { domain: "example.com" } }], accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b" });
    const apps = byType(prod, "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication");
    expect(apps.map((a) => a.inputs.domain)).toEqual(["admin.example.com"]);
    expect(apps[0]!.inputs).toMatchObject({ type: "self_hosted", destinations: [{ type: "public", uri: "admin.example.com" }], sessionDuration: "24h" });
    // The policy id is known only after deploy; the engine still learns the dependency.
    expect(apps[0]!.options.dependencies).toContain(policy!.urn);
  });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    ["allowedEmails: one email include per address, in order", { allowedEmails: ["ops@example.com", "founder@example.org"] }, [{ email: { email: "ops@example.com" } }, { email: { email: "founder@example.org" } }]],
    [
      "allowedEmails and allowedEmailDomain: both, addresses first",
      { allowedEmails: ["contractor@example.net"], allowedEmailDomain: "example.com" },
      [{ email: { email: "contractor@example.net" } }, { emailDomain: { domain: "example.com" } }],
    ],
  ])("builds the allow policy's includes from %s", async (_name, people, includes) => {
    const rendered = await renderIsolated({
      stack: "prod",
      overrides: { "launch-ready:edge": { value: { ...prodEdge(), access: { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", ...people } } as never, secret: false } },
    });
    const policies = byType(rendered, "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy");
    expect(policies).toHaveLength(1);
    expect(policies[0]!.inputs.includes).toEqual(includes);
    expect(policies[0]!.inputs).toMatchObject({ decision: "allow", accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b", sessionDuration: "24h" });
    // Still one application per sensitive host, tied to that policy.
    const apps = byType(rendered, "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication");
    expect(apps.map((a) => a.inputs.domain)).toEqual(["admin.example.com"]);
    expect(apps[0]!.options.dependencies).toContain(policies[0]!.urn);
  }, 60_000);

  it("names component types launch-ready:edge:<Type>", () => {
    const types = prod.plan.resources.filter((r) => !r.custom && r.type.startsWith("launch-ready:edge:")).map((r) => r.type).sort();
    expect(types).toEqual(["launch-ready:edge:AdminAccess", "launch-ready:edge:Cache", "launch-ready:edge:Edge", "launch-ready:edge:Headers", "launch-ready:edge:RateLimits", "launch-ready:edge:Redirects"]);
  });
});
