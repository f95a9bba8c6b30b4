import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProgramError } from "../../plan/render";
import { renderIsolated } from "../support/render";
import { testStackFile } from "../support/stacks";

/** A program outside the project, using the project's SDKs by path. */
function program(body: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-urn-"));
  const file = path.join(dir, "program.ts");
  fs.writeFileSync(file, [`import * as random from ${JSON.stringify(require.resolve("@pulumi/random"))};`, ...body, ""].join("\n"));
  return file;
}

describe("plan refuses two resources with one URN, as the engine does", () => {
  test("a second resource of the same type and name is a ProgramError naming the URN", async () => {
    const file = program(['new random.RandomPassword("dup", { length: 8 });', 'new random.RandomPassword("dup", { length: 12 });']);
    const rendering = renderIsolated({ stack: "staging", configFile: testStackFile("staging"), program: file });
    // renderIsolated loads the renderer anew, so the class is checked by name (the CLI maps it to exit 2).
    await expect(rendering).rejects.toMatchObject({ name: new ProgramError("x", "y").name });
    await expect(rendering).rejects.toThrow(/Duplicate resource URN 'urn:pulumi:staging::launch-ready::random:index\/randomPassword:RandomPassword::dup'; try giving it a unique name/);
  }, 60_000);

  test("the same name under another type is a different URN and renders", async () => {
    const file = program(['new random.RandomPassword("same", { length: 8 });', 'new random.RandomString("same", { length: 8 });']);
    const { plan } = await renderIsolated({ stack: "staging", configFile: testStackFile("staging"), program: file });
    expect(plan.resources.map((r) => r.name)).toEqual(["same", "same"]);
  }, 60_000);

  test("a render, failed or not, leaves the process's stack traces as it found them (it turns them off while the program runs)", async () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 17;
    try {
      await renderIsolated({ stack: "staging", configFile: testStackFile("staging"), program: program(['new random.RandomPassword("one", { length: 8 });']) });
      expect(Error.stackTraceLimit).toBe(17);
      const failing = program(['throw new Error("the program refused");']);
      await expect(renderIsolated({ stack: "staging", configFile: testStackFile("staging"), program: failing })).rejects.toThrow(/the program refused/);
      expect(Error.stackTraceLimit).toBe(17);
    } finally {
      Error.stackTraceLimit = before;
    }
  }, 60_000);
});
