/**
 * Rendering a scan report: one line per finding, `file:line  rule  message`, with the commit for
 * history findings. Messages already carry masked previews only (see scan.ts).
 */
import type { Finding, ScanReport } from "./types";

/** Short commit ids, as `git log --oneline` shows them. */
export const SHORT_COMMIT_CHARS = 7;

export function formatFinding(f: Finding): string {
  const where = `${f.file}:${f.line}  ${f.ruleId}  ${f.message}`;
  return f.commit ? `${where}  commit ${f.commit.slice(0, SHORT_COMMIT_CHARS)}` : where;
}

export function formatText(report: ScanReport): string {
  const { files, commits } = report.scanned;
  const scope = `${files} file${files === 1 ? "" : "s"} and ${commits} commit${commits === 1 ? "" : "s"}`;
  if (report.findings.length === 0) return `secrets-scan: no secrets found in ${scope}\n`;
  const out: string[] = [];
  const worktree = report.findings.filter((f) => f.origin === "worktree");
  const history = report.findings.filter((f) => f.origin === "history");
  if (worktree.length > 0) out.push("Working tree:", ...worktree.map((f) => `  ${formatFinding(f)}`));
  if (history.length > 0) {
    out.push("History (lines added by a commit; removing them later does not unpublish them, rotate the credential):");
    out.push(...history.map((f) => `  ${formatFinding(f)}`));
  }
  out.push(`secrets-scan: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"} in ${scope}`);
  return `${out.join("\n")}\n`;
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
