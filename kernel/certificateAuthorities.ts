/**
 * Which CAA identifier (RFC 8659 `issue` value) each public CA honours, by the organisation named
 * in the issuer of the certificates it signs. Used to judge that a zone's CAA allows the CA that
 * actually issues its certificates: a CAA that does not is an outage waiting for the next renewal.
 *
 * Source: the CAA identifiers each CA discloses to the CCADB (ccadb.org, "CAA Identifiers" in the
 * AllCertificateRecords report) and the CAs' own documentation: letsencrypt.org/docs/caa,
 * pki.goog/faq, ssl.com/faqs (CAA), digicert.com (CAA record), sectigo.com and zerossl.com help
 * (ZeroSSL issues under Sectigo), docs.aws.amazon.com/acm (setup-caa), globalsign.com (CAA),
 * developers.cloudflare.com/ssl/edge-certificates/caa-records (Cloudflare's edge certificates come
 * from Let's Encrypt, Google Trust Services and SSL.com; its older "Cloudflare Inc ECC CA-3"
 * intermediate was DigiCert's). Copied 2026-11-28.
 */
export const CAA_ISSUERS_DATE = "2026-11-28";

/**
 * The CAs Cloudflare's Universal SSL issues from (developers.cloudflare.com/ssl/reference/certificate-authorities/,
 * checked 2026-11): the stack's default CAA `issue` list, so Cloudflare can always renew.
 */
export const CLOUDFLARE_UNIVERSAL_SSL_CAS = ["letsencrypt.org", "pki.goog", "ssl.com"] as const;

/** [issuer organisation, matched case-insensitively as a prefix; the CAA identifiers that allow it]. */
export const CAA_ISSUERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["Let's Encrypt", ["letsencrypt.org"]],
  ["Google Trust Services", ["pki.goog"]],
  ["SSL Corporation", ["ssl.com"]],
  ["SSL.com", ["ssl.com"]],
  ["DigiCert", ["digicert.com", "www.digicert.com"]],
  ["Cloudflare, Inc.", ["digicert.com"]],
  ["Sectigo", ["sectigo.com", "comodoca.com"]],
  ["ZeroSSL", ["sectigo.com"]],
  ["Amazon", ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"]],
  ["GlobalSign", ["globalsign.com"]],
  ["Entrust", ["entrust.net"]],
];

/** The CAA identifiers that allow a CA, from its issuer organisation; undefined for a CA not in the table. */
export function caaIdentifiersFor(issuerOrg: string | undefined): readonly string[] | undefined {
  if (!issuerOrg) return undefined;
  const o = issuerOrg.toLowerCase();
  return CAA_ISSUERS.find(([name]) => o.startsWith(name.toLowerCase()))?.[1];
}

/**
 * The CAA records Cloudflare publishes beside a zone's own when Universal SSL (or an advanced
 * certificate) is on and the zone has any CAA record, so it can keep issuing: answered to DNS
 * queries, never shown in the dashboard or held by the stack. Each as `flags tag value`, both
 * `issue` and `issuewild`.
 * Source: Cloudflare's CAA FAQ, "What CAA records are added by Cloudflare?"
 * (https://developers.cloudflare.com/ssl/edge-certificates/troubleshooting/caa-records/, partial
 * caa-records-added-by-cf): Google Trust Services, Let's Encrypt, SSL.com, Sectigo. Earlier
 * revisions of the page listed DigiCert and Comodo, which live zones still answer. Copied 2026-12-04.
 */
export const CLOUDFLARE_CAA_DATE = "2026-12-04";
const CLOUDFLARE_CAA_VALUES = ["pki.goog; cansignhttpexchanges=yes", "letsencrypt.org", "ssl.com", "sectigo.com", "digicert.com; cansignhttpexchanges=yes", "comodoca.com"];
export const CLOUDFLARE_CAA: readonly string[] = CLOUDFLARE_CAA_VALUES.flatMap((v) => [`0 issue ${v}`, `0 issuewild ${v}`]);
