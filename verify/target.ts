/**
 * Builds the VerifyTarget from an offline plan: DNS records from the plan's DnsRecord resources,
 * HSTS from the security_header ZoneSetting, response headers from the edge's transform rules,
 * hosts and environment from the plan's validated config (typed by the plan model), the MTA-STS policy and SES identities
 * from its `email` section (rebuilt by the same pure builder the stack uses), smoke routes and
 * budgets from the `verify` config section. Nothing is declared twice.
 */
import { z } from "zod";
import { buildEmailPlan, type EmailPlan } from "../components/email/records";
import { emailSchema } from "../components/schema/email";
import { verifySchema, type VerifyConfig } from "../components/schema/verify";
import { isProductionPlanConfig } from "../kernel/environment";
import { txtText } from "../kernel/txt";
import { dmarcPolicyOf, isDmarcRecord } from "../kernel/dmarc";
import { isNoMailSpf, isSpfRecord } from "../kernel/spf";
import { reveal, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER, UNKNOWN_VALUE, type Plan, type PlanConfig, type PlannedResource } from "../plan/types";
import { TYPES } from "../plan/model/tokens";
import { parseMtaStsPolicy } from "./email/mtasts";
import { declaredHeadersFor } from "./http/declared-headers";
import { rateLimitRulesOf } from "./ratelimit";
import { fingerprintOf } from "./clientcode/scan";
import { secretValues } from "../plan/read/mask";
import { simulateRequest } from "../plan/simulate";
import type { DeclaredRecord, DeclaredRedirect, DeclaredRecordType, DkimExpectation, HstsExpectation, MtaStsExpectation, VerifyHost, VerifyTarget } from "./types";

const DNS_RECORD_TYPE = TYPES.dnsRecord;
const ZONE_SETTING_TYPE = TYPES.zoneSetting;
const ZONE_TYPE = TYPES.zone;
const CHECKED_TYPES = new Set<DeclaredRecordType>(["A", "AAAA", "CNAME", "MX", "TXT", "CAA"]);

const norm = (n: string) => n.toLowerCase().replace(/\.$/, "");
/** Unknown until deploy: the engine's sentinel, or what `plan --json` prints for it and for secrets. */
const UNKNOWN_MARKERS = new Set([UNKNOWN_VALUE, UNKNOWN_PLACEHOLDER, SECRET_PLACEHOLDER]);
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

const declaresReportOnlyCsp = (host: { declaredHeaders?: Record<string, string | null> } | undefined) =>
  Boolean(host?.declaredHeaders?.["content-security-policy-report-only"]) && !host?.declaredHeaders?.["content-security-policy"];

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

