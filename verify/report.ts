/** From checks to a verdict: deduplicated, ordered, risks ranked by launch impact. */
import { CATALOG, CHECK_IDS, severityRank, type CheckId } from "./catalog";
import type { Check, Risk, VerifyReport } from "./types";

const order = (id: string) => CHECK_IDS.indexOf(id as CheckId);

/** Every failure blocks launch; warnings are listed as risks but do not. */
export function verdictOf(checks: Check[]): "GO" | "NO-GO" {
  return checks.some((c) => c.status === "fail") ? "NO-GO" : "GO";
}

/** Failures first, then by severity, then by the catalog's order (DNS before HTTP before perf). */
export function rankRisks(checks: Check[]): Risk[] {
  return checks
    .filter((c) => c.status !== "pass")
    .sort((a, b) =>
      (a.status === "fail" ? 0 : 1) - (b.status === "fail" ? 0 : 1) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      order(a.id) - order(b.id) ||
      a.target.localeCompare(b.target))
    .map((c, i) => ({ rank: i + 1, id: c.id, target: c.target, status: c.status, severity: c.severity, message: c.message, why: CATALOG[c.id as CheckId]?.why ?? "" }));
}

export function buildReport(raw: Check[], timing: VerifyReport["timing"], unknownRecords: string[], uncheckable: string[] = [], summary?: string): VerifyReport {
  const seen = new Set<string>();
  const checks = raw
    .filter((c) => {
      const key = `${c.id}|${c.target}|${c.status}|${c.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => order(a.id) - order(b.id) || a.target.localeCompare(b.target));
  const notes = [...unknownRecords.map((r) => `${r}: not checked, its value is unknown until deploy`), ...uncheckable];
  return { verdict: verdictOf(checks), checks, risks: rankRisks(checks), timing, notes, ...(summary ? { summary } : {}) };
}
