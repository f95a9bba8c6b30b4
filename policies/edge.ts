/**
 * The shape of a zone's edge rules, judged on `cloudflare.Ruleset` inputs: one entry-point
 * ruleset per phase per zone (Cloudflare refuses a second one: "A similar configuration with rules
 * already exists"), a stable `ref` on every rule (without one, every edit makes new rule ids and
 * churns the zone), and no more rules per phase than the zone's plan allows.
 */
import { PHASE_LABELS } from "../components/constants/cloudflare";
import { isEdgePhase, isOverBudget, phaseBudget } from "../kernel/ruleBudget";
import { PackPolicy, resourcePolicy, stackPolicy } from "./policy";
import { CloudflarePlanConfig, ZoneNameConfig, cloudflarePlanConfigSchema, configSchemaOf, zoneNameConfigSchema } from "./settings";
import { isZoneRuleset, phaseRules, rulesOf, zoneEdges } from "./edgeRules";
import { TYPES } from "../plan/model/tokens";


export const edgeOneRulesetPerPhase = stackPolicy<ZoneNameConfig>({
  name: "edge-one-ruleset-per-phase",
  description: "Checks whether each zone has at most one entry-point Ruleset per phase.",
  severity: "high",
  remediation:
    "Merge the rules into one cloudflare.Ruleset per phase (the edge component keeps one per phase), and make sure no other stack manages rulesets of the same zone (staging gets its own zone).",
  configSchema: zoneNameConfigSchema,
  check: (resources, report, { config }) => {
    for (const edge of zoneEdges(resources, config.zoneName)) {
      for (const [phase, rulesets] of edge.rulesets) {
        if (rulesets.length < 2) continue;
        for (const extra of rulesets.slice(1)) {
          report(
            `Zone ${edge.zone.label} must have one ${phase} ruleset, but ${rulesets.map((r) => r.name).join(", ")} all declare it; Cloudflare refuses the second.`,
            extra.urn,
          );
        }
      }
    }
  },
});

export const edgeRulesHaveRefs = resourcePolicy({
  name: "edge-rules-have-refs",
  description: "Checks whether every rule of a zone Ruleset has a stable, unique ref.",
  severity: "medium",
  remediation: "Give every rule a ref that stays the same across edits (the edge component derives it from the rule's purpose); refs must be unique within the ruleset.",
  resourceTypes: [TYPES.ruleset],
  check: (r, report) => {
    if (!isZoneRuleset(r)) return;
    const seen = new Set<string>();
    for (const rule of rulesOf(r) ?? []) {
      if (!rule.ref) report(`Rule #${rule.index + 1} of ${r.name} must have a ref, or every edit replaces its rule id.`);
      else if (seen.has(rule.ref)) report(`Rule ref ${JSON.stringify(rule.ref)} must be unique in ${r.name}, but it repeats.`);
      else seen.add(rule.ref);
    }
  },
});

export const edgeRuleBudget = stackPolicy<CloudflarePlanConfig & ZoneNameConfig>({
  name: "edge-rule-budget",
  description: "Checks whether each zone's rules per phase fit the budget of its Cloudflare plan (redirects, custom WAF, rate limiting, cache, header transforms).",
  severity: "high",
  remediation:
    "Remove or merge rules until the phase fits, or move the zone to a larger plan and set cloudflarePlan (stack config and this policy's config) to it.",
  configSchema: configSchemaOf(cloudflarePlanConfigSchema, zoneNameConfigSchema),
  check: (resources, report, { config }) => {
    const plan = config.cloudflarePlan ?? "free";
    for (const edge of zoneEdges(resources, config.zoneName)) {
      for (const [phase, rulesets] of edge.rulesets) {
        if (!isEdgePhase(phase)) continue;
        const { used, limit } = phaseBudget(phase, phaseRules(edge, phase).rules.length, plan);
        if (isOverBudget({ used, limit })) {
          report(`Zone ${edge.zone.label} declares ${used} ${PHASE_LABELS[phase]} (${phase}); the ${plan} plan allows ${limit}.`, rulesets[rulesets.length - 1]!.urn);
        }
      }
    }
  },
});

export const edgePolicies: PackPolicy[] = [edgeOneRulesetPerPhase, edgeRulesHaveRefs, edgeRuleBudget];
