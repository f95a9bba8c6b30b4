/** Test DKIM keys, generated at run time (no key material in the source). */
import { generateKeyPairSync } from "node:crypto";

const cache = new Map<number, string>();

/** The base64 SubjectPublicKeyInfo of a fresh RSA key of `bits` bits. */
export function rsaPublicKey(bits: number): string {
  if (!cache.has(bits)) {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    cache.set(bits, publicKey.export({ type: "spki", format: "der" }).toString("base64"));
  }
  return cache.get(bits)!;
}

export function dkimRecord(bits: number, extra = ""): string {
  return `v=DKIM1; k=rsa;${extra} p=${rsaPublicKey(bits)}`;
}
