/**
 * Typed views of the resources diff and handover read from a plan. Each view keeps only what its
 * readers use and tolerates absent or unknown inputs: plans come from several versions of the
 * program, and sections (edge rules, email, monitoring) appear as their components land.
 */
import { isProductionPlanConfig } from "../../kernel/environment";
import type { Plan, PlannedResource } from "../types";
import { asArray, asRecord, knownNumber, knownString } from "./values";
import { PHASES, TYPES } from "../model/tokens";

// The type tokens and phases are the plan model's (plan/model/tokens.ts); re-exported for the readers that import them here.
export { PHASES, TYPES };

export function ofType(plan: Plan, ...types: string[]): PlannedResource[] {
  return asArray(plan.resources).filter((r): r is PlannedResource => types.includes((r as PlannedResource).type));
}

/**
 * The resources an input's value came from (the plan's property dependencies), e.g. an alarm's
 * `alarmActions` -> its topic. Empty for plans recorded before dependencies were, or when the
 * value came from no resource.
 */
export function sourcesOf(plan: Plan, resource: PlannedResource, input: string): PlannedResource[] {
  const urns = asArray(asRecord(resource.propertyDependencies)?.[input]);
  return urns.flatMap((urn) => asArray(plan.resources).filter((r): r is PlannedResource => (r as PlannedResource).urn === urn));
}

/**
 * The region a resource is managed in when the plan says so: its own `region` input (AWS
 * provider v7's resource-level region), else the region of the explicit provider it is declared
 * with. Undefined when it follows the stack's default provider (the stack's `aws:region`).
 */
export function regionOf(plan: Plan, resource: PlannedResource): string | undefined {
  const own = knownString(resource.inputs.region);
  if (own !== undefined) return own;
  const ref = resource.options?.provider;
  if (!ref) return undefined;
  // A provider reference is "<provider urn>::<provider id>".
  const urn = ref.slice(0, ref.lastIndexOf("::"));
  const provider = asArray(plan.resources).find((r): r is PlannedResource => (r as PlannedResource).urn === urn);
  return knownString(provider?.inputs.region);
}

export interface DnsRecordView {
  urn: string;
  logicalName: string;
  /** Full name ("app.example.com"); undefined when unknown before deploy (SES DKIM names). */
  name?: string;
  type?: string;
  /** Target, address or TXT content as sent to Cloudflare; undefined when unknown. */
  content?: string;
  /** Structured data (CAA, SRV...). */
  data?: Record<string, unknown>;
  proxied: boolean;
  /** 1 means automatic. */
  ttl?: number;
  priority?: number;
  protect: boolean;
  resource: PlannedResource;
}

export function dnsRecords(plan: Plan): DnsRecordView[] {
  return ofType(plan, TYPES.dnsRecord, TYPES.legacyRecord).map((r) => ({
    urn: r.urn,
    logicalName: r.name,
    name: knownString(r.inputs.name)?.toLowerCase().replace(/\.$/, ""),
    type: knownString(r.inputs.type)?.toUpperCase(),
    // v5's Record also accepted `value`, which v6 dropped.
    content: knownString(r.inputs.content) ?? knownString(r.inputs.value),
    data: asRecord(r.inputs.data),
    proxied: r.inputs.proxied === true,
    ttl: knownNumber(r.inputs.ttl),
    priority: knownNumber(r.inputs.priority),
    protect: r.options?.protect === true,
    resource: r,
  }));
}

/** Zone settings by setting id (`ssl`, `min_tls_version`, `security_header`...). */
export function zoneSettings(plan: Plan): Map<string, { urn: string; value: unknown }> {
  const out = new Map<string, { urn: string; value: unknown }>();
  for (const r of ofType(plan, TYPES.zoneSetting)) {
    const id = knownString(r.inputs.settingId);
    if (id) out.set(id, { urn: r.urn, value: r.inputs.value });
  }
  return out;
}

export interface RuleView {
  /** The rule's stable identity: its `ref`, else its description, else its position. */
  key: string;
  ref?: string;
  description?: string;
  /** Undefined when unknown before deploy. */
  expression?: string;
  action?: string;
  /** Cloudflare's default is enabled. */
  enabled: boolean;
  actionParameters: Record<string, unknown>;
  ratelimit?: Record<string, unknown>;
  index: number;
}

export interface RulesetView {
  urn: string;
  logicalName: string;
  phase?: string;
  rules: RuleView[];
}

export function rulesets(plan: Plan): RulesetView[] {
  return ofType(plan, TYPES.ruleset).map((r) => ({
    urn: r.urn,
    logicalName: r.name,
    phase: knownString(r.inputs.phase),
    rules: asArray(r.inputs.rules).map((raw, index): RuleView => {
      const rule = asRecord(raw) ?? {};
      const ref = knownString(rule.ref);
      const description = knownString(rule.description);
      return {
        key: ref ?? description ?? `#${index + 1}`,
        ref,
        description,
        expression: knownString(rule.expression),
        action: knownString(rule.action),
        enabled: rule.enabled !== false,
        actionParameters: asRecord(rule.actionParameters) ?? {},
        ratelimit: asRecord(rule.ratelimit),
        index,
      };
    }),
  }));
}

/** Every rule of the phase, across rulesets (a zone has one per phase, but a plan may be wrong). */
export function rulesOfPhase(plan: Plan, phase: string): Array<RuleView & { rulesetUrn: string }> {
  return rulesets(plan)
    .filter((s) => s.phase === phase)
    .flatMap((s) => s.rules.map((r) => ({ ...r, rulesetUrn: s.urn })));
}

/** Does this plan describe production? (kernel/environment.ts: the recorded config decides.) */
export function isProductionPlan(plan: Plan): boolean {
  return isProductionPlanConfig(asRecord(plan.config), plan.stack);
}

/** The zone apex: the config's `domain`, else the shortest DNS record name. */
export function zoneApex(plan: Plan): string | undefined {
  const domain = knownString(asRecord(plan.config)?.domain);
  if (domain) return domain.toLowerCase();
  const names = dnsRecords(plan).flatMap((r) => (r.name ? [r.name] : []));
  return names.sort((a, b) => a.length - b.length)[0];
}
