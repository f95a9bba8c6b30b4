/**
 * RSA keys for tests: test CAs, certificates and DKIM records. Generating one costs 50-500 ms of
 * CPU (more at 4096 bits), and suites made the same kinds of key again in every run, about 7 s of
 * a run in all. Tests judge what is made with a key (a chain, a key size), not the key, so each
 * (size, role) pair is made once per machine and kept in the system's temporary folder, outside
 * the repository: nothing here is ever committed, and a file that does not parse is made anew.
 * Roles keep apart the keys a test needs to differ (two CAs, a sender and its provider).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const TEST_KEY_DIR = path.join(os.tmpdir(), `launch-ready-test-keys-${process.getuid?.() ?? "user"}`);
const made = new Map<string, crypto.KeyPairKeyObjectResult>();

/** The test key pair of this size and role; the same pair for every caller in this process. */
export function testRsaKeyPair(bits: number, role = "default"): crypto.KeyPairKeyObjectResult {
  if (!/^[a-z0-9-]+$/.test(role)) throw new Error(`test key role ${JSON.stringify(role)}: lower-case letters, digits and hyphens are expected`);
  const name = `rsa-${bits}-${role}`;
  let pair = made.get(name);
  if (!pair) {
    pair = readKey(path.join(TEST_KEY_DIR, `${name}.pem`)) ?? writeKey(path.join(TEST_KEY_DIR, `${name}.pem`), crypto.generateKeyPairSync("rsa", { modulusLength: bits }));
    made.set(name, pair);
  }
  return pair;
}

/** The public key as a DKIM record's p= carries it: SubjectPublicKeyInfo, DER, base64. */
export function testRsaPublicKeyBase64(bits: number, role = "default"): string {
  return testRsaKeyPair(bits, role).publicKey.export({ type: "spki", format: "der" }).toString("base64");
}

function readKey(file: string): crypto.KeyPairKeyObjectResult | undefined {
  try {
    const privateKey = crypto.createPrivateKey(fs.readFileSync(file));
    return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
  } catch {
    return undefined;
  }
}

function writeKey(file: string, pair: crypto.KeyPairKeyObjectResult): crypto.KeyPairKeyObjectResult {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Another worker may be writing the same key: each writes its own file and renames it into place.
  const partial = `${file}.${process.pid}.${crypto.randomUUID()}`;
  fs.writeFileSync(partial, pair.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  fs.renameSync(partial, file);
  return pair;
}
