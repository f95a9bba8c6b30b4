/**
 * The scan: secretlint and the stack config rule over the working tree and over every line any
 * commit added. Pure orchestration; git access is in git.ts, linting in secretlint.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { fileAtCommit, forEachCommitAddition, hasCommits, repositoryRoot, workingTreeFiles } from "./git";
import { loadIgnore } from "./ignoreFile";
import { maskSecret, replaceStarRuns } from "./mask";
import { chooseConfigFile, createSecretlint, type LintText } from "./secretlint";
import { checkStackConfig, isStackConfigFile } from "./stackConfigRule";
import type { CommitFileAdditions, Finding, ScanReport } from "./types";

export interface ScanOptions {
  /** A directory inside the repository to scan. */
  repo: string;
  worktree: boolean;
  history: boolean;
  /** This project's root: where .secretlintrc.json (fallback) and the rule packages live. */
  projectRoot: string;
  /** Replaces secretlint (tests of the orchestration); defaults to the real engine. */
  lint?: LintText;
}

/** Files larger than this are not read (build artefacts, data dumps); credentials live in small files. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

export async function scanRepository(opts: ScanOptions): Promise<ScanReport> {
  const root = repositoryRoot(opts.repo);
  const ignored = loadIgnore(root);
  const lint = opts.lint ?? (await createSecretlint(chooseConfigFile(root, opts.projectRoot), opts.projectRoot));
  const report: ScanReport = { findings: [], scanned: { files: 0, commits: 0, commitFiles: 0 } };
  if (opts.worktree) await scanWorktree(root, ignored, lint, report);
  if (opts.history && hasCommits(root)) await scanHistory(root, ignored, lint, report);
  return report;
}

async function scanWorktree(root: string, ignored: (p: string) => boolean, lint: LintText, report: ScanReport) {
  for (const file of workingTreeFiles(root)) {
    if (ignored(file)) continue;
    const abs = path.join(root, file);
    const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
    // Deleted but still tracked, a symlink (its target is scanned where it lives), a submodule, or huge.
    if (!stat || !stat.isFile() || stat.size > MAX_FILE_BYTES) continue;
    const buf = fs.readFileSync(abs);
    const binary = isBinary(buf);
    const content = binary ? "" : buf.toString("utf8");
    report.scanned.files += 1;
    for (const m of await lint({ filePath: abs, content, binary })) {
      const preview = maskSecret(m.matched);
      report.findings.push({
        origin: "worktree", file, line: m.line, ruleId: m.ruleId, preview, message: replaceStarRuns(m.message, preview),
      });
    }
    if (!binary && isStackConfigFile(file)) report.findings.push(...checkStackConfig(file, content));
  }
}

/**
 * The text secretlint sees for one commit's additions to one file, and the file line of each of
 * its lines. Runs of added lines that are not adjacent in the file are separated by an empty line,
 * so a pattern cannot match across two unrelated hunks.
 */
export function additionsAsText(a: CommitFileAdditions): { content: string; fileLines: number[] } {
  const texts: string[] = [];
  const fileLines: number[] = [];
  let previous: number | undefined;
  for (const { line, text } of a.lines) {
    if (previous !== undefined && line !== previous + 1) {
      texts.push("");
      fileLines.push(line);
    }
    texts.push(text.endsWith("\r") ? text.slice(0, -1) : text);
    fileLines.push(line);
    previous = line;
  }
  return { content: texts.join("\n"), fileLines };
}

async function scanHistory(root: string, ignored: (p: string) => boolean, lint: LintText, report: ScanReport) {
  const all: CommitFileAdditions[] = [];
  report.scanned.commits = await forEachCommitAddition(root, (a) => {
    if (!ignored(a.file)) all.push(a);
  });
  for (const a of all) {
    report.scanned.commitFiles += 1;
    const { content, fileLines } = additionsAsText(a);
    for (const m of await lint({ filePath: path.join(root, a.file), content })) {
      const preview = maskSecret(m.matched);
      report.findings.push({
        origin: "history", commit: a.commit, file: a.file, line: fileLines[m.line - 1] ?? m.line,
        ruleId: m.ruleId, preview, message: replaceStarRuns(m.message, preview),
      });
    }
    if (isStackConfigFile(a.file)) report.findings.push(...stackConfigInCommit(root, a));
  }
}

/**
 * The stack rule needs the whole YAML document (a key's meaning depends on its parents), so read
 * the file as the commit left it and keep the findings on lines that commit added.
 */
function stackConfigInCommit(root: string, a: CommitFileAdditions): Finding[] {
  const added = new Set(a.lines.map((l) => l.line));
  return checkStackConfig(a.file, fileAtCommit(root, a.commit, a.file))
    .filter((f) => added.has(f.line))
    .map((f) => ({ ...f, origin: "history" as const, commit: a.commit }));
}
