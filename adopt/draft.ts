/**
 * The draft stack config inferred from a zone snapshot: hosts with their origins and proxy state,
 * mail (provider presets recognised from MX hosts and SPF includes, DKIM selectors, DMARC as
 * found), CAA, TLS as found where the stack allows it, the redirects it can express, and every
 * other record it can declare kept in `dns.records`. Each inferred choice carries a comment; what
 * the user must decide is a TODO. Pure: the same snapshot gives the same draft.
 */
import { HSTS_MIN_MAX_AGE, HSTS_PRELOAD_MIN_MAX_AGE } from "../kernel/hsts";
import { nonPublicAddressReason } from "../components/schema/validators";
import { parseSpfTerm, type SpfTerm } from "../components/email/spf";
import { googleMx } from "../components/email/providers";
import { DMARC_ROLLOUT_MAX_DAYS } from "../components/constants/email";
import { MANAGED_RECORD_TYPES, collisionWithGenerated, type GeneratedRecord } from "../components/schema/dns";
import { isProductionEnvironment } from "../kernel/environment";
import { isSpfRecord } from "../kernel/spf";
import { DMARC_POLICIES, isDmarcRecord, parseDmarc } from "../kernel/dmarc";
import { PERMANENT_REDIRECT_STATUSES } from "../components/constants/cloudflare";
import { CLOUDFLARE_UNIVERSAL_SSL_CAS } from "../kernel/certificateAuthorities";
import { describeRecord, type ExistingRecord, type ExistingRuleset, type ZoneSnapshot } from "./model";

export type ConfigPath = ReadonlyArray<string | number>;

export interface DraftComment {
  /** Path under the `launch-ready:` namespace, e.g. ["hosts", 1, "proxied"]. */
  path: ConfigPath;
  text: string;
}

/** Ranked like verify's risks (verify/types.ts Severity). */
export type ConflictSeverity = "critical" | "high" | "medium" | "low";

export interface Conflict {
  severity: ConflictSeverity;
  /** Stable id, e.g. "dns.conflict", "dns.private" (verify's catalog ids where one fits). */
  id: string;
  message: string;
  /** What the user should decide or do. */
  decision: string;
}

/** Why an existing record is not declared by the draft (it stays in the zone, untouched). */
export interface UnmanagedRecord {
  record: ExistingRecord;
  reason: string;
}

export interface Draft {
  /** Stack config values, keys without the namespace (`domain`, `hosts`, ...). */
  values: Record<string, unknown>;
  comments: DraftComment[];
  /** File-level TODOs (also listed among the report's decisions). */
  todos: string[];
  conflicts: Conflict[];
  unmanaged: UnmanagedRecord[];
  /** Dashboard rules the draft expresses (so the report does not call them lost). */
  expressedRules: Array<{ phase: string; expression: string; as: string }>;
}

export interface DraftOptions {
  stack: string;
  /** YYYY-MM-DD, for a DMARC p=none rollout step. @default today (UTC) */
  today?: string;
  /** The Cloudflare account of the zone, when the source says it (the API). */
  accountId?: string;
}

/** A zone id placeholder for sources without one (a zone file): valid in shape, flagged TODO. */
export const PLACEHOLDER_ZONE_ID = "0".repeat(32);

const ALIAS_TYPES = new Set(["A", "AAAA", "CNAME"]);

