/**
 * Characters that change how a line is read rather than what it says: line breaks, C0/C1 control
 * characters, DEL, Unicode line/paragraph separators, bidirectional overrides ("Trojan Source",
 * CVE-2021-42574) and non-characters. Every writer for another reader (Markdown, terminal, JUnit
 * XML) shows them escaped with `visible()`, so data can never start a new line or reorder text.
 */
// eslint-disable-next-line no-control-regex
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One line of text with every invisible or line-breaking character shown as an escape (`\n`, `\u{202e}`). */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u{${c.charCodeAt(0).toString(16).padStart(4, "0")}}`);
}

/** At most `max` characters (an ellipsis says some were cut), so one value cannot flood a report. */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}… (${text.length - max + 1} more characters)`;
}
