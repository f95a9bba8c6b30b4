/**
 * Telling mail records from web records, and reading what each mail record is for. Both diff
 * (the mail diagram, probes over web hosts only) and handover (the email section) use it.
 */
import type { Plan } from "../types";
import { dnsRecords, ofType, sourcesOf, TYPES, type DnsRecordView } from "./resources";
import { knownString } from "./values";
import { txtText } from "../../kernel/txt";
import { isSpfRecord } from "../../kernel/spf";

export type MailPurpose = "mx" | "spf" | "dkim" | "dmarc" | "dmarc-report-auth" | "mta-sts" | "tls-rpt" | "mail-cname";

/** The email component's type token prefix (components/email/component.ts). */
const EMAIL_COMPONENT = "launch-ready:email:";

export function mailPurpose(r: DnsRecordView): MailPurpose | undefined {
  const name = r.name ?? "";
  const text = r.type === "TXT" && r.content !== undefined ? txtText(r.content) : "";
  if (r.type === "MX") return "mx";
  if (r.type === "TXT" && isSpfRecord(text)) return "spf";
  if (name.includes("._domainkey.") || /^v=DKIM1\b/i.test(text)) return "dkim";
  if (name.includes("._report._dmarc.")) return "dmarc-report-auth";
  if (name.startsWith("_dmarc.")) return "dmarc";
  if (name.startsWith("_mta-sts.")) return "mta-sts";
  if (name.startsWith("_smtp._tls.")) return "tls-rpt";
  // Records the email component made whose name is only known after deploy (SES DKIM CNAMEs)
  // or that serve mail (Return-Path CNAMEs).
  if (r.resource.parent?.includes(EMAIL_COMPONENT) || r.resource.urn.includes(`$${EMAIL_COMPONENT}`)) return r.name ? "mail-cname" : "dkim";
  return undefined;
}

export interface MailRecordView extends DnsRecordView {
  purpose: MailPurpose;
  /**
   * For a record whose name comes from an SES identity after deploy (its DKIM CNAMEs), the
   * identity's domain ("mail.example.com"), known before deploy through the name's dependency.
   */
  identityDomain?: string;
}

export function mailRecords(plan: Plan): MailRecordView[] {
  const identities = new Set(ofType(plan, TYPES.sesIdentity));
  return dnsRecords(plan).flatMap((r) => {
    const purpose = mailPurpose(r);
    if (!purpose) return [];
    const identity = r.name ? undefined : sourcesOf(plan, r.resource, "name").find((s) => identities.has(s));
    const identityDomain = knownString(identity?.inputs.emailIdentity)?.toLowerCase();
    return [{ ...r, purpose, ...(identityDomain ? { identityDomain } : {}) }];
  });
}

/** A/AAAA/CNAME records that serve web hosts (not mail, not verification underscores). */
export function webRecords(plan: Plan): DnsRecordView[] {
  return dnsRecords(plan).filter((r) => r.name && (r.type === "A" || r.type === "AAAA" || r.type === "CNAME") && !r.name.split(".")[0]!.startsWith("_") && mailPurpose(r) === undefined);
}

/** The domain a mail record speaks for ("google._domainkey.example.com" -> "example.com"). */
export function mailDomain(r: MailRecordView): string | undefined {
  const name = r.name;
  if (!name) return r.identityDomain;
  if (r.purpose === "dkim") return name.split("._domainkey.")[1] ?? name;
  if (r.purpose === "dmarc-report-auth") return name.split("._report._dmarc.")[1];
  if (r.purpose === "dmarc") return name.slice("_dmarc.".length);
  if (r.purpose === "mta-sts") return name.slice("_mta-sts.".length);
  if (r.purpose === "tls-rpt") return name.slice("_smtp._tls.".length);
  // A Return-Path CNAME ("pm-bounces.example.com") speaks for its parent domain.
  if (r.purpose === "mail-cname") return name.split(".").slice(1).join(".") || name;
  return name;
}
