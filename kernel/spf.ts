/**
 * What makes a TXT value an SPF record (RFC 7208 §4.5: it begins with exactly "v=spf1",
 * terminated by a space or the end of the record; the version is case-insensitive, RFC 5234
 * §2.3), and the record of a domain that sends no mail. One test for the stack's checks, the
 * policy pack, diff and verify.
 */

export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text.trim());
}

/** "v=spf1 -all": no server may send as the domain (RFC 7208 §5.1; with a null MX, RFC 7505). */
export function isNoMailSpf(text: string): boolean {
  return /^v=spf1 +-all$/i.test(text.trim());
}

/** The passing ip4/ip6 terms of an SPF record ("ip4:192.0.2.0/24", "+ip6:2001:db8::/32"), as written. */
export function spfRangeTerms(text: string): string[] {
  return text.trim().split(/\s+/).filter((term) => /^\+?ip[46]:\S/i.test(term));
}
