/**
 * Mermaid flowcharts of a plan (GitHub renders ```mermaid blocks in PR comments):
 *  - edge: hosts -> Cloudflare edge (proxied, Access, redirects) -> origins; DNS-only hosts go
 *    straight to their origin;
 *  - mail: per domain, its MX, SPF, DKIM, DMARC (and MTA-STS, TLS-RPT) records.
 */
import { UNKNOWN_PLACEHOLDER, type Plan } from "../plan/types";
import { accessApps, accessHost, redirects } from "../plan/read/edge";
import { mailDomain, mailRecords, webRecords, type MailPurpose, type MailRecordView } from "../plan/read/mail";
import { txtText } from "../kernel/txt";
import { displayValue } from "../plan/read/mask";
import { mermaidLabel } from "../encode/markdown";

/**
 * Addresses a redirect-only host points at, which no origin serves: Cloudflare's documented
 * placeholders for "originless" proxied records (developers.cloudflare.com/rules/url-forwarding/,
 * checked 2026-11): 192.0.2.1 (TEST-NET-1) and 100:: (the IPv6 discard prefix).
 */
export const ORIGINLESS_ADDRESSES = new Set(["192.0.2.1", "100::"]);

/** A node id Mermaid accepts. */
export function nodeId(prefix: string, text: string): string {
  return `${prefix}_${text.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A quoted node or edge label (the one Mermaid encoder, encode/markdown.ts). */
export const label = mermaidLabel;

const shorten = (s: string, n = 48) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function edgeDiagram(plan: Plan): string {
  const lines = ["flowchart LR"];
  const records = webRecords(plan);
  const hosts = [...new Set(records.map((r) => r.name!))].sort();
  if (hosts.length === 0) return `${lines[0]}\n  none["no web hosts declared"]`;
  const access = new Map(accessApps(plan).flatMap((a) => (accessHost(a) ? [[accessHost(a)!, a]] : [])));
  const rules = redirects(plan).filter((r) => r.enabled);
  const proxied = new Set(records.filter((r) => r.proxied).map((r) => r.name!));

  lines.push('  subgraph hosts["Hosts"]');
  for (const h of hosts) lines.push(`    ${nodeId("h", h)}[${label(h)}]`);
  lines.push("  end");
  if (proxied.size > 0) {
    lines.push('  subgraph edge["Cloudflare edge"]');
    for (const h of hosts.filter((x) => proxied.has(x))) {
      const parts = ["proxied"];
      const app = access.get(h);
      if (app) parts.push(`Access: ${app.name ?? "application"}`);
      const count = rules.filter((r) => r.sourceHosts.includes(h)).length;
      if (count) parts.push(`${count} redirect${count > 1 ? "s" : ""}`);
      lines.push(`    ${nodeId("e", h)}{{${label(parts.join(" · "))}}}`);
    }
    lines.push("  end");
  }
  const origins = new Map<string, string>();
  for (const r of records) {
    const content = r.content === undefined ? UNKNOWN_PLACEHOLDER : displayValue(r.content, ["content"]);
    const from = r.proxied ? nodeId("e", r.name!) : nodeId("h", r.name!);
    if (r.proxied) lines.push(`  ${nodeId("h", r.name!)} --> ${nodeId("e", r.name!)}`);
    if (ORIGINLESS_ADDRESSES.has(content)) continue;
    const id = nodeId("o", content);
    if (!origins.has(id)) {
      origins.set(id, content);
      lines.push(`  ${id}[(${label(shorten(content))})]`);
    }
    lines.push(`  ${from} -->${r.proxied ? "" : `|${label("DNS only")}|`} ${id}`);
  }
  for (const r of rules) {
    const target = r.targetHost && hosts.includes(r.targetHost) ? nodeId("h", r.targetHost) : undefined;
    for (const src of r.sourceHosts) {
      if (!proxied.has(src)) continue;
      const text = `${r.statusCode ?? "redirect"} ${r.key}`;
      if (target) lines.push(`  ${nodeId("e", src)} -.->|${label(text)}| ${target}`);
      else if (r.targetHost) {
        const ext = nodeId("x", r.targetHost);
        lines.push(`  ${ext}[${label(r.targetHost)}]`, `  ${nodeId("e", src)} -.->|${label(text)}| ${ext}`);
      }
    }
  }
  // Links and nodes repeat when several records share a host or origin; subgraph `end`s must not be merged.
  const seen = new Set<string>();
  return lines.filter((l) => l.trim() === "end" || (!seen.has(l) && (seen.add(l), true))).join("\n");
}

export function mailDiagram(plan: Plan): string {
  const lines = ["flowchart LR"];
  const order: MailPurpose[] = ["mx", "spf", "dkim", "dmarc", "dmarc-report-auth", "mta-sts", "tls-rpt", "mail-cname"];
  const domainOf = (r: MailRecordView) => mailDomain(r) ?? "(known after deploy)";
  // Grouped by domain, each in reading order, so a reviewer reads one domain's mail setup at a time.
  const records = mailRecords(plan)
    .map((r, index) => ({ r, index }))
    .sort((a, b) => domainOf(a.r).localeCompare(domainOf(b.r)) || order.indexOf(a.r.purpose) - order.indexOf(b.r.purpose) || a.index - b.index)
    .map(({ r }) => r);
  if (records.length === 0) return `${lines[0]}\n  none["no mail records declared"]`;
  const domains = new Set<string>();
  let n = 0;
  for (const r of records) {
    const domain = domainOf(r);
    const d = nodeId("d", domain);
    if (!domains.has(domain)) {
      domains.add(domain);
      lines.push(`  ${d}[${label(domain)}]`);
    }
    const content = r.content === undefined ? UNKNOWN_PLACEHOLDER : displayValue(r.type === "TXT" ? txtText(r.content) : r.content, ["content"]);
    const node = `m${n++}`;
    let text: string;
    switch (r.purpose) {
      case "mx":
        text = `MX ${r.priority ?? ""} ${content}`;
        break;
      case "spf":
        text = `SPF ${content.replace(/^v=spf1\s*/i, "")}`;
        break;
      case "dkim":
        text = `DKIM ${r.name?.split("._domainkey.")[0] ?? (r.identityDomain ? "SES token (name after deploy)" : "(selector after deploy)")} (${r.type})`;
        break;
      case "dmarc":
        text = `DMARC ${content.replace(/^v=DMARC1;?\s*/i, "")}`;
        break;
      case "dmarc-report-auth":
        text = `accepts DMARC reports for ${r.name?.split("._report._dmarc.")[0]}`;
        break;
      case "mta-sts":
        text = `MTA-STS ${content.replace(/^v=STSv1;?\s*/i, "")}`;
        break;
      case "tls-rpt":
        text = `TLS-RPT ${content.replace(/^v=TLSRPTv1;?\s*/i, "")}`;
        break;
      default:
        text = `${r.type} ${r.name?.split(".")[0]} -> ${content}`;
    }
    lines.push(`  ${d} --> ${node}[${label(shorten(text, 60))}]`);
  }
  return lines.join("\n");
}
