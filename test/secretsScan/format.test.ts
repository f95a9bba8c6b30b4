import { formatFinding, formatJson, formatText } from "../../secretsScan/format";
import type { Finding, ScanReport } from "../../secretsScan/types";

const worktree: Finding = {
  origin: "worktree", file: ".env.example", line: 2, ruleId: "@secretlint/secretlint-rule-slack",
  message: "found slack token: xoxb…", preview: "xoxb…",
};
const history: Finding = { ...worktree, origin: "history", file: "old.txt", line: 7, commit: "abcdef0123456789abcdef0123456789abcdef01" };

test("one line per finding: file:line  rule  message, plus the short commit for history", () => {
  expect(formatFinding(worktree)).toBe(".env.example:2  @secretlint/secretlint-rule-slack  found slack token: xoxb…");
  expect(formatFinding(history)).toBe("old.txt:7  @secretlint/secretlint-rule-slack  found slack token: xoxb…  commit abcdef0");
});

test("the text report groups findings and counts what was scanned", () => {
  const report: ScanReport = { findings: [history, worktree], scanned: { files: 3, commits: 1, commitFiles: 2 } };
  const text = formatText(report);
  expect(text.indexOf("Working tree:")).toBeLessThan(text.indexOf("History"));
  expect(text).toContain("  old.txt:7  ");
  expect(text.trimEnd().split("\n").at(-1)).toBe("secrets-scan: 2 findings in 3 files and 1 commit");
  expect(JSON.parse(formatJson(report))).toEqual(report);
});

test("a clean report says what it looked at", () => {
  expect(formatText({ findings: [], scanned: { files: 1, commits: 0, commitFiles: 0 } })).toBe(
    "secrets-scan: no secrets found in 1 file and 0 commits\n",
  );
});
