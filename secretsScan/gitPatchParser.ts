/**
 * A streaming parser for `git log -p --unified=0 --diff-merges=dense-combined
 * --format=<COMMIT_MARKER>%H`: it turns the patch text into, per commit and per file, the lines
 * that commit added, numbered as in the new file.
 *
 * It counts hunk lines from the `@@ -a,b +c,d @@` header instead of guessing from prefixes, so an
 * added line whose text is "++ b/x" (shown as "+++ b/x") is never mistaken for a file header.
 *
 * A merge commit comes as a combined diff (`diff --cc`, `@@@ -a,b -c,d +e,f @@@`, one marker column
 * per parent). A line marked `+` in every column is in no parent: the merge itself added it (a
 * conflict resolution, an "evil merge"). A line with a blank column came from that parent and was
 * already reported for the commit that added it there, so it is not reported again.
 */
import type { AddedLine, CommitFileAdditions } from "./types";

/** Record separator (0x1e): cannot appear in a commit id, so a line starting with it is a commit. */
export const COMMIT_MARKER = "\x1e";

/** `git log` arguments that produce what this parser reads (besides the repository and refs). */
export const GIT_LOG_PATCH_ARGS = [
  "-c", "core.quotePath=false",
  "log", "--all", "-p", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv",
  // Patches of "binary" files too (git's NUL-in-the-first-8000-bytes heuristic): a token in a file
  // that also holds a NUL byte is still a token, and without --text git prints "Binary files differ".
  "--text",
  // A merge shows only what differs from every parent (`--cc`): the lines it added itself, not
  // again the lines its parents' commits added.
  "--diff-merges=dense-combined",
  `--format=${COMMIT_MARKER}%H`,
] as const;

type State =
  | { kind: "between" } // outside any hunk: headers, blank lines, commit markers
  | { kind: "hunk"; oldLeft: number[]; newLeft: number; nextNewLine: number };

/** `@@ -a,b +c,d @@`, or with one `-a,b` range per parent and one more `@` per extra parent. */
const HUNK_HEADER = /^(@{2,}) ((?:-\d+(?:,\d+)? )+)\+(\d+)(?:,(\d+))? \1(?: |$)/;

const rangeCount = (range: string) => (range.includes(",") ? Number(range.slice(range.indexOf(",") + 1)) : 1);

export class GitPatchParser {
  private commit: string | null = null;
  private file: string | null = null;
  private lines: AddedLine[] = [];
  private state: State = { kind: "between" };

  /** @param emit called once per (commit, file) that added at least one line, in stream order. */
  constructor(private readonly emit: (additions: CommitFileAdditions) => void) {}

  push(line: string): void {
    if (this.state.kind === "hunk") {
      this.pushHunkLine(this.state, line);
      return;
    }
    if (line.startsWith(COMMIT_MARKER)) {
      this.flush();
      this.commit = line.slice(COMMIT_MARKER.length).trim();
      this.file = null;
    } else if (line.startsWith("diff --git ") || line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) {
      this.flush();
      this.file = null;
    } else if (line.startsWith("+++ ")) {
      this.file = parseNewPath(line.slice(4));
    } else if (line.startsWith("@@")) {
      const m = HUNK_HEADER.exec(line);
      if (!m || m[1]!.length - 1 !== m[2]!.trim().split(" ").length) throw new Error(`unreadable hunk header in git log output: ${JSON.stringify(line)}`);
      const oldLeft = m[2]!.trim().split(" ").map(rangeCount);
      const newLeft = m[4] === undefined ? 1 : Number(m[4]);
      if (newLeft > 0 || oldLeft.some((n) => n > 0)) this.state = { kind: "hunk", oldLeft, newLeft, nextNewLine: Number(m[3]) };
    }
    // Anything else between hunks ("index ...", "--- a/x", "new file mode", "Binary files ... differ",
    // the blank line after the commit header) carries no added text.
  }

/** Call after the last line: emits what the final file collected. */
  end(): void {
    this.flush();
  }

  private pushHunkLine(state: Extract<State, { kind: "hunk" }>, line: string): void {
    if (line[0] === "\\") return; // "\ No newline at end of file" belongs to the previous line
    // One marker per parent; an empty line is a context line whose spaces were stripped.
    const parents = state.oldLeft.length;
    const markers = line.length >= parents ? line.slice(0, parents) : " ".repeat(parents);
    if (markers.includes("-")) {
      // Not in the result: it leaves the parents marked "-".
      for (let i = 0; i < parents; i++) if (markers[i] === "-") state.oldLeft[i]! -= 1;
    } else {
      // In the result, and in every parent whose column is blank.
      if (!markers.includes(" ")) this.lines.push({ line: state.nextNewLine, text: line.slice(parents) });
      for (let i = 0; i < parents; i++) if (markers[i] === " ") state.oldLeft[i]! -= 1;
      state.nextNewLine += 1;
      state.newLeft -= 1;
    }
    if (state.newLeft <= 0 && state.oldLeft.every((n) => n <= 0)) this.state = { kind: "between" };
  }

  private flush(): void {
    if (this.commit !== null && this.file !== null && this.lines.length > 0) {
      this.emit({ commit: this.commit, file: this.file, lines: this.lines });
    }
    this.lines = [];
    this.state = { kind: "between" };
  }
}

/** Parse a whole patch text at once (tests, small repositories). */
export function parseGitLogPatch(text: string): CommitFileAdditions[] {
  const out: CommitFileAdditions[] = [];
  const parser = new GitPatchParser((a) => out.push(a));
  for (const line of text.split("\n")) parser.push(line);
  parser.end();
  return out;
}

/** The path of a `+++ ` header: "b/dir/f.ts", a C-quoted "\"b/odd\\tname\"", or /dev/null (deleted). */
export function parseNewPath(raw: string): string | null {
  const text = raw.replace(/\t$/, "");
  if (text === "/dev/null") return null;
  const path = text.startsWith('"') ? unquoteC(text) : text;
  return path.startsWith("b/") ? path.slice(2) : path;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** Undo git's C-style path quoting (used for control characters, quotes and backslashes). */
export function unquoteC(quoted: string): string {
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2) {
    throw new Error(`not a C-quoted git path: ${quoted}`);
  }
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (next in C_ESCAPES) {
      bytes.push(C_ESCAPES[next]!);
      i += 1;
    } else {
      throw new Error(`unknown escape \\${next} in git path ${quoted}`);
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
