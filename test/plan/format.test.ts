import { formatPlan } from "../../plan/format";
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
