/**
 * The stack config: one zod schema for everything under the `launch-ready:` namespace, its
 * cross-field rules, and the loader that turns raw stack values into a typed, defaulted
 * `StackConfig` or a `ConfigError` listing every problem at once.
 *
 * It is the single source of truth: the Pulumi program, the offline plan and `verify` all read
 * the stack through `parseStackConfig`. Section schemas live in components/schema/.
 */
import { holdsSecureLeaf, isEncryptedLeaf, plaintextSecretPaths } from "./secretKeyNames";
import { credentialLeaves } from "../kernel/credentials";
import { SENSITIVE_HOST_LABELS } from "./constants/cloudflare";
import { z } from "zod";
import { isProductionEnvironment } from "../kernel/environment";
import { HSTS_MIN_MAX_AGE, HSTS_PRELOAD_MIN_MAX_AGE } from "../kernel/hsts";
import { coreShape, hostSchema, resolveHostName, DEFAULT_UNPROXIED_TTL, MAX_TTL, MIN_TTL } from "./schema/core";
import type { HostSummary, ReportIssue, ReportWarning, SectionContext, SectionProblems } from "./schema/context";
import { describeIssue, formatPath } from "./configErrors";
import { verifySchema } from "./schema/verify";
import { checkGuards } from "./guards";
import { edgeSchema } from "./schema/edge";
import { emailSchema, emailSenderSchema } from "./schema/email";
import { checkEmailPresetRequirements } from "./email/presetRequirements";
import { secretsSchema } from "./schema/secrets";
import { webhookQueueSchema } from "./schema/webhookQueue";
import { monitoringSchema } from "./schema/monitoring";
import { validateEdge } from "./edge/validate";
import { validateEmail } from "./email/validate";
import { validateSecrets, secretsSecretKeys } from "./secrets/validate";
import { validateWebhookQueue } from "./webhookQueue/validate";
import { validateMonitoring, monitoringSecretKeys } from "./monitoring/validate";
import { dnsSchema, checkDns, type GeneratedRecord } from "./schema/dns";
import { stackConfigSchema } from "./schema/stack";
import { buildEmailRecords } from "./email/records";

export const CONFIG_NAMESPACE = "launch-ready";

/**
 * The optional sections other concerns add. Each entry: the section key, its schema, and its
 * concern's validator (components/schema/context.ts describes the contract).
 */
interface SectionSpec {
  schema: z.ZodType;
  validate?: (section: never, context: SectionContext) => SectionProblems;
  /** Top-level config keys this section reads as secrets (they must be `secure:` values). */
  secretKeys?: (section: never) => string[];
  /**
   * The section's components are declared even when the config leaves it out (from the schema's
   * defaults): check those defaults too, so their problems show here, all at once, and not when
   * the program runs.
   */
  declaredWhenAbsent?: true;
}
const sections = {
  edge: { schema: edgeSchema, validate: validateEdge, declaredWhenAbsent: true },
  email: { schema: emailSchema, validate: (section, context) => validateEmail(section, context) },
  secrets: { schema: secretsSchema, validate: validateSecrets, secretKeys: secretsSecretKeys },
  webhookQueue: { schema: webhookQueueSchema, validate: validateWebhookQueue },
  monitoring: { schema: monitoringSchema, validate: validateMonitoring, secretKeys: monitoringSecretKeys },
  verify: { schema: verifySchema },
  dns: { schema: dnsSchema },
} satisfies Record<string, SectionSpec>;

export { stackConfigSchema };

type ParsedConfig = z.output<typeof stackConfigSchema>;
type ParsedHost = ParsedConfig["hosts"][number];

/** Why a host exists: it serves the app, it is the canonical site, or it only redirects there. */
export type HostRole = "canonical" | "redirect" | "service";

export interface ResolvedHost extends HostSummary {
  role: HostRole;
  origin?: ParsedHost["origin"];
  /** 1 (automatic) for proxied records. */
  ttl: number;
  /** Index in the config's `hosts` list; absent for the redirect host the stack adds itself. */
  configIndex?: number;
}

