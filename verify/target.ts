/**
 * Builds the VerifyTarget from an offline plan: DNS records from the plan's DnsRecord resources,
 * HSTS from the security_header ZoneSetting, hosts and environment from the plan's validated
 * config, smoke routes and budgets from the `verify` config section. Nothing is declared twice.
 */
import { z } from "zod";
import { verifySchema, type VerifyConfig } from "../components/schema/verify";
import { reveal, SECRET_PLACEHOLDER, UNKNOWN_VALUE, type Plan, type PlannedResource } from "../plan/types";
import { parseTags } from "./email/dmarc";
import type { DeclaredRecord, DeclaredRecordType, HstsExpectation, VerifyHost, VerifyTarget } from "./types";

export const DNS_RECORD_TYPE = "cloudflare:index/dnsRecord:DnsRecord";
export const ZONE_SETTING_TYPE = "cloudflare:index/zoneSetting:ZoneSetting";
export const ZONE_TYPE = "cloudflare:index/zone:Zone";
const CHECKED_TYPES = new Set<DeclaredRecordType>(["A", "AAAA", "CNAME", "MX", "TXT", "CAA"]);

/** The parts of the plan's config (components/config.ts StackConfig, as JSON) that verify reads. */
const planConfigSchema = z.looseObject({
  domain: z.string().optional(),
  environment: z.string().optional(),
  isProduction: z.boolean().optional(),
  canonicalHost: z.enum(["apex", "www"]).optional(),
  hosts: z.array(z.looseObject({ fqdn: z.string(), proxied: z.boolean().optional(), sensitive: z.boolean().optional(), role: z.string().optional() })).optional(),
  verify: z.unknown().optional(),
});

const norm = (n: string) => n.toLowerCase().replace(/\.$/, "");
/** Unknown until deploy: the engine's sentinel, or what `plan --json` prints for it and for secrets. */
const UNKNOWN_MARKERS = new Set([UNKNOWN_VALUE, "[unknown]", SECRET_PLACEHOLDER]);
const known = (v: unknown): v is string => typeof v === "string" && !UNKNOWN_MARKERS.has(v);

/** A DnsRecord's inputs as a DeclaredRecord (CAA may come as `data: {flags, tag, value}`). */
export function declaredRecord(r: PlannedResource): DeclaredRecord | undefined {
  const i = r.inputs;
  const type = String(reveal(i.type)).toUpperCase() as DeclaredRecordType;
  const name = reveal(i.name);
  if (!CHECKED_TYPES.has(type) || !known(name)) return undefined;
  let content: string | undefined;
  const raw = reveal(i.content);
  const data = reveal(i.data) as { flags?: unknown; tag?: unknown; value?: unknown } | undefined;
  if (known(raw)) content = raw;
  else if (type === "CAA" && data && known(data.tag) && known(data.value)) content = `${Number(data.flags ?? 0)} ${data.tag} "${data.value}"`;
  const priority = reveal(i.priority);
  return { name: norm(name), type, content, proxied: reveal(i.proxied) === true, ...(typeof priority === "number" ? { priority } : {}) };
}

function hstsFromPlan(plan: Plan): HstsExpectation {
  const setting = plan.resources.find((r) => r.type === ZONE_SETTING_TYPE && reveal(r.inputs.settingId) === "security_header");
  const sts = (reveal(setting?.inputs.value) as { strict_transport_security?: Record<string, unknown> } | undefined)?.strict_transport_security;
  if (!sts || sts.enabled === false) return {};
  return {
    ...(typeof sts.max_age === "number" ? { maxAge: sts.max_age } : {}),
    ...(typeof sts.include_subdomains === "boolean" ? { includeSubDomains: sts.include_subdomains } : {}),
    ...(typeof sts.preload === "boolean" ? { preload: sts.preload } : {}),
  };
}

function apexOf(plan: Plan, cfg: z.infer<typeof planConfigSchema>): string {
  if (cfg.domain) return norm(cfg.domain);
  const zone = plan.resources.find((r) => r.type === ZONE_TYPE);
  const name = reveal(zone?.inputs.name);
  if (known(name)) return norm(name);
  throw new Error("the plan names no apex domain: neither config.domain nor a cloudflare Zone resource is present");
}

