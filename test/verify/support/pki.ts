/**
 * A test CA for the verify tests, made at run time: the keys are the test suite's (test/support/rsaKeys.ts),
 * node-forge builds the certificates and node:crypto signs them (forge's RSA is JavaScript, about
 * ten times the CPU). Its organisation is a parameter because CAA is judged on the issuer's name:
 * the default poses as Let's Encrypt so the CAA check has a known CA to judge. Nothing here is a
 * real credential, and nothing it signs is trusted outside the test's own `extraCa`.
 */
import * as crypto from "node:crypto";
import forge from "node-forge";
import { testRsaKeyPair } from "../../support/rsaKeys";

export interface Issued {
  key: string;
  cert: string;
}

function forgeKeys(bits: number, role: string) {
  const { privateKey, publicKey } = testRsaKeyPair(bits, role);
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return { pem, signer: privateKey, pub: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()) };
}

/**
 * Signs `cert` with node:crypto. forge's `cert.sign(key, md)` feeds the DER TBSCertificate to
 * `md.update` and then calls `key.sign(md)` (node-forge lib/x509.js); the digest keeps the bytes
 * so crypto.sign can sign them (RSASSA-PKCS1-v1_5, the same signature forge makes).
 */
function signCert(cert: forge.pki.Certificate, key: crypto.KeyObject, algorithm: "sha1" | "sha256"): void {
  const md: forge.md.MessageDigest = forge.md[algorithm].create();
  const tbs: string[] = [];
  const update = md.update.bind(md);
  md.update = (bytes: string, encoding?: forge.Encoding) => {
    tbs.push(bytes);
    return update(bytes, encoding);
  };
  const signer = { sign: () => crypto.sign(algorithm, Buffer.from(tbs.join(""), "binary"), key).toString("binary") };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, md);
}

let serial = 1;
const DAY = 86_400_000;

export class TestCa {
  readonly cert: string;
  private readonly caCert: forge.pki.Certificate;
  private readonly caKey: crypto.KeyObject;
  /** One key for every leaf, converted for forge once per CA: tests judge certificates, not keys. */
  private readonly leafKeys = new Map<number, ReturnType<typeof forgeKeys>>();

  constructor(org = "Let's Encrypt") {
    // Each CA its own key: a certificate of one must not verify under another.
    const k = forgeKeys(2048, `ca-${org.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`);
    const c = forge.pki.createCertificate();
    c.publicKey = k.pub;
    c.serialNumber = String(serial++).padStart(2, "0");
    c.validity.notBefore = new Date(Date.now() - DAY);
    c.validity.notAfter = new Date(Date.now() + 3650 * DAY);
    const attrs = [{ name: "commonName", value: `launch-ready verify test CA (${org})` }, { name: "organizationName", value: org }];
    c.setSubject(attrs);
    c.setIssuer(attrs);
    c.setExtensions([{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }]);
    signCert(c, k.signer, "sha256");
    this.caCert = c;
    this.caKey = k.signer;
    this.cert = forge.pki.certificateToPem(c);
  }

  /** A server certificate for `names`, valid for `days` from now (negative: expired). */
  issue(names: string[], opts: { days?: number; bits?: number; sha1?: boolean } = {}): Issued {
    const bits = opts.bits ?? 2048;
    if (!this.leafKeys.has(bits)) this.leafKeys.set(bits, forgeKeys(bits, "leaf"));
    const k = this.leafKeys.get(bits)!;
    const c = forge.pki.createCertificate();
    c.publicKey = k.pub;
    c.serialNumber = String(serial++).padStart(2, "0");
    c.validity.notBefore = new Date(Date.now() - DAY);
    c.validity.notAfter = new Date(Date.now() + (opts.days ?? 90) * DAY);
    c.setSubject([{ name: "commonName", value: names[0]! }]);
    c.setIssuer(this.caCert.subject.attributes);
    c.setExtensions([
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: names.map((value) => ({ type: 2, value })) },
    ]);
    signCert(c, this.caKey, opts.sha1 ? "sha1" : "sha256");
    return { key: k.pem, cert: forge.pki.certificateToPem(c) };
  }
}
