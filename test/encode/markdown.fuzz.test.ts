/**
 * The Markdown encoder against a real CommonMark parser (markdown-it, GFM tables on): whatever a
 * value holds, the document keeps the structure it has with a harmless value, and the value reads
 * back as its one-line visible form.
 */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { code, fenced, md, mermaidLabel, table, text, MAX_MARKDOWN_VALUE } from "../../encode/markdown";
import { bounded, visible } from "../../encode/visible";
import { toMarkdown, type DiffReport } from "../../diff";
import { FUZZ, hostileText } from "./fuzz";

const parser = new MarkdownIt({ html: true });
const oneLine = (s: string) => bounded(visible(s), MAX_MARKDOWN_VALUE);

/** Block tokens with the kinds of their inline children other than plain text: what a reader sees as structure. */
function structure(markdown: string): string[] {
  return parser.parse(markdown, {}).map((t: Token) => (t.type === "inline" ? `inline[${(t.children ?? []).map((c) => c.type).filter((k) => k !== "text").join(",")}]` : t.type));
}

/** The text a reader sees in an inline token. */
const inlineText = (t: Token) => (t.children ?? []).map((c) => c.content).join("");

describe("Markdown encoder, fuzzed against markdown-it", () => {
  test("text(): one paragraph of plain text that reads back as the value", () => {
    fc.assert(
      fc.property(hostileText(), (value) => {
        const doc = `- before ${text(value)} after`;
        expect(structure(doc)).toEqual(structure("- before x after"));
        const inline = parser.parse(doc, {}).find((t) => t.type === "inline")!;
        expect(inlineText(inline)).toBe(`before ${oneLine(value) || "(empty)"} after`);
      }),
      FUZZ,
    );
  });

  test("code(): exactly one code span holding the value", () => {
    fc.assert(
      fc.property(hostileText(), (value) => {
        const doc = `- before ${code(value)} after`;
        expect(structure(doc)).toEqual(structure("- before `x` after"));
        const span = parser.parse(doc, {}).find((t) => t.type === "inline")!.children!.find((c) => c.type === "code_inline")!;
        expect(span.content).toBe(oneLine(value) === "" ? " " : oneLine(value));
      }),
      FUZZ,
    );
  });

  test("table(): one row, one cell per column, whatever the cells hold", () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), (a, b) => {
        const doc = ["Intro", "", ...table(["Name", "Value", "Both"], [[a, code(b), md`${a} then ${code(b)}`]]), "", "Outro"].join("\n");
        expect(structure(doc)).toEqual(structure(["Intro", "", ...table(["Name", "Value", "Both"], [["x", code("y"), md`${"x"} then ${code("y")}`]]), "", "Outro"].join("\n")));
      }),
      FUZZ,
    );
  });

  test("fenced Mermaid: labels never end the fence nor leave their quotes", () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), (node, edge) => {
        const diagram = `flowchart LR\n  a[${mermaidLabel(node)}] -->|${mermaidLabel(edge)}| b`;
        const tokens = parser.parse(["Before", "", ...fenced("mermaid", diagram), "", "After"].join("\n"), {});
        expect(tokens.map((t) => t.type)).toEqual(["paragraph_open", "inline", "paragraph_close", "fence", "paragraph_open", "inline", "paragraph_close"]);
        expect(tokens[3].content).toBe(`${diagram}\n`);
        // Each label is one quoted string: no quote, line break or entity start of the data survives.
        for (const label of [mermaidLabel(node), mermaidLabel(edge)]) expect(label.slice(1, -1)).not.toMatch(/["\n\r`<>]/);
      }),
      FUZZ,
    );
  });

  test("a whole diff report keeps its headings, sections and tables whatever its values hold", () => {
    const report = (s: string): DiffReport => ({
      project: s,
      stack: s,
      risks: [{ kind: "host-unproxied", message: s, subject: s, severity: "high" }],
      counts: { added: 1, changed: 1, removed: 0, unchanged: 3 },
      changes: [
        { kind: "changed", urn: s, type: s, name: s, renamedFrom: `old-${s}`, properties: [{ path: s, before: s, after: s }] },
        { kind: "added", urn: s, type: s, name: s, properties: [] },
      ],
      violations: { added: [{ policyName: s, message: s, urn: `urn:pulumi:x::y::z::${s}`, enforcementLevel: "mandatory" } as DiffReport["violations"]["added"][number]], resolved: [] },
      ruleBudget: [{ phase: s, baseUsed: 1, headUsed: 2, limit: 10 }],
      diagrams: { edge: `flowchart LR\n  a[${mermaidLabel(s)}]`, mail: `flowchart LR\n  b[${mermaidLabel(s)}]` },
      notes: [s],
    });
    const expected = structure(toMarkdown(report("x")));
    fc.assert(
      fc.property(hostileText(), (value) => {
        expect(structure(toMarkdown(report(value)))).toEqual(expected);
      }),
      FUZZ,
    );
  });

  test("the attacks from issue 17 render as text", () => {
    const hostile = 'staging change"\n\n<!--';
    const doc = toMarkdown({
      project: "p", stack: "staging", risks: [{ kind: "dns-record-deleted", message: hostile, subject: "s" }], counts: { added: 0, changed: 0, removed: 1, unchanged: 0 },
      changes: [], violations: { added: [], resolved: [] }, ruleBudget: [], diagrams: { edge: "flowchart LR", mail: `flowchart LR\n  a[${mermaidLabel("x\r```\n#### ⚠️ Risky changes (0)")}]` }, notes: ["<details><summary>fake</summary>"],
    });
    const html = parser.render(doc);
    expect(html).not.toContain("<!--");
    expect(html).not.toContain("<details><summary>fake");
    expect(html.match(/<h4>/g)).toHaveLength(6); // the report's own six sections, no seventh from the data
    expect(html).toContain("staging change&quot;\\n\\n&lt;!--");
  });
});
