/**
 * The one Markdown encoder of the project (diff PR comments, handover documents). Data never
 * reaches the output as Markdown or HTML: plain values are backslash-escaped, code values go in
 * code spans whose fence outgrows any backtick run, every line break or control character is shown
 * escaped (see visible.ts), table cells escape pipes and Mermaid labels use Mermaid's entity codes.
 * CommonMark: any ASCII punctuation may be backslash-escaped (spec.commonmark.org/0.31.2/#backslash-escapes);
 * GFM tables split on unescaped `|`, also inside code spans (github.github.com/gfm/#tables-extension-).
 */
import { bounded, visible } from "./visible";

/** Longest value written in one piece; GitHub caps a comment at 65,536 characters. */
export const MAX_MARKDOWN_VALUE = 2_000;

const oneLine = (value: unknown): string => bounded(visible(String(value ?? "")), MAX_MARKDOWN_VALUE);

/**
 * A fragment that is already Markdown (built by this module). Interpolates as its source, and
 * tables keep it as is while they escape every other value.
 */
export class Markdown {
  constructor(readonly source: string) {}
  toString(): string {
    return this.source;
  }
}

/**
 * The characters that can open inline markup, HTML, an entity or GitHub math. Block markup
 * (`#`, `>`, `-`, `1.`) only counts at the start of a line or list item, see text(); an
 * underscore between two letters or digits never opens emphasis (spec 6.2), so `tls_1_3` stays readable.
 */
const INLINE_MARKUP = /[\\`*[\]<>&|~$!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/** Shown for an empty value: nothing at all would leave `- ` or `****`, which parse as other markup. */
export const EMPTY_VALUE = "(empty)";

/** A plain-text value: markup characters backslash-escaped, so it is never markup or HTML. */
export function text(value: unknown): string {
  const line = oneLine(value);
  if (line === "") return EMPTY_VALUE;
  return (
    line
      .replace(INLINE_MARKUP, (c) => `\\${c}`)
      // A value right after a list marker starts a block: a heading, quote, list or thematic break marker there is escaped.
      .replace(/^([#>+\-=])/, "\\$1")
      .replace(/^(\d{1,9})([.)])/, "$1\\$2")
      // Spaces at either end as character references: after a list marker they would start an indented code block.
      .replace(/^ +| +$/g, (run) => "&#32;".repeat(run.length))
  );
}

/** An inline code span that survives backticks, leading/trailing spaces and line breaks in the value. */
export function code(value: unknown): Markdown {
  const body = oneLine(value);
  if (body === "") return new Markdown("` `");
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longestRun + 1);
  // A space on both sides keeps a value starting/ending with a backtick or space intact (CommonMark strips one each side).
  const pad = longestRun > 0 || /^[ `]|[ `]$/.test(body) ? " " : "";
  return new Markdown(`${fence}${pad}${body}${pad}${fence}`);
}

/** Markdown fragments as they are, every other value as escaped text. */
export function inline(value: unknown): string {
  return value instanceof Markdown ? value.source : text(value);
}

/**
 * A tagged template for Markdown written by hand around data: the literal parts are ours and kept,
 * every interpolated value goes through inline() (Markdown fragments kept, anything else escaped).
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Markdown {
  return new Markdown(strings.reduce((out, literal, i) => out + literal + (i < values.length ? inline(values[i]) : ""), ""));
}

/** Values joined by a separator of our own, each encoded by inline(). */
export function join(values: unknown[], separator: string): Markdown {
  return new Markdown(values.map(inline).join(separator));
}

/**
 * A table cell: Markdown fragments as they are, other values escaped; an unescaped pipe would end
 * the cell (the table splitter treats any pipe after a backslash as escaped, even in a code span).
 */
export function cell(value: unknown): string {
  return inline(value).replace(/(?<!\\)\|/g, "\\|");
}

/** A GFM table: header titles and rows of cells (see cell()). */
export function table(headers: string[], rows: unknown[][]): string[] {
  return [`| ${headers.map(cell).join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** A fenced block whose fence is longer than any backtick run inside (the body is written verbatim). */
export function fenced(info: string, body: string): string[] {
  const safe = body.replace(/\r\n?/g, "\n");
  const longestRun = Math.max(2, ...(safe.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longestRun + 1);
  return [`${fence}${info}`, safe, fence];
}

/**
 * A quoted Mermaid node or edge label. Mermaid entity codes (`#quot;`, `#35;`) replace every
 * character that could end the label, start markup or an entity: mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
export function mermaidLabel(value: unknown): string {
  const body = oneLine(value).replace(/["#&<>`|\\]/g, (c) => `#${c.charCodeAt(0)};`);
  return `"${body}"`;
}
