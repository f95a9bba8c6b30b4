/**
 * What two stacks' plans are compared on: each plan becomes a list of facets (a host, a redirect,
 * a rate limit, a cache rule, a header rule, a mail record, a secret, a health check...), keyed so
 * that the same thing in staging and prod gets the same key, with its values in a comparable form:
 * the stack's domain written `<domain>`, its environment name `<env>`, and ids that are per stack
 * by nature (zone, account, ARNs unknown before deploy) left out.
 *
 * Differences the environment rules explain are kept apart (`aside`), by rule, so the drift report
 * can say what it set aside and why. The rules are listed once, in ENVIRONMENT_RULES.
 */
import type { Plan, PlannedResource } from "../plan/types";
import { accessApps } from "../plan/read/edge";
import { mailRecords, webRecords } from "../plan/read/mail";
import { dnsRecords, ofType, PHASES, rulesets, TYPES } from "../plan/read/resources";
import { asRecord, isUnknown, knownString } from "../plan/read/values";
import { txtText } from "../kernel/txt";

/** Differences between environments that the stack's own rules declare, so they are not drift. */
export const ENVIRONMENT_RULES = {
  "hsts-max-age": "HSTS max-age: production holds at least six months; other environments may roll it out shorter",
  "dmarc-rollout": "DMARC policy (p, sp): enforced in production; other environments may publish a weaker, dated rollout step",
  protect: "protect: on in production, off elsewhere (the options are not compared at all)",
  retention: "retention: secret recovery windows and key deletion windows follow the environment (30 days in production)",
  "per-domain-keys": "DKIM keys: each domain has its own key pair, so the key values differ; the selectors are compared",
  "environment-origin": "origins: each environment serves its own deployment (an origin that differs only by the environment's name)",
  "paired-stacks": "the pair's own wiring: one stack's zone authorizes DMARC reports sent by the other (email.dmarc.acceptReportsFor)",
} as const;
export type EnvironmentRule = keyof typeof ENVIRONMENT_RULES;

export type FacetKind =
  | "setting"
  | "zone-setting"
  | "host"
  | "dns-record"
  | "mail-record"
  | "redirect"
  | "rate-limit"
  | "waf-rule"
  | "cache-rule"
  | "header-rule"
  | "access"
  | "secret"
  | "health-check"
  | "resource";

export interface Facet {
  kind: FacetKind;
  /** Identity within its kind, the same for the same thing in both stacks ("app", "_dmarc", "login-rate-limit"). */
  key: string;
  /** What is compared, normalized. */
  value: unknown;
  /** Values set aside by an environment rule, compared only to report what was set aside. */
  aside: Partial<Record<EnvironmentRule, unknown>>;
  /** A facet that may exist in one stack only, for this reason. */
  aloneBecause?: EnvironmentRule;
}

/** The facts of a plan the normalization needs. */
export interface PlanIdentity {
  stack: string;
  domain: string;
  environment: string;
}

export function identityOf(plan: Plan): PlanIdentity {
  const config = asRecord(plan.config) ?? {};
  return {
    stack: plan.stack,
    domain: (knownString(config.domain) ?? "").toLowerCase(),
    environment: knownString(config.environment) ?? plan.stack,
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Writes the stack's domain as `<domain>` and its environment name as `<env>`, in any string at
 * any depth. The other stack's domain counts as `<domain>` too: staging sending its DMARC reports
 * or its alerts to an address at the prod domain uses the same mailbox as prod does.
 */
export function normalizer(identity: PlanIdentity, otherDomains: readonly string[] = []): (value: unknown) => unknown {
  const replacements: Array<[RegExp, string]> = [];
  // Longest first: "staging.example.com" before "example.com".
  for (const domain of [identity.domain, ...otherDomains].filter(Boolean).sort((a, b) => b.length - a.length)) {
    replacements.push([new RegExp(escapeRegExp(domain), "gi"), "<domain>"]);
    replacements.push([new RegExp(escapeRegExp(domain.replace(/\./g, "-")), "gi"), "<domain>"]);
  }
  // Whole words only: "prod" in "launch-ready-prod-alerts", never in "product".
  if (identity.environment) replacements.push([new RegExp(`(?<![a-z0-9])${escapeRegExp(identity.environment)}(?![a-z0-9])`, "gi"), "<env>"]);
  const text = (s: string) => replacements.reduce((acc, [re, to]) => acc.replace(re, to), s);
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return isUnknown(value) ? "(known after deploy)" : text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        // Per stack by nature: which zone and account, and which resource (ids known after deploy).
        if (PER_STACK_KEYS.has(k)) continue;
        out[k] = walk(v);
      }
      return out;
    }
    return value;
  };
  return walk;
}

