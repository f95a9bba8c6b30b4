/**
 * Sensitive hosts losing their guard (severity high): an admin host is restricted either by a
 * Cloudflare Access application with its allow policies, or by a WAF custom rule that blocks every
 * address outside an allow-list. A PR that removes the application, its policy or the allow-list
 * rule, or that loosens a policy (a wider include, a dropped require or exclude, allow turned into
 * bypass), opens the host to more people than before. `options.protect` (protection.ts) is about
 * deleting resources; this is about who reaches the host.
 *
 * Access policy semantics (developers.cloudflare.com/cloudflare-one/policies/access/, checked
 * 2026-12): includes are OR'ed (one more include lets more people in), requires are AND'ed and
 * excludes subtract (dropping either lets more people in); `bypass` skips authentication and
 * `non_identity` accepts service tokens or mTLS instead of a person.
 */
import { createRequest, type HttpRequest } from "../../rules";
import type { Plan, PlannedResource } from "../../plan/types";
import { accessApps, accessHost, type AccessAppView } from "../../plan/read/edge";
import { ofType, PHASES, rulesOfPhase, sourcesOf, TYPES, type RuleView } from "../../plan/read/resources";
import { asArray, asRecord, knownString } from "../../plan/read/values";
import type { Risk } from "../types";
import type { RiskContext, RiskRule } from "./context";
import { describeRequest, filterMatches, probeRequests } from "../../plan/read/probes";

/** Addresses no allow-list of ours should hold (RFC 5737/3849 documentation ranges, outside the ones our examples use). */
export const OUTSIDER_ADDRESSES = ["198.51.100.201", "2001:db8:ffff::201"];

/** WAF actions that keep a request from reaching the origin. */
const STOPPING_ACTIONS = new Set(["block"]);

/** From loosest to strictest. */
export const ACCESS_DECISION_RANK: Record<string, number> = { bypass: 0, non_identity: 1, allow: 2, deny: 3 };

type Guarded = Array<RuleView & { rulesetUrn: string }>;

const risk = (subject: string, urn: string, message: string): Risk => ({ kind: "protection-removed", severity: "high", subject, urn, message });

/** Hosts the stack calls sensitive (config `hosts[].sensitive`) in either plan. */
export function sensitiveHosts(...plans: Plan[]): string[] {
  const out = new Set<string>();
  for (const plan of plans) {
    for (const h of asArray(asRecord(plan.config)?.hosts)) {
      const host = asRecord(h);
      const fqdn = knownString(host?.fqdn);
      if (host?.sensitive === true && fqdn) out.add(fqdn.toLowerCase());
    }
  }
  return [...out].sort();
}

/** Requests to a host from addresses outside any allow-list, on the paths the rules name. */
function outsiderProbes(hosts: string[], rules: Guarded): HttpRequest[] {
  const base = probeRequests({ expressions: rules.map((r) => r.expression), hosts, methods: ["GET"] }).filter((p) => hosts.includes(p.host));
  return base.flatMap((p) => OUTSIDER_ADDRESSES.map((clientIp) => createRequest({ url: `https://${p.host}${p.path}`, method: p.method, clientIp })));
}

/** The enabled stopping rule that stops the request, null when none does, undefined when one cannot be evaluated. */
function stoppedBy(rules: Guarded, req: HttpRequest): RuleView | null | undefined {
  for (const r of rules) {
    if (!r.enabled || !STOPPING_ACTIONS.has(r.action ?? "")) continue;
    const m = filterMatches(r.expression, req);
    if (m === undefined) return undefined;
    if (m) return r;
  }
  return null;
}

const appHosts = (apps: AccessAppView[]) => new Set(apps.map(accessHost).filter((h): h is string => h !== undefined));

/** The policies an application uses: its recorded dependencies, else every Access policy of the plan. */
function policiesOf(plan: Plan, app: PlannedResource): PlannedResource[] {
  const linked = sourcesOf(plan, app, "policies");
  return linked.length > 0 ? linked : ofType(plan, TYPES.accessPolicy);
}

/** Canonical JSON of each rule of a policy list (`includes`, `requires`, `excludes`). */
function ruleSet(policy: PlannedResource, list: string): string[] {
  return asArray(policy.inputs[list]).map((r) => JSON.stringify(sortKeys(r)));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  const rec = asRecord(v);
  return rec ? Object.fromEntries(Object.keys(rec).sort().map((k) => [k, sortKeys(rec[k])])) : v;
}

const policyName = (p: PlannedResource) => knownString(p.inputs.name) ?? p.name;

/** Loosenings of one policy, as clauses ("now also lets in {...}"). */
export function policyLoosenings(base: PlannedResource, head: PlannedResource): string[] {
  const out: string[] = [];
  const d0 = knownString(base.inputs.decision);
  const d1 = knownString(head.inputs.decision);
  const r0 = d0 === undefined ? undefined : ACCESS_DECISION_RANK[d0];
  const r1 = d1 === undefined ? undefined : ACCESS_DECISION_RANK[d1];
  if (r0 !== undefined && r1 !== undefined && r1 < r0) out.push(`its decision is ${d1} instead of ${d0}${d1 === "bypass" ? " (no sign-in at all)" : ""}`);
  const added = ruleSet(head, "includes").filter((r) => !ruleSet(base, "includes").includes(r));
  if (added.length) out.push(`it now also lets in ${added.join(", ")}`);
  for (const list of ["requires", "excludes"]) {
    const dropped = ruleSet(base, list).filter((r) => !ruleSet(head, list).includes(r));
    if (dropped.length) out.push(`it no longer ${list === "requires" ? "requires" : "excludes"} ${dropped.join(", ")}`);
  }
  return out;
}

