/**
 * DKIM key records (RFC 6376 §3.6.1): parse the tag list, then judge the key: RSA under 1024 bits
 * is an error (RFC 8301 §3.2), under 2048 a warning; t=y (testing) a warning; empty p= a revoked key.
 */
import { createPublicKey } from "node:crypto";
import { DKIM_RSA_MIN_BITS, DKIM_RSA_RECOMMENDED_BITS } from "../constants/email";
import { parseTagList } from "../../kernel/tagList";

export interface DkimProblem {
  level: "error" | "warning";
  message: string;
}

export interface DkimAnalysis {
  tags: Map<string, string>;
  keyType?: "rsa" | "ed25519";
  bits?: number;
  problems: DkimProblem[];
}

/** Parses "v=DKIM1; k=rsa; p=..." into tags, in order; returns why it is not a tag list. */
export function parseDkimTags(value: string): Map<string, string> | string {
  const { tags, problems } = parseTagList(value);
  if (problems.length > 0) return problems[0]!;
  // RFC 6376 §3.2: folding whitespace inside a value (a long p= key) is not part of it.
  return new Map(Object.entries(tags).map(([name, v]) => [name, v.replace(/\s+/g, "")]));
}

/** RSA modulus length of a base64 DER key: SubjectPublicKeyInfo (what DKIM publishes) or bare PKCS#1. */
export function rsaKeyBits(base64: string): number | undefined {
  const der = Buffer.from(base64, "base64");
  for (const type of ["spki", "pkcs1"] as const) {
    try {
      const key = createPublicKey({ key: der, format: "der", type });
      if (key.asymmetricKeyType === "rsa") return key.asymmetricKeyDetails?.modulusLength;
      return undefined;
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

/** Everything wrong with one DKIM TXT value. `where` names the record in messages. */
export function analyzeDkim(value: string, where: string): DkimAnalysis {
  const problems: DkimProblem[] = [];
  const parsed = parseDkimTags(value);
  if (typeof parsed === "string") {
    return { tags: new Map(), problems: [{ level: "error", message: `${where}: ${parsed}; expected "v=DKIM1; k=rsa; p=<base64 key>"` }] };
  }
  const tags = parsed;
  const names = [...tags.keys()];
  if (tags.has("v") && names[0] !== "v") problems.push({ level: "error", message: `${where}: "v=DKIM1" must be the first tag when present` });
  if (tags.has("v") && tags.get("v") !== "DKIM1") problems.push({ level: "error", message: `${where}: v=${tags.get("v")} is not "DKIM1"` });
  if (!tags.has("p")) {
    problems.push({ level: "error", message: `${where}: has no p= tag; the public key is required` });
    return { tags, problems };
  }
  const p = tags.get("p")!;
  if (p === "") {
    problems.push({ level: "error", message: `${where}: p= is empty, which revokes the key; paste the key the provider shows` });
    return { tags, problems };
  }
  if (!/^[A-Za-z0-9+/]+=*$/.test(p)) {
    problems.push({ level: "error", message: `${where}: p= is not base64 (quotes or line breaks pasted with it?)` });
    return { tags, problems };
  }
  const k = (tags.get("k") ?? "rsa").toLowerCase();
  if ((tags.get("t") ?? "").split(":").includes("y")) {
    problems.push({ level: "warning", message: `${where}: t=y marks the key as testing, so receivers may treat signatures as unsigned; remove t=y once it works` });
  }
  if (k === "ed25519") {
    const bytes = Buffer.from(p, "base64").length;
    if (bytes !== 32) problems.push({ level: "error", message: `${where}: an ed25519 key is 32 bytes, this one is ${bytes}` });
    problems.push({ level: "warning", message: `${where}: many receivers do not verify ed25519 yet (RFC 8463); sign with an RSA key too` });
    return { tags, keyType: "ed25519", problems };
  }
  if (k !== "rsa") {
    problems.push({ level: "error", message: `${where}: k=${k} is not a DKIM key type ("rsa" or "ed25519")` });
    return { tags, problems };
  }
  const bits = rsaKeyBits(p);
  if (bits === undefined) {
    problems.push({ level: "error", message: `${where}: p= does not decode to an RSA public key` });
  } else if (bits < DKIM_RSA_MIN_BITS) {
    problems.push({ level: "error", message: `${where}: the RSA key has ${bits} bits; receivers reject keys under ${DKIM_RSA_MIN_BITS} (RFC 8301); generate a ${DKIM_RSA_RECOMMENDED_BITS}-bit key` });
  } else if (bits < DKIM_RSA_RECOMMENDED_BITS) {
    problems.push({ level: "warning", message: `${where}: the RSA key has ${bits} bits; ${DKIM_RSA_RECOMMENDED_BITS} is the recommended minimum, rotate to a ${DKIM_RSA_RECOMMENDED_BITS}-bit key when the provider allows` });
  }
  return { tags, keyType: "rsa", bits, problems };
}
