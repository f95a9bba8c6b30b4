/**
 * Fake credentials, assembled at run time from pieces so that this repository's own source never
 * holds a string a scanner (ours or GitHub's) would flag. They have the *shape* secretlint's
 * recommended rules look for, and are not valid anywhere.
 */
import { randomBytes } from "node:crypto";

const upperAlnum = (n: number, seed: string) =>
  Array.from({ length: n }, (_, i) => "ABCDEFGHJKLMNPQRSTUVWXYZ234567"[(seed.charCodeAt(i % seed.length) * 7 + i * 13) % 30]).join("");

/** AWS access key id: "AKIA" + 16 upper-case alphanumerics (not AWS's documented example). */
export const fakeAwsAccessKeyId = (): string => ["AK", "IA"].join("") + upperAlnum(16, "launchready");

/** AWS secret access key: exactly 40 characters of [A-Za-z0-9/+=]. */
export const fakeAwsSecretAccessKey = (): string => ["Zx8kq1Lm9T", "r4Pw2Yv6Nb", "3Hc7Jd5Fg0", "Sa8Qe1Ru4W"].join("");

/** Slack bot token: "xoxb-" + workspace, bot and secret parts. */
export const fakeSlackToken = (): string => ["xo", "xb"].join("") + "-2345678901-2345678901234-" + "AbCdEfGhIjKlMnOpQrStUvWx";

/** A PEM RSA private key block whose body has the ASN.1 "MI" prefix secretlint checks for. */
export function fakePemPrivateKey(): string {
  const body = ("MII" + randomBytes(360).toString("base64").replace(/[^A-Za-z0-9]/g, "A")).match(/.{1,64}/g)!.join("\n");
  const label = ["RSA", "PRIVATE", "KEY"].join(" ");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/**
 * One fake of every credential shape the project's judge knows (kernel/credentials.ts), keyed by
 * shape id, each assembled from pieces at run time. The judge, the config loader, the pack and the
 * scan are all tested against this one list, so they cannot drift apart unnoticed.
 */
export function credentialSamples(): Record<string, string> {
  return {
    "aws-access-key-id": fakeAwsAccessKeyId(),
    "stripe-secret-key": ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_"),
    "stripe-webhook-secret": ["wh", "sec_"].join("") + "Q2hhbmdlTWVBbHJlYWR5U2VjcmV0MTIz",
    "private-key": `-----BEGIN ${["EC", "PRIVATE", "KEY"].join(" ")}-----`,
    "slack-token": fakeSlackToken(),
    "slack-webhook-url": ["https://hooks.", "slack.com/services/"].join("") + "T0123ABCD/B0456EFGH/" + "aBcDeFgHiJkLmNoPqRsTuVwX",
    "cloudflare-token": ["cf", "ut_"].join("") + "A".repeat(20) + "b".repeat(20) + "0a1b2c3d",
    "github-token": ["gh", "p_"].join("") + "a1B2".repeat(9),
    "url-basic-auth": ["https://", "deploy", ":", "Tr0ub4dor", "@"].join("") + "members.example.com/hook",
  };
}
