/**
 * Every check `verify` can report: its stable id, its launch impact (severity), and why it matters.
 * The risk list quotes `why`; a test pins the list of ids so a rename is a deliberate change.
 * Thresholds live beside the checks that use them, each with its source.
 */
import type { Severity } from "./types";

export interface CatalogEntry {
  severity: Severity;
  title: string;
  why: string;
}

export const CATALOG = {
  "dns.resolve": { severity: "critical", title: "Resolver answers", why: "A name the resolver cannot answer (SERVFAIL, timeout) is a site or mail outage for members." },
  "dns.record": { severity: "high", title: "Declared record live", why: "A record that differs from the stack sends members or mail somewhere the stack did not declare." },
  "dns.edge": { severity: "high", title: "Proxied host on the edge", why: "A proxied host answering with a non-edge address bypasses the WAF, rate limits and TLS at the edge, and exposes the origin." },
  "dns.conflict": { severity: "high", title: "No conflicting records", why: "A second SPF record makes SPF fail for every message; a record beside a CNAME resolves unpredictably." },
  "dns.private": { severity: "high", title: "No private addresses", why: "A public name pointing to a private, loopback or link-local address leaks topology and never works for members." },
  "dns.caa": { severity: "high", title: "CAA allows the issuing CA", why: "A CAA record that does not name the CA issuing the certificate in use makes its next renewal fail: the site goes down when the current certificate expires." },
  "redirect.chain": { severity: "high", title: "Redirect to canonical URL", why: "Members and search engines must land on the canonical https URL with their path and query; loops and long chains break sign-in links." },
  "redirect.declared": { severity: "medium", title: "Declared redirects live", why: "A declared redirect (an old pricing page, a moved forum) that answers otherwise, or drops the campaign query it should keep, breaks links members and ads already use." },
  "redirect.permanent": { severity: "medium", title: "Permanent redirects", why: "Temporary redirects (302/307) are not cached and split search ranking between hosts." },
  "tls.chain": { severity: "critical", title: "Certificate chain trusted", why: "An untrusted chain shows browsers a full-page warning: nobody signs up." },
  "tls.name": { severity: "critical", title: "Certificate name matches", why: "A certificate for another name shows browsers a full-page warning." },
  "tls.expiry": { severity: "critical", title: "Certificate not expiring", why: "An expired certificate takes the site down for every browser; renewal must happen well before." },
  "tls.version": { severity: "high", title: "TLS 1.2 or later", why: "TLS 1.0/1.1 are deprecated by RFC 8996 and fail compliance scans (PCI DSS for payments)." },
  "tls.key": { severity: "high", title: "Strong certificate key", why: "RSA keys under 2048 bits are refused by browsers and CAs." },
  "tls.signature": { severity: "high", title: "No SHA-1 signature", why: "SHA-1 signed certificates are rejected by browsers since 2017." },
  "headers.hsts": { severity: "high", title: "HSTS as declared", why: "Without HSTS, a member's first plain-http request can be intercepted and their session stolen." },
  "headers.declared": { severity: "medium", title: "Edge headers as declared", why: "A response header that differs from the stack's edge rules means the rules are not deployed, or something in front of or behind them rewrites headers." },
  "headers.csp": { severity: "medium", title: "Content-Security-Policy", why: "A CSP limits the damage of an XSS bug to members' accounts." },
  "headers.frame": { severity: "medium", title: "Frame protection", why: "Without frame-ancestors or X-Frame-Options, login and payment pages can be clickjacked." },
  "headers.nosniff": { severity: "low", title: "X-Content-Type-Options", why: "MIME sniffing turns uploaded files into scripts." },
  "headers.referrer": { severity: "low", title: "Referrer-Policy", why: "Full URLs (with reset tokens) leak to third parties through the Referer header." },
  "headers.cookies": { severity: "high", title: "Session cookie flags", why: "A session cookie without Secure/HttpOnly/SameSite can be stolen over http, by script, or used cross-site." },
  "headers.noindex": { severity: "high", title: "Staging not indexed, production indexable", why: "An indexed staging or preview site is a duplicate of the real one in search results (members land there and sign up to nothing); a noindex on production takes the real site out of search." },
  "headers.cors": { severity: "high", title: "No credentialed wildcard CORS", why: "Credentialed CORS from any origin lets any site read members' data." },
  "email.spf": { severity: "high", title: "SPF record valid", why: "A broken or permissive SPF record sends member mail (password resets, receipts) to spam or lets others spoof it." },
  "email.spf.lookups": { severity: "high", title: "SPF lookup limits", why: "More than 10 DNS lookups or 2 void lookups is an SPF permerror (RFC 7208 4.6.4): SPF fails for all mail." },
  "email.spf.ranges": { severity: "high", title: "SPF ranges narrow", why: "ip4/ip6 ranges wider than a /16 (IPv6: /32) in the live SPF record let most of the internet send as the domain: +all by another name (same judgement as the email-spf-no-broad-ranges policy)." },
  "email.dmarc": { severity: "high", title: "DMARC as declared", why: "Gmail, Yahoo and Outlook require DMARC of bulk senders; p=none leaves the domain spoofable." },
  "email.dkim": { severity: "high", title: "DKIM key published", why: "Without a strong DKIM key, mail fails DMARC alignment and lands in spam; keys under 1024 bits are ignored (RFC 8301)." },
  "email.mx": { severity: "medium", title: "MX hosts resolve", why: "An MX host that does not resolve bounces replies and support mail." },
  "email.starttls": { severity: "medium", title: "MX offers STARTTLS", why: "Mail to an MX host without STARTTLS (password resets, receipts, replies) crosses the internet in clear text; MTA-STS senders refuse it." },
  "email.mtasts": { severity: "medium", title: "MTA-STS policy served", why: "A declared MTA-STS policy that is missing, untrusted or wrong protects nothing, and in enforce mode makes senders refuse mail to the domain." },
  "email.nomail": { severity: "medium", title: "No-mail domain locked down", why: "A domain that sends no mail must say so (SPF -all, null MX, DMARC reject) or it is spoofed freely." },
  "message.dmarc": { severity: "critical", title: "Received mail passes DMARC aligned", why: "Mail whose DMARC does not pass aligned with the From domain goes to spam or is rejected by Gmail, Yahoo and Outlook: password resets and receipts never reach members." },
  "message.dkim": { severity: "high", title: "Received mail DKIM-signed and aligned", why: "Only an aligned DKIM signature survives forwarding and mailing lists; a broken one means the key or the sending path is wrong." },
  "message.spf": { severity: "medium", title: "Received mail SPF aligned", why: "SPF aligned with the From domain is DMARC's second leg; without it a DKIM problem alone sends mail to spam." },
  "message.arc": { severity: "medium", title: "Forwarded mail's ARC chain", why: "A mailing list or forwarder that changes a message breaks its DKIM; only a valid ARC chain showing DMARC passed on arrival lets receivers that trust the forwarder still deliver it." },
  "message.provider": { severity: "low", title: "Sending provider recognised", why: "Knowing which provider sent the message tells which preset's DNS records it needs." },
  "message.receiver": { severity: "high", title: "Receiver's verdict agrees", why: "The receiver's own Authentication-Results is how the message was actually judged on arrival; a DMARC failure there is mail members did not get." },
  "smoke.homepage": { severity: "critical", title: "Homepage answers", why: "The homepage is the first thing every visitor sees." },
  "smoke.login": { severity: "critical", title: "Login page answers", why: "Members who cannot log in cannot use what they pay for." },
  "smoke.signup": { severity: "critical", title: "Signup page answers", why: "A broken signup page takes no paying members." },
  "smoke.passwordReset": { severity: "high", title: "Password reset answers", why: "Locked-out members become support tickets and refunds." },
  "smoke.protected": { severity: "critical", title: "Member page protected", why: "A members-only page that answers anonymous visitors gives away what members pay for, or their data." },
  "smoke.api": { severity: "high", title: "API route answers", why: "The app's own API failing breaks pages that look fine." },
  "client.secrets": { severity: "critical", title: "No secrets in client code", why: "A live API key, private key or stack secret in a page, script or source map is readable by every visitor and by scrapers that harvest keys within minutes: rotate it and keep it server-side." },
  "app.commit": { severity: "high", title: "Deployed commit as expected", why: "When the live app is not the commit the team thinks it deployed, fixes are not live and a rollback goes to the wrong place." },
  "perf.p95": { severity: "high", title: "p95 under budget", why: "Slow core pages lose signups and hint at an origin that will fall over at launch traffic." },
  "perf.errors": { severity: "high", title: "Error rate under limit", why: "Errors under light sampling become outages under launch traffic." },
  "perf.size": { severity: "medium", title: "Response size under limit", why: "Heavy pages are slow on mobile and costly to serve." },
  "run.bound": { severity: "high", title: "Finished within the run bound", why: "A check that did not finish gives no evidence either way." },
} as const satisfies Record<string, CatalogEntry>;

export type CheckId = keyof typeof CATALOG;

export const CHECK_IDS = Object.keys(CATALOG) as CheckId[];

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}
