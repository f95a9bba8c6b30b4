/**
 * Secrets in what the browser downloads: the secrets:scan rules (secretlint, one home) plus the
 * stack's own secret values, known only by fingerprint. Publishable keys are meant for the browser
 * and are not findings. Nothing here keeps or returns a secret: findings carry a masked preview.
 */
import * as crypto from "node:crypto";
import { maskSecret, replaceStarRuns } from "../../secretsScan/mask";
import type { LintText } from "../../secretsScan/secretlint";
import type { CrawledText } from "./crawl";
import { isPublishableKey } from "../../kernel/credentials";

/** A stack secret value known by its SHA-256 (hex) and length, never by the value. */
export interface SecretFingerprint {
  sha256: string;
  length: number;
}

export const STACK_SECRET_RULE_ID = "launch-ready/stack-secret-value";

export interface ClientFinding {
  url: string;
  ruleId: string;
  /** First characters and an ellipsis (secretsScan/mask.ts). */
  preview: string;
  message: string;
}

export const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

export function fingerprintOf(value: string): SecretFingerprint {
  return { sha256: sha256(value), length: value.length };
}

/**
 * Tokens of the text that could be a whole secret value: runs between quotes, whitespace and the
 * punctuation that delimits a literal in JS, JSON and HTML. A value holding one of those
 * delimiters is not found this way; secretlint's rules still cover the credential kinds it knows.
 */
function tokens(text: string, lengths: Set<number>): Iterable<string> {
  return text.split(/[\s"'`,;()[\]{}<>=]+/).filter((t) => lengths.has(t.length));
}

export async function scanText(lint: LintText, file: CrawledText, fingerprints: readonly SecretFingerprint[]): Promise<ClientFinding[]> {
  const findings: ClientFinding[] = [];
  for (const m of await lint({ filePath: file.kind === "page" ? "page.html" : "bundle.js", content: file.text })) {
    if (isPublishableKey(m.matched)) continue;
    const preview = maskSecret(m.matched);
    findings.push({ url: file.url, ruleId: m.ruleId, preview, message: replaceStarRuns(m.message, preview) });
  }
  if (fingerprints.length) {
    const wanted = new Map(fingerprints.map((f) => [f.sha256, f]));
    const seen = new Set<string>();
    for (const t of tokens(file.text, new Set(fingerprints.map((f) => f.length)))) {
      const h = sha256(t);
      if (!wanted.has(h) || seen.has(h)) continue;
      seen.add(h);
      findings.push({ url: file.url, ruleId: STACK_SECRET_RULE_ID, preview: maskSecret(t), message: `a secret value of this stack (its config or vault) is shipped to browsers: ${maskSecret(t)}` });
    }
  }
  return findings;
}
