/**
 * The `email` section turned into the DNS records it needs (and the SES identities whose DKIM
 * tokens only exist after deploy), plus every problem found while building them. Pure: the same
 * section gives the same records, so plan, policies and verify can all rebuild them.
 *
 * Record keys are stable logical names made of purpose and host (never content): changing a
 * provider's MX host or a DKIM key is then an in-place update, not a delete and create.
 */
import { presetRequirementProblems } from "./presetRequirements";
import type { EmailConfig } from "../schema/email";
import { MANAGED_COMMENT } from "../constants/email";
import { inboundMx, senderContribution, subLabel, type SenderRecordSpec } from "./providers";
import { analyzeSpf } from "./spf";
import { analyzeDkim } from "./dkim";
import { buildDmarcValue, publishedPolicy, reportUriProblem } from "./dmarc";
import { buildMtaStsPolicy, buildMtaStsValue, buildTlsRptValue, mtaStsPolicyId, mxMatchesPattern } from "./mtasts";
import { renderTxtContent } from "../../kernel/txt";
import { isSpfRecord } from "../../kernel/spf";

export type EmailRecordPurpose = "mx" | "spf" | "dkim" | "dmarc" | "dmarc-report-auth" | "mta-sts" | "tls-rpt" | "return-path" | "tracking";

export interface EmailRecord {
  /** Fully qualified name ("_dmarc.example.com"). */
  name: string;
  type: "MX" | "TXT" | "CNAME";
  /** What Cloudflare is sent: for TXT the quoted 255-octet strings (`"a" "b"`), else the target host. */
  content: string;
  /** What a resolver's reader sees: the TXT strings joined, or the target host. */
  value: string;
  priority?: number;
  ttl: number;
  purpose: EmailRecordPurpose;
  /** Stable logical-name part, by purpose and host: "spf-apex", "mx-apex-0", "dkim-google-apex". */
  key: string;
  comment: string;
}

/** An SES domain identity to create; its three DKIM CNAMEs come from its tokens after deploy. */
export interface SesIdentitySpec {
  /** The identity's domain ("example.com", "mail.example.com"). */
  domain: string;
  region: string;
  /** Custom MAIL FROM domain, when configured. */
  mailFromDomain?: string;
  /** Stable logical-name part: "ses-apex". */
  key: string;
}

export interface MtaStsPlan {
  /** The domain the policy covers. */
  domain: string;
  /** Where the policy must be served: https://<policyHost>/.well-known/mta-sts.txt */
  policyHost: string;
  policy: string;
  id: string;
}

export interface EmailProblem {
  level: "error" | "warning";
  /** Path inside the `email` section. */
  path: ReadonlyArray<string | number>;
  message: string;
}

export interface EmailPlan {
  records: EmailRecord[];
  sesIdentities: SesIdentitySpec[];
  mtaSts?: MtaStsPlan;
  problems: EmailProblem[];
}

export interface EmailBuildOptions {
  apex: string;
  environment: string;
  /**
   * FQDNs of the stack's web hosts (the `hosts` section). A web host may be a CNAME, beside which
   * no TXT can sit, so no "v=spf1 -all" is added there. @default - none known: every From name qualifies
   */
  webHosts?: readonly string[];
}

/** "@" -> "apex", "pm-bounces" -> "pm-bounces", "send.mail" -> "send-mail", "_dmarc" -> "dmarc". */
export function hostKey(label: string): string {
  if (label === "@") return "apex";
  return label
    .split(".")
    .map((l) => l.replace(/^_+/, ""))
    .join("-");
}

function fqdnOf(label: string, apex: string): string {
  return label === "@" ? apex : `${label}.${apex}`;
}

/** The host a DKIM record belongs to: "google._domainkey.mail" with selector "google" -> "mail". */
function dkimOwner(spec: SenderRecordSpec): string {
  const prefix = `${spec.discriminator}._domainkey`;
  return spec.host === prefix ? "@" : spec.host.slice(prefix.length + 1);
}

