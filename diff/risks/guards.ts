/**
 * Guards weakened while they stay in place (issue 18): the same judgements the policy pack makes
 * (policies/guards.ts: an Access policy that admits anyone, an allow-list as wide as the internet,
 * an auth rate limit too high to matter, an open or downgrading redirect, a CAA set without
 * Cloudflare's CAs, a sensitive origin published unproxied, broad SPF ranges, alerts over http),
 * run on both plans: a finding the head has and the base had not is a risk the PR introduces.
 * The policies' own definitions run here, so diff and pack never disagree on what is weak.
 */
import { declaredAuthRoutes } from "../../components/guards";
import { SENSITIVE_HOST_LABELS } from "../../components/constants/cloudflare";
import { GUARD_DEFINITIONS } from "../../policies/guards";
import type { ResourceView } from "../../policies/policy";
import { UNKNOWN_SENTINELS } from "../../policies/wire";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_PLACEHOLDER, type Plan } from "../../plan/types";
import type { Risk } from "../types";
import type { RiskContext, RiskRule } from "./context";
import { sensitiveHosts } from "./access";

const UNKNOWN = [...UNKNOWN_SENTINELS][0]!;

/** Plan inputs as the pack sees them: secrets unwrapped (masked "[secret]" stays a string), "[unknown]" as the engine's sentinel. */
function asPackValue(value: unknown): unknown {
  if (value === UNKNOWN_PLACEHOLDER) return UNKNOWN;
  if (Array.isArray(value)) return value.map(asPackValue);
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o[SECRET_SIG_KEY] === SECRET_SIG) return asPackValue(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, asPackValue(v)]));
  }
  return value;
}

function viewsOf(plan: Plan): ResourceView[] {
  return plan.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: asPackValue(r.inputs) as Record<string, unknown>,
    secretPaths: undefined,
    protect: r.options?.protect ?? false,
    parentUrn: r.parent,
    propertyDependencies: r.propertyDependencies ?? {},
  }));
}

/** The policy settings `plan` would pass for this plan's stack (cli/commands/plan.ts policyFactsOf), from its parsed config; absent facts keep the defaults. */
function settingsOf(plan: Plan): Record<string, unknown> {
  const config = (plan.config ?? {}) as Record<string, any>;
  const settings: Record<string, unknown> = {
    zoneName: config.domain,
    environment: config.environment,
    sensitiveHosts: [...new Set([...sensitiveHosts(plan), ...SENSITIVE_HOST_LABELS])],
  };
  if (config.verify?.routes) settings.declaredAuthRoutes = declaredAuthRoutes(config as never);
  return settings;
}

interface Finding {
  policy: string;
  message: string;
  urn?: string;
}

function findings(plan: Plan): Finding[] {
  const views = viewsOf(plan);
  const settings = settingsOf(plan);
  const out: Finding[] = [];
  for (const def of GUARD_DEFINITIONS) {
    def.check(views, (message, urn) => out.push({ policy: def.name, message, urn }), { config: settings as never });
  }
  return out;
}

/**
 * New in the head: a finding on a (policy, resource) pair the base has fewer findings for. A resource
 * that was already weak and only changed its wording (a renamed policy) is not the PR's doing.
 */
export const guardRisks: RiskRule = (ctx: RiskContext) => {
  const key = (f: Finding) => `${f.policy}\u0000${f.urn ?? ""}`;
  const baseFindings = findings(ctx.base);
  const baseCount = new Map<string, number>();
  for (const f of baseFindings) baseCount.set(key(f), (baseCount.get(key(f)) ?? 0) + 1);
  const baseMessages = new Set(baseFindings.map((f) => `${key(f)}\u0000${f.message}`));
  const head = findings(ctx.head);
  const headCount = new Map<string, number>();
  for (const f of head) headCount.set(key(f), (headCount.get(key(f)) ?? 0) + 1);
  const risks: Risk[] = [];
  for (const f of head) {
    if ((headCount.get(key(f)) ?? 0) <= (baseCount.get(key(f)) ?? 0) || baseMessages.has(`${key(f)}\u0000${f.message}`)) continue;
    risks.push({ kind: "guard-weakened", severity: "high", subject: f.policy, urn: f.urn, message: f.message });
  }
  return risks;
};
