import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { TEST_KEY_DIR, testRsaKeyPair, testRsaPublicKeyBase64 } from "./rsaKeys";

const bitsOf = (key: crypto.KeyObject) => key.asymmetricKeyDetails?.modulusLength;

test("a size and role give one key pair of that size; another role gives another key", () => {
  const a = testRsaKeyPair(1024, "probe-a");
  expect(bitsOf(a.publicKey)).toBe(1024);
  expect(testRsaKeyPair(1024, "probe-a")).toBe(a);
  const b = testRsaKeyPair(1024, "probe-b");
  expect(b.publicKey.equals(a.publicKey)).toBe(false);
  expect(testRsaPublicKeyBase64(1024, "probe-a")).toBe(a.publicKey.export({ type: "spki", format: "der" }).toString("base64"));
});

test("a key file that does not parse is made anew, and the new key is kept", () => {
  const role = `probe-broken-${process.pid}`;
  const file = path.join(TEST_KEY_DIR, `rsa-512-${role}.pem`);
  fs.mkdirSync(TEST_KEY_DIR, { recursive: true });
  fs.writeFileSync(file, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
  try {
    const pair = testRsaKeyPair(512, role);
    expect(bitsOf(pair.privateKey)).toBe(512);
    expect(crypto.createPrivateKey(fs.readFileSync(file)).equals(pair.privateKey)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test("a role that could leave the key folder is refused", () => {
  expect(() => testRsaKeyPair(512, "../escape")).toThrow(/test key role "..\/escape": lower-case letters, digits and hyphens are expected/);
});
