/**
 * The policy pack's settings for a stack, derived from its stack file: the facts the stack states
 * (zone, environment, plan, sensitive hosts, routes, cookies) by the setting names the policies
 * take, merged with the hand-written policy choices (policies/choices.json). `plan` fills the
 * pack's settings from the same facts; `policy-config` writes them to policies/config/<stack>.json
 * for `pulumi preview/up --policy-pack-config`; a committed file that disagrees is refused.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackConfig } from "../components/config";
import { declaredAuthRoutes } from "../components/guards";
import { allPolicies } from "../policies/definitions";
import { asSettings, sorted } from "./policySettingsStrength";
import { PROJECT_DIR } from "./projectDir";

/** The repository's policy pack folder (settings and choices live there). */
export const POLICY_DIR = path.join(PROJECT_DIR, "policies");
/** The hand-written policy choices every generated settings file merges. */
export const CHOICES_FILE = path.join(POLICY_DIR, "choices.json");

/** The settings file of a stack, as the workflows and the README pass it to `pulumi preview/up`. */
export function settingsFileOf(stack: string, policyDir: string = POLICY_DIR): string {
  return path.join(policyDir, "config", `${stack}.json`);
}

/** The command that rewrites a stack's settings file from its stack file. */
export function regenerateCommand(stack: string): string {
  return `npm run policy-config -- --stack ${stack}`;
}

/** "POST /login" for each method of each non-disabled rate limit group among `groups`. */
function routesOf(config: StackConfig, groups: ReadonlyArray<"login" | "signup" | "passwordReset" | "webhooks">): string[] | undefined {
  const limits = config.edge?.rateLimits;
  if (!limits) return undefined;
  const routes: string[] = [];
  for (const name of groups) {
    const group = limits[name];
    if (group === false) continue;
    for (const p of group.paths) for (const method of group.methods ?? ["POST"]) routes.push(`${method} ${p}`);
  }
  return [...new Set(routes)];
}

/**
 * What the stack config states, by the names of the policy settings that take it. Durable facts
 * only: the plan's date (`today`) is added by `policyFactsOf`, at run time.
 */
export function stackFactsOf(config: StackConfig): Record<string, unknown> {
  const limits = config.edge?.rateLimits;
  const authGroups = ["login", "signup", "passwordReset"] as const;
  const cache = config.edge?.cache;
  return {
    zoneName: config.domain,
    environment: config.environment,
    cloudflarePlan: config.cloudflarePlan,
    sensitiveHosts: [...new Set(config.hosts.filter((h) => h.sensitive).map((h) => (h.name === "@" ? h.fqdn : h.name)))],
    ...(limits ? { routes: routesOf(config, authGroups), webhookRoutes: routesOf(config, ["webhooks"]) } : {}),
    ...(limits ? { authRoutes: [...new Set(authGroups.flatMap((g) => (limits[g] === false ? [] : limits[g].paths)))] } : {}),
    ...(cache ? { sessionCookies: [...cache.sessionCookies], privatePaths: [...cache.privatePaths] } : {}),
    ...(config.email?.mode === "send" && config.email.dmarc?.rollout ? { dmarcRolloutUntil: config.email.dmarc.rollout.until } : {}),
    // What the guards of issue 18 judge by: auth routes declared elsewhere, the app's own session cookies, the static-asset definition.
    declaredAuthRoutes: declaredAuthRoutes(config),
    appSessionCookies: config.verify?.sessionCookies ?? [],
    ...(cache ? { staticExtensions: [...cache.extensions], staticPathPrefixes: [...cache.pathPrefixes] } : {}),
  };
}

/**
 * The facts the pack gets at plan time: the stack's facts and `today` (YYYY-MM-DD, UTC), the
 * plan's date, against which dated steps such as a DMARC rollout are judged.
 */
export function policyFactsOf(config: StackConfig, today: string = new Date().toISOString().slice(0, 10)): Record<string, unknown> {
  return { ...stackFactsOf(config), today };
}

/** policies/choices.json: settings that are policy choices, for every stack and per stack. */
export interface PolicyChoices {
  every?: Record<string, unknown>;
  stacks?: Record<string, Record<string, unknown>>;
}

export class PolicySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicySettingsError";
  }
}