function apexOf(plan: Plan, cfg: PlanConfig): string {
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
  // The config is typed by the plan model (plan/model/schema.ts); a plan file was validated when read.
  const cfg = plan.config;
  const vc = verifyConfig ?? verifySchema.parse(cfg.verify);
  const apex = apexOf(plan, cfg);

  const records: DeclaredRecord[] = [];
  const unknownRecords: string[] = [];
  const unknownNames = new Map<string, number>();
  for (const r of plan.resources.filter((x) => x.type === DNS_RECORD_TYPE)) {
    const d = declaredRecord(r);
    if (!d) {
      const type = String(reveal(r.inputs.type)).toUpperCase();
      if (CHECKED_TYPES.has(type as DeclaredRecordType) && !known(reveal(r.inputs.name))) unknownNames.set(type, (unknownNames.get(type) ?? 0) + 1);
      continue;
    }
    if (d.content === undefined) unknownRecords.push(`${d.name} ${d.type}`);
    records.push(d);
  }
  const emailPlan = emailPlanOf(cfg.email, apex, cfg.environment ?? plan.stack);
  const uncheckable = [...emailPlan.notes, ...unknownNameNotes(unknownNames, emailPlan.plan, apex)];

  const addressNames = new Set(records.filter((r) => ["A", "AAAA", "CNAME"].includes(r.type) && !r.name.includes("_")).map((r) => r.name));
  const canonicalHost = norm(vc.canonicalHost ?? cfg.hosts?.find((h) => h.role === "canonical")?.fqdn ?? (cfg.canonicalHost === "www" ? `www.${apex}` : apex));
  const webRole = (role: string | undefined, fqdn: string) => role === "canonical" || role === "redirect" || fqdn === apex || fqdn === `www.${apex}`;
  const baseHosts = cfg.hosts
    ? cfg.hosts.map((h) => ({ fqdn: norm(h.fqdn), proxied: h.proxied ?? true, sensitive: h.sensitive ?? false, redirectsTo: webRole(h.role, norm(h.fqdn)) ? canonicalHost : norm(h.fqdn) }))
    : [...addressNames].sort().map((fqdn) => ({ fqdn, proxied: records.some((r) => r.name === fqdn && r.proxied), sensitive: false, redirectsTo: webRole(undefined, fqdn) ? canonicalHost : fqdn }));
  const hosts: VerifyHost[] = baseHosts.map((h) => {
    // Transform rules act only where Cloudflare sees the response: proxied hosts.
    const declaredHeaders = h.proxied ? declaredHeadersFor(plan, h.fqdn, vc.routes.homepage) : undefined;
    return declaredHeaders ? { ...h, declaredHeaders } : h;
  });

  const txt = records.filter((r) => r.type === "TXT" && r.content !== undefined).map((r) => ({ name: r.name, text: txtText(r.content!) }));
  const spfDeclared = [...new Set(txt.filter((t) => isSpfRecord(t.text)).map((t) => t.name))].sort();
  const apexSpf = txt.filter((t) => t.name === apex && isSpfRecord(t.text));
  const dmarc = txt.find((t) => t.name === `_dmarc.${apex}` && isDmarcRecord(t.text))?.text;
  const policy = dmarc ? dmarcPolicyOf(dmarc) : undefined;
  const mxNames = [...new Set([apex, ...records.filter((r) => r.type === "MX").map((r) => r.name)])].sort();

  const routes = vc.routes;
  const isProduction = isProductionPlanConfig(cfg, plan.stack);
  const hsts = hstsFromPlan(plan);
  return {
    apex,
    canonicalHost,
    isProduction,
    hosts,
    records,
    unknownRecords,
    uncheckable,
    email: {
      spfNames: [...new Set([apex, ...spfDeclared])].sort(),
      spfDeclared,
      ...(policy ? { dmarcPolicy: policy } : {}),
      dkim: dkimExpectations(records, apex, vc.dkimSelectors),
      mxNames,
      // A no-mail domain publishes the null MX too: "v=spf1 -all" alone is also what a stack
      // publishes at an apex that merely sends nothing with its own envelope (email records.ts).
      noMail:
        apexSpf.length === 1 &&
        isNoMailSpf(apexSpf[0]!.text) &&
        records.some((r) => r.type === "MX" && r.name === apex && (r.content === "." || r.content === "") && (r.priority ?? 0) === 0),
      mtaSts: mtaStsExpectations(records, emailPlan.plan),
    },
    // Outside production a stack may declare a short max-age while it proves every subdomain
    // serves HTTPS (staging does): that is a warning to raise it, not a NO-GO.
    hsts: isProduction ? hsts : { ...hsts, shortDeclaredAllowed: true },
    ...(!isProduction && declaresReportOnlyCsp(hosts.find((h) => h.fqdn === canonicalHost)) ? { cspReportOnlyAllowed: true } : {}),
    samplePath: vc.samplePath,
    smoke: { homepage: routes.homepage, login: routes.login, signup: routes.signup, passwordReset: routes.passwordReset, protectedPage: routes.protectedPage, apiRoutes: routes.api, content: routes.content },
    performance: { ...vc.performance, routes: vc.performance.routes ?? [routes.homepage, routes.login, routes.signup, routes.passwordReset], routesDeclared: vc.performance.routes !== undefined },
    sessionCookies: [...new Set([...vc.sessionCookies, ...(cfg.edge?.cache?.sessionCookies ?? [])])],
    ...(vc.version ? { version: { ...vc.version, ...(knownCommit(plan.outputs?.deployedCommit) ? { expected: String(plan.outputs.deployedCommit) } : {}) } } : {}),
    rateLimits: rateLimitRulesOf(plan),
    // The plan's plain secret values (diff's one reading of them), kept as fingerprints only.
    secretFingerprints: [...secretValues(plan)].map(fingerprintOf),
    declaredRedirects: declaredRedirects(plan, cfg.edge?.redirects ?? [], canonicalHost, vc.samplePath),
  };
}

/**
 * The stack's email section rebuilt by components/email/records.ts, for what only it knows: the
 * MTA-STS policy text and the SES identities. A section the builder cannot read is a note, and the
 * checks then judge what the DNS records alone declare.
 */
