/**
 * TLS of each host, on the address our resolver gives: chain trusted (Node's roots plus
 * `--ca-file`), name matches, expiry (fail under 14 days, warn under 30), TLS 1.2+, legacy
 * protocols refused, RSA keys of 2048+ bits, no SHA-1 signatures (live-check-rules.md, testssl.sh),
 * and the zone's CAA allowing the CA that issued the certificate in use.
 */
import * as crypto from "node:crypto";
import * as tls from "node:tls";
import { fail, pass, warn } from "../check";
import type { JobContext } from "../context";
import { judgeCaa, relevantCaa, type IssuerFacts } from "../dns/caa";
import { DnsQueryError } from "../dns/resolver";
import type { Check } from "../types";
import { addressFor } from "./via";

export const EXPIRY_FAIL_DAYS = 14;
export const EXPIRY_WARN_DAYS = 30;
export const MIN_RSA_BITS = 2048;
const MODERN = new Set(["TLSv1.2", "TLSv1.3"]);
const DAY_MS = 86_400_000;

/** Signature algorithm OIDs that use SHA-1 (RFC 3279, RFC 5758). */
const SHA1_OIDS: Record<string, string> = {
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10040.4.3": "dsa-with-sha1",
};

/** Reads one DER TLV header at `at`: [tag, content start, content length]. */
function tlv(der: Buffer, at: number): [number, number, number] {
  const tag = der[at]!;
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
    start += n;
  }
  return [tag, start, len];
}

/** The signatureAlgorithm OID of a DER certificate (X.509: SEQUENCE { tbs, sigAlg, sig }). */
export function signatureAlgorithmOid(der: Buffer): string {
  const [, certStart] = tlv(der, 0);
  const [, tbsStart, tbsLen] = tlv(der, certStart);
  const [, algStart] = tlv(der, tbsStart + tbsLen);
  const [tag, oidStart, oidLen] = tlv(der, algStart);
  if (tag !== 0x06) throw new Error("no OID in signatureAlgorithm");
  const bytes = der.subarray(oidStart, oidStart + oidLen);
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let v = 0;
  for (const b of bytes.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

interface Handshake {
  socket: tls.TLSSocket;
  cert: tls.DetailedPeerCertificate;
}

function handshake(ctx: JobContext, address: string, host: string, port: number, legacy: boolean): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: address,
      port,
      servername: host,
      rejectUnauthorized: false,
      // Hostname is judged separately (tls.name) so that chain problems are reported on their own.
      checkServerIdentity: () => undefined,
      // The legacy probe needs its own protocol range; trust does not matter there.
      ...(legacy ? { minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0" } : { secureContext: ctx.secureContext }),
    });
    const timer = setTimeout(() => fail_(new Error(`no TLS handshake within ${ctx.options.timeoutMs} ms`)), ctx.options.timeoutMs);
    const onAbort = () => fail_(new Error("aborted"));
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onAbort);
    };
    function fail_(e: Error) {
      cleanup();
      socket.destroy();
      reject(e);
    }
    socket.once("secureConnect", () => {
      cleanup();
      resolve({ socket, cert: socket.getPeerCertificate(true) });
    });
    socket.once("error", fail_);
  });
}

export function judgeCertificate(host: string, h: { authorized: boolean; authorizationError?: string; protocol: string | null; cert: tls.DetailedPeerCertificate }, now: Date): Check[] {
  const out: Check[] = [];
  const target = host;
  out.push(h.authorized ? pass("tls.chain", target, `trusted chain issued by ${h.cert.issuer?.O ?? h.cert.issuer?.CN ?? "?"}`) : fail("tls.chain", target, `chain not trusted: ${h.authorizationError ?? "unknown reason"}`));
  const nameErr = tls.checkServerIdentity(host, h.cert);
  out.push(nameErr ? fail("tls.name", target, `certificate does not cover ${host}: ${nameErr.message}`) : pass("tls.name", target, `covers ${host}`));
  const days = (new Date(h.cert.valid_to).getTime() - now.getTime()) / DAY_MS;
  const ends = new Date(h.cert.valid_to).toISOString().slice(0, 10);
  if (days < EXPIRY_FAIL_DAYS) out.push(fail("tls.expiry", target, days < 0 ? `expired on ${ends}` : `expires in ${Math.floor(days)} days (${ends}), under ${EXPIRY_FAIL_DAYS}`));
  else if (days < EXPIRY_WARN_DAYS) out.push(warn("tls.expiry", target, `expires in ${Math.floor(days)} days (${ends}), under ${EXPIRY_WARN_DAYS}: check that renewal is automatic`));
  else out.push(pass("tls.expiry", target, `${Math.floor(days)} days left (${ends})`));
  out.push(h.protocol && MODERN.has(h.protocol) ? pass("tls.version", target, `negotiated ${h.protocol}`) : fail("tls.version", target, `negotiated ${h.protocol ?? "nothing"}; TLS 1.2 or later is required`));
  const isRsa = Boolean((h.cert as { modulus?: string }).modulus);
  const bits = (h.cert as { bits?: number }).bits;
  if (isRsa && bits !== undefined && bits < MIN_RSA_BITS) out.push(fail("tls.key", target, `RSA key of ${bits} bits, under ${MIN_RSA_BITS}`));
  else out.push(pass("tls.key", target, isRsa ? `RSA ${bits} bits` : `${(h.cert as { asn1Curve?: string }).asn1Curve ?? "non-RSA"} key`));
  const sha1: string[] = [];
  // Leaf and intermediates; a root's self-signature is never checked by browsers.
  for (let c: tls.DetailedPeerCertificate | undefined = h.cert, i = 0; c && c.raw && i < 10; c = c.issuerCertificate === c ? undefined : c.issuerCertificate, i++) {
    const selfSigned = c.issuerCertificate === c || c.fingerprint256 === c.issuerCertificate?.fingerprint256;
    if (selfSigned && i > 0) break;
    const oid = signatureAlgorithmOid(c.raw);
    if (SHA1_OIDS[oid]) sha1.push(`${c.subject?.CN ?? "certificate"} (${SHA1_OIDS[oid]})`);
  }
  out.push(sha1.length ? fail("tls.signature", target, `SHA-1 signature on ${sha1.join(", ")}`) : pass("tls.signature", target, "no SHA-1 signature in the chain"));
  return out;
}

