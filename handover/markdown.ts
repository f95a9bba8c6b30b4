/** Small Markdown helpers for the handover document. */
export function cell(value: unknown): string {
  const text = value === undefined || value === null || value === "" ? "–" : String(value);
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function code(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

export function table(headers: string[], rows: unknown[][]): string[] {
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** A section: heading, then body, or a line saying the plan declares nothing of the kind. */
export function section(title: string, body: string[], empty: string): string[] {
  return [`## ${title}`, "", ...(body.length ? body : [`_${empty}_`]), ""];
}

/** Plain text as inline Markdown: characters Markdown would act on are escaped. */
export function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}
