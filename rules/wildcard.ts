/**
 * Cloudflare's wildcard patterns, for the `wildcard` / `strict wildcard` operators and the
 * `wildcard_replace()` function (operators and functions pages, checked 2026-11-28):
 * - the whole value must match; each `*` matches zero or more characters, lazily;
 * - `wildcard` is case-insensitive, `strict wildcard` case-sensitive;
 * - `\*` is a literal star, `\\` a literal backslash; two unescaped stars in a row are invalid.
 * Case folding is ASCII-only, like lower(), so indices in the folded text match the original.
 */
import { asciiLower } from "./request";

export type WildcardPart = { readonly literal: string } | { readonly star: true };

/** Splits a pattern into literals and stars, or returns a message saying what is wrong. */
export function parseWildcard(pattern: string): WildcardPart[] | string {
  const parts: WildcardPart[] = [];
  let literal = "";
  let lastWasStar = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next !== "*" && next !== "\\") {
        return `a backslash at offset ${i} of the wildcard pattern must be followed by "*" or another backslash (write "\\\\" for a literal backslash)`;
      }
      literal += next;
      i++;
      lastWasStar = false;
    } else if (c === "*") {
      if (lastWasStar) {
        return `two unescaped "*" in a row at offset ${i - 1} of the wildcard pattern are invalid`;
      }
      if (literal !== "") parts.push({ literal });
      literal = "";
      parts.push({ star: true });
      lastWasStar = true;
    } else {
      literal += c;
      lastWasStar = false;
    }
  }
  if (literal !== "") parts.push({ literal });
  return parts;
}

/** Escapes text so it matches itself literally inside a wildcard pattern. */
export function escapeWildcard(text: string): string {
  return text.replace(/[\\*]/g, (c) => `\\${c}`);
}

const cache = new Map<string, RegExp>();

function compile(pattern: string, caseSensitive: boolean): RegExp {
  const key = `${caseSensitive ? "s" : "i"}${pattern}`;
  let re = cache.get(key);
  if (re) return re;
  const parts = parseWildcard(pattern);
  if (typeof parts === "string") throw new Error(parts);
  const source = parts
    .map((p) => ("star" in p ? "([\\s\\S]*?)" : escapeRegex(caseSensitive ? p.literal : asciiLower(p.literal))))
    .join("");
  re = new RegExp(`^${source}$`, "d");
  if (cache.size > 5000) cache.clear();
  cache.set(key, re);
  return re;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export function wildcardMatch(value: string, pattern: string, caseSensitive: boolean): boolean {
  return compile(pattern, caseSensitive).test(caseSensitive ? value : asciiLower(value));
}

/**
 * wildcard_replace(source, pattern, replacement, flags): when the whole source matches, returns
 * the replacement with `${n}` replaced by the n-th star's text and `$$` by `$`; else the source.
 */
export function wildcardReplace(source: string, pattern: string, replacement: string, caseSensitive: boolean): string {
  const m = compile(pattern, caseSensitive).exec(caseSensitive ? source : asciiLower(source));
  if (!m || !m.indices) return source;
  const indices = m.indices;
  return replacement.replace(/\$\$|\$\{(\d+)\}/g, (whole, n: string | undefined) => {
    if (n === undefined) return "$";
    const span = indices[Number(n)];
    return span ? source.slice(span[0], span[1]) : "";
  });
}