export function buildEmailPlan(section: EmailConfig, options: EmailBuildOptions): EmailPlan {
  const { apex } = options;
  const records: EmailRecord[] = [];
  const problems: EmailProblem[] = [];
  const sesIdentities: SesIdentitySpec[] = [];
  const ttl = section.ttl;

  const txt = (label: string, value: string, purpose: EmailRecordPurpose, key: string) =>
    records.push({ name: fqdnOf(label, apex), type: "TXT", content: renderTxtContent(value), value, ttl, purpose, key, comment: MANAGED_COMMENT });
  // MX records at one name must come from one provider: remember who asked for each name.
  const mxSources = new Map<string, string[]>();
  const mx = (label: string, hosts: Array<{ host: string; priority: number }>, source: string) => {
    const name = fqdnOf(label, apex);
    const sources = mxSources.get(name) ?? [];
    if (sources.length > 0) {
      problems.push({ level: "error", path: [], message: `${name} gets MX records from ${sources[0]} and from ${source}; mail for one name goes to one provider: move one of them to another subdomain` });
      return;
    }
    mxSources.set(name, [source]);
    hosts.forEach((m, i) =>
      records.push({ name, type: "MX", content: m.host, value: m.host, priority: m.priority, ttl, purpose: "mx", key: `mx-${hostKey(label)}-${i}`, comment: MANAGED_COMMENT }),
    );
  };

  if (section.mode === "none") {
    if (section.senders.length > 0) problems.push({ level: "error", path: ["senders"], message: 'mode "none" declares that the domain sends no mail; remove the senders or set mode "send"' });
    if (section.inbound) problems.push({ level: "error", path: ["inbound"], message: 'mode "none" publishes a null MX (no mail accepted); remove inbound or set mode "send"' });
    if (section.mtaSts) problems.push({ level: "error", path: ["mtaSts"], message: 'MTA-STS protects inbound mail, and mode "none" accepts none; remove mtaSts' });
    if (section.dmarc && publishedPolicy(section.dmarc) !== "reject") {
      problems.push({ level: "error", path: ["dmarc", "p"], message: `a domain that sends no mail publishes p=reject; "${publishedPolicy(section.dmarc)}" would let forgeries through` });
    }
    if (section.dmarc?.sp !== undefined && section.dmarc.sp !== "reject") {
      problems.push({ level: "error", path: ["dmarc", "sp"], message: `a domain that sends no mail publishes sp=reject; "${section.dmarc.sp}" would let forgeries through its subdomains: remove sp` });
    }
    // RFC 7505 null MX; RFC 7208 "v=spf1 -all"; DMARC reject with strict alignment; and a
    // wildcard empty DKIM key (M3AAWG parked-domain practice) so no selector can ever validate.
    mx("@", [{ host: ".", priority: 0 }], "the null MX");
    txt("@", "v=spf1 -all", "spf", "spf-apex");
    txt("_dmarc", buildDmarcValue({ p: "reject", sp: "reject", adkim: "s", aspf: "s", rua: section.dmarc?.rua }), "dmarc", "dmarc-apex");
    txt("*._domainkey", "v=DKIM1; p=", "dkim", "dkim-wildcard-apex");
    checkReportUris(section, problems);
    return { records, sesIdentities, problems };
  }

  // Keys a preset needs for this domain (Microsoft 365 with a hyphenated domain): presetRequirements.ts.
  for (const p of presetRequirementProblems(section, apex)) problems.push({ level: "error", ...p });

  // Inbound MX.
  const inboundHosts: string[] = [];
  if (section.inbound) {
    const hosts = inboundMx(section.inbound, fqdnOf(section.inbound.host, apex));
    mx(section.inbound.host, hosts, `inbound (${section.inbound.provider})`);
    inboundHosts.push(...hosts.map((h) => h.host));
  }

  // Senders: SPF terms merged per host (one record per name), and their own records.
  const spfTerms = new Map<string, { terms: string[]; declared: Record<string, number>; paths: number[] }>();
  section.senders.forEach((sender, index) => {
    const contribution = senderContribution(sender, apex, index);
    for (const { host, terms } of contribution.spf) {
      const entry = spfTerms.get(host) ?? { terms: [], declared: {}, paths: [] };
      entry.terms.push(...terms);
      Object.assign(entry.declared, contribution.includeLookups ?? {});
      entry.paths.push(index);
      spfTerms.set(host, entry);
    }
    const senderMx = contribution.records.filter((r) => r.type === "MX");
    for (const host of new Set(senderMx.map((r) => r.host))) {
      mx(host, senderMx.filter((r) => r.host === host).map((r) => ({ host: r.value, priority: r.priority ?? 10 })), `senders[${index}] (${sender.provider})`);
    }
    for (const spec of contribution.records.filter((r) => r.type !== "MX")) {
      const owner = spec.purpose === "dkim" ? dkimOwner(spec) : spec.host;
      const key = [spec.purpose, spec.discriminator, hostKey(owner)].filter(Boolean).join("-");
      if (spec.type === "TXT" && spec.purpose === "dkim") {
        for (const p of analyzeDkim(spec.value, `the DKIM key at ${fqdnOf(spec.host, apex)}`).problems) problems.push({ ...p, path: spec.configPath });
      }
      if (spec.type === "TXT") txt(spec.host, spec.value, spec.purpose, key);
      else records.push({ name: fqdnOf(spec.host, apex), type: "CNAME", content: spec.value, value: spec.value, ttl, purpose: spec.purpose, key, comment: MANAGED_COMMENT });
    }
    if (contribution.sesIdentity) {
      const { host, region, mailFrom } = contribution.sesIdentity;
      sesIdentities.push({ domain: fqdnOf(host, apex), region, mailFromDomain: mailFrom ? fqdnOf(mailFrom, apex) : undefined, key: `ses-${hostKey(host)}` });
      if (!mailFrom) {
        problems.push({ level: "warning", path: ["senders", index, "mailFrom"], message: `SES sends with MAIL FROM amazonses.com, so only DKIM aligns for ${fqdnOf(host, apex)}; set mailFrom (e.g. "bounce") so SPF aligns too` });
      }
    }
    if (sender.provider === "google-workspace" && !sender.dkim) {
      problems.push({ level: "warning", path: ["senders", index, "dkim"], message: "Google Workspace signs with its own domain until you publish its DKIM key; generate it in Admin console > Gmail > Authenticate email and set dkim.key" });
    }
  });

  const all = section.spf.all as "-all" | "~all";
  for (const [host, entry] of spfTerms) {
    const name = fqdnOf(host, apex);
    const analysis = analyzeSpf(name, entry.terms, all, entry.declared);
    for (const p of analysis.problems) problems.push({ ...p, path: ["senders", entry.paths[0]!] });
    if (analysis.record) txt(host, analysis.record, "spf", `spf-${hostKey(host)}`);
  }
  // Names that mail is sent *as* (the From domains, and the apex, whose DMARC covers the zone)
  // but that no sender uses as its envelope (MAIL FROM / Return-Path): receivers never check SPF
  // there for our own mail, so "v=spf1 -all" costs nothing and tells strict checkers (and
  // receivers) that nothing sends with that envelope. Only where that is known to be safe: no
  // SPF record yet, no inbound provider there (its mailboxes may send from it), no custom sender
  // there without SPF terms (its envelope is unknown), and no CNAME at the name. And only under
  // a DMARC policy: an SPF name without one is what email-dmarc-present refuses (a section with
  // neither senders nor inbound needs no DMARC, and then publishes nothing).
  const envelopeUnknown = (host: string) => section.senders.some((s) => s.host === host && s.provider === "custom");
  const noSendCandidates = new Set(section.dmarc ? ["@", ...section.senders.map((s) => s.host)] : []);
  for (const host of noSendCandidates) {
    const name = fqdnOf(host, apex);
    if (spfTerms.has(host) || section.inbound?.host === host || envelopeUnknown(host)) continue;
    if (records.some((r) => r.name === name && r.type === "CNAME")) continue;
    if (host !== "@" && options.webHosts?.includes(name)) continue;
    txt(host, "v=spf1 -all", "spf", `spf-${hostKey(host)}`);
  }
  if (all === "~all") {
    problems.push({ level: "warning", path: ["spf", "all"], message: '"~all" asks receivers to accept unlisted senders as suspicious rather than reject them; use "-all" once every sender is listed' });
  }

  // DMARC.
  if (!section.dmarc) {
    if (section.senders.length > 0 || section.inbound) {
      problems.push({ level: "error", path: ["dmarc"], message: 'is missing; a domain with mail needs a DMARC policy, e.g. dmarc: { p: quarantine, rua: ["mailto:dmarc@' + apex + '"] }' });
    }
  } else {
    const d = section.dmarc;
    txt("_dmarc", buildDmarcValue({ p: publishedPolicy(d), sp: d.sp, adkim: d.adkim, aspf: d.aspf, rua: d.rua, ruf: d.ruf, fo: d.fo }), "dmarc", "dmarc-apex");
    for (const other of d.acceptReportsFor) {
      if (other === apex) {
        problems.push({ level: "error", path: ["dmarc", "acceptReportsFor"], message: `"${other}" is this zone's own domain; its reports need no authorization record` });
        continue;
      }
      txt(`${other}._report._dmarc`, "v=DMARC1", "dmarc-report-auth", `dmarc-report-auth-${other.replace(/\./g, "-")}`);
    }
  }
  checkReportUris(section, problems);

  // MTA-STS and TLS-RPT, for the inbound domain.
  const stsDomainLabel = section.inbound?.host ?? "@";
  let mtaSts: MtaStsPlan | undefined;
  if (section.mtaSts) {
    if (!section.inbound) {
      problems.push({ level: "error", path: ["mtaSts"], message: "MTA-STS protects mail sent to this domain, but no inbound provider is configured; set inbound or remove mtaSts" });
    } else {
      const patterns = section.mtaSts.mx ?? inboundHosts;
      for (const host of inboundHosts) {
        if (!patterns.some((p) => mxMatchesPattern(host, p))) {
          problems.push({ level: "error", path: ["mtaSts", "mx"], message: `the MX host ${host} matches none of ${JSON.stringify(patterns)}; in enforce mode senders would refuse to deliver to it` });
        }
      }
      const policy = buildMtaStsPolicy({ mode: section.mtaSts.mode, mx: patterns, maxAge: section.mtaSts.maxAge });
      const id = mtaStsPolicyId(policy);
      const domain = fqdnOf(stsDomainLabel, apex);
      mtaSts = { domain, policyHost: `mta-sts.${domain}`, policy, id };
      txt(subLabel("_mta-sts", stsDomainLabel), buildMtaStsValue(id), "mta-sts", `mta-sts-${hostKey(stsDomainLabel)}`);
    }
  }
  if (section.tlsRpt) {
    txt(subLabel("_smtp._tls", stsDomainLabel), buildTlsRptValue(section.tlsRpt.rua), "tls-rpt", `tls-rpt-${hostKey(stsDomainLabel)}`);
  }

  problems.push(...findNameConflicts(records).map((message) => ({ level: "error" as const, path: [] as string[], message })));
  return { records, sesIdentities, mtaSts, problems };
}

