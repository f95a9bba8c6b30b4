/**
 * Which way each policy setting protects, and the comparison of two settings objects (a plan's
 * `policySettings`, as policies/config/<stack>.json holds them) that finds where one is weaker:
 * `diff` reports each weakening a pull request makes (diff/risks/policySettings.ts). Kept beside
 * the settings derivation (plan/policySettings.ts): a new setting is classified here, once.
 */
import { allPolicies } from "../policies/definitions";

/**
 * How a setting protects:
 * - `protected-list`: members are things the pack guards; losing one is weaker.
 * - `allow-list`: members are things the pack lets through; gaining one is weaker.
 * - `floor` / `ceiling`: a number the pack requires at least / at most; lowering / raising it is weaker.
 * - `fixed`: a judgement switch (the environment); any change is a risk.
 * - `fact`: a fact of the stack (the zone, the plan) that other risks already judge; not compared.
 */
export type SettingDirection = "protected-list" | "allow-list" | "floor" | "ceiling" | "fixed" | "fact";

export interface SettingStrength {
  direction: SettingDirection;
  /** A mandatory protection of production: losing ground on it is a high risk there. */
  mandatory: boolean;
}

/** Every setting the pack's policies take (their configSchema properties), by name. */
export const SETTING_STRENGTHS: Readonly<Record<string, SettingStrength>> = {
  sensitiveHosts: { direction: "protected-list", mandatory: true },
  authRoutes: { direction: "protected-list", mandatory: true },
  declaredAuthRoutes: { direction: "protected-list", mandatory: true },
  routes: { direction: "protected-list", mandatory: true },
  webhookRoutes: { direction: "protected-list", mandatory: true },
  privatePaths: { direction: "protected-list", mandatory: true },
  sessionCookies: { direction: "protected-list", mandatory: true },
  appSessionCookies: { direction: "protected-list", mandatory: true },
  // What counts as a static asset may be cached: a wider definition caches more.
  staticExtensions: { direction: "allow-list", mandatory: false },
  staticPathPrefixes: { direction: "allow-list", mandatory: false },
  minMaxAgeSeconds: { direction: "floor", mandatory: true },
  // Addresses a WAF-guarded sensitive host must block; health checks production must keep.
  probeClientIps: { direction: "protected-list", mandatory: true },
  checks: { direction: "protected-list", mandatory: false },
  environment: { direction: "fixed", mandatory: true },
  // Lookup counts per SPF include and the vault's name root: no safe direction, any change is for review.
  includeLookups: { direction: "fixed", mandatory: false },
  pathRoot: { direction: "fixed", mandatory: false },
  zoneName: { direction: "fact", mandatory: false },
  cloudflarePlan: { direction: "fact", mandatory: false },
  dmarcRolloutUntil: { direction: "fact", mandatory: false },
  today: { direction: "fact", mandatory: false },
};

/** A pack config value ("mandatory" or {...}) as an object of settings. */
export function asSettings(value: unknown): Record<string, unknown> {
  if (typeof value === "string") return { enforcementLevel: value };
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Sorts object keys, deeply, so the written file is stable. */
export function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
}

/** Enforcement levels by strength; `remediate` enforces as much as `mandatory`. */
const LEVEL_RANK: Readonly<Record<string, number>> = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 };
export const ENFORCEMENT_LEVEL = "enforcementLevel";

/** One setting that lost ground; values are the settings' own JSON values (`undefined`: not set, the pack's default absent). */
export interface SettingWeakening {
  /** The policy name, or "all" for the level every policy takes. */
  policy: string;
  setting: string;
  before: unknown;
  after: unknown;
  /** For lists: the members lost (protected) or gained (allowed). */
  members?: unknown[];
  /** The setting is a mandatory protection (SETTING_STRENGTHS), or the policy's enforcement level. */
  mandatory: boolean;
}

export interface SettingsComparison {
  weakenings: SettingWeakening[];
  /** "<policy>.<setting>" that changed but cannot be judged (unclassified, or values of an unexpected type). */
  unjudged: string[];
}

export interface PolicyDefaults {
  /** The default enforcement level of each policy. */
  levels: Record<string, string>;
  /** The configSchema default of each policy's settings, by policy then setting. */
  settings: Record<string, Record<string, unknown>>;
}

