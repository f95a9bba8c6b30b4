import { COMMIT_MARKER, parseGitLogPatch, parseNewPath, unquoteC } from "../../secretsScan/gitPatchParser";
import { forEachCommitAddition } from "../../secretsScan/git";
import type { CommitFileAdditions } from "../../secretsScan/types";
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

  test("a merge's combined diff yields only the lines in no parent, numbered as in the merge result", () => {
    const patch = [
      `${COMMIT_MARKER}${C2}`,
      "",
      "diff --cc f.txt",
      "index 3e99f1c,3ffe901..a033229",
      "--- a/f.txt",
      "+++ b/f.txt",
      "@@@ -2,1 -2,1 +2,1 @@@",
      "- main",
      " -feat",
      "++resolved",
      "@@@ -4,0 -4,0 +4,1 @@@",
      "++extra",
      "diff --cc g.txt",
      "index 0000000,05103e4..498db85",
      "--- a/g.txt",
      "+++ b/g.txt",
      "@@@ -1,0 -1,1 +1,2 @@@",
      "+ from-the-branch",
      "++evil",
      `${COMMIT_MARKER}${C1}`,
      "diff --cc o.txt",
      "--- a/o.txt",
      "+++ b/o.txt",
      "@@@@ -1,1 -1,1 -1,0 +1,2 @@@@",
      "  +shared by two parents",
      "+++octopus only",
    ].join("\n");
    expect(parseGitLogPatch(patch)).toEqual<CommitFileAdditions[]>([
      { commit: C2, file: "f.txt", lines: [{ line: 2, text: "resolved" }, { line: 4, text: "extra" }] },
      { commit: C2, file: "g.txt", lines: [{ line: 2, text: "evil" }] },
      { commit: C1, file: "o.txt", lines: [{ line: 2, text: "octopus only" }] },
    ]);
  });

  test("rejects a combined hunk header whose ranges do not match its parents", () => {
    expect(() => parseGitLogPatch(`${COMMIT_MARKER}${C1}\n+++ b/x\n@@@ -1,1 +1,1 @@@`)).toThrow(/unreadable hunk header/);
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
  test("a merge's conflict resolution and its own new lines are yielded for the merge; the branch's lines only for the branch commit", async () => {
    const repo = makeTempRepo();
    try {
      repo.write("f.txt", "1\n2\n3\n");
      repo.commit("base");
      repo.git("checkout", "-q", "-b", "feature");
      repo.write("f.txt", "1\nfeature\n3\n");
      repo.write("g.txt", "from the branch\n");
      const branch = repo.commit("feature");
      repo.git("checkout", "-q", "main");
      repo.write("f.txt", "1\nmain\n3\n");
      repo.commit("main");
      expect(() => repo.git("merge", "-q", "feature")).toThrow(); // a conflict in f.txt
      repo.write("f.txt", "1\nresolved by hand\n3\nadded in the merge\n");
      repo.write("g.txt", "from the branch\nadded to a clean file in the merge\n");
      repo.write("h.txt", "a file only the merge adds\n");
      const merge = repo.commit("merge feature");

      const seen: CommitFileAdditions[] = [];
      expect(await forEachCommitAddition(repo.dir, (a) => seen.push(a))).toBe(4);
      const ofMerge = seen.filter((a) => a.commit === merge);
      expect(ofMerge).toEqual(expect.arrayContaining([
        { commit: merge, file: "f.txt", lines: [{ line: 2, text: "resolved by hand" }, { line: 4, text: "added in the merge" }] },
        { commit: merge, file: "g.txt", lines: [{ line: 2, text: "added to a clean file in the merge" }] },
        { commit: merge, file: "h.txt", lines: [{ line: 1, text: "a file only the merge adds" }] },
      ]));
      expect(ofMerge).toHaveLength(3);
      // "from the branch" is reported once, for the commit that added it.
      expect(seen.filter((a) => a.lines.some((l) => l.text === "from the branch")).map((a) => a.commit)).toEqual([branch]);
    } finally {
      repo.cleanup();
    }
  });

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