const PER_STACK_KEYS = new Set(["zoneId", "accountId", "targetKeyId", "kmsKeyId", "secretId", "topic", "topicArn", "alarmActions", "okActions", "insufficientDataActions", "policyArn", "policy", "healthCheckId", "comment"]);

/** A name inside the zone, relative to the apex ("@" for the apex itself). */
function relative(name: string | undefined, domain: string): string {
  if (!name) return "(known after deploy)";
  if (name === domain) return "@";
  return name.endsWith(`.${domain}`) ? name.slice(0, -(domain.length + 1)) : name;
}

/** An origin with the environment's name taken out ("example-web-staging.vercel.app" -> "example-web.vercel.app"). */
function withoutEnvironment(target: string, environment: string): string {
  return target.replace(new RegExp(`[-.]?(?<![a-z0-9])${escapeRegExp(environment)}(?![a-z0-9])`, "gi"), "");
}

const PHASE_KINDS: Record<string, FacetKind> = {
  [PHASES.redirect]: "redirect",
  [PHASES.rateLimit]: "rate-limit",
  [PHASES.waf]: "waf-rule",
  [PHASES.cache]: "cache-rule",
  [PHASES.headers]: "header-rule",
};

/** Every facet of a plan. */
export function facetsOf(plan: Plan, otherDomains: readonly string[] = []): Facet[] {
  const id = identityOf(plan);
  const norm = normalizer(id, otherDomains);
  const facets: Facet[] = [];
  const covered = new Set<string>();
  const add = (kind: FacetKind, key: string, value: unknown, aside: Facet["aside"] = {}, resources: PlannedResource[] = [], aloneBecause?: EnvironmentRule) => {
    facets.push({ kind, key: String(norm(key)), value: norm(value), aside: norm(aside) as Facet["aside"], ...(aloneBecause ? { aloneBecause } : {}) });
    for (const r of resources) covered.add(r.urn);
  };

  const config = asRecord(plan.config) ?? {};
  for (const key of ["cloudflarePlan", "canonicalHost", "dnssec"]) if (config[key] !== undefined) add("setting", key, config[key]);

  for (const r of ofType(plan, TYPES.zoneSetting)) {
    const settingId = knownString(r.inputs.settingId) ?? r.name;
    const value = asRecord(r.inputs.value);
    const hsts = asRecord(value?.strict_transport_security);
    if (hsts && "max_age" in hsts) {
      const { max_age: maxAge, ...rest } = hsts;
      add("zone-setting", settingId, { ...value, strict_transport_security: rest }, { "hsts-max-age": maxAge }, [r]);
    } else {
      add("zone-setting", settingId, r.inputs.value, {}, [r]);
    }
  }

  const mail = mailRecords(plan);
  const mailUrns = new Set(mail.map((m) => m.urn));
  for (const m of mail) {
    const name = relative(m.name ?? m.identityDomain, id.domain);
    const text = m.type === "TXT" && m.content !== undefined ? txtText(m.content) : m.content;
    const aside: Facet["aside"] = {};
    let content: unknown = text;
    if (m.purpose === "dmarc" && text) {
      const tags = text.split(";").map((t) => t.trim()).filter(Boolean);
      const policyTags = tags.filter((t) => /^s?p=/i.test(t));
      content = tags.filter((t) => !/^s?p=/i.test(t)).join("; ");
      aside["dmarc-rollout"] = policyTags.join("; ");
    } else if (m.purpose === "dkim" && m.type === "TXT") {
      content = "(a DKIM key)";
      aside["per-domain-keys"] = text;
    } else if (m.purpose === "mta-sts") {
      // The id changes with the policy text, which names the domain's own MX hosts.
      content = text?.replace(/id=[^;]*/i, "id=(per policy)");
    }
    // MX records at one name are several: the target is part of the identity.
    const key = `${m.purpose} ${m.type ?? ""} ${name}${m.type === "MX" ? ` ${m.content ?? ""}` : ""}`;
    const forPairedStack = m.purpose === "dmarc-report-auth" && otherDomains.some((d) => m.name?.startsWith(`${d}._report._dmarc.`));
    add("mail-record", key, { content, ...(m.priority !== undefined ? { priority: m.priority } : {}), ttl: m.ttl }, aside, [m.resource], forPairedStack ? "paired-stacks" : undefined);
  }

  const web = webRecords(plan);
  const webUrns = new Set(web.map((w) => w.urn));
  for (const w of web) {
    const origin = w.content ?? "(known after deploy)";
    const stripped = withoutEnvironment(origin, id.environment);
    add("host", `${relative(w.name, id.domain)} ${w.type ?? ""}`, { origin: stripped, proxied: w.proxied, ttl: w.ttl }, { "environment-origin": origin }, [w.resource]);
  }
  for (const r of dnsRecords(plan)) {
    if (mailUrns.has(r.urn) || webUrns.has(r.urn)) continue;
    add("dns-record", `${r.type ?? ""} ${relative(r.name, id.domain)} ${r.content ?? JSON.stringify(r.data ?? {})}`, { ttl: r.ttl, proxied: r.proxied }, {}, [r.resource]);
  }

  for (const set of rulesets(plan)) {
    const kind: FacetKind = (set.phase ? PHASE_KINDS[set.phase] : undefined) ?? "waf-rule";
    for (const rule of set.rules) {
      add(kind, rule.ref ?? rule.description ?? rule.key, {
        description: rule.description,
        expression: rule.expression,
        action: rule.action,
        enabled: rule.enabled,
        actionParameters: rule.actionParameters,
        ...(rule.ratelimit ? { ratelimit: rule.ratelimit } : {}),
      });
    }
    covered.add(set.urn);
  }

  for (const app of accessApps(plan)) {
    add("access", relative(app.domain, id.domain), { type: app.type, sessionDuration: app.sessionDuration });
    covered.add(app.urn);
  }

  for (const r of ofType(plan, TYPES.secret)) {
    const { recoveryWindowInDays, name, ...rest } = r.inputs;
    add("secret", knownString(name) ?? r.name, rest, { retention: recoveryWindowInDays }, [r]);
  }
  for (const r of ofType(plan, TYPES.kmsKey)) {
    const { deletionWindowInDays, ...rest } = r.inputs;
    add("resource", `${r.type} ${r.name}`, rest, { retention: deletionWindowInDays }, [r]);
  }

  for (const r of ofType(plan, TYPES.healthCheck, TYPES.cloudflareHealthcheck)) {
    const { fqdn, address, ...rest } = r.inputs;
    const host = knownString(fqdn) ?? knownString(address);
    add("health-check", r.name, { host: host ? relative(host.toLowerCase(), id.domain) : undefined, ...rest }, {}, [r]);
  }

  // Everything else the stack declares: present in both or not, and its inputs.
  for (const r of plan.resources) {
    if (!r.custom || covered.has(r.urn) || r.type === TYPES.secretVersion || r.type.startsWith("pulumi:providers:")) continue;
    add("resource", `${r.type} ${r.name}`, r.inputs, {}, [r]);
  }
  return facets;
}