/**
 * The target of a plan. `verifyConfig` defaults to the plan's own `config.verify` section (or the
 * schema's defaults). Throws an Error naming what is missing when the plan cannot say what to check.
 */
export function targetFromPlan(plan: Plan, verifyConfig?: VerifyConfig): VerifyTarget {
  const cfgParsed = planConfigSchema.safeParse(plan.config ?? {});
  if (!cfgParsed.success) throw new Error(`the plan's config is not a launch-ready stack config: ${z.prettifyError(cfgParsed.error)}`);
  const cfg = cfgParsed.data;
  const vc = verifyConfig ?? verifySchema.parse(cfg.verify);
  const apex = apexOf(plan, cfg);

  const records: DeclaredRecord[] = [];
  const unknownRecords: string[] = [];
  for (const r of plan.resources.filter((x) => x.type === DNS_RECORD_TYPE)) {
    const d = declaredRecord(r);
    if (!d) continue;
    if (d.content === undefined) unknownRecords.push(`${d.name} ${d.type}`);
    records.push(d);
  }

  const addressNames = new Set(records.filter((r) => ["A", "AAAA", "CNAME"].includes(r.type) && !r.name.includes("_")).map((r) => r.name));
  const canonicalHost = norm(vc.canonicalHost ?? cfg.hosts?.find((h) => h.role === "canonical")?.fqdn ?? (cfg.canonicalHost === "www" ? `www.${apex}` : apex));
  const webRole = (role: string | undefined, fqdn: string) => role === "canonical" || role === "redirect" || fqdn === apex || fqdn === `www.${apex}`;
  const hosts: VerifyHost[] = cfg.hosts
    ? cfg.hosts.map((h) => ({ fqdn: norm(h.fqdn), proxied: h.proxied ?? true, sensitive: h.sensitive ?? false, redirectsTo: webRole(h.role, norm(h.fqdn)) ? canonicalHost : norm(h.fqdn) }))
    : [...addressNames].sort().map((fqdn) => ({ fqdn, proxied: records.some((r) => r.name === fqdn && r.proxied), sensitive: false, redirectsTo: webRole(undefined, fqdn) ? canonicalHost : fqdn }));

  const txtAt = (name: string) => records.filter((r) => r.type === "TXT" && r.name === name && r.content !== undefined).map((r) => unquote(r.content!));
  const spf = txtAt(apex).filter((t) => /^v=spf1( |$)/i.test(t));
  const dmarc = txtAt(`_dmarc.${apex}`).find((t) => /^v=DMARC1/.test(t));
  const policy = dmarc ? parseTags(dmarc).tags.p?.toLowerCase() : undefined;
  const suffix = `._domainkey.${apex}`;
  const selectors = new Set([...records.filter((r) => r.name.endsWith(suffix) && (r.type === "TXT" || r.type === "CNAME")).map((r) => r.name.slice(0, -suffix.length)), ...vc.dkimSelectors]);

  const routes = vc.routes;
  return {
    apex,
    canonicalHost,
    isProduction: cfg.isProduction ?? (cfg.environment === "prod" || cfg.environment === "production" || plan.stack === "prod"),
    hosts,
    records,
    unknownRecords,
    email: {
      expectSpf: spf.length > 0,
      ...(policy === "none" || policy === "quarantine" || policy === "reject" ? { dmarcPolicy: policy } : {}),
      dkimSelectors: [...selectors].sort(),
      noMail: spf.length === 1 && spf[0]!.trim().toLowerCase() === "v=spf1 -all",
    },
    hsts: hstsFromPlan(plan),
    samplePath: vc.samplePath,
    smoke: { homepage: routes.homepage, login: routes.login, signup: routes.signup, passwordReset: routes.passwordReset, protectedPage: routes.protectedPage, apiRoutes: routes.api },
    performance: { ...vc.performance, routes: vc.performance.routes ?? [routes.homepage, routes.login, routes.signup, routes.passwordReset] },
    sessionCookies: vc.sessionCookies,
  };
}

function unquote(c: string): string {
  const t = c.trim();
  if (!(t.startsWith('"') && t.endsWith('"'))) return t;
  return (t.match(/"((?:[^"\\]|\\.)*)"/g) ?? []).map((p) => p.slice(1, -1)).join("");
}
