/**
 * The Edge components: one `cloudflare.Ruleset` per phase per zone (kind "zone"), and the Access
 * applications. All decisions are made by buildEdge (pure); these classes only declare resources.
 * Type tokens read launch-ready:edge:<Type>.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "../sdk/cloudflare";
import { PHASE_LABELS, type EdgePhase } from "../constants/cloudflare";
import type { StackConfig } from "../config";
import { edgeSchema, type EdgeConfig } from "../schema/edge";
import { buildEdge } from "./build";
import type { AccessAppSpec, EdgeBuild, EdgeRule, EdgeSite } from "./types";
import { accountIdWithOrganization } from "./zeroTrustOrganization";

/** The stack config as the builders see it. */
export function siteFromConfig(config: StackConfig): EdgeSite {
  const canonical = config.hosts.find((h) => h.role === "canonical")?.fqdn ?? config.domain;
  const twin = config.hosts.find((h) => h.role === "redirect")?.fqdn ?? (canonical === config.domain ? `www.${config.domain}` : config.domain);
  return {
    apex: config.domain,
    canonicalFqdn: canonical,
    redirectFqdn: twin,
    hosts: config.hosts.map(({ name, fqdn, proxied, sensitive }) => ({ name, fqdn, proxied, sensitive })),
    plan: config.cloudflarePlan,
    environment: config.environment,
    isProduction: config.isProduction,
  };
}

/** The parsed `edge` section, or its defaults when the stack file has none. */
export function edgeConfigOf(config: StackConfig): EdgeConfig {
  return edgeSchema.parse((config as Record<string, unknown>).edge ?? {});
}

interface RulesetArgs {
  zoneId: pulumi.Input<string>;
  phase: EdgePhase;
  rules: EdgeRule[];
  protect: boolean;
}

/** One zone entry-point ruleset; nothing is declared for a phase without rules. */
function declareRuleset(name: string, args: RulesetArgs, parent: pulumi.Resource): cloudflare.Ruleset | undefined {
  if (args.rules.length === 0) return undefined;
  return new cloudflare.Ruleset(
    name,
    {
      zoneId: args.zoneId,
      kind: "zone",
      phase: args.phase,
      name: `launch-ready ${PHASE_LABELS[args.phase]}`,
      description: `Managed by launch-ready (${args.phase}); edit the stack config, not the dashboard.`,
      rules: args.rules.map((r) => ({ ...r })),
    },
    { parent, protect: args.protect },
  );
}

interface PhaseArgs {
  zoneId: pulumi.Input<string>;
  rules: EdgeRule[];
  protect: boolean;
}

function phaseComponent(type: string, phase: EdgePhase) {
  return class extends pulumi.ComponentResource {
    readonly ruleset: cloudflare.Ruleset | undefined;
    constructor(name: string, args: PhaseArgs, opts?: pulumi.ComponentResourceOptions) {
      super(`launch-ready:edge:${type}`, name, {}, opts);
      this.ruleset = declareRuleset(`${name}-ruleset`, { ...args, phase }, this);
      this.registerOutputs({ refs: args.rules.map((r) => r.ref) });
    }
  };
}

/** Single Redirects: the www/apex twin and the configured permanent redirects. */
export const Redirects = phaseComponent("Redirects", "http_request_dynamic_redirect");
/** Rate limiting on the auth and webhook routes. */
export const RateLimits = phaseComponent("RateLimits", "http_ratelimit");
/** Cache rules: private requests bypass, static assets cached long. */
export const Cache = phaseComponent("Cache", "http_request_cache_settings");
/** Security response headers and CSP. */
export const Headers = phaseComponent("Headers", "http_response_headers_transform");

export interface AdminAccessArgs {
  zoneId: pulumi.Input<string>;
  environment: string;
  apps: AccessAppSpec[];
  /** The IP allow-list block rule, when configured. */
  firewallRules: EdgeRule[];
  protect: boolean;
}

