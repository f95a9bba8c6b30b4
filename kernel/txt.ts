/**
 * TXT values as DNS carries them: one or more character-strings of at most 255 octets, which SPF,
 * DKIM and DMARC readers join without spaces (RFC 7208 §3.3, RFC 6376 §3.6.2.2). One home for
 * writing them (the stack, the zone file) and reading them back (policies, diff, handover, verify).
 *
 * Cloudflare's API takes TXT `content` in zone-file form: quoted strings separated by a space
 * (`"part1" "part2"`). Sending one long unquoted string makes Cloudflare split it itself and the
 * provider then sees a drift on every refresh (terraform-provider-cloudflare#6238,
 * ComputeCanada/magic_castle#408), and unquoted content draws a dashboard warning (go-acme/lego#2521).
 * So every TXT value is sent already split and quoted.
 */
import { TXT_STRING_MAX } from "../components/constants/email";

/** Splits `value` into strings of at most `max` octets. Mail records are ASCII; other text is refused. */
export function splitTxt(value: string, max: number = TXT_STRING_MAX): string[] {
  if (!/^[\x20-\x7e]*$/.test(value)) {
    throw new Error(`TXT value ${JSON.stringify(value.slice(0, 40))}... has characters outside printable ASCII; mail records are ASCII`);
  }
  return chunks(value, max);
}

function chunks(value: string, max: number): string[] {
  if (value.length === 0) return [""];
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += max) parts.push(value.slice(i, i + max));
  return parts;
}

/** Strings in zone-file form: each quoted (with `"` and `\` escaped), space-separated. */
function quoteAll(strings: string[]): string {
  return strings.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(" ");
}

/** The Cloudflare `content` of a TXT value: its strings, quoted (with `"` and `\` escaped), space-separated. */
export function renderTxtContent(value: string): string {
  return quoteAll(splitTxt(value));
}

/**
 * Zone-file text of any TXT value (e.g. a plan's content written by hand): quoted strings of at most
 * `max` characters. Unlike renderTxtContent it refuses nothing, since a zone file must be written.
 */
export function quoteTxt(value: string, max: number = TXT_STRING_MAX): string {
  return quoteAll(chunks(value, max));
}

/**
 * The value a resolver's reader sees: the quoted strings of `content` (`"v=DKIM1; ..." "...rest"`),
 * unescaped and joined; content that does not start with a quote is taken as it is (trimmed).
 */
export function txtText(content: string): string {
  const trimmed = content.trim();
  if (!trimmed.startsWith('"')) return trimmed;
  return [...trimmed.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1")).join("");
}
