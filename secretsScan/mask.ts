/**
 * Masking: the scanner must say *what* it found without repeating the secret into CI logs, which
 * are often readable by more people than the repository. We keep a short prefix because a prefix
 * like "xoxb" or "AKIA" tells the reader which credential to rotate.
 */

/** Characters of the original text kept in a preview. Four is enough to name a token type. */
export const PREVIEW_PREFIX_CHARS = 4;

/** "xoxb-123…" style preview: at most PREVIEW_PREFIX_CHARS characters, then an ellipsis. */
export function maskSecret(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  // Very short values are shown as a bare ellipsis: four characters of a six-character password is most of it.
  if (firstLine.length < PREVIEW_PREFIX_CHARS * 3) return "…";
  return `${Array.from(firstLine).slice(0, PREVIEW_PREFIX_CHARS).join("")}…`;
}

/**
 * secretlint, asked to mask, replaces a secret by as many "*" as it has characters; that still
 * prints its length and, for a PEM key, a wall of stars. Replace each such run by the preview.
 */
export function replaceStarRuns(message: string, preview: string): string {
  return message.replace(/\*{4,}/g, preview);
}
