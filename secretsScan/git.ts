/**
 * The git plumbing the scanner needs: which files make up the working tree, the added lines of
 * every commit (one streamed `git log -p`, not one process per commit) and a file as a commit left
 * it. Nothing here interprets content.
 */
import { execFileSync, spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { ScanInputError } from "./errors";
import { COMMIT_MARKER, GitPatchParser, GIT_LOG_PATCH_ARGS } from "./gitPatchParser";
import type { CommitFileAdditions } from "./types";

/** Large enough for a lock file or a generated fixture; git output beyond it is an error, not a truncation. */
const MAX_GIT_OUTPUT_BYTES = 256 * 1024 * 1024;

function git(repo: string, args: readonly string[]): Buffer {
  return execFileSync("git", ["-C", repo, ...args], {
    maxBuffer: MAX_GIT_OUTPUT_BYTES,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The repository's top-level directory; a ScanInputError (the CLI exits 2) when `dir` is not inside a git work tree. */
export function repositoryRoot(dir: string): string {
  try {
    return git(dir, ["rev-parse", "--show-toplevel"]).toString("utf8").trim();
  } catch (err) {
    const detail = (err as { stderr?: Buffer }).stderr?.toString("utf8").trim() || String(err);
    throw new ScanInputError(`--repo ${dir} is not a git working tree (expected a directory inside a git repository): ${detail}`);
  }
}

/**
 * Env files (`.env`, `.env.local`, `config/prod.env`) that git ignores: credentials sit in them more
 * than anywhere else, and git ignoring them keeps them out of commits, not off a laptop or a CI
 * workspace. Dependencies' own env files (node_modules) are not ours to judge.
 */
export const IGNORED_ENV_PATHSPECS = [
  ":(glob)**/.env", ":(glob)**/.env.*", ":(glob)**/*.env",
  ":(exclude,glob)**/node_modules/**",
] as const;

/**
 * Tracked files, untracked files that .gitignore does not exclude, and env files it does exclude
 * (IGNORED_ENV_PATHSPECS), relative to the root.
 */
export function workingTreeFiles(root: string): string[] {
  const listed = git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).toString("utf8");
  const ignoredEnv = git(root, ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", ...IGNORED_ENV_PATHSPECS]).toString("utf8");
  return [...new Set(`${listed}\0${ignoredEnv}`.split("\0").filter((f) => f !== ""))].sort();
}

/** Whether the repository has any commit (a fresh `git init` has none, and `git log` would fail). */
export function hasCommits(root: string): boolean {
  try {
    git(root, ["rev-parse", "--verify", "--quiet", "HEAD"]);
    return true;
  } catch {
    // No HEAD yet; other refs (--all) could still exist, so ask for any ref at all.
    return git(root, ["for-each-ref", "--count=1"]).toString("utf8").trim() !== "";
  }
}

/**
 * Stream the added lines of every commit reachable from any ref, calling `onAdditions` per
 * (commit, file). Resolves with the number of commits seen.
 */
export async function forEachCommitAddition(
  root: string,
  onAdditions: (a: CommitFileAdditions) => void,
): Promise<number> {
  const child = spawn("git", ["-C", root, ...GIT_LOG_PATCH_ARGS], { stdio: ["ignore", "pipe", "pipe"] });
  const parser = new GitPatchParser(onAdditions);
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  let commitLines = 0;
  const push = (line: string) => {
    if (line.startsWith(COMMIT_MARKER)) commitLines += 1;
    parser.push(line);
  };
  // Split on "\n" only: readline would also split on a lone "\r" inside a line and break hunk counts.
  const decoder = new StringDecoder("utf8");
  let pending = "";
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    const parts = (pending + decoder.write(chunk)).split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) push(line);
  }
  pending += decoder.end();
  if (pending !== "") push(pending);
  parser.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git log failed in ${root} (exit ${code}): ${stderr.trim()}`);
  return commitLines;
}

/** A file's content as `commit` left it. */
export function fileAtCommit(root: string, commit: string, file: string): string {
  return git(root, ["show", `${commit}:${file}`]).toString("utf8");
}

/** The commit `ref` names; a ScanInputError (the CLI exits 2) when it names none. */
export function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]).toString("utf8").trim();
  } catch {
    throw new ScanInputError(`--base ${ref} is not a commit of ${root} (expected the pull request's base commit or branch, fetched: actions/checkout with fetch-depth: 0)`);
  }
}

/** A file as `commit` has it, or undefined when the commit has no such file. */
export function fileAtCommitIfAny(root: string, commit: string, file: string): string | undefined {
  try {
    return git(root, ["show", `${commit}:${file}`]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Each (commit, path) in `base..HEAD` that changed a file matching the pathspecs, oldest first. */
export function commitsChanging(root: string, base: string, pathspecs: readonly string[]): Array<{ commit: string; file: string }> {
  const out = git(root, ["-c", "core.quotePath=false", "log", "--reverse", "--no-renames", "--format=%x1e%H", "--name-only", "-z", `${base}..HEAD`, "--", ...pathspecs]).toString("utf8");
  const found: Array<{ commit: string; file: string }> = [];
  for (const block of out.split("\x1e").filter((b) => b.trim() !== "")) {
    // "<hash>\0\n<file>\0<file>\0": the hash, then NUL-terminated paths (the first after a newline).
    const [commit, ...files] = block.split("\0");
    for (const file of files.map((f) => f.replace(/^\n/, "")).filter((f) => f !== "")) found.push({ commit: commit!.trim(), file });
  }
  return found;
}
