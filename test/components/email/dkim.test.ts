import { analyzeDkim, parseDkimTags, rsaKeyBits } from "../../../components/email/dkim";
import { dkimRecord, rsaPublicKey } from "./keys";
import { testRsaKeyPair } from "../../support/rsaKeys";

describe("DKIM keys", () => {
  test("reads the RSA key size from the base64 SubjectPublicKeyInfo", () => {
    expect(rsaKeyBits(rsaPublicKey(2048))).toBe(2048);
    expect(rsaKeyBits(rsaPublicKey(1024))).toBe(1024);
  });

  test("a 2048-bit key has no problems", () => {
    const result = analyzeDkim(dkimRecord(2048), "google._domainkey.example.com");
    expect(result).toMatchObject({ keyType: "rsa", bits: 2048, problems: [] });
  });

  test("under 1024 bits is an error", () => {
    const result = analyzeDkim(dkimRecord(768), "k");
    expect(result.problems).toEqual([expect.objectContaining({ level: "error", message: expect.stringContaining("768 bits; receivers reject keys under 1024") })]);
  });

  test("1024 bits (under 2048) is a warning", () => {
    const result = analyzeDkim(dkimRecord(1024), "k");
    expect(result.problems).toEqual([expect.objectContaining({ level: "warning", message: expect.stringContaining("1024 bits; 2048 is the recommended minimum") })]);
  });

  test("t=y is a warning", () => {
    const result = analyzeDkim(dkimRecord(2048, " t=y;"), "k");
    expect(result.problems).toEqual([expect.objectContaining({ level: "warning", message: expect.stringContaining("t=y") })]);
  });

  test.each([
    ["k=rsa; v=DKIM1; p=AAAA", '"v=DKIM1" must be the first tag'],
    ["v=DKIM1; k=rsa", "has no p= tag"],
    ["v=DKIM1; p=", "revokes the key"],
    ["v=DKIM1; p=\"MIIB\"", "is not base64"],
    ["v=DKIM1; p=AAAAAAAA", "does not decode to an RSA public key"],
    ["v=DKIM1; k=dsa; p=AAAA", "k=dsa is not a DKIM key type"],
    ["garbage", "is not a tag=value pair"],
  ])("%s is rejected", (value, message) => {
    const result = analyzeDkim(value, "k");
    expect(result.problems.filter((p) => p.level === "error").map((p) => p.message).join("\n")).toContain(message);
  });

  test("a bare PKCS#1 RSA key is read too", () => {
    const { publicKey } = testRsaKeyPair(2048, "dkim");
    expect(rsaKeyBits(publicKey.export({ type: "pkcs1", format: "der" }).toString("base64"))).toBe(2048);
  });

  test("whitespace inside p= is ignored (keys pasted over several lines)", () => {
    const key = rsaPublicKey(2048);
    const tags = parseDkimTags(`v=DKIM1; p=${key.slice(0, 100)}\n ${key.slice(100)}`);
    expect(typeof tags === "string" ? tags : tags.get("p")).toBe(key);
  });
});