/** Reads the choices file; a missing file is no choices. */
export function readPolicyChoices(file: string = CHOICES_FILE): PolicyChoices {
  if (!fs.existsSync(file)) return {};
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicySettingsError(`${file} is not JSON (${(err as Error).message}); {"every": {<policy>: {...}}, "stacks": {"<stack>": {<policy>: {...}}}} is expected`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const problems: string[] = [];
  if (!isObject(value)) problems.push("the file: an object is expected");
  else {
    for (const key of Object.keys(value)) if (key !== "every" && key !== "stacks") problems.push(`${key}: not a known key; "every" and "stacks" are expected`);
    if (value.every !== undefined && !isObject(value.every)) problems.push("every: an object of policy settings is expected");
    if (value.stacks !== undefined && (!isObject(value.stacks) || !Object.values(value.stacks).every(isObject))) problems.push('stacks: an object such as {"staging": {<policy>: {...}}} is expected');
  }
  if (problems.length) throw new PolicySettingsError(`${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return value as PolicyChoices;
}

/** A path as the user typed it from here, or absolute when it lies outside the working folder. */
function rel(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

/**
 * The settings file's content for `stack`: each policy's settings that a stack fact fills, then
 * the choices for every stack, then this stack's own choices (later wins).
 */
export function derivePolicySettings(config: StackConfig, stack: string, choices: PolicyChoices = {}): Record<string, unknown> {
  const facts = stackFactsOf(config);
  const out: Record<string, Record<string, unknown>> = {};
  for (const policy of allPolicies) {
    const settings: Record<string, unknown> = {};
    for (const key of Object.keys(policy.configSchema?.properties ?? {})) if (facts[key] !== undefined) settings[key] = structuredClone(facts[key]);
    if (Object.keys(settings).length) out[policy.name] = settings;
  }
  for (const layer of [choices.every ?? {}, choices.stacks?.[stack] ?? {}]) {
    for (const [name, value] of Object.entries(layer)) {
      // "all" sets the level of every policy; the pack reads it as is.
      out[name] = name === "all" ? (value as Record<string, unknown>) : { ...(out[name] ?? {}), ...asSettings(value) };
    }
  }
  return sorted(out) as Record<string, unknown>;
}

/** The settings file's text: sorted keys, two-space indent, a final newline. */
export function formatPolicySettings(settings: Record<string, unknown>): string {
  return JSON.stringify(settings, null, 2) + "\n";
}

/**
 * Where a committed settings file disagrees with what its stack file derives, as
 * "<policy>.<setting>: file has X, the stack file gives Y" lines (at most `limit`); none when equal.
 */
export function settingsDifferences(committed: Record<string, unknown>, derived: Record<string, unknown>, limit = 5): string[] {
  const lines: string[] = [];
  const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));
  for (const name of [...new Set([...Object.keys(derived), ...Object.keys(committed)])].sort()) {
    const a = asSettings(committed[name]);
    const b = asSettings(derived[name]);
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
      if (JSON.stringify(sorted(a[key])) !== JSON.stringify(sorted(b[key]))) lines.push(`${name}.${key}: the file has ${show(a[key])}, the stack file gives ${show(b[key])}`);
    }
  }
  return lines.length > limit ? [...lines.slice(0, limit), `... and ${lines.length - limit} more`] : lines;
}

/** Where the project and its policy pack live (tests point these at a temporary copy). */
export interface SettingsLocation {
  projectDir: string;
  policyDir: string;
}

/** Reads a committed settings file as an object, or explains what is wrong with it. */
function readSettingsFile(file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicySettingsError(`${file} is not readable JSON (${(err as Error).message}); run \`${regenerateCommand(path.basename(file, ".json"))}\` to rewrite it`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new PolicySettingsError(`${file}: a policy config object is expected`);
  return value as Record<string, unknown>;
}

/**
 * The settings a plan of `stack` is judged by when no --policy-config is given: derived from the
 * stack config and the choices. When the stack file is the project's own Pulumi.<stack>.yaml and
 * its settings file is committed, the two must agree (`pulumi preview/up` reads the file): a stale
 * file is a PolicySettingsError naming both files, the differences and the command that fixes it.
 */
export function policySettingsForPlan(
  config: StackConfig,
  stack: string,
  stackFile: string,
  where: SettingsLocation = { projectDir: PROJECT_DIR, policyDir: POLICY_DIR },
): Record<string, unknown> {
  const derived = derivePolicySettings(config, stack, readPolicyChoices(path.join(where.policyDir, path.basename(CHOICES_FILE))));
  const committed = settingsFileOf(stack, where.policyDir);
  const ownStackFile = path.resolve(stackFile) === path.join(where.projectDir, `Pulumi.${stack}.yaml`);
  if (ownStackFile && fs.existsSync(committed)) {
    const differences = settingsDifferences(readSettingsFile(committed), derived);
    if (differences.length) {
      throw new PolicySettingsError(
        `${rel(committed)} disagrees with ${rel(stackFile)}:\n${differences.map((d) => `  ${d}`).join("\n")}\n` +
          `run \`${regenerateCommand(stack)}\` to regenerate it from the stack file (policy choices go in ${rel(path.join(where.policyDir, path.basename(CHOICES_FILE)))})`,
      );
    }
  }
  return derived;
}
