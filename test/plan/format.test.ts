import { formatPlan, hardWrap, wrappedRows } from "../../plan/format";
import type { Plan, PlannedResource } from "../../plan/types";

const options = (protect: boolean, retainOnDelete: boolean): PlannedResource["options"] => ({
  protect,
  deleteBeforeReplace: false,
  retainOnDelete,
  ignoreChanges: [],
  dependencies: [],
  aliases: [],
  additionalSecretOutputs: [],
});

const LONG_NAME = "a-secret-whose-logical-name-is-far-wider-than-thirty-characters";
const plan: Plan = {
  project: "launch-ready",
  stack: "prod",
  config: {},
  outputs: {},
  resources: [
    { urn: "urn:pulumi:prod::launch-ready::aws:secretsmanager/secret:Secret::s", type: "aws:secretsmanager/secret:Secret", name: LONG_NAME, custom: true, inputs: { name: "x" }, options: options(true, true) },
    { urn: "urn:pulumi:prod::launch-ready::aws:kms/key:Key::k", type: "aws:kms/key:Key", name: "key", custom: true, inputs: {}, options: options(false, false) },
  ],
};

describe("plan table", () => {
  const text = formatPlan(plan, { width: 100 });
  const lines = text.split("\n");

  test("every column has a header", () => {
    const header = lines.find((l) => l.includes("key properties"))!;
    const cells = header.split("│").slice(1, -1).map((c) => c.trim());
    expect(cells).toEqual(["type", "name", "key properties", "options"]);
  });

  test("no value is cut: protected,retained whole, a long name wrapped, not truncated", () => {
    expect(text).toContain("protected,retained");
    expect(text).not.toContain("…");
    const nameCells = lines.map((l) => l.split("│")[2]?.trim() ?? "").join("");
    expect(nameCells).toContain(LONG_NAME);
  });
});

describe("the plan table's own wrapping", () => {
  // cli-table3's wrap, which the table used before wrapping moved here (see hardWrap).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cliTable3Wrap = (require("cli-table3/src/utils") as { wordWrap(width: number, text: string, onWordBoundary: boolean): string[] }).wordWrap;

  test.each([
    ["one word wider than the column", "x".repeat(95), 30],
    ["words and runs of whitespace", "google._domainkey TXT   \"v=DKIM1; k=rsa;\tp=MIIBIjANBgkqhkiG9w0BAQEFAAOC\"  ttl 300", 12],
    ["a cut that leaves a line starting with a space", "abc def ghi", 3],
    ["leading and trailing whitespace", "  padded value  ", 5],
    ["line breaks", "first line\nsecond, longer line\n\nafter a blank one", 8],
    ["an empty cell", "", 10],
  ])("cuts %s as cli-table3 does", (_label, text, width) => {
    expect(hardWrap(text, width)).toEqual(cliTable3Wrap(width, text, false));
  });

  test("a resource's cells become rows of one line each (column width less the padding), shorter cells padded with empty lines", () => {
    expect(wrappedRows(["cloudflare:DnsRecord", "dkim", "x".repeat(25), "protected"], [10, 8, 12, 12])).toEqual([
      ["cloudfla", "dkim", "xxxxxxxxxx", "protected"],
      ["re:DnsRe", "", "xxxxxxxxxx", ""],
      ["cord", "", "xxxxx", ""],
    ]);
    expect(wrappedRows(["a", "", "", ""], [10, 10, 10, 10])).toEqual([["a", "", "", ""]]);
  });

  test("a 4 KB key property is printed whole, every table line as wide as the table", () => {
    const key = `v=DKIM1; k=rsa; n=${"x".repeat(4000)}; p=MIIBIjANBgkq`;
    const big: Plan = { ...plan, resources: [{ ...plan.resources[1]!, type: "cloudflare:index/dnsRecord:DnsRecord", name: "dkim", inputs: { name: "google._domainkey", type: "TXT", content: key, ttl: 1 } }] };
    const table = formatPlan(big, { width: 100 }).split("\n").filter((l) => l.startsWith("│"));
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    const column = table.slice(1).map((l) => l.split("│")[3]!.trim()).join("");
    expect(column.replace(/\s/g, "")).toBe(`google._domainkeyTXT${key}ttl1`.replace(/\s/g, ""));
  });
});
