/**
 * A test CA for the verify tests, made at run time: the keys are the test suite's (test/support/rsaKeys.ts),
 * node-forge signs. Its organisation is a parameter because CAA is judged on the issuer's name:
 * the default poses as Let's Encrypt so the CAA check has a known CA to judge. Nothing here is a
 * real credential, and nothing it signs is trusted outside the test's own `extraCa`.
 */
import forge from "node-forge";
import { testRsaKeyPair } from "../../support/rsaKeys";

export interface Issued {
  key: string;
  cert: string;
}

function forgeKeys(bits: number, role: string) {
  const { privateKey } = testRsaKeyPair(bits, role);
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const priv = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { pem, priv, pub: forge.pki.setRsaPublicKey(priv.n, priv.e) };
}

let serial = 1;
const DAY = 86_400_000;

export class TestCa {
  readonly cert: string;
  private readonly caCert: forge.pki.Certificate;
  private readonly caKey: forge.pki.rsa.PrivateKey;
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
    c.sign(k.priv, forge.md.sha256.create());
    this.caCert = c;
    this.caKey = k.priv;
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
    c.sign(this.caKey, (opts.sha1 ? forge.md.sha1 : forge.md.sha256).create());
    return { key: k.pem, cert: forge.pki.certificateToPem(c) };
  }
}
