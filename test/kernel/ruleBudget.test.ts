import { RULE_LIMITS } from "../../components/constants/cloudflare";
import { cloudflarePlanOf, isEdgePhase, isOverBudget, phaseBudget, ruleLimit, smallestPlanAllowingMoreThan } from "../../kernel/ruleBudget";

describe("rule budget", () => {
  test("the limit of a phase on a plan is the dated table's", () => {
    expect(ruleLimit("http_ratelimit", "free")).toBe(RULE_LIMITS.http_ratelimit.free);
    expect(phaseBudget("http_request_dynamic_redirect", 3, "pro")).toEqual({ phase: "http_request_dynamic_redirect", used: 3, limit: RULE_LIMITS.http_request_dynamic_redirect.pro });
  });

  test("over budget only above the limit", () => {
    expect(isOverBudget({ used: 1, limit: 1 })).toBe(false);
    expect(isOverBudget({ used: 2, limit: 1 })).toBe(true);
  });

  test("the smallest plan with room, or none", () => {
    const free = ruleLimit("http_ratelimit", "free");
    expect(smallestPlanAllowingMoreThan("http_ratelimit", free - 1)).toBe("free");
    expect(smallestPlanAllowingMoreThan("http_ratelimit", free)).not.toBe("free");
    expect(smallestPlanAllowingMoreThan("http_ratelimit", 1e6)).toBeUndefined();
  });

  test("an unknown or missing plan is the smallest budget; phases are the edge's", () => {
    expect(cloudflarePlanOf("business")).toBe("business");
    expect(cloudflarePlanOf("gold")).toBe("free");
    expect(cloudflarePlanOf(undefined)).toBe("free");
    expect(isEdgePhase("http_ratelimit")).toBe(true);
    expect(isEdgePhase("http_request_firewall_managed")).toBe(false);
  });
});