/** Cloudflare Access on each sensitive host, and/or the WAF rule blocking addresses off the allow-list. */
export class AdminAccess extends pulumi.ComponentResource {
  readonly applications: cloudflare.ZeroTrustAccessApplication[] = [];
  readonly ruleset: cloudflare.Ruleset | undefined;

  constructor(name: string, args: AdminAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:edge:AdminAccess", name, {}, opts);
    const first = args.apps[0];
    if (first) {
      // The Zero Trust organization is looked up at preview (once per account): every Access
      // resource takes its accountId through the lookup, so a missing one stops the preview.
      const accounts = new Map<string, pulumi.Output<string>>();
      const accountOf = (id: string) => accounts.get(id) ?? accounts.set(id, accountIdWithOrganization(id, this)).get(id)!;
      // One reusable allow policy (Access policies live at account level; inline application
      // policies are deprecated by the provider and drift), referenced by every application.
      const includes = [
        ...first.allowedEmails.map((email) => ({ email: { email } })),
        ...(first.allowedEmailDomain ? [{ emailDomain: { domain: first.allowedEmailDomain } }] : []),
      ];
      const policy = new cloudflare.ZeroTrustAccessPolicy(
        `${name}-allow`,
        { accountId: accountOf(first.accountId), name: `launch-ready ${args.environment}: admins`, decision: "allow", includes, sessionDuration: first.sessionDuration },
        { parent: this, protect: args.protect },
      );
      for (const app of args.apps) {
        this.applications.push(
          new cloudflare.ZeroTrustAccessApplication(
            `${name}-${app.key}`,
            {
              accountId: accountOf(app.accountId),
              name: `launch-ready ${args.environment}: ${app.fqdn}`,
              type: "self_hosted",
              domain: app.fqdn,
              destinations: [{ type: "public", uri: app.fqdn }],
              sessionDuration: app.sessionDuration,
              appLauncherVisible: false,
              policies: [{ id: policy.id, precedence: 1 }],
            },
            { parent: this, protect: args.protect },
          ),
        );
      }
    }
    this.ruleset = declareRuleset(`${name}-ruleset`, { zoneId: args.zoneId, phase: "http_request_firewall_custom", rules: args.firewallRules, protect: args.protect }, this);
    this.registerOutputs({ hosts: args.apps.map((a) => a.fqdn) });
  }
}

export interface EdgeArgs {
  zoneId: pulumi.Input<string>;
  config: StackConfig;
}

/** Everything a request meets at Cloudflare's edge, from the `edge` section. */
export class Edge extends pulumi.ComponentResource {
  readonly build: EdgeBuild;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-ready:edge:Edge", name, {}, opts);
    const { config, zoneId } = args;
    const build = buildEdge(edgeConfigOf(config), siteFromConfig(config));
    // Fail closed: config.ts reports these first, but a stack without an `edge` section skips
    // that check, and an admin host without Access must never deploy.
    const errors = build.problems.filter((p) => p.level === "error");
    if (errors.length > 0) {
      throw new Error(`edge config has ${errors.length} problem(s):\n${errors.map((e) => `  launch-ready:edge${e.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}: ${e.message}`).join("\n")}`);
    }
    this.build = build;
    const protect = config.protect;
    const child = { parent: this };
    new Redirects(`${name}-redirects`, { zoneId, rules: build.rules.http_request_dynamic_redirect, protect }, child);
    new AdminAccess(`${name}-access`, { zoneId, environment: config.environment, apps: build.accessApps, firewallRules: build.rules.http_request_firewall_custom, protect }, child);
    new RateLimits(`${name}-ratelimits`, { zoneId, rules: build.rules.http_ratelimit, protect }, child);
    new Cache(`${name}-cache`, { zoneId, rules: build.rules.http_request_cache_settings, protect }, child);
    new Headers(`${name}-headers`, { zoneId, rules: build.rules.http_response_headers_transform, protect }, child);
    this.registerOutputs({ phases: Object.fromEntries(Object.entries(build.rules).map(([phase, rules]) => [phase, rules.map((r) => r.ref)])) });
  }
}