export type StackConfig = Omit<ParsedConfig, "hosts" | "protect"> & {
  isProduction: boolean;
  protect: boolean;
  hosts: ResolvedHost[];
  /** Config keys (namespaced) whose values are secrets, and so unknown offline. */
  secretKeys: string[];
};

export interface ConfigIssue {
  /** The full key path, e.g. `launch-ready:hosts[2].origin`. */
  path: string;
  message: string;
}

/** Every problem of a stack config, listed by key path; raised before any resource exists. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[], readonly source?: string) {
    super(
      `invalid stack config${source ? ` in ${source}` : ""} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  ${i.path}: ${i.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** A raw config value as the stack file or the Pulumi runtime gives it. */
export interface RawConfigValue {
  value: unknown;
  /** True for `secure:` values (their plaintext is not available offline). */
  secret: boolean;
}

export interface ParseResult {
  config: StackConfig;
  warnings: ConfigIssue[];
}

/**
 * Validates raw stack values (keys with their namespace, e.g. "launch-ready:hosts") and returns
 * the typed config with defaults applied, or throws a ConfigError naming every problem.
 */
export function parseStackConfig(raw: Record<string, RawConfigValue>, source?: string): ParseResult {
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const own: Record<string, unknown> = {};
  const secretKeys: string[] = [];

  for (const [key, entry] of Object.entries(raw)) {
    const [namespace, name] = key.includes(":") ? [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)] : [CONFIG_NAMESPACE, key];
    if (entry.secret) secretKeys.push(`${namespace}:${name}`);
    // A key named like a credential must be a `secure:` value in any namespace and at any depth
    // (`launch-ready:stripe.webhookSecret`): the same judgement, key by key, as secrets-scan.
    for (const path of plaintextSecretPaths(`${namespace}:${name}`, name, entry.value, entry.secret)) {
      const nested = path !== `${namespace}:${name}`;
      issues.push({
        path,
        message: `is a plaintext value where a secret is required; set it with \`pulumi config set${nested ? " --path" : ""} --secret ${nested ? `'${path}'` : path} <value>\``,
      });
    }
    // A value that looks like a credential (kernel/credentials.ts, the judge secrets-scan and the
    // pack use) is refused in plain text under any name: `stripe.key: sk_live_...`, a webhook
    // secret in a description, a password in a redirect URL. The value itself is never printed.
    // A secret key arrives decrypted under `pulumi up`: only its offline plaintext siblings are judged.
    if (!entry.secret || holdsSecureLeaf(entry.value)) {
      for (const leaf of credentialLeaves(entry.value, `${namespace}:${name}`, isEncryptedLeaf)) {
        if (issues.some((i) => i.path === leaf.path)) continue;
        issues.push({
          path: leaf.path,
          message: `holds what looks like ${leaf.shape.kind} (credential rule ${leaf.shape.id}) in plain text; ` +
            "a credential must be a secret config value (`pulumi config set --secret`), never part of the stack file's plain text",
        });
      }
    }
    if (namespace === CONFIG_NAMESPACE) own[name] = entry.value;
  }

  // Keys that sections read as secrets are not part of the schema: take them out before parsing,
  // then check each is present and secure once the sections are known.
  const secretOnly = new Set(secretKeys.filter((k) => k.startsWith(`${CONFIG_NAMESPACE}:`)).map((k) => k.slice(CONFIG_NAMESPACE.length + 1)));
  const schemaKeys = new Set(Object.keys(stackConfigSchema.shape));
  for (const name of secretOnly) if (!schemaKeys.has(name)) delete own[name];

  const report = (prefix: ReadonlyArray<string | number>, sink: ConfigIssue[]) => (path: ReadonlyArray<string | number>, message: string) =>
    sink.push({ path: formatPath(CONFIG_NAMESPACE, [...prefix, ...path]), message });

  const parsed = stackConfigSchema.safeParse(own);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(...describeIssue(issue, own, stackConfigSchema, CONFIG_NAMESPACE));
    // The schema judges the file as a whole: one bad key anywhere fails it, and the rules below
    // (hosts, TLS, each section's check, cross-section rules, secrets) would only run on the next
    // attempt. Run them now over every part that parsed on its own, so one run shows everything.
    checkPartsOfInvalidConfig(own, raw, report, issues);
    throw new ConfigError(dedupe(issues), source);
  }

  const config = parsed.data;
  const isProduction = isProductionEnvironment(config.environment);
  const hosts = resolveHosts(config, report([], issues), report([], warnings));
  checkTls(config, isProduction, report(["tls"], issues), report(["tls"], warnings));

  const context: SectionContext = {
    environment: config.environment,
    isProduction,
    apex: config.domain,
    plan: config.cloudflarePlan,
    hosts: hosts.map(({ name, fqdn, proxied, sensitive }) => ({ name, fqdn, proxied, sensitive })),
  };
  const referencedSecrets = checkSections(config as Record<string, unknown>, context, report, issues, warnings);
  checkSectionsTogether(config, isProduction, new Set(), report([], issues), report([], warnings));
  if (config.dns) checkDns(config.dns, { apex: config.domain }, generatedRecords(config, hosts), report(["dns"], issues));
  checkGuards(config, isProduction, report([], issues));
  checkReferencedSecrets(referencedSecrets, raw, issues);
  for (const name of secretOnly) {
    if (!schemaKeys.has(name) && !referencedSecrets.has(name)) {
      warnings.push({ path: `${CONFIG_NAMESPACE}:${name}`, message: "is a secret that no section of the config uses" });
    }
  }

  if (issues.length > 0) throw new ConfigError(dedupe(issues), source);
  return {
    config: { ...config, isProduction, protect: config.protect ?? isProduction, hosts, secretKeys },
    warnings,
  };
}

