/**
 * The one output writer (cli/writeFiles.ts): all files or none, never through a symlink that
 * leaves the folder, an unwritable path refused at once, and what handover answers when it is.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../../cli/errors";
import { writeFilesAtomically } from "../../cli/writeFiles";
import { runMain, STACK_TRACE } from "../support/cli";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "lr-write-"));
const fresh = (name: string) => fs.mkdirSync(path.join(root, name), { recursive: true }) ?? path.join(root, name);

describe("writeFilesAtomically", () => {
  test("writes every file and leaves no temp file", () => {
    const dir = fresh("ok");
    writeFilesAtomically([{ path: path.join(dir, "H.md"), content: "doc" }, { path: path.join(dir, "z.zone"), content: "zone" }]);
    expect(fs.readFileSync(path.join(dir, "H.md"), "utf8")).toBe("doc");
    expect(fs.readdirSync(dir).sort()).toEqual(["H.md", "z.zone"]);
  });

  test("when the second file cannot be written, the first is not left half-done", () => {
    const dir = fresh("half");
    fs.mkdirSync(path.join(dir, "z.zone")); // a folder where the zone file should go
    expect(() => writeFilesAtomically([{ path: path.join(dir, "H.md"), content: "doc" }, { path: path.join(dir, "z.zone"), content: "zone" }])).toThrow(/z\.zone: it exists and is not a regular file/);
    expect(fs.readdirSync(dir)).toEqual(["z.zone"]);
  });

  test("refuses a symlink that points outside the output folder and leaves its target alone", () => {
    const dir = fresh("link");
    const victim = path.join(root, "victim.txt");
    fs.writeFileSync(victim, "precious");
    fs.symlinkSync(victim, path.join(dir, "H.md"));
    expect(() => writeFilesAtomically([{ path: path.join(dir, "H.md"), content: "doc" }])).toThrow(/H\.md: it is a symlink to .*victim\.txt, outside .*; remove the link or choose another --out/);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
  });

  test("an unwritable place (/proc/x/H.md) is a UserError at once, exit 2", () => {
    let error: unknown;
    try {
      writeFilesAtomically([{ path: "/proc/x/H.md", content: "doc" }]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toMatch(/^cannot write \/proc\/x\/H\.md: \/proc is (not a writable folder|a system folder); a path in a folder you can write to is expected$/);
  });
});

test("handover --out /proc/x/H.md exits 2 with the message and no stack trace", async () => {
  const r = await runMain(["handover", "--plan", path.join(__dirname, "../fixtures/diff/base-staging.json"), "--out", "/proc/x/H.md"]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("cannot write /proc/x/H.md");
  expect(r.stderr).not.toMatch(STACK_TRACE);
});
