/**
 * Shared settings of the fuzz tests: a fixed seed and a bounded number of runs in `npm test`;
 * `npm run fuzz` raises FUZZ_RUNS for a longer search (and FUZZ_SEED to explore other inputs).
 */
import fc from "fast-check";

export const FUZZ = { seed: Number(process.env.FUZZ_SEED ?? 17), numRuns: Number(process.env.FUZZ_RUNS ?? 150) };

/** Pieces known to break naive writers of Markdown, zone files, XML and terminals. */
const HOSTILE = [
  "\n\n<!--", "-->", "\r```", "\n```\n", "</details>", "<details>", "| x |", "\n#### ⚠️ Risky changes (0)", "<script>alert(1)</script>",
  "`", "``", "\\", "&lt;", "&#x3C;", "[a](https://evil.example)", "![i](x)", "_", "*", "~~", "$x$", "\u0000", "\u2028", "\u202e", "\t",
  '"', "'", ";", "(", ")", "\r\n", "\u000b", "\u001b[31m", "\ufffe", "\ud800", "#quot;", "-->|x|", "]]", "}}", "\n  injected 60 IN A 6.6.6.6 ; ",
];

/** Arbitrary text biased towards the hostile pieces above (and any Unicode, lone surrogates included). */
export const hostileText = (): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "binary", maxLength: 12 }), fc.string({ maxLength: 8 })), { maxLength: 8 }).map((parts) => parts.join(""));
