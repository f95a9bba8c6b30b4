/** Rules per phase of a rendered plan against the zone plan's limits. */
import { formatRuleBudget, overBudget, planRuleBudget } from "../../plan/budget";
import type { Plan } from "../../plan/types";
import type { CloudflarePlan } from "../../components/schema/context";

function planWith(cloudflarePlan: CloudflarePlan, phases: Record<string, number>): Plan {
  return {
    project: "launch-ready",
    stack: "test",
    config: { cloudflarePlan },
    outputs: {},
    resources: Object.entries(phases).map(([phase, n]) => ({
      urn: `urn:${phase}`,
      type: "cloudflare:index/ruleset:Ruleset",
      name: phase,
      custom: true,
      inputs: { phase, kind: "zone", rules: Array.from({ length: n }, (_, i) => ({ ref: `r${i}`, expression: 'http.host eq "x"' })) },
      options: { protect: false, deleteBeforeReplace: false, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] },
    })),
  };
}

describe("planRuleBudget", () => {
  it("counts rules per phase against the Free plan's limits", () => {
    expect(planRuleBudget(planWith("free", { http_request_dynamic_redirect: 3, http_ratelimit: 1 }))).toEqual([
      { phase: "http_request_dynamic_redirect", used: 3, limit: 10 },
      { phase: "http_request_firewall_custom", used: 0, limit: 5 },
      { phase: "http_ratelimit", used: 1, limit: 1 },
      { phase: "http_request_cache_settings", used: 0, limit: 10 },
      { phase: "http_response_headers_transform", used: 0, limit: 10 },
    ]);
  });

  it.each([
    ["pro", "http_ratelimit", 2],
    ["business", "http_ratelimit", 5],
    ["business", "http_request_firewall_custom", 100],
    ["enterprise", "http_request_cache_settings", 300],
  ] as Array<[CloudflarePlan, string, number]>)("uses the %s plan's limit for %s (%i)", (zonePlan, phase, limit) => {
    expect(planRuleBudget(planWith(zonePlan, {})).find((l) => l.phase === phase)!.limit).toBe(limit);
  });

  it("reports a phase over its limit with the plan and the count, and marks it in the table", () => {
    const plan = planWith("free", { http_ratelimit: 2, http_request_firewall_custom: 5 });
    expect(overBudget(plan)).toEqual(["http_ratelimit: 2 rate limiting rules, the free plan allows 1"]);
    const table = formatRuleBudget(planRuleBudget(plan), "free");
    expect(table).toMatch(/http_ratelimit\s+2 \/ 1\s+OVER/);
    expect(table).not.toMatch(/firewall_custom.*OVER/);
  });
});