function emailPlanOf(section: unknown, apex: string, environment: string): { plan?: EmailPlan; notes: string[] } {
  if (section === undefined) return { notes: [] };
  const parsed = emailSchema.safeParse(section);
  if (!parsed.success) return { notes: [`the plan's email section does not parse (${z.prettifyError(parsed.error).replace(/\n/g, " ")}): the MTA-STS policy and SES DKIM are judged from the DNS records alone`] };
  return { plan: buildEmailPlan(parsed.data, { apex, environment }), notes: [] };
}

/**
 * What each declared redirect must answer live: the planned rules run through the offline edge
 * simulator for the declared path with the sample query, so "query kept or not" is the rule's own.
 */
function declaredRedirects(plan: Plan, redirects: Array<{ from: string; preserveQueryString?: boolean }>, canonicalHost: string, samplePath: string): DeclaredRedirect[] {
  const query = new URL(samplePath, "https://x").search;
  return redirects.flatMap((r) => {
    const url = new URL(`${r.from}${query}`, `https://${canonicalHost}`).href;
    const sim = simulateRequest(plan, `GET ${url}`).redirect;
    return sim ? [{ url, status: sim.status, location: new URL(sim.location, url).href, preserveQueryString: r.preserveQueryString === true }] : [];
  });
}

/** SES creates its three DKIM tokens at deploy: their CNAMEs' names are unknown in a plan. */
const SES_DKIM_TOKENS = 3;

function unknownNameNotes(unknownNames: Map<string, number>, email: EmailPlan | undefined, apex: string): string[] {
  const notes: string[] = [];
  let cnames = unknownNames.get("CNAME") ?? 0;
  for (const ses of email?.sesIdentities ?? []) {
    const n = Math.min(SES_DKIM_TOKENS, cnames);
    cnames -= n;
    const rel = ses.domain === apex ? "" : `.${ses.domain.slice(0, -apex.length - 1)}`;
    notes.push(`<token>._domainkey.${ses.domain} CNAME x${n || SES_DKIM_TOKENS} (SES DKIM of ${ses.domain}): cannot check: known after deploy (the names carry SES's tokens); once deployed, list them in verify.dkimSelectors as "<token>._domainkey${rel}" to check them`);
  }
  if (cnames > 0) unknownNames.set("CNAME", cnames);
  else unknownNames.delete("CNAME");
  for (const [type, n] of unknownNames) notes.push(`${n} ${type} record(s) whose names are known only after deploy: cannot check: known after deploy`);
  return notes;
}

/** Declared DKIM key records (TXT or a provider's CNAME) by full name, plus config selectors at the apex. */
function dkimExpectations(records: DeclaredRecord[], apex: string, selectors: string[]): DkimExpectation[] {
  const byName = new Map<string, DkimExpectation>();
  for (const r of records) {
    if (!r.name.includes("._domainkey.") || (r.type !== "TXT" && r.type !== "CNAME")) continue;
    const revoked = r.type === "TXT" && r.content !== undefined && /(^|;)\s*p=\s*(;|$)/.test(txtText(r.content));
    byName.set(r.name, { name: r.name, revoked });
  }
  for (const s of selectors) {
    // A selector at the apex ("s1"), or a key name relative to it ("<token>._domainkey.mail").
    const name = s.includes("._domainkey") ? `${s.toLowerCase()}.${apex}` : `${s.toLowerCase()}._domainkey.${apex}`;
    if (!byName.has(name)) byName.set(name, { name, revoked: false });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every declared `_mta-sts.<domain>` TXT, with the declared policy when the email section builds one. */
function mtaStsExpectations(records: DeclaredRecord[], email: EmailPlan | undefined): MtaStsExpectation[] {
  const domains = [...new Set(records.filter((r) => r.type === "TXT" && r.name.startsWith("_mta-sts.")).map((r) => r.name.slice("_mta-sts.".length)))].sort();
  return domains.map((domain) => {
    const declared = email?.mtaSts?.domain === domain ? parseMtaStsPolicy(email.mtaSts.policy) : undefined;
    const policy = declared?.mode && declared.maxAge !== undefined ? { mode: declared.mode, mx: declared.mx, maxAge: declared.maxAge } : undefined;
    return { domain, policyHost: `mta-sts.${domain}`, ...(policy ? { policy } : {}) };
  });
}


/** The program exports "unknown" when deployed without LAUNCH_READY_COMMIT (index.ts): no commit to compare. */
function knownCommit(v: unknown): boolean {
  return typeof v === "string" && /^[0-9a-f]{7,40}$/i.test(v);
}
