/**
 * What makes a TXT value a DMARC record, and its tags. RFC 7489 §6.4: the record starts with
 * `dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31` ("DMARC1" in upper case, "v"
 * in either case, RFC 5234 §2.3), followed by `;` or the end of the record.
 */
import { parseTagList } from "./tagList";

export type DmarcPolicy = "none" | "quarantine" | "reject";
/** RFC 7489 §6.3: the values of p and sp. */
export const DMARC_POLICIES: ReadonlySet<string> = new Set<DmarcPolicy>(["none", "quarantine", "reject"]);

export function isDmarcRecord(text: string): boolean {
  return /^[vV]\s*=\s*DMARC1\s*(;|$)/.test(text.trim());
}

/** Tag -> value of a DMARC record (keys lower case), or undefined when the text is not one. */
export function parseDmarc(text: string): Record<string, string> | undefined {
  return isDmarcRecord(text) ? parseTagList(text).tags : undefined;
}

/** The record's `p` in lower case when it is one of none/quarantine/reject. */
export function dmarcPolicyOf(text: string): DmarcPolicy | undefined {
  const p = parseDmarc(text)?.p?.toLowerCase();
  return p !== undefined && DMARC_POLICIES.has(p) ? (p as DmarcPolicy) : undefined;
}
