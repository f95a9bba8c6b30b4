/**
 * The scan: secretlint and the stack config rule over the working tree and over every line any
 * commit added. Pure orchestration; git access is in git.ts, linting in secretlint.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { commitsChanging, fileAtCommit, fileAtCommitIfAny, forEachCommitAddition, hasCommits, repositoryRoot, resolveCommit, workingTreeFiles } from "./git";
import { compileIgnore, loadIgnore, SECRETLINT_IGNORE_FILE } from "./ignoreFile";
import { maskSecret, replaceStarRuns } from "./mask";
import { chooseConfigFile, configFromFile, createSecretlint, SECRETLINT_CONFIG_FILE, type LintText, type SecretlintConfigSource } from "./secretlint";
import { checkStackConfig, isStackConfigFile } from "./stackConfigRule";
import type { CommitFileAdditions, Finding, ScanReport } from "./types";

export interface ScanOptions {
  /** A directory inside the repository to scan. */
  repo: string;
  worktree: boolean;
  history: boolean;
  /** This project's root: where .secretlintrc.json (fallback) and the rule packages live. */
  projectRoot: string;
  /**
   * PR mode: the pull request's base commit. The scan's own config and ignore file are read from
   * it, and every change the range `base..HEAD` makes to them is a finding of its own, so a PR
   * cannot add a secret together with an ignore-everything file and pass.
   */
  base?: string;
  /** Replaces secretlint (tests of the orchestration); defaults to the real engine. */
  lint?: LintText;
}

/** The rule id of a change to the scanner's own ignore or config file in a pull request. */
export const SCANNER_CONFIG_CHANGE_RULE_ID = "launch-ready/secret-scan-config-changed";

/** The files that decide what the scan looks at, wherever they sit in the tree. */
export const SCANNER_CONFIG_PATHSPECS = [`:(glob)**/${SECRETLINT_IGNORE_FILE}`, ":(glob)**/.secretlintrc*"] as const;

/** Files larger than this are not read (build artefacts, data dumps); credentials live in small files. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

/**
 * A file's text for the rules. A "binary" file is read as Latin-1 (one character per byte), so the
 * ASCII of a token between NUL bytes reaches the rules intact and no byte sequence fails to decode.
 */
export function textForRules(buf: Buffer): string {
  return isBinary(buf) ? buf.toString("latin1") : buf.toString("utf8");
}

export async function scanRepository(opts: ScanOptions): Promise<ScanReport> {
  const root = repositoryRoot(opts.repo);
  const base = opts.base === undefined ? undefined : resolveCommit(root, opts.base);
  const ignored = base ? compileIgnore(fileAtCommitIfAny(root, base, SECRETLINT_IGNORE_FILE) ?? "") : loadIgnore(root);
  const lint = opts.lint ?? (await createSecretlint(scanConfigSource(root, opts.projectRoot, base), opts.projectRoot));
  const report: ScanReport = { findings: [], scanned: { files: 0, commits: 0, commitFiles: 0 } };
  if (base) report.findings.push(...scannerConfigChanges(root, base, opts.worktree));
  if (opts.worktree) await scanWorktree(root, ignored, lint, report);
  if (opts.history && hasCommits(root)) await scanHistory(root, ignored, lint, report);
  return report;
}

/** In PR mode the base commit's config (or this project's when the base has none); else the tree's. */
function scanConfigSource(root: string, projectRoot: string, base: string | undefined): SecretlintConfigSource {
  if (!base) return configFromFile(chooseConfigFile(root, projectRoot));
  const text = fileAtCommitIfAny(root, base, SECRETLINT_CONFIG_FILE);
  return text === undefined ? configFromFile(path.join(projectRoot, SECRETLINT_CONFIG_FILE)) : { label: `${base.slice(0, 7)}:${SECRETLINT_CONFIG_FILE}`, text };
}

/**
 * Each change the PR makes to the scanner's own ignore and config files: a commit in base..HEAD
 * that touches one, and an uncommitted root-level one that differs from the base. Not a verdict on
 * the change, which may be fine, but one a reviewer must see: the scan itself ran with the base's.
 */
function scannerConfigChanges(root: string, base: string, worktree: boolean): Finding[] {
  const why = "changes what the secret scan looks at; this scan used the base commit's version, and a reviewer must approve the change on its own";
  const findings: Finding[] = commitsChanging(root, base, SCANNER_CONFIG_PATHSPECS).map(({ commit, file }) => ({
    origin: "history", commit, file, line: 1, ruleId: SCANNER_CONFIG_CHANGE_RULE_ID, preview: "…", message: `${file} ${why}`,
  }));
  if (!worktree) return findings;
  const head = hasCommits(root) ? "HEAD" : undefined;
  for (const file of [SECRETLINT_IGNORE_FILE, SECRETLINT_CONFIG_FILE]) {
    const abs = path.join(root, file);
    const now = fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : undefined;
    const committed = head ? fileAtCommitIfAny(root, head, file) : undefined;
    if (now !== committed && now !== fileAtCommitIfAny(root, base, file)) {
      findings.push({ origin: "worktree", file, line: 1, ruleId: SCANNER_CONFIG_CHANGE_RULE_ID, preview: "…", message: `${file} (uncommitted) ${why}` });
    }
  }
  return findings;
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
    const content = textForRules(buf);
    report.scanned.files += 1;
    for (const m of await lint({ filePath: abs, content })) {
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

/** One finding in a text scanned on its own (no repository): where, which rule, masked. */
export interface TextFinding {
  line: number;
  ruleId: string;
  /** Message with the secret replaced by its preview. */
  message: string;
  preview: string;
}

/**
 * The scan's rules (this project's .secretlintrc.json plus our own rule) as a function of a text
 * and a file name, for callers that scan content that is not in a repository (a page's scripts).
 */
export async function createTextScanner(projectRoot: string): Promise<(text: string, fileName: string) => Promise<TextFinding[]>> {
  const lint = await createSecretlint(configFromFile(path.join(projectRoot, SECRETLINT_CONFIG_FILE)), projectRoot);
  return async (text, fileName) =>
    (await lint({ filePath: fileName, content: text })).map((m) => {
      const preview = maskSecret(m.matched);
      return { line: m.line, ruleId: m.ruleId, message: replaceStarRuns(m.message, preview), preview };
    });
}
