/**
 * `verify --secret-values FILE`: the deployed secret values (a plan only has them redacted or
 * generated later), as `NAME=value` lines in the .env form, each value optionally in quotes; `#`
 * starts a comment line. Only their fingerprints leave this module; errors name the line, never a value.
 */
import { fingerprintOf, type SecretFingerprint } from "./scan";

/** Shorter values match ordinary words and ids in bundles: they are refused rather than scanned for. */
export const MIN_SECRET_VALUE_LENGTH = 8;

export function parseSecretValues(text: string, source: string): SecretFingerprint[] {
  const out: SecretFingerprint[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.:-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`${source} line ${i + 1}: not a NAME=value line`);
    const quoted = /^(["'])(.*)\1$/.exec(m[2]!);
    const value = quoted ? quoted[2]! : m[2]!;
    if (value.length < MIN_SECRET_VALUE_LENGTH) throw new Error(`${source} line ${i + 1} (${m[1]}): the value is shorter than ${MIN_SECRET_VALUE_LENGTH} characters; too short to find safely in client code`);
    out.push(fingerprintOf(value));
  });
  if (out.length === 0) throw new Error(`${source}: no NAME=value line; the deployed secret values, one NAME=value a line, are expected`);
  return out;
}
