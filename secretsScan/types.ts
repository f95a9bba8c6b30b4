/**
 * The shapes shared by the secret scanner's modules: where a finding was seen, and what was found.
 * A finding never carries the secret itself, only a masked preview (see mask.ts).
 */

/** Where a finding lives: the current files, or a line that some commit added. */
export type FindingOrigin = "worktree" | "history";

export interface Finding {
  origin: FindingOrigin;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line in the file (for history: in the file as that commit left it). */
  line: number;
  /** Full commit id, for history findings only. */
  commit?: string;
  /** secretlint rule id, or STACK_CONFIG_RULE_ID for the Pulumi stack config rule. */
  ruleId: string;
  /** Human message with every secret value masked. */
  message: string;
  /** First characters of the offending text followed by "…"; never the whole value. */
  preview: string;
}

/** One added line of a commit, numbered as in the file the commit produced. */
export interface AddedLine {
  line: number;
  text: string;
}

/** The lines one commit added to one file. */
export interface CommitFileAdditions {
  commit: string;
  file: string;
  lines: AddedLine[];
}

export interface ScanReport {
  findings: Finding[];
  /** How much was looked at, so an empty finding list can be told apart from an empty scan. */
  scanned: { files: number; commits: number; commitFiles: number };
}
