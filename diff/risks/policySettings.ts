/**
 * Policy settings weakened: the head plan was judged by weaker policy settings than the base (a
 * pull request edited policies/choices.json or policies/config/<stack>.json, e.g. dropped a
 * sensitive host, an auth route or a private path, lowered the HSTS floor, or lowered a policy's
 * enforcement level). Which way a setting protects is plan/policySettingsStrength.ts's judgement.
 * A plan without its settings (an older plan, or one run with --no-policies) is a note, not an error.
 */
import { isProductionPlan } from "../../plan/read/resources";
import { compareSettings, type SettingWeakening } from "../../plan/policySettingsStrength";
import type { Risk } from "../types";
import type { RiskContext, RiskRule } from "./context";

/** A setting's value for a sentence: JSON, or "unset (the pack's default)". */
function shown(value: unknown): string {
  return value === undefined ? "unset (no default)" : JSON.stringify(value);
}

function sentence(w: SettingWeakening): string {
  const where = w.policy === "all" ? "The enforcement level of every policy (\"all\")" : `Policy ${w.policy}, setting ${w.setting},`;
  const members = w.members?.length ? ` (${w.setting === "staticExtensions" || w.setting === "staticPathPrefixes" ? "now allowed" : "no longer protected"}: ${w.members.map((m) => JSON.stringify(m)).join(", ")})` : "";
  return `${where} is weakened: ${shown(w.before)} → ${shown(w.after)}${members}.`;
}

export const policySettingsRisks: RiskRule = (ctx: RiskContext) => {
  const missing = [ctx.base.policySettings === undefined ? "base" : "", ctx.head.policySettings === undefined ? "head" : ""].filter(Boolean);
  if (missing.length > 0) {
    ctx.note(`The ${missing.join(" and ")} plan carries no policy settings (written before plans recorded them, or with --no-policies): policy settings were not compared.`);
    return [];
  }
  const { weakenings, unjudged } = compareSettings(ctx.base.policySettings!, ctx.head.policySettings!);
  for (const u of unjudged) ctx.note(`Policy setting ${u} changed in a way diff cannot judge: review it by hand.`);
  const production = isProductionPlan(ctx.head) || isProductionPlan(ctx.base);
  return weakenings.map(
    (w): Risk => ({
      kind: "policy-settings-weakened",
      severity: production && w.mandatory ? "high" : "medium",
      subject: w.policy === "all" ? "all" : `${w.policy}.${w.setting}`,
      message: sentence(w),
    }),
  );
};