function labelOf(fqdn: string, apex: string): string {
  return fqdn === apex ? "@" : fqdn.slice(0, -(apex.length + 1));
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A name that can be a web host of the stack: no service labels, no wildcard. */
function isHostName(label: string): boolean {
  return label === "@" || label.split(".").every((l) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(l));
}

export function buildDraft(snapshot: ZoneSnapshot, options: DraftOptions): Draft {
  const apex = snapshot.domain;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const environment = /^[a-z][a-z0-9-]{0,30}$/.test(options.stack) ? options.stack : "prod";
  const isProduction = isProductionEnvironment(environment);
  const comments: DraftComment[] = [];
  const todos: string[] = [];
  const conflicts: Conflict[] = [];
  const unmanaged: UnmanagedRecord[] = [];
  const claimed = new Set<ExistingRecord>();
  const note = (path: ConfigPath, text: string) => comments.push({ path, text });
  const records = snapshot.records;
  const at = (name: string) => records.filter((r) => r.name === name);

  const values: Record<string, unknown> = { environment, domain: apex };
  if (snapshot.zoneId) {
    values.zone = { id: snapshot.zoneId };
    note(["zone"], `the zone as it exists (id from ${snapshot.sources.join(", ")}); the stack adopts it, never creates it`);
  } else {
    values.zone = { id: PLACEHOLDER_ZONE_ID };
    const todo = `TODO: set zone.id to the zone's id (dashboard > Overview > API > Zone ID); ${snapshot.sources.join(", ")} does not carry it`;
    note(["zone"], todo);
    todos.push(todo);
  }
  values.cloudflarePlan = "free";
  note(["cloudflarePlan"], "assumed: the saved answers do not say the zone's plan; set pro/business/enterprise if it has one (rule budgets depend on it)");

  // --- Conflicts in the zone as found (ranked like verify's dns.conflict / dns.private) -------
  const byName = new Map<string, ExistingRecord[]>();
  for (const r of records) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  for (const [name, list] of byName) {
    const spf = list.filter((r) => r.type === "TXT" && isSpfRecord(r.content));
    if (spf.length > 1) {
      conflicts.push({ severity: "high", id: "dns.conflict", message: `${name} has ${spf.length} SPF records; receivers fail SPF (permerror) for every message`, decision: `keep one: the draft declares the merged mail setup; delete the other SPF record(s) at ${name} in the dashboard` });
    }
    const cname = list.find((r) => r.type === "CNAME");
    if (cname && list.length > 1) {
      const others = list.filter((r) => r !== cname);
      conflicts.push({ severity: "high", id: "dns.conflict", message: `${name} has a CNAME (${cname.content}) beside ${others.map((r) => r.type).join(", ")}; a name with a CNAME must hold nothing else, so resolvers answer unpredictably`, decision: `delete the stale ${others.map((r) => describeRecord(r)).join("; ")} (the draft keeps the CNAME)` });
    }
  }
  for (const r of records) {
    if (r.type !== "A" && r.type !== "AAAA") continue;
    const reason = nonPublicAddressReason(r.content);
    if (reason && r.content !== "100::" && r.content !== "192.0.2.1") {
      conflicts.push({ severity: "high", id: "dns.private", message: `${r.name} ${r.type} ${r.content} ${reason}: it leaks the internal network and never works for members`, decision: `delete it, or point ${r.name} at a public origin` });
    }
  }

  // --- Mail ------------------------------------------------------------------------------
  const email = inferEmail(snapshot, { isProduction, today, environment }, claimed, note);
  // --- Hosts -----------------------------------------------------------------------------
  const hostNames = [...new Set(records.filter((r) => ALIAS_TYPES.has(r.type) && !claimed.has(r)).map((r) => r.name))];
  const hosts: Array<Record<string, unknown>> = [];
  const apexHas = hostNames.includes(apex);
  const www = `www.${apex}`;
  const canonicalHost = apexHas || !hostNames.includes(www) ? "apex" : "www";
  values.canonicalHost = canonicalHost;
  note(["canonicalHost"], canonicalHost === "apex" ? `the apex ${apex} serves the site (it has an address or CNAME), so www redirects to it` : `the apex has no record and www has: www is the canonical host, the apex redirects to it`);
  const canonicalFqdn = canonicalHost === "apex" ? apex : www;
  const redirectFqdn = canonicalHost === "apex" ? www : apex;
  let needsAccess: string | undefined;
  for (const fqdn of hostNames.sort((a, b) => (a === canonicalFqdn ? -1 : b === canonicalFqdn ? 1 : a.localeCompare(b)))) {
    const label = labelOf(fqdn, apex);
    const list = at(fqdn).filter((r) => ALIAS_TYPES.has(r.type));
    if (!isHostName(label)) continue; // wildcard and service names stay in dns.records
    const cname = list.find((r) => r.type === "CNAME");
    const addresses = list.filter((r) => r.type !== "CNAME");
    if (!cname && addresses.some((r) => nonPublicAddressReason(r.content))) continue; // kept as found, flagged above
    const index = hosts.length;
    const path = (...p: Array<string | number>) => ["hosts", index, ...p];
    const proxied = list.some((r) => r.proxied);
    const host: Record<string, unknown> = { name: label };
    if (fqdn === redirectFqdn) {
      hosts.push(host);
      for (const r of list) claimed.add(r);
      note(path(), `${fqdn} was ${list.map((r) => `${r.type} ${r.content}`).join(", ")}; the stack serves it as a redirect to https://${canonicalFqdn} (path and query kept): the first \`pulumi up\` replaces the record with a proxied AAAA 100:: (Cloudflare's redirect-only placeholder)`);
      continue;
    }
    // Addresses sorted: the order names the records (apex-origin, apex-origin-1), whatever the source's order.
    host.origin = cname ? { cname: cname.content } : { addresses: addresses.map((r) => r.content).sort() };
    for (const r of cname ? [cname] : addresses) claimed.add(r);
    const sensitive = label.split(".")[0] === "admin";
    if (!proxied) {
      if (sensitive) {
        host.proxied = true;
        note(path("proxied"), `CHANGED: ${fqdn} was DNS-only; an admin host must be behind Cloudflare's edge (Access, WAF), so the first \`pulumi up\` proxies it`);
        conflicts.push({ severity: "high", id: "dns.edge", message: `the admin host ${fqdn} is not proxied: anyone reaches it without Access or the WAF`, decision: "the draft proxies it; check the origin accepts traffic through Cloudflare" });
      } else {
        host.proxied = false;
        note(path("proxied"), `${fqdn} is DNS-only today (grey cloud): kept so`);
        const ttl = (cname ?? addresses[0])!.ttl;
        if (ttl !== 1) host.ttl = Math.min(Math.max(ttl, 60), 86400);
      }
    } else note(path(), `${fqdn} is proxied today (orange cloud): origin ${cname ? `CNAME ${cname.content}` : addresses.map((r) => r.content).join(", ")}`);
    if (sensitive) needsAccess = fqdn;
    hosts.push(host);
  }
  if (!hostNames.includes(canonicalFqdn)) {
    const todo = `TODO: ${canonicalFqdn} has no record; set its origin in hosts (the stack needs the canonical site's address or CNAME)`;
    hosts.unshift({ name: canonicalHost === "apex" ? "@" : "www", origin: { cname: `origin.invalid` } });
    todos.push(todo);
  }
  values.hosts = hosts;
  if (needsAccess) {
    if (options.accountId) {
      values.edge = { access: { accountId: options.accountId, allowedEmailDomain: apex } };
      note(["edge", "access"], `TODO: check who may reach ${needsAccess}: the draft lets anyone with a @${apex} address in through Cloudflare Access (new resources on the first \`pulumi up\`)`);
      todos.push(`TODO: confirm edge.access for ${needsAccess} (who may sign in)`);
    } else {
      const index = hosts.findIndex((h) => `${h.name}.${apex}` === needsAccess);
      (hosts[index] as Record<string, unknown>).sensitive = false;
      const todo = `TODO: protect ${needsAccess}: add edge.access {accountId, allowedEmailDomain} (Cloudflare Access) or edge.ipAllowList, then remove sensitive: false`;
      note(["hosts", index, "sensitive"], todo);
      todos.push(todo);
      conflicts.push({ severity: "high", id: "access.admin", message: `${needsAccess} is an admin host with no Access application or IP allow-list`, decision: "add edge.access (the account id is not in the saved answers) or edge.ipAllowList" });
    }
  }

  // --- Redirects the stack can express (single redirects of one path to a fixed target) ---
  const expressedRules: Draft["expressedRules"] = [];
  const redirects = inferRedirects(snapshot.rulesets, apex, expressedRules);
  if (redirects.length > 0) {
    values.edge = { ...((values.edge as object) ?? {}), redirects };
    note(["edge", "redirects"], "from the dashboard's single redirect rules that redirect one path to a fixed target");
  }

  // --- TLS as found, where the stack allows it ---------------------------------------------
  values.tls = inferTls(snapshot, isProduction, note);

  // --- CAA ---------------------------------------------------------------------------------
  const caa = at(apex).filter((r) => r.type === "CAA");
  if (caa.length > 0) {
    const parts = caa.map((r) => ({ r, m: /^(\d+) (\S+) (.*)$/.exec(r.content) }));
    const issue = parts.filter((p) => p.m?.[2] === "issue").map((p) => p.m![3]!.split(";")[0]!.trim()).filter(Boolean);
    const wild = parts.filter((p) => p.m?.[2] === "issuewild").map((p) => p.m![3]!.split(";")[0]!.trim()).filter(Boolean);
    const iodef = parts.find((p) => p.m?.[2] === "iodef")?.m?.[3];
    if (issue.length > 0) {
      const section: Record<string, unknown> = { issuers: [...new Set(issue)] };
      if (wild.length > 0 && wild.join() !== issue.join()) section.wildcardIssuers = [...new Set(wild)];
      if (iodef && /^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(iodef)) section.iodef = iodef;
      values.caa = section;
      for (const p of parts) if (["issue", "issuewild"].includes(p.m?.[2] ?? "") || (p.m?.[2] === "iodef" && section.iodef)) claimed.add(p.r);
      note(["caa"], "the CAA records as found; Cloudflare adds its own CAs' CAA records beside them while Universal SSL is on");
    }
  } else {
    note(["caa"], `CREATED: the zone has no CAA record; the stack publishes one per Universal SSL CA (${CLOUDFLARE_UNIVERSAL_SSL_CAS.join(", ")})`);
    values.caa = {};
  }

  if (email) values.email = email;
  else note(["environment"], "no MX, SPF or DMARC at the apex: no email section (the plan warns that anyone can send as the domain; add {mode: none} if it sends no mail)");

  if (isProduction) {
    // The default checks (homepage, /login, /api/health) are what the uptime policy asks production for.
    values.monitoring = { alerts: { emails: [`ops@${apex}`] } };
    note(["monitoring"], "TODO: the default uptime checks request /, /login and /api/health on the canonical host: make sure those paths answer, or set monitoring.checks");
    const todo = `TODO: monitoring.alerts.emails is a guess (ops@${apex}): name who is woken when the site is down`;
    note(["monitoring", "alerts"], todo);
    todos.push(todo);
  }

  // --- Everything else: kept as declared in dns.records, or left unmanaged with the reason ---
  const generated = provisionalGenerated(values, hosts, apex, redirectFqdn, claimed, records);
  const kept: Array<Record<string, unknown>> = [];
  for (const r of records) {
    if (claimed.has(r)) continue;
    if (!(MANAGED_RECORD_TYPES as readonly string[]).includes(r.type)) {
      unmanaged.push({ record: r, reason: `TODO: ${r.type} records cannot be declared in the stack config; it stays in the zone as it is, unmanaged${r.type === "DNSKEY" || r.type === "CDS" || r.type === "CDNSKEY" ? " (with DNSSEC on, Cloudflare publishes the zone's own keys: set dnssec: true instead)" : ""}` });
      continue;
    }
    if ((r.type === "A" || r.type === "AAAA") && nonPublicAddressReason(r.content)) {
      unmanaged.push({ record: r, reason: `left unmanaged: ${r.content} ${nonPublicAddressReason(r.content)} (see the conflicts); the stack declares public records only` });
      continue;
    }
    const collision = collisionWithGenerated({ name: r.name, type: r.type, content: r.content }, generated, apex);
    if (collision) {
      unmanaged.push({ record: r, reason: `left unmanaged: ${collision}` });
      continue;
    }
    if ((r.type === "A" || r.type === "AAAA") && byName.get(r.name)?.some((o) => o.type === "CNAME")) {
      unmanaged.push({ record: r, reason: "left unmanaged: a stale address beside a CNAME (see the conflicts)" });
      continue;
    }
    const entry: Record<string, unknown> = { name: labelOf(r.name, apex), type: r.type, content: r.content };
    if (r.priority !== undefined) entry.priority = r.priority;
    if (r.proxied) entry.proxied = true;
    else if (r.ttl !== 1) entry.ttl = r.ttl;
    else entry.ttl = 1;
    kept.push(entry);
  }
  if (kept.length > 0) {
    // Sorted, so the draft is the same whatever order the source listed the records in.
    kept.sort((a, b) => `${String(a.name)} ${String(a.type)} ${String(a.content)}`.localeCompare(`${String(b.name)} ${String(b.type)} ${String(b.content)}`));
    values.dns = { records: kept };
    note(["dns", "records"], "records the stack does not model, kept exactly as found (the stack manages them; edit them here, not in the dashboard)");
  }
  const unmanagedTodos = unmanaged.filter((u) => u.reason.startsWith("TODO"));
  if (unmanagedTodos.length > 0) todos.push(...unmanagedTodos.map((u) => `TODO: ${describeRecord(u.record)}: ${u.reason.replace(/^TODO: /, "")}`));
  return { values, comments, todos, conflicts, unmanaged, expressedRules };
}

/** The records the draft's own sections will build, for the dns.records collision check. */
function provisionalGenerated(values: Record<string, unknown>, hosts: Array<Record<string, unknown>>, apex: string, redirectFqdn: string, claimed: Set<ExistingRecord>, records: ExistingRecord[]): GeneratedRecord[] {
  const out: GeneratedRecord[] = [];
  for (const h of hosts) {
    const fqdn = h.name === "@" ? apex : `${h.name as string}.${apex}`;
    const origin = h.origin as { cname?: string; addresses?: string[] } | undefined;
    out.push({ name: fqdn, type: origin?.cname ? "CNAME" : "A", owner: "hosts" });
  }
  if (!hosts.some((h) => (h.name === "@" ? apex : `${h.name as string}.${apex}`) === redirectFqdn)) out.push({ name: redirectFqdn, type: "AAAA", owner: "the redirect-only host" });
  out.push({ name: apex, type: "CAA", owner: "caa" });
  // Mail records: whatever the draft claimed for the email section is rebuilt by it.
  for (const r of records) if (claimed.has(r) && r.type !== "CAA" && !ALIAS_TYPES.has(r.type)) out.push({ name: r.name, type: r.type, value: r.content, owner: "email" });
  for (const r of records) if (claimed.has(r) && r.type === "CNAME" && r.name.includes("._domainkey.")) out.push({ name: r.name, type: "CNAME", owner: "email" });
  if (values.email) {
    out.push({ name: apex, type: "TXT", value: "v=spf1", owner: "email (spf)" });
    out.push({ name: `_dmarc.${apex}`, type: "TXT", value: "v=DMARC1", owner: "email (dmarc)" });
  }
  return out;
}

interface EmailContext {
  isProduction: boolean;
  today: string;
  environment: string;
}

/** The email section from the apex's MX, SPF, DKIM and DMARC records, with the records it claims. */
function inferEmail(snapshot: ZoneSnapshot, ctx: EmailContext, claimed: Set<ExistingRecord>, note: (p: ConfigPath, t: string) => void): Record<string, unknown> | undefined {
  const apex = snapshot.domain;
  const records = snapshot.records;
  const mx = records.filter((r) => r.name === apex && r.type === "MX");
  const spfRecords = records.filter((r) => r.name === apex && r.type === "TXT" && isSpfRecord(r.content));
  const dmarcRecord = records.find((r) => r.name === `_dmarc.${apex}` && r.type === "TXT" && isDmarcRecord(r.content));
  if (mx.length === 0 && spfRecords.length === 0 && !dmarcRecord) return undefined;
  const section: Record<string, unknown> = {};
  const senders: Array<Record<string, unknown>> = [];

  // Inbound: Google's single host or legacy five; Microsoft's protection host; else the MX as found.
  if (mx.length > 0) {
    const hosts = mx.map((r) => r.content).sort();
    const isSet = (set: Array<{ host: string }>) => set.map((m) => m.host).sort().join() === hosts.join();
    if (isSet(googleMx("smtp")) || isSet(googleMx("legacy"))) {
      section.inbound = { provider: "google-workspace", mx: isSet(googleMx("smtp")) ? "smtp" : "legacy" };
      note(["email", "inbound"], `recognised Google Workspace from the MX host${mx.length > 1 ? "s" : ""} ${hosts.join(", ")}`);
    } else if (mx.length === 1 && /\.mail\.protection\.outlook\.com$/.test(hosts[0]!)) {
      section.inbound = { provider: "microsoft-365", mxHost: hosts[0] };
      note(["email", "inbound"], `recognised Microsoft 365 from the MX host ${hosts[0]}`);
    } else {
      section.inbound = { provider: "custom", mx: mx.map((r) => ({ host: r.content, priority: r.priority ?? 0 })) };
      note(["email", "inbound"], "MX hosts of no known preset: kept as found");
    }
    for (const r of mx) claimed.add(r);
  }

  // Senders from the SPF includes; DKIM keys by selector.
  const dkimAt = (selector: string) => records.find((r) => r.name === `${selector}._domainkey.${apex}` && (r.type === "TXT" || r.type === "CNAME"));
  const spf = spfRecords[0];
  const customTerms: string[] = [];
  if (spf) {
    claimed.add(spf);
    const terms = spf.content.split(/\s+/).slice(1).map((raw) => parseSpfTerm(raw));
    const all = terms.find((t): t is SpfTerm => typeof t !== "string" && t.mechanism === "all");
    section.spf = { all: all?.qualifier === "~" ? "~all" : "-all" };
    if (!all || (all.qualifier !== "-" && all.qualifier !== "~")) {
      note(["email", "spf"], `CHANGED: the SPF record ends in "${all?.raw ?? "(nothing)"}", which lets anyone send as ${apex}; the stack publishes -all`);
    } else note(["email", "spf"], `SPF ends in ${all.raw} as found`);
    for (const term of terms) {
      if (typeof term === "string" || term.mechanism === "all") continue;
      if (term.mechanism === "include" && term.target === "_spf.google.com") {
        const key = dkimAt("google");
        const sender: Record<string, unknown> = { provider: "google-workspace" };
        if (key?.type === "TXT") {
          sender.dkim = { key: key.content };
          claimed.add(key);
        }
        senders.push(sender);
        note(["email", "senders", senders.length - 1], `recognised Google Workspace from include:_spf.google.com${key ? "; DKIM selector google" : "; no google._domainkey key found"}`);
      } else if (term.mechanism === "include" && term.target === "spf.mtasv.net") {
        const key = records.find((r) => r.type === "TXT" && /^[0-9]+pm\._domainkey\./.test(r.name.slice(0, r.name.length - apex.length)) && r.name.endsWith(`._domainkey.${apex}`));
        if (key) {
          const selector = key.name.slice(0, key.name.indexOf("._domainkey."));
          const returnPath = records.find((r) => r.type === "CNAME" && r.content === "pm.mtasv.net" && r.name.endsWith(`.${apex}`));
          const sender: Record<string, unknown> = { provider: "postmark", dkim: { selector, key: key.content }, spfInclude: true };
          if (returnPath) {
            sender.returnPath = returnPath.name.slice(0, -(apex.length + 1));
            claimed.add(returnPath);
          }
          claimed.add(key);
          senders.push(sender);
          note(["email", "senders", senders.length - 1], `recognised Postmark from include:spf.mtasv.net and the DKIM selector ${selector}${returnPath ? `; Return-Path ${returnPath.name}` : "; no Return-Path CNAME found (the stack adds pm-bounces)"}`);
        } else customTerms.push(term.raw);
      } else if (term.mechanism === "include" && term.target === "amazonses.com") {
        senders.push({ provider: "amazon-ses" });
        note(["email", "senders", senders.length - 1], "recognised Amazon SES from include:amazonses.com (its DKIM CNAMEs come from the SES identity the stack creates)");
      } else customTerms.push(term.raw);
    }
  }
  // DKIM selectors no preset claimed: kept under a custom sender.
  const otherDkim = records.filter((r) => r.name.endsWith(`._domainkey.${apex}`) && !claimed.has(r) && (r.type === "TXT" || r.type === "CNAME") && !r.name.slice(0, -(`._domainkey.${apex}`.length)).includes("."));
  const customDkim = otherDkim.map((r) => {
    claimed.add(r);
    const selector = r.name.slice(0, -(`._domainkey.${apex}`.length));
    return r.type === "TXT" ? { selector, key: r.content } : { selector, cname: r.content };
  });
  if (customTerms.length > 0 || customDkim.length > 0) {
    senders.push({ provider: "custom", ...(customTerms.length ? { spf: customTerms } : {}), ...(customDkim.length ? { dkim: customDkim } : {}) });
    note(["email", "senders", senders.length - 1], `SPF terms${customDkim.length ? " and DKIM selectors" : ""} of no known preset, kept as found`);
  }
  if (senders.length > 0) section.senders = senders;

  // DMARC as found; p=none in production becomes an explicit, dated rollout step.
  if (dmarcRecord) {
    claimed.add(dmarcRecord);
    const found = parseDmarc(dmarcRecord.content);
    if (found) {
      const tags = new Map(Object.entries(found).map(([k, v]) => [k, v.trim()]));
      const isPolicy = (v: string | undefined) => v !== undefined && DMARC_POLICIES.has(v);
      const p = isPolicy(tags.get("p")) ? tags.get("p")! : "none";
      const dmarc: Record<string, unknown> = { p };
      const sp = tags.get("sp");
      if (isPolicy(sp) && !(sp === "none" && ctx.isProduction)) dmarc.sp = sp;
      const uris = (tag: string) => (tags.get(tag) ?? "").split(",").map((u) => u.trim()).filter((u) => /^mailto:[^@\s]+@[^@\s]+$/i.test(u));
      if (uris("rua").length) dmarc.rua = uris("rua").slice(0, 2);
      if (uris("ruf").length) dmarc.ruf = uris("ruf");
      for (const tag of ["adkim", "aspf"]) if (tags.get(tag) === "r" || tags.get(tag) === "s") dmarc[tag] = tags.get(tag);
      if (/^[01ds](:[01ds])*$/.test(tags.get("fo") ?? "")) dmarc.fo = tags.get("fo");
      const dropped = ["pct", "rf", "ri"].filter((t) => tags.has(t));
      note(["email", "dmarc"], `DMARC as found (${dmarcRecord.content})${dropped.length ? `; CHANGED: ${dropped.join(", ")} dropped (removed from DMARC by RFC 9989, receivers ignore them)` : ""}`);
      if (p === "none" && ctx.isProduction) {
        dmarc.p = "quarantine";
        dmarc.rollout = { policy: "none", until: addDays(ctx.today, Math.min(30, DMARC_ROLLOUT_MAX_DAYS)) };
        note(["email", "dmarc", "rollout"], "TODO: p=none is kept as a dated rollout step toward quarantine: read the reports, then remove rollout before that date");
      }
      if (ctx.isProduction && dmarc.rua === undefined) {
        dmarc.rua = [`mailto:dmarc@${apex}`];
        note(["email", "dmarc", "rua"], `CHANGED: production DMARC needs a report address; mailto:dmarc@${apex} is a guess (TODO: use a mailbox that exists)`);
      }
      section.dmarc = dmarc;
    }
  } else if (ctx.isProduction) {
    section.dmarc = { p: "quarantine", rollout: { policy: "none", until: addDays(ctx.today, 30) }, rua: [`mailto:dmarc@${apex}`] };
    note(["email", "dmarc"], `CREATED: the zone has no DMARC record; TODO: the draft starts at p=none for 30 days toward quarantine, reports to dmarc@${apex}`);
  }
  return section;
}

/** TLS settings as found where the stack's rules allow them; otherwise the stack's floor, noted. */
function inferTls(snapshot: ZoneSnapshot, isProduction: boolean, note: (p: ConfigPath, t: string) => void): Record<string, unknown> {
  const tls: Record<string, unknown> = {};
  const setting = (id: string) => snapshot.settings?.find((s) => s.id === id)?.value;
  if (!snapshot.settings) {
    note(["tls"], "the saved answers hold no zone settings: the stack's TLS defaults (strict, TLS 1.2+, HSTS one year); the report cannot show their before -> after");
    return tls;
  }
  const ssl = setting("ssl");
  // Production refuses full (the origin certificate is never validated): the draft moves to strict and says so.
  if (ssl === "full" && !isProduction) tls.sslMode = "full";
  const sslNote = ssl === "full" && isProduction ? "; TODO: production needs strict, so the first deploy moves full -> strict: give the origin a certificate valid for its name (or a Cloudflare origin certificate) first" : "";
  note(["tls"], `found ssl=${String(ssl)}, min_tls_version=${String(setting("min_tls_version"))}; the stack keeps strict (or full outside production) and TLS 1.2 or later${sslNote}`);
  if (setting("min_tls_version") === "1.3") tls.minVersion = "1.3";
  const hsts = (setting("security_header") as { strict_transport_security?: { enabled?: boolean; max_age?: number; include_subdomains?: boolean; preload?: boolean } } | undefined)?.strict_transport_security;
  if (hsts?.enabled && typeof hsts.max_age === "number" && hsts.max_age >= HSTS_MIN_MAX_AGE) {
    tls.hsts = { maxAge: hsts.max_age, includeSubDomains: hsts.include_subdomains ?? false, preload: hsts.preload === true && hsts.include_subdomains === true && hsts.max_age >= HSTS_PRELOAD_MIN_MAX_AGE };
    note(["tls", "hsts"], "HSTS as found");
  }
  return tls;
}

/**
 * The dashboard's single redirects the stack can express: a rule matching one path (optionally on
 * the apex or www) that redirects to a fixed path or https URL with a permanent status.
 */
function inferRedirects(rulesets: ExistingRuleset[] | undefined, apex: string, expressed: Draft["expressedRules"]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const ruleset = rulesets?.find((r) => r.phase === "http_request_dynamic_redirect");
  const twin = new RegExp(`(https?://)?www\\.${apex.replace(/\./g, "\\.")}\\b|"www\\.${apex.replace(/\./g, "\\.")}"`);
  for (const rule of ruleset?.rules ?? []) {
    if (!rule.enabled || rule.action !== "redirect") continue;
    if (twin.test(rule.expression)) {
      expressed.push({ phase: ruleset!.phase, expression: rule.expression, as: "the stack's canonical-host redirect (www and apex, http and https, path and query kept)" });
      continue;
    }
    const from = /^\(?\s*http\.request\.uri\.path\s+eq\s+"(\/[^"\s?#*]*)"\s*\)?$/.exec(rule.expression.replace(/\s*and\s*\(?\s*http\.host\s+(eq|in)\s+[^)]*\)?/, ""));
    const params = (rule.actionParameters as { from_value?: { status_code?: number; target_url?: { value?: string } } } | undefined)?.from_value;
    const to = params?.target_url?.value;
    const status = params?.status_code ?? 301;
    if (!from || !to || !(PERMANENT_REDIRECT_STATUSES as readonly number[]).includes(status)) continue;
    const target = to.replace(new RegExp(`^https://(www\\.)?${apex.replace(/\./g, "\\.")}(?=/)`), "");
    out.push({ from: from[1], to: target, ...(status !== 301 ? { status } : {}) });
    expressed.push({ phase: ruleset!.phase, expression: rule.expression, as: `edge.redirects: ${from[1]} -> ${target}` });
  }
  return out;
}
