/**
 * `cloudflare:index/ruleset:Ruleset`: the ruleset's own fields against the SDK's create params,
 * each rule against the SDK's type for its action (RedirectRule, BlockRule, SetCacheSettingsRule,
 * RewriteRule...), then the plan rules (planRules.ts) and the one-entry-point-ruleset-per-phase rule.
 */
import type { PlannedResource } from "../../plan/types";
import type { ContractContext, ResourceCheck } from "../context";
import type { ContractFailure } from "../types";
import { toPlain } from "../wire";
import { toApiShape } from "./apiShape";
import { rulesetPlanFailures } from "./planRules";
import { definitionMember, schemaFailures } from "./schemaCheck";
import { cloudflareSchema } from "./schemaIndex";

const RULESET = definitionMember("CfRulesetCreate");
const RULE_UNION = cloudflareSchema.resolve(RULESET.schema).properties?.rules?.items;
if (!RULE_UNION) throw new Error("the contract schema's RulesetCreateParams has no rules[]: regenerate it");
const RULES_BY_ACTION = cloudflareSchema.membersByConst(RULE_UNION, "action");
export const RULE_ACTIONS: readonly string[] = [...RULES_BY_ACTION.keys()].sort();

export const checkRuleset: ResourceCheck = (resource, context) => {
  const { rules, ...rest } = resource.inputs;
  const failures: ContractFailure[] = schemaFailures(RULESET, rest);
  const plainRules = toPlain(rules).value;
  if (Array.isArray(plainRules)) {
    (rules as unknown[]).forEach((rule, i) => failures.push(...ruleFailures(rule, toPlain(rule).value, i)));
  }
  const shaped = toPlain(toApiShape(resource.inputs, RULESET.schema, cloudflareSchema).value).value as Record<string, unknown>;
  failures.push(...rulesetPlanFailures(shaped, context), ...samePhaseFailures(resource, context));
  return failures;
};

function ruleFailures(wire: unknown, plain: unknown, i: number): ContractFailure[] {
  if (typeof plain !== "object" || plain === null || Array.isArray(plain)) return typeof plain === "string" ? [] : [{ field: `rules[${i}]`, message: "must be a rule object" }];
  const action = (plain as Record<string, unknown>).action;
  if (action === undefined) {
    // Unknown (removed by toPlain) or absent: only absent is a failure.
    return "action" in (wire as Record<string, unknown>) ? [] : [{ field: `rules[${i}].action`, message: `is required: the rule must say what it does (one of ${RULE_ACTIONS.join(", ")})` }];
  }
  const member = typeof action === "string" ? RULES_BY_ACTION.get(action) : undefined;
  if (!member) return [{ field: `rules[${i}].action`, message: `must be one of ${RULE_ACTIONS.join(", ")}; got ${JSON.stringify(action)}` }];
  return schemaFailures(member, wire as Record<string, unknown>, { prefix: ["rules", i] });
}

/**
 * A zone has one entry-point ruleset per phase: a second Ruleset of the same phase on the same
 * zone fails on create ("A similar configuration with rules already exists"). The zone is matched
 * by its id, or by the resource the id comes from when the id is unknown before deployment.
 */
function samePhaseFailures(resource: PlannedResource, context: ContractContext): ContractFailure[] {
  const key = (r: PlannedResource): string | undefined => {
    const phase = toPlain(r.inputs.phase).value;
    if (typeof phase !== "string") return undefined;
    const zone = toPlain(r.inputs.zoneId).value;
    const zoneKey = typeof zone === "string" ? zone : r.propertyDependencies?.zoneId?.slice().sort().join(",");
    return zoneKey ? `${zoneKey}\u0000${phase}` : undefined;
  };
  const mine = key(resource);
  if (!mine) return [];
  const rulesets = context.resources.filter((r) => r.type === resource.type && key(r) === mine);
  const first = rulesets[0];
  if (!first || first.urn === resource.urn) return [];
  return [{ field: "phase", message: `a zone has one ${String(toPlain(resource.inputs.phase).value)} ruleset and ${first.name} already is it: put these rules in that ruleset` }];
}