/** The records of the section (see buildEmailPlan for SES identities and problems). */
export function buildEmailRecords(section: EmailConfig, options: EmailBuildOptions): EmailRecord[] {
  return buildEmailPlan(section, options).records;
}

function checkReportUris(section: EmailConfig, problems: EmailProblem[]): void {
  for (const tag of ["rua", "ruf"] as const) {
    (section.dmarc?.[tag] ?? []).forEach((uri, i) => {
      const problem = reportUriProblem(uri);
      if (problem) problems.push({ level: "error", path: ["dmarc", tag, i], message: problem });
    });
  }
}

/**
 * Conflicts among records at one name, whoever declared them (export it to check the mail records
 * together with the DNS section's): more than one SPF record (receivers then fail SPF with
 * permerror, RFC 7208 §4.5), a CNAME beside other records (RFC 1034 §3.6.2), and duplicate keys.
 */
export function findNameConflicts(records: ReadonlyArray<Pick<EmailRecord, "name" | "type" | "value"> & { key?: string }>): string[] {
  const messages: string[] = [];
  const byName = new Map<string, typeof records[number][]>();
  for (const r of records) byName.set(r.name.toLowerCase(), [...(byName.get(r.name.toLowerCase()) ?? []), r]);
  for (const [name, list] of byName) {
    const spf = list.filter((r) => r.type === "TXT" && isSpfRecord(r.value));
    if (spf.length > 1) messages.push(`${name} would have ${spf.length} SPF records; receivers fail SPF (permerror) when a name has more than one: merge them into one`);
    const cnames = list.filter((r) => r.type === "CNAME");
    if (cnames.length > 0 && list.length > 1) {
      messages.push(`${name} has a CNAME (${cnames[0]!.value}) beside ${list.length - 1} other record(s); a CNAME must be alone at its name`);
    }
  }
  const keys = new Map<string, number>();
  for (const r of records) if (r.key) keys.set(r.key, (keys.get(r.key) ?? 0) + 1);
  for (const [key, count] of keys) if (count > 1) messages.push(`two records share the key "${key}" (the same purpose at the same name twice, e.g. one DKIM selector configured twice)`);
  return messages;
}