function accessRisks(ctx: RiskContext, headStops: (host: string) => RuleView | undefined): Risk[] {
  const { base, head, matching } = ctx;
  const risks: Risk[] = [];
  const headHosts = appHosts(accessApps(head));
  const removedUrns = new Set(matching.removed.map((r) => r.urn));
  const pairOf = new Map(matching.pairs.map((p) => [p.base.urn, p.head]));

  for (const app of accessApps(base)) {
    const host = accessHost(app);
    const resource = ofType(base, TYPES.accessApplication).find((r) => r.urn === app.urn)!;
    if (host && !headHosts.has(host)) {
      const other = headStops(host);
      if (other) ctx.note(`The Access application for ${host} is removed; the WAF rule ${other.key} still blocks addresses outside its allow-list: check that this is the intended guard.`);
      else risks.push(risk(host, app.urn, `The Access application guarding ${host} ("${app.name ?? resource.name}") is removed: anyone can reach the host without signing in.`));
      continue;
    }
    for (const policy of policiesOf(base, resource)) {
      if (removedUrns.has(policy.urn)) {
        risks.push(risk(host ?? policy.name, policy.urn, `The Access policy "${policyName(policy)}" guarding ${host ?? "an Access application"} is removed: who may reach the host is no longer decided by this stack.`));
        continue;
      }
      const now = pairOf.get(policy.urn);
      const loosened = now ? policyLoosenings(policy, now) : [];
      if (loosened.length) risks.push(risk(host ?? policy.name, now!.urn, `The Access policy "${policyName(now!)}" guarding ${host ?? "an Access application"} is loosened: ${loosened.join("; ")}.`));
    }
  }
  return risks;
}

export const accessProtectionRisks: RiskRule = (ctx) => {
  const baseRules = rulesOfPhase(ctx.base, PHASES.waf);
  const headRules = rulesOfPhase(ctx.head, PHASES.waf);
  const hosts = [...new Set([...sensitiveHosts(ctx.base, ctx.head), ...appHosts(accessApps(ctx.base))])].sort();
  const probes = hosts.length ? outsiderProbes(hosts, [...baseRules, ...headRules]) : [];

  const headStops = (host: string) => {
    for (const p of probes.filter((x) => x.host === host)) {
      const r = stoppedBy(headRules, p);
      if (r) return r;
    }
    return undefined;
  };
  const risks = accessRisks(ctx, headStops);

  // Allow-list rules: requests from outside that the base stopped and the head lets through.
  // Unchanged rules cannot have lost anything (and a rule the evaluator cannot read is noted only when it changed).
  const unchanged = JSON.stringify(baseRules.map(({ rulesetUrn: _u, ...r }) => r)) === JSON.stringify(headRules.map(({ rulesetUrn: _u, ...r }) => r));
  const headAppHosts = appHosts(accessApps(ctx.head));
  const lost = new Map<string, { rule: RuleView & { rulesetUrn: string }; requests: HttpRequest[] }>();
  for (const p of unchanged ? [] : probes) {
    const before = stoppedBy(baseRules, p);
    const after = stoppedBy(headRules, p);
    if (before === undefined || after === undefined) {
      ctx.note(`A WAF custom rule guarding ${p.host} could not be evaluated: compare the allow-list rules by hand.`);
      break;
    }
    if (!before || after) continue;
    const rule = before as RuleView & { rulesetUrn: string };
    const entry = lost.get(rule.key) ?? { rule, requests: [] };
    entry.requests.push(p);
    lost.set(rule.key, entry);
  }
  for (const { rule, requests } of lost.values()) {
    const lostHosts = [...new Set(requests.map((r) => r.host))];
    const open = lostHosts.filter((h) => !headAppHosts.has(h));
    if (open.length === 0) {
      ctx.note(`The WAF rule ${rule.key} no longer blocks outside addresses on ${lostHosts.join(", ")}; an Access application guards ${lostHosts.length > 1 ? "them" : "it"} now: check that this is the intended guard.`);
      continue;
    }
    const h = headRules.find((r) => r.key === rule.key);
    const what = !h ? "is removed" : !h.enabled ? "is disabled" : !STOPPING_ACTIONS.has(h.action ?? "") ? `no longer blocks (action ${h.action})` : "no longer covers the host";
    const shown = requests.filter((r) => open.includes(r.host));
    const examples = [...new Set(shown.map((r) => `${describeRequest(r)} from ${r.clientIp}`))].slice(0, 3).join(", ");
    risks.push(risk(open.join(", "), h?.rulesetUrn ?? rule.rulesetUrn, `The WAF IP allow-list rule ${rule.key} guarding ${open.join(", ")} ${what}: requests from any address reach the host (${examples}${shown.length > 3 ? ", ..." : ""}).`));
  }
  return risks;
};