/** The pack's own defaults, from the registry. */
export function packDefaults(): PolicyDefaults {
  const levels: Record<string, string> = {};
  const settings: Record<string, Record<string, unknown>> = {};
  for (const p of allPolicies) {
    levels[p.name] = p.enforcementLevel ?? "mandatory";
    const props = (p.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
    settings[p.name] = Object.fromEntries(Object.entries(props).flatMap(([k, v]) => (v?.default === undefined ? [] : [[k, v.default]])));
  }
  return { levels, settings };
}

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Members of `a` that `b` lacks (compared as JSON). */
function missingFrom(a: unknown[], b: unknown[]): unknown[] {
  const keep = new Set(b.map((m) => JSON.stringify(sorted(m))));
  return a.filter((m) => !keep.has(JSON.stringify(sorted(m))));
}

/** Does `before` → `after` weaken a setting of this direction? undefined: cannot be judged. */
function judge(direction: SettingDirection, before: unknown, after: unknown): { weaker: boolean; members?: unknown[] } | undefined {
  switch (direction) {
    case "fact":
      return { weaker: false };
    case "fixed":
      return { weaker: true };
    case "protected-list":
    case "allow-list": {
      const a = before === undefined ? [] : before;
      const b = after === undefined ? [] : after;
      if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
      const members = direction === "protected-list" ? missingFrom(a, b) : missingFrom(b, a);
      return { weaker: members.length > 0, members };
    }
    case "floor":
    case "ceiling": {
      if (typeof before !== "number") return before === undefined ? { weaker: false } : undefined;
      if (after === undefined) return { weaker: true };
      if (typeof after !== "number") return undefined;
      return { weaker: direction === "floor" ? after < before : after > before };
    }
  }
}

/** The level a policy is enforced at under these settings: its own, else "all", else its default. */
function levelOf(settings: Record<string, unknown>, policy: string, defaults: PolicyDefaults): unknown {
  return asSettings(settings[policy])[ENFORCEMENT_LEVEL] ?? asSettings(settings.all)[ENFORCEMENT_LEVEL] ?? defaults.levels[policy] ?? "mandatory";
}

/**
 * Where `head` settings are weaker than `base` ones, per policy and setting. A setting a side
 * lacks is the pack's default (configSchema) for it. Strengthening is not reported.
 */
export function compareSettings(
  base: Record<string, unknown>,
  head: Record<string, unknown>,
  defaults: PolicyDefaults = packDefaults(),
  strengths: Readonly<Record<string, SettingStrength>> = SETTING_STRENGTHS,
): SettingsComparison {
  const weakenings: SettingWeakening[] = [];
  const unjudged: string[] = [];
  const rank = (level: unknown) => (typeof level === "string" ? LEVEL_RANK[level] : undefined);
  const compareLevels = (policy: string, before: unknown, after: unknown) => {
    if (same(before, after)) return;
    const a = rank(before);
    const b = rank(after);
    if (a === undefined || b === undefined) unjudged.push(`${policy}.${ENFORCEMENT_LEVEL}`);
    else if (b < a) weakenings.push({ policy, setting: ENFORCEMENT_LEVEL, before, after, mandatory: true });
  };
  // No "all": each policy keeps its own default, mandatory for all but a few advisory ones.
  compareLevels("all", asSettings(base.all)[ENFORCEMENT_LEVEL] ?? "mandatory", asSettings(head.all)[ENFORCEMENT_LEVEL] ?? "mandatory");
  const policies = [...new Set([...Object.keys(base), ...Object.keys(head)])].filter((p) => p !== "all").sort();
  for (const policy of policies) {
    const a = asSettings(base[policy]);
    const b = asSettings(head[policy]);
    if ((base[policy] !== undefined && !isObject(base[policy]) && typeof base[policy] !== "string") || (head[policy] !== undefined && !isObject(head[policy]) && typeof head[policy] !== "string")) {
      if (!same(base[policy], head[policy])) unjudged.push(policy);
      continue;
    }
    // A policy's own level: judged when it is what changed (a lower "all" is reported once, above).
    if (!same(a[ENFORCEMENT_LEVEL], b[ENFORCEMENT_LEVEL])) compareLevels(policy, levelOf(base, policy, defaults), levelOf(head, policy, defaults));
    const own = defaults.settings[policy] ?? {};
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== ENFORCEMENT_LEVEL).sort();
    for (const setting of keys) {
      const before = a[setting] ?? own[setting];
      const after = b[setting] ?? own[setting];
      if (same(before, after)) continue;
      const strength = strengths[setting];
      const verdict = strength ? judge(strength.direction, before, after) : undefined;
      if (!strength || !verdict) unjudged.push(`${policy}.${setting}`);
      else if (verdict.weaker) weakenings.push({ policy, setting, before, after, ...(verdict.members ? { members: verdict.members } : {}), mandatory: strength.mandatory });
    }
  }
  return { weakenings, unjudged };
}
