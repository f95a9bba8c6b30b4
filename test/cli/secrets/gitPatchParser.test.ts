import { COMMIT_MARKER, parseGitLogPatch, parseNewPath, unquoteC } from "../../../cli/secrets/gitPatchParser";
import { forEachCommitAddition } from "../../../cli/secrets/git";
import type { CommitFileAdditions } from "../../../cli/secrets/types";
import { makeTempRepo } from "./tempRepo";

const C1 = "1".repeat(40);
const C2 = "2".repeat(40);

describe("parseGitLogPatch", () => {
  test("numbers added lines as in the new file, per commit and file", () => {
    const patch = [
      `${COMMIT_MARKER}${C2}`,
      "",
      "diff --git a/app.env b/app.env",
      "index 111..222 100644",
      "--- a/app.env",
      "+++ b/app.env",
      "@@ -3 +3 @@",
      "-OLD=1",
      "+NEW=2",
      "@@ -10,0 +11,2 @@",
      "+A=1",
      "+B=2",
      "diff --git a/gone.txt b/gone.txt",
      "deleted file mode 100644",
      "--- a/gone.txt",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      "-x",
      "-y",
      `${COMMIT_MARKER}${C1}`,
      "",
      "diff --git a/new.txt b/new.txt",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/new.txt",
      "@@ -0,0 +1 @@",
      "+only",
      "\\ No newline at end of file",
    ].join("\n");
    expect(parseGitLogPatch(patch)).toEqual<CommitFileAdditions[]>([
      { commit: C2, file: "app.env", lines: [{ line: 3, text: "NEW=2" }, { line: 11, text: "A=1" }, { line: 12, text: "B=2" }] },
      { commit: C1, file: "new.txt", lines: [{ line: 1, text: "only" }] },
    ]);
  });

  test("an added line that reads like a file header stays an added line of the same file", () => {
    const patch = [
      `${COMMIT_MARKER}${C1}`,
      "diff --git a/doc.md b/doc.md",
      "--- /dev/null",
      "+++ b/doc.md",
      "@@ -0,0 +1,3 @@",
      "+++ b/other.md",
      "+diff --git a/x b/x",
      "+@@ -1 +1 @@",
    ].join("\n");
    expect(parseGitLogPatch(patch)).toEqual([
      { commit: C1, file: "doc.md", lines: [
        { line: 1, text: "++ b/other.md" }, { line: 2, text: "diff --git a/x b/x" }, { line: 3, text: "@@ -1 +1 @@" },
      ] },
    ]);
  });

  test("binary files and pure renames contribute nothing", () => {
    const patch = [
      `${COMMIT_MARKER}${C1}`,
      "diff --git a/logo.png b/logo.png",
      "new file mode 100644",
      "Binary files /dev/null and b/logo.png differ",
      "diff --git a/a.txt b/b.txt",
      "similarity index 100%",
      "rename from a.txt",
      "rename to b.txt",
    ].join("\n");
    expect(parseGitLogPatch(patch)).toEqual([]);
  });

  test("rejects a hunk header it cannot read instead of mis-numbering lines", () => {
    expect(() => parseGitLogPatch(`${COMMIT_MARKER}${C1}\n+++ b/x\n@@ garbage @@`)).toThrow(/unreadable hunk header/);
  });
});

describe("paths", () => {
  test.each([
    ["b/src/a.ts", "src/a.ts"],
    ["/dev/null", null],
    ['"b/odd\\tname.txt"', "odd\tname.txt"],
    ['"b/caf\\303\\251.env"', "café.env"],
    ['"b/say \\"hi\\".txt"', 'say "hi".txt'],
  ])("parseNewPath(%j) = %j", (raw, expected) => {
    expect(parseNewPath(raw)).toBe(expected);
  });

  test("unquoteC rejects unknown escapes and unquoted text", () => {
    expect(() => unquoteC('"a\\qb"')).toThrow(/unknown escape/);
    expect(() => unquoteC("plain")).toThrow(/not a C-quoted/);
  });
});

describe("forEachCommitAddition on a real repository", () => {
  test("yields each commit's added lines, including lines later deleted and odd file names", async () => {
    const repo = makeTempRepo();
    try {
      repo.write("a.txt", "one\ntwo\n");
      const first = repo.commit("first");
      repo.write("a.txt", "one\nTWO\nthree\n");
      repo.write("tab\tname.txt", "x\r\n");
      const second = repo.commit("second");
      repo.remove("a.txt");
      repo.commit("third: deletes a.txt");
      const seen: CommitFileAdditions[] = [];
      const commits = await forEachCommitAddition(repo.dir, (a) => seen.push(a));
      expect(commits).toBe(3);
      expect(seen).toEqual(expect.arrayContaining([
        { commit: first, file: "a.txt", lines: [{ line: 1, text: "one" }, { line: 2, text: "two" }] },
        { commit: second, file: "a.txt", lines: [{ line: 2, text: "TWO" }, { line: 3, text: "three" }] },
        { commit: second, file: "tab\tname.txt", lines: [{ line: 1, text: "x\r" }] },
      ]));
      expect(seen).toHaveLength(3);
    } finally {
      repo.cleanup();
    }
  });
});
