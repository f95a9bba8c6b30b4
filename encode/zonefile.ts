/**
 * The one zone-file (RFC 1035 master file) encoder. Data reaches a zone file only as
 * character-strings (RFC 1035 section 5.1: quoted, any octet outside printable ASCII, and `"` `\`
 * `(` `)`, as `\DDD`, at most 255 octets each) or as domain names with the same `\DDD`
 * escapes, and comments never span a line. So no value can end a record, start a new one, or open
 * a parenthesised continuation.
 */
import { visible } from "./visible";

/** RFC 1035 section 3.3: a character-string is at most 255 octets. */
export const CHARACTER_STRING_MAX_OCTETS = 255;

const escapeOctet = (byte: number) => `\\${String(byte).padStart(3, "0")}`;

/** Octets `keep` accepts stay, any other (always `"` and `\`) is `\DDD`, the one escape every zone parser reads. */
function escapeOctets(bytes: Uint8Array, keep: (byte: number) => boolean): string {
  let out = "";
  for (const byte of bytes) out += byte !== 0x22 && byte !== 0x5c && keep(byte) ? String.fromCharCode(byte) : escapeOctet(byte);
  return out;
}

/** Printable ASCII except `(` `)`, which naive zone parsers read as a continuation even inside quotes. */
const printable = (byte: number) => byte >= 0x20 && byte <= 0x7e && byte !== 0x28 && byte !== 0x29;

/** One text as quoted character-strings of at most 255 octets each (UTF-8), space-separated. */
export function characterStrings(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += CHARACTER_STRING_MAX_OCTETS) chunks.push(`"${escapeOctets(bytes.subarray(i, i + CHARACTER_STRING_MAX_OCTETS), printable)}"`);
  return chunks.length ? chunks.join(" ") : '""';
}

/**
 * The strings of a TXT `content` in Cloudflare's zone-file form (`"part1" "part2"`), unescaped;
 * undefined when the content is not exactly a sequence of quoted strings (then it is one text).
 */
export function quotedStrings(content: string): string[] | undefined {
  const trimmed = content.trim();
  if (!/^"(?:[^"\\]|\\.)*"(?:[ \t]+"(?:[^"\\]|\\.)*")*$/s.test(trimmed)) return undefined;
  return trimmed.match(/"((?:[^"\\]|\\.)*)"/gs)!.map((s) => s.slice(1, -1).replace(/\\(\d{3}|.)/gs, (_m, c: string) => (/^\d{3}$/.test(c) ? String.fromCharCode(Number(c)) : c)));
}

/** TXT RDATA from a record's content: its own strings when it is already quoted, else the content as one text. */
export function txtRdata(content: string): string {
  const strings = quotedStrings(content);
  return strings ? strings.map(characterStrings).join(" ") : characterStrings(content);
}

/** A domain name for a zone file: letters, digits, `-`, `_`, `*` and dots stay, any other octet is `\DDD`. */
export function domainName(name: string): string {
  return escapeOctets(new TextEncoder().encode(name), (b) => /[A-Za-z0-9_*.-]/.test(String.fromCharCode(b)));
}

/** An address or other bare RDATA token (A, AAAA): hex digits, dots and colons stay, any other octet is `\DDD`. */
export function bareToken(text: string): string {
  return escapeOctets(new TextEncoder().encode(text), (b) => /[A-Za-z0-9_*.:-]/.test(String.fromCharCode(b)));
}

/** A comment's text: one line (visible escapes; tabs stay, they cannot end it), so data cannot end it. */
export function comment(text: string): string {
  return `; ${text.split("\t").map(visible).join("\t")}`;
}
