/** Hostile plan files (issue 17): refused with exit-2 errors naming the problem, never a crash. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPlanFile, parsePlanText, PlanInputError } from "../../diff";
import { basePlan } from "./helpers";

describe("hostile plan files", () => {
  test("a plan nested 5,000 levels is refused, not a stack overflow", () => {
    const deep = `{"project":"p","stack":"s","resources":[],"config":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect(() => parsePlanText(deep, "head plan h.json")).toThrow(PlanInputError);
    expect(() => parsePlanText(deep, "head plan h.json")).toThrow("head plan h.json is nested more than 64 levels deep");
  });

  test("a __proto__ key in a resource's inputs is refused with its path (the diff would drop it)", () => {
    const plan = basePlan();
    const text = JSON.stringify(plan).replace('"inputs":{"', '"inputs":{"__proto__":{"proxied":true},"');
    expect(() => parsePlanText(text, "head plan")).toThrow(/resources\[\d+\]\.inputs\.__proto__: the key "__proto__" is not allowed/);
  });

  test("a stack name that is not a Pulumi name (Markdown in it) is refused", () => {
    const plan = { ...basePlan(), stack: "prod`\n#### Risky changes (0)" };
    expect(() => parsePlanText(JSON.stringify(plan), "head plan")).toThrow(/stack: a Pulumi name/);
  });

  test("a device or a non-UTF-8 file is refused without reading it all", () => {
    expect(() => loadPlanFile("/dev/zero", "head")).toThrow("head /dev/zero is larger than");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-")), "latin1.json");
    fs.writeFileSync(file, Buffer.from([0x7b, 0xe9, 0x7d]));
    expect(() => loadPlanFile(file, "head")).toThrow("is not UTF-8 text");
  });
});