/** The issuer facts CAA is judged on: organisation, wildcard, and whether the chain leads to a --ca-file CA. */
export function issuerFacts(cert: tls.DetailedPeerCertificate, extraCa: string | undefined): IssuerFacts {
  const wildcard = /(^|,\s*)DNS:\*\./.test(cert.subjectaltname ?? "");
  let privateCa = false;
  if (extraCa) {
    const cas = (extraCa.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new crypto.X509Certificate(pem));
    for (let c: tls.DetailedPeerCertificate | undefined = cert, i = 0; c?.raw && i < 10 && !privateCa; c = c.issuerCertificate === c ? undefined : c.issuerCertificate, i++) {
      const x = new crypto.X509Certificate(c.raw);
      privateCa = cas.some((ca) => ca.raw.equals(x.raw) || x.checkIssued(ca));
    }
  }
  const org = cert.issuer?.O;
  return { org: Array.isArray(org) ? org[0] : org, wildcard, privateCa };
}

/**
 * Legacy-protocol probe errors that mean "the server refused TLS 1.0/1.1" (an alert or a dropped
 * handshake). A timeout or our own OpenSSL refusing to offer them means we cannot tell.
 */
const REFUSED_LEGACY = /alert|wrong version|unsupported protocol|ECONNRESET|socket disconnected|EPIPE/i;
/** Our side could not offer the old protocols at all: nothing was learnt about the server. */
const OWN_LIMIT = /no protocols available|no ciphers available|NO_PROTOCOLS|NO_CIPHERS/i;

export async function checkTls(ctx: JobContext, host: string): Promise<Check[]> {
  const address = await addressFor(ctx, host);
  const port = ctx.options.httpsPort;
  let h: Handshake;
  try {
    h = await handshake(ctx, address, host, port, false);
  } catch (e) {
    return [fail("tls.chain", host, `no TLS handshake with ${address}:${port}: ${(e as Error).message}`)];
  }
  const facts = { authorized: h.socket.authorized, authorizationError: h.socket.authorizationError ? String(h.socket.authorizationError) : undefined, protocol: h.socket.getProtocol(), cert: h.cert };
  h.socket.destroy();
  const out = judgeCertificate(host, facts, ctx.now);
  const [legacy, caa] = await Promise.all([legacyProbe(ctx, address, host, port), caaCheck(ctx, host, h.cert)]);
  return [...out, legacy, caa];
}

/** Does the server still accept TLS 1.0/1.1? Only a refusal passes; not knowing warns. */
async function legacyProbe(ctx: JobContext, address: string, host: string, port: number): Promise<Check> {
  try {
    const legacy = await handshake(ctx, address, host, port, true);
    const proto = legacy.socket.getProtocol();
    legacy.socket.destroy();
    return fail("tls.version", `${host} legacy`, `accepts ${proto}; disable TLS 1.0 and 1.1 (minimum TLS version 1.2)`);
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    const msg = (e as Error).message;
    if (!OWN_LIMIT.test(msg) && (REFUSED_LEGACY.test(msg) || (e as NodeJS.ErrnoException).code?.startsWith("ERR_SSL"))) return pass("tls.version", `${host} legacy`, "refuses TLS 1.0 and 1.1");
    return warn("tls.version", `${host} legacy`, `could not tell whether TLS 1.0/1.1 are refused (${msg})`);
  }
}

/** CAA of the host against the certificate's issuer; a resolver failure is reported, not thrown, so the TLS findings stand. */
async function caaCheck(ctx: JobContext, host: string, cert: tls.DetailedPeerCertificate): Promise<Check> {
  try {
    return judgeCaa(host, await relevantCaa(ctx, host), issuerFacts(cert, ctx.options.extraCa));
  } catch (e) {
    if (e instanceof DnsQueryError) return fail("dns.resolve", `${e.qname} ${e.qtype}`, `${e.reason} from resolver ${e.server.host}:${e.server.port}`);
    throw e;
  }
}
