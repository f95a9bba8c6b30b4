/**
 * The scan's orchestration (which files, which commits, which line numbers), with a stand-in for
 * secretlint that flags lines containing "LEAK=". The real engine is exercised through the CLI in
 * secretsScanCli.test.ts (jest cannot load secretlint's ES modules in-process).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ScanInputError } from "../../secretsScan/errors";
import type { LintText } from "../../secretsScan/secretlint";
import { additionsAsText, scanRepository } from "../../secretsScan/scan";
import { STACK_CONFIG_RULE_ID } from "../../secretsScan/stackConfigRule";
import type { Finding } from "../../secretsScan/types";
import { makeTempRepo, type TempRepo } from "./tempRepo";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

/** Flags every line holding "LEAK=", the way a secretlint rule reports (1-based line of the linted text). */
const fakeLint: LintText = async ({ content }) =>
  content.split("\n").flatMap((text, i) =>
    text.includes("LEAK=") ? [{ ruleId: "fake/leak", line: i + 1, message: "found leak: ********", matched: text }] : [],
  );

const where = (f: Finding) => `${f.origin} ${f.file}:${f.line}${f.commit ? ` @${f.commit.slice(0, 7)}` : ""}`;

let repo: TempRepo;
beforeEach(() => (repo = makeTempRepo()));
afterEach(() => repo.cleanup());

const scan = (over: Partial<Parameters<typeof scanRepository>[0]> = {}) =>
  scanRepository({ repo: repo.dir, worktree: true, history: true, projectRoot: PROJECT_ROOT, lint: fakeLint, ...over });

test("additionsAsText keeps file line numbers and separates non-adjacent runs", () => {
  const { content, fileLines } = additionsAsText({
    commit: "c", file: "f", lines: [{ line: 3, text: "a" }, { line: 4, text: "b\r" }, { line: 9, text: "c" }],
  });
  expect(content).toBe("a\nb\n\nc");
  expect(fileLines).toEqual([3, 4, 9, 9]);
});

test("history findings carry the commit and the line in that commit's file, even after deletion", async () => {
  repo.write("app.txt", "1\n2\n3\n4\n5\n");
  repo.commit("base");
  repo.write("app.txt", "1\n2\nLEAK=aaaaaaaaaaaa\n3\n4\n5\nLEAK=bbbbbbbbbbbb\n");
  const leaking = repo.commit("leak two lines in two hunks");
  repo.write("app.txt", "1\n2\n3\n4\n5\n");
  repo.commit("remove them");

  const report = await scan();
  expect(report.findings.map(where)).toEqual([`history app.txt:3 @${leaking.slice(0, 7)}`, `history app.txt:7 @${leaking.slice(0, 7)}`]);
  expect(report.findings[0]!.message).toBe("found leak: LEAK…");
  expect(report.scanned.commits).toBe(3);
});

test("the working tree covers tracked and untracked files, not git-ignored or .secretlintignore'd ones", async () => {
  repo.write(".gitignore", "build/\n");
  repo.write(".secretlintignore", "fixtures/\n");
  repo.write("tracked.txt", "LEAK=1\n");
  repo.commit("init");
  repo.write("untracked.env.example", "x\nLEAK=2\n");
  repo.write("build/out.txt", "LEAK=3\n");
  repo.write("fixtures/sample.txt", "LEAK=4\n");

  const report = await scan({ history: false });
  expect(report.findings.map(where)).toEqual(["worktree tracked.txt:1", "worktree untracked.env.example:2"]);
});

test("git-ignored env files in the working tree are scanned (the issue's \"env files\"), node_modules' are not", async () => {
  repo.write(".gitignore", ".env\n.env.*\n*.env\n!.env.example\nnode_modules/\nbuild/\n");
  repo.write("app.txt", "fine\n");
  repo.commit("init");
  repo.write(".env", "A=1\nLEAK=1\n");
  repo.write(".env.local", "LEAK=2\n");
  repo.write("apps/web/.env.production", "x\ny\nLEAK=3\n");
  repo.write("config/prod.env", "LEAK=4\n");
  repo.write(".env.example", "LEAK=5\n");
  repo.write("node_modules/pkg/.env", "LEAK=6\n");
  repo.write("build/.envrc", "LEAK=7\n");
  repo.write("build/notes.txt", "LEAK=8\n");

  const report = await scan({ history: false });
  expect(report.findings.map(where)).toEqual([
    "worktree .env:2",
    "worktree .env.example:1",
    "worktree .env.local:1",
    "worktree apps/web/.env.production:3",
    "worktree config/prod.env:1",
  ]);
  // None of them was ever committed: the history has nothing to say about them.
  expect((await scan({ worktree: false })).findings).toEqual([]);
});

test("--history-only and --no-history select the parts", async () => {
  repo.write("a.txt", "LEAK=1\n");
  repo.commit("a");
  expect((await scan({ worktree: false })).findings.map((f) => f.origin)).toEqual(["history"]);
  expect((await scan({ history: false })).findings.map((f) => f.origin)).toEqual(["worktree"]);
});

test("the stack config rule runs on history, reporting only lines the commit added", async () => {
  repo.write("Pulumi.prod.yaml", "config:\n  p:apiToken: plaintext-token-1\n");
  const first = repo.commit("plaintext token");
  repo.write("Pulumi.prod.yaml", "config:\n  p:apiToken: plaintext-token-1\n  p:domain: example.com\n");
  repo.commit("add domain (token line untouched)");
  repo.write("Pulumi.prod.yaml", "config:\n  p:apiToken:\n    secure: v1:abc\n  p:domain: example.com\n");
  repo.commit("encrypt it");

  const report = await scan();
  expect(report.findings.filter((f) => f.ruleId === STACK_CONFIG_RULE_ID).map(where)).toEqual([
    `history Pulumi.prod.yaml:2 @${first.slice(0, 7)}`,
  ]);
});

test("a repository with no commits scans its files and no history", async () => {
  repo.write("a.txt", "LEAK=1\n");
  const report = await scan();
  expect(report.findings.map(where)).toEqual(["worktree a.txt:1"]);
  expect(report.scanned.commits).toBe(0);
});

test("a directory outside any git repository is a usage error", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-not-git-"));
  try {
    await expect(scanRepository({ repo: dir, worktree: true, history: true, projectRoot: PROJECT_ROOT, lint: fakeLint }))
      .rejects.toThrow(ScanInputError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a leak only a merge commit added (its conflict resolution) is found for the merge; the branch's own leak once, for its commit", async () => {
  repo.write("app.txt", "1\n2\n3\n");
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("app.txt", "1\nfeature\n3\n");
  repo.write("branch.txt", "LEAK=branch\n");
  const branch = repo.commit("feature");
  repo.git("checkout", "-q", "main");
  repo.write("app.txt", "1\nmain\n3\n");
  repo.commit("main");
  expect(() => repo.git("merge", "-q", "feature")).toThrow(); // conflict in app.txt
  repo.write("app.txt", "1\nLEAK=resolution\n3\n");
  const merge = repo.commit("merge feature");
  repo.write("app.txt", "1\n2\n3\n");
  repo.commit("clean up");

  const report = await scan({ worktree: false });
  expect(report.findings.map(where).sort()).toEqual([
    `history app.txt:2 @${merge.slice(0, 7)}`,
    `history branch.txt:1 @${branch.slice(0, 7)}`,
  ]);
});
