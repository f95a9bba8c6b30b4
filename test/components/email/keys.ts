/** Test DKIM records, with the test suite's RSA keys (no key material in the source). */
import { testRsaPublicKeyBase64 } from "../../support/rsaKeys";

/** The base64 SubjectPublicKeyInfo of the test RSA key of `bits` bits. */
export const rsaPublicKey = (bits: number): string => testRsaPublicKeyBase64(bits, "dkim");

export function dkimRecord(bits: number, extra = ""): string {
  return `v=DKIM1; k=rsa;${extra} p=${rsaPublicKey(bits)}`;
}
