/** Markdown helpers for the handover document: the project's one encoder (encode/markdown.ts) plus the document's conventions. */
import { table as gfmTable, text } from "../encode/markdown";

export { code, join, md, text, Markdown } from "../encode/markdown";

/** A table; an empty cell reads "–". Values are escaped unless they are Markdown fragments (code()). */
export function table(headers: string[], rows: unknown[][]): string[] {
  return gfmTable(headers, rows.map((r) => r.map((v) => (v === undefined || v === null || v === "" ? "–" : v))));
}

/** A section: heading, then body, or a line saying the plan declares nothing of the kind (both our own words, not data). */
export function section(title: string, body: string[], empty: string): string[] {
  return [`## ${title}`, "", ...(body.length ? body : [`_${empty}_`]), ""];
}

/** Plain text as inline Markdown: characters Markdown would act on are escaped (the one encoder's text()). */
export const inline = (plain: string): string => text(plain);