type Reporter = (prefix: ReadonlyArray<string | number>, sink: ConfigIssue[]) => ReportIssue;

/**
 * Runs each section's own check over its parsed value (sections the components declare anyway
 * are checked from their defaults), and returns the secret config keys the sections read.
 */
function checkSections(
  values: Record<string, unknown>,
  context: SectionContext,
  report: Reporter,
  issues: ConfigIssue[],
  warnings: ConfigIssue[],
  skip: ReadonlySet<string> = new Set(),
): Set<string> {
  const referencedSecrets = new Set<string>();
  for (const [key, spec] of Object.entries(sections)) {
    if (skip.has(key)) continue;
    const { validate, secretKeys, declaredWhenAbsent, schema }: SectionSpec = spec;
    const given = values[key];
    if (given === undefined && !declaredWhenAbsent) continue;
    const section = given ?? schema.parse({});
    const problems = validate?.(section as never, context);
    for (const p of problems?.errors ?? []) report([key], issues)(p.path, p.message);
    for (const p of problems?.warnings ?? []) report([key], warnings)(p.path, p.message);
    for (const name of secretKeys?.(section as never) ?? []) referencedSecrets.add(name);
  }
  return referencedSecrets;
}

/** Every secret key a section reads must exist and be a `secure:` value. */
function checkReferencedSecrets(referencedSecrets: Set<string>, raw: Record<string, RawConfigValue>, issues: ConfigIssue[]): void {
  for (const name of referencedSecrets) {
    const entry = raw[`${CONFIG_NAMESPACE}:${name}`];
    if (!entry) {
      issues.push({ path: `${CONFIG_NAMESPACE}:${name}`, message: `is missing; set it with \`pulumi config set --secret ${CONFIG_NAMESPACE}:${name} <value>\`` });
    } else if (!entry.secret) {
      issues.push({
        path: `${CONFIG_NAMESPACE}:${name}`,
        message: `is a plaintext value where a secret is required; set it with \`pulumi config set --secret ${CONFIG_NAMESPACE}:${name} <value>\``,
      });
    }
  }
}

