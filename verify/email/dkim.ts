/** DKIM key records (RFC 6376 3.6.1) and key strength (RFC 8301). */
import * as crypto from "node:crypto";
import { parseTagList } from "../../kernel/tagList";

/** RFC 8301 3.2: verifiers must not accept RSA keys under 1024 bits; 2048 is the recommended size. */
export const DKIM_MIN_RSA_BITS = 1024;
export const DKIM_GOOD_RSA_BITS = 2048;

export interface DkimFinding {
  level: "pass" | "warn" | "fail";
  message: string;
}

/** Judges one DKIM key record's text. */
export function judgeDkim(text: string): DkimFinding[] {
  const { order, tags } = parseTagList(text);
  const out: DkimFinding[] = [];
  if ("v" in tags && (order[0] !== "v" || tags.v !== "DKIM1")) out.push({ level: "fail", message: `"v=DKIM1" must come first when present` });
  if (!("p" in tags)) return [...out, { level: "fail", message: `no "p=" tag: not a DKIM key record` }];
  const p = tags.p!.replace(/\s+/g, "");
  if (p === "") return [...out, { level: "fail", message: "p= is empty: the key is revoked" }];
  const k = (tags.k ?? "rsa").toLowerCase();
  if (k === "rsa") {
    let bits: number | undefined;
    try {
      bits = crypto.createPublicKey({ key: Buffer.from(p, "base64"), format: "der", type: "spki" }).asymmetricKeyDetails?.modulusLength;
    } catch (e) {
      return [...out, { level: "fail", message: `p= is not a valid RSA public key (${(e as Error).message})` }];
    }
    if (bits === undefined) out.push({ level: "fail", message: "could not read the key size" });
    else if (bits < DKIM_MIN_RSA_BITS) out.push({ level: "fail", message: `RSA key of ${bits} bits; receivers ignore keys under ${DKIM_MIN_RSA_BITS} (RFC 8301)` });
    else if (bits < DKIM_GOOD_RSA_BITS) out.push({ level: "warn", message: `RSA key of ${bits} bits; ${DKIM_GOOD_RSA_BITS} is recommended` });
    else out.push({ level: "pass", message: `RSA key of ${bits} bits` });
  } else if (k === "ed25519") {
    out.push({ level: "pass", message: "Ed25519 key (RFC 8463)" });
  } else {
    out.push({ level: "fail", message: `unknown key type k=${k}` });
  }
  if ((tags.t ?? "").split(":").map((f) => f.trim()).includes("y")) out.push({ level: "warn", message: "t=y: the domain is testing DKIM; receivers may treat signatures as unsigned" });
  return out;
}
