/**
 * Cloudflare evaluates `matches` and regex_replace() with the Rust regex crate. This compiles the
 * common subset into a JavaScript RegExp: leading inline flags (`(?i)`, `(?s)`, `(?m)`, `(?u)`,
 * combined like `(?is)`) become RegExp flags and `(?P<name>` becomes `(?<name>`. A pattern JS
 * cannot compile is reported, never silently approximated.
 */
const cache = new Map<string, RegExp | string>();

/** A RegExp for a Rust-syntax pattern, or a message saying why it is not supported. */
export function compileRustRegex(pattern: string): RegExp | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const result = compileUncached(pattern);
  if (cache.size > 5000) cache.clear();
  cache.set(pattern, result);
  return result;
}

function compileUncached(pattern: string): RegExp | string {
  let body = pattern;
  let flags = "";
  const lead = /^\(\?([imsuxU]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === "x" || f === "U") {
        return `inline flag "${f}" (in ${JSON.stringify(pattern)}) has no JavaScript equivalent`;
      }
      if (f !== "u" && !flags.includes(f)) flags += f;
    }
    body = body.slice(lead[0].length);
  }
  if (/\(\?[a-zA-Z-]+[:)]/.test(body)) {
    return `inline flags inside ${JSON.stringify(pattern)} are only supported at the start of the pattern`;
  }
  body = body.replace(/\(\?P</g, "(?<");
  for (const extra of ["u", ""]) {
    try {
      return new RegExp(body, flags + extra);
    } catch {
      // try the next, looser mode
    }
  }
  return `regular expression ${JSON.stringify(pattern)} cannot be compiled by the simulator`;
}