/**
 * The second half of one pass for a config that failed its schema: every key the stack facts
 * (environment, domain, plan, hosts) and each section need is parsed on its own, and the rules run
 * over what parsed. A part that failed is already reported; rules that need it are skipped, never
 * run on a guess that could invent a problem. Warnings are dropped: the errors come first.
 */
function checkPartsOfInvalidConfig(own: Record<string, unknown>, raw: Record<string, RawConfigValue>, report: Reporter, issues: ConfigIssue[]): void {
  const issue = report([], issues);
  const ignored: ConfigIssue[] = [];
  const part = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  const environment = part(coreShape.environment, own.environment);
  const domain = part(coreShape.domain, own.domain);
  const canonicalHost = part(coreShape.canonicalHost, own.canonicalHost);
  if (domain === undefined || canonicalHost === undefined || !Array.isArray(own.hosts)) return;

  // Host rules over the hosts that parsed; "no canonical host" may just be a host that failed.
  const parsedHosts: ParsedHost[] = [];
  const indices: number[] = [];
  own.hosts.forEach((value, index) => {
    const host = part(hostSchema, value);
    if (host) {
      parsedHosts.push(host);
      indices.push(index);
    }
  });
  resolveHosts({ domain, canonicalHost, hosts: parsedHosts }, (path, message) => {
    if (path.length > 1) issue(path, message);
  }, () => undefined, indices);

  // The sections' context needs every host by name, including one whose origin failed to parse.
  const namedHosts = own.hosts.flatMap((value) => {
    const host = part(hostSchema.omit({ origin: true }).strip(), value);
    return host ? [{ ...host, origin: { cname: "origin.invalid" } }] : [];
  });
  const contextHosts = resolveHosts({ domain, canonicalHost, hosts: namedHosts }, () => undefined, () => undefined);
  if (environment === undefined || contextHosts.length < own.hosts.length) return;
  const isProduction = isProductionEnvironment(environment);
  const tls = part(coreShape.tls, own.tls);
  if (tls) checkTls({ tls } as ParsedConfig, isProduction, report(["tls"], issues), report(["tls"], ignored));

  // A plan that failed to parse is reported; the sections are judged on the largest plan, whose
  // budgets are the widest, so no rule fails because of a guessed plan.
  const plan = part(coreShape.cloudflarePlan, own.cloudflarePlan) ?? "enterprise";
  const context: SectionContext = {
    environment,
    isProduction,
    apex: domain,
    plan,
    hosts: contextHosts.map(({ name, fqdn, proxied, sensitive }) => ({ name, fqdn, proxied, sensitive })),
  };
  const values: Record<string, unknown> = {};
  const invalid = new Set<string>();
  for (const [key, spec] of Object.entries(sections)) {
    if (own[key] === undefined) continue;
    const value = part(spec.schema as z.ZodType, own[key]);
    if (value === undefined) invalid.add(key);
    else values[key] = value;
  }
  for (const key of ["zone", "protect"] as const) {
    const value = part(coreShape[key] as z.ZodType, own[key]);
    if (value === undefined && own[key] !== undefined) invalid.add(key);
    else values[key] = value;
  }
  if (invalid.has("email")) {
    checkEmailPresetRequirements(own.email, domain, report(["email"], issues));
    checkEmailWithoutInvalidSenders(own.email, context, report(["email"], issues));
  }
  const referencedSecrets = checkSections(values, context, report, issues, ignored, invalid);
  checkSectionsTogether(values as Partial<ParsedConfig>, isProduction, invalid, issue, () => undefined);
  checkReferencedSecrets(referencedSecrets, raw, issues);
}

/**
 * An email section that failed only because of some senders (a preset switched, its keys not yet
 * filled in) is checked without them: DMARC, inbound, MTA-STS and the other senders' rules show in
 * the same run. Removing a sender cannot create a problem (fewer records, fewer SPF lookups);
 * problems under a removed sender are its own and already reported, so they are dropped.
 */
function checkEmailWithoutInvalidSenders(email: unknown, context: SectionContext, issue: ReportIssue): void {
  if (email === null || typeof email !== "object" || !Array.isArray((email as { senders?: unknown }).senders)) return;
  const senders = (email as { senders: unknown[] }).senders;
  const kept = senders.map((s, index) => ({ s, index })).filter(({ s }) => emailSenderSchema.safeParse(s).success);
  if (kept.length === senders.length) return;
  const salvaged = emailSchema.safeParse({ ...email, senders: kept.map(({ s }) => s) });
  if (!salvaged.success) return;
  const remap = (path: ReadonlyArray<string | number>) =>
    path[0] === "senders" && typeof path[1] === "number" ? ["senders", kept[path[1]]!.index, ...path.slice(2)] : path;
  for (const p of validateEmail(salvaged.data, context).errors) issue(remap(p.path), p.message);
}

/** Rules that span sections: what production must declare, and what one section needs of another. */
function checkSectionsTogether(
  config: Partial<Pick<ParsedConfig, "protect" | "monitoring" | "email" | "webhookQueue" | "secrets" | "zone" | "edge">>,
  isProduction: boolean,
  /** Keys present in the file that failed their schema: a rule that needs one is skipped. */
  invalid: ReadonlySet<string>,
  issue: ReportIssue,
  warn: ReportWarning,
): void {
  const absent = (key: "monitoring" | "email" | "secrets") => config[key] === undefined && !invalid.has(key);
  if (isProduction && config.protect === false) {
    // An explicit opt-out (tearing a stack down) is allowed, never silent.
    warn(["protect"], "false in production: the zone settings, DNS records, rulesets, Access, secrets, their KMS key and the webhook queues can then be deleted by a rename or `pulumi destroy`, and the KMS key and secrets are no longer retained; leave protect out (true in production) unless you are tearing the stack down");
  }
  if (isProduction && absent("monitoring")) {
    issue(["monitoring"], "is missing; production needs uptime checks and an alert target, e.g. {alerts: {emails: [ops@<domain>]}}");
  }
  if (absent("email")) {
    warn(["email"], "is missing, so the domain publishes no SPF or DMARC and anyone can send mail as it; declare the mail providers, or {mode: none} for a domain that sends no mail");
  }
  if (config.webhookQueue?.enabled && config.webhookQueue.encryption === "kms" && absent("secrets")) {
    issue(["webhookQueue", "encryption"], "\"kms\" uses the environment's secrets key, but there is no secrets section; add secrets: {} or use \"sqs-managed\"");
  }
  if (config.webhookQueue?.enabled && absent("monitoring")) {
    issue(["webhookQueue", "enabled"], "true needs a monitoring section: the dead-letter alarm notifies its alert targets; add monitoring: {alerts: {...}}");
  }
  if ((config.monitoring?.alerts.webhooks.length ?? 0) > 0 && absent("secrets")) {
    issue(["monitoring", "alerts", "webhooks"], "need a secrets section: the alert relay reads each chat webhook URL from the secrets vault (SNS cannot deliver to a chat webhook itself); add secrets: {}");
  }
  const accountKnown = !invalid.has("zone") && !invalid.has("edge");
  if (config.monitoring?.provider === "cloudflare" && accountKnown && cloudflareAccountId(config as Pick<ParsedConfig, "zone" | "edge">) === undefined) {
    issue(["monitoring", "provider"], "\"cloudflare\" health checks need the Cloudflare account id; set zone.create.accountId or edge.access.accountId, or use \"route53\"");
  }
}

/**
 * The records the stack builds itself (hosts, CAA, mail), as far as a record of the `dns` section
 * could collide with them. Mail records come from the same builder the EmailAuth component uses.
 */
export function generatedRecords(config: Pick<ParsedConfig, "domain" | "email" | "environment">, hosts: ResolvedHost[]): GeneratedRecord[] {
  const out: GeneratedRecord[] = [];
  for (const host of hosts) {
    const owner = host.configIndex === undefined ? `the redirect-only host ${host.fqdn}` : `hosts[${host.configIndex}]`;
    if (!host.origin) out.push({ name: host.fqdn, type: "AAAA", owner });
    else if ("cname" in host.origin) out.push({ name: host.fqdn, type: "CNAME", owner });
    else for (const address of host.origin.addresses) out.push({ name: host.fqdn, type: address.includes(":") ? "AAAA" : "A", owner });
  }
  out.push({ name: config.domain, type: "CAA", owner: "caa" });
  if (config.email) {
    for (const r of buildEmailRecords(config.email, { apex: config.domain, environment: config.environment, webHosts: hosts.map((h) => h.fqdn) })) {
      out.push({ name: r.name, type: r.type, value: r.value, owner: `email (${r.purpose})` });
    }
  }
  return out;
}

/** The Cloudflare account the stack works in, when the config names it. */
export function cloudflareAccountId(config: Pick<ParsedConfig, "zone" | "edge">): string | undefined {
  if (config.zone && "create" in config.zone) return config.zone.create.accountId;
  return config.edge?.access?.accountId;
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Sensitive by default: hosts whose name says they administer the product (the policies' list too). */
const SENSITIVE_BY_DEFAULT = new Set(SENSITIVE_HOST_LABELS);

/**
 * Turns configured hosts into resolved hosts, adding the non-canonical apex/www as a redirect-only
 * host when it is not declared, and reports everything that cannot be deployed as written.
 */
function resolveHosts(
  config: Pick<ParsedConfig, "domain" | "canonicalHost" | "hosts">,
  issue: ReportIssue,
  warn: ReportWarning,
  indices: number[] = config.hosts.map((_, i) => i),
): ResolvedHost[] {
  const apex = config.domain;
  const canonicalFqdn = config.canonicalHost === "apex" ? apex : `www.${apex}`;
  const redirectFqdn = config.canonicalHost === "apex" ? `www.${apex}` : apex;
  const byFqdn = new Map<string, number>();
  const hosts: ResolvedHost[] = [];

  config.hosts.forEach((host, position) => {
    const index = indices[position]!;
    const at = (...path: Array<string | number>) => ["hosts", index, ...path];
    const resolved = resolveHostName(host.name, apex);
    if (typeof resolved === "string") {
      issue(at("name"), resolved);
      return;
    }
    const { label, fqdn } = resolved;
    const previous = byFqdn.get(fqdn);
    if (previous !== undefined) {
      issue(at("name"), `${JSON.stringify(host.name)} duplicates hosts[${previous}] (${fqdn}); each host is expected once`);
      return;
    }
    byFqdn.set(fqdn, index);

    const sensitive = host.sensitive ?? SENSITIVE_BY_DEFAULT.has(label.split(".")[0]!);
    const role: HostRole = fqdn === canonicalFqdn ? "canonical" : fqdn === redirectFqdn ? "redirect" : "service";

    if (role === "redirect" && host.origin) {
      issue(at("origin"), `${fqdn} redirects to the canonical host ${canonicalFqdn}, so its origin would never be used; remove origin (or change canonicalHost)`);
    }
    if (role !== "redirect" && !host.origin) {
      issue(at("origin"), `is missing; {cname: <host name>} or {addresses: [...]} is expected for ${fqdn}`);
    }
    if (host.origin && "cname" in host.origin && host.origin.cname === fqdn) {
      issue(at("origin", "cname"), `${JSON.stringify(host.origin.cname)} points ${fqdn} at itself; the origin's own host name is expected`);
    }
    if (sensitive && !host.proxied) {
      issue(at("proxied"), `false exposes the sensitive host ${fqdn} without Cloudflare's edge (no Access, no WAF); true is expected`);
    }
    let ttl = 1;
    if (host.proxied) {
      if (host.ttl !== undefined && host.ttl !== 1) {
        issue(at("ttl"), `${host.ttl} is set on a proxied host; proxied records always use automatic TTL (remove ttl, or set proxied: false)`);
      }
    } else {
      ttl = host.ttl ?? DEFAULT_UNPROXIED_TTL;
      if (ttl < MIN_TTL || ttl > MAX_TTL) issue(at("ttl"), `${ttl} is outside ${MIN_TTL}..${MAX_TTL}; a TTL in seconds within that range is expected`);
    }
    if (host.proxied && label !== "@" && label.includes(".")) {
      warn(at("name"), `${fqdn} is two levels below the apex: Universal SSL covers only one level, so it needs an advanced certificate`);
    }
    hosts.push({ name: label, fqdn, proxied: host.proxied, sensitive, role, origin: host.origin, ttl, configIndex: index });
  });

  if (!byFqdn.has(canonicalFqdn)) {
    issue(["hosts"], `has no entry for the canonical host ${canonicalFqdn} (canonicalHost: ${config.canonicalHost}); add {name: "${config.canonicalHost === "apex" ? "@" : "www"}", origin: ...}`);
  }
  if (!byFqdn.has(redirectFqdn)) {
    // Redirect-only hosts still need a proxied record, or the redirect rule never sees the request.
    hosts.push({ name: config.canonicalHost === "apex" ? "www" : "@", fqdn: redirectFqdn, proxied: true, sensitive: false, role: "redirect", ttl: 1 });
  }
  return hosts;
}


function checkTls(config: ParsedConfig, isProduction: boolean, issue: ReportIssue, warn: ReportWarning): void {
  const { hsts } = config.tls;
  // In production "full" is an error (components/guards.ts); elsewhere a warning.
  if (config.tls.sslMode === "full" && !isProduction) warn(["sslMode"], "\"full\" accepts any certificate at the origin; \"strict\" is recommended");
  if (!hsts.enabled) {
    (isProduction ? issue : warn)(["hsts", "enabled"], "false leaves members open to TLS-stripping; true is expected" + (isProduction ? " in production" : ""));
    return;
  }
  if (hsts.maxAge < HSTS_MIN_MAX_AGE) {
    (isProduction ? issue : warn)(["hsts", "maxAge"], `${hsts.maxAge} is below ${HSTS_MIN_MAX_AGE} (6 months); at least that is expected${isProduction ? " in production" : " once the rollout is done"}`);
  }
  if (hsts.preload && (!hsts.includeSubDomains || hsts.maxAge < HSTS_PRELOAD_MIN_MAX_AGE)) {
    issue(["hsts", "preload"], `true needs includeSubDomains: true and maxAge of at least ${HSTS_PRELOAD_MIN_MAX_AGE} (hstspreload.org's rules)`);
  }
}

/** Registers an optional section (used by the concerns that extend the config). */
export function sectionKeys(): string[] {
  return Object.keys(sections);
}

/**
 * Reads the `launch-ready:` config the Pulumi runtime was given (by the CLI, or by the offline
 * plan's mocks) and parses it. Values arrive as strings; structured values as JSON text.
 */
export function readRuntimeConfig(): ParseResult {
  // Imported here, not at the top: the schema and parser must stay usable without the SDK.
  const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  // isConfigSecret is public in the SDK's runtime/config module but missing from its typings.
  const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };
  const all = pulumi.runtime.allConfig();
  const raw: Record<string, RawConfigValue> = {};
  for (const [key, text] of Object.entries(all)) {
    raw[key] = { value: decodeConfigText(text), secret: isConfigSecret(key) };
  }
  return parseStackConfig(raw);
}

/** Pulumi passes structured config as JSON text and scalars as plain text. */
export function decodeConfigText(text: string): unknown {
  if (/^\s*[[{]/.test(text) || text === "true" || text === "false" || /^-?\d+(\.\d+)?$/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
