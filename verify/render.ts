/** Human and CI renderings of a report: the table, the risk list, the verdict, JUnit XML. */
import Table from "cli-table3";
import { xmlText } from "../encode/xml";
import { bounded, visible } from "../encode/visible";
import type { VerifyReport } from "./types";

/** A value from the live answers as one terminal line: control characters shown escaped, bounded. */
const MAX_TERMINAL_VALUE = 2_000;
const term = (value: string): string => bounded(visible(value), MAX_TERMINAL_VALUE);

const MARK = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;

export function renderText(report: VerifyReport): string {
  const table = new Table({ head: ["Status", "Severity", "Check", "Target", "Detail"], colWidths: [8, 10, 20, 40, 70], wordWrap: true, style: { head: [], border: [] } });
  // With a summary the failures share one cause: they are listed once, as risks, not also in the table.
  for (const c of report.checks) if (!(report.summary && c.status !== "pass")) table.push([MARK[c.status], c.severity, c.id, term(c.target), term(c.message)]);
  const lines = [...(report.summary ? [`Summary: ${report.summary}`, ""] : []), table.toString(), ""];
  if (report.risks.length) {
    lines.push("Risks, by launch impact:");
    for (const r of report.risks) lines.push(`  ${r.rank}. [${r.status.toUpperCase()} ${r.severity}] ${r.id} ${term(r.target)}: ${term(r.message)}\n     why: ${r.why}`);
    lines.push("");
  }
  for (const n of report.notes) lines.push(`note: ${term(n)}`);
  const fails = report.checks.filter((c) => c.status === "fail").length;
  const warns = report.checks.filter((c) => c.status === "warn").length;
  lines.push(`${report.checks.length} checks: ${fails} failed, ${warns} warnings. Run ${report.timing.runMs} ms (checks summed ${report.timing.sumOfJobsMs} ms, bound ${report.timing.boundMs} ms).`);
  lines.push(`Verdict: ${report.verdict}`);
  return lines.join("\n") + "\n";
}

/** Every value from a check goes through the one XML encoder (invalid characters shown escaped, bounded). */
const xml = xmlText;

/**
 * JUnit XML: one testsuite per check family (dns, tls...), one testcase per check; warnings pass
 * with system-out; the report's notes (what could not be checked) are skipped testcases.
 */
export function renderJunit(report: VerifyReport): string {
  const families = new Map<string, VerifyReport["checks"]>();
  for (const c of report.checks) {
    const fam = c.id.split(".")[0]!;
    families.set(fam, [...(families.get(fam) ?? []), c]);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="launch-ready verify" tests="${report.checks.length}" failures="${report.checks.filter((c) => c.status === "fail").length}" time="${(report.timing.runMs / 1000).toFixed(3)}">`];
  for (const [fam, cs] of families) {
    out.push(`  <testsuite name="${xml(fam)}" tests="${cs.length}" failures="${cs.filter((c) => c.status === "fail").length}">`);
    for (const c of cs) {
      const open = `    <testcase classname="${xml(c.id)}" name="${xml(`${c.id} ${c.target}`)}" time="${((c.durationMs ?? 0) / 1000).toFixed(3)}"`;
      if (c.status === "fail") out.push(`${open}>\n      <failure message="${xml(c.message)}" type="${xml(c.severity)}">${xml(c.message)}</failure>\n    </testcase>`);
      else if (c.status === "warn") out.push(`${open}>\n      <system-out>${xml(`WARN (${c.severity}): ${c.message}`)}</system-out>\n    </testcase>`);
      else out.push(`${open}/>`);
    }
    out.push("  </testsuite>");
  }
  if (report.notes.length) {
    // What could not be checked shows in CI as skipped, not silently absent.
    out.push(`  <testsuite name="not checked" tests="${report.notes.length}" failures="0" skipped="${report.notes.length}">`);
    for (const n of report.notes) out.push(`    <testcase classname="notes" name="${xml(n.split(":")[0]!)}" time="0.000">\n      <skipped message="${xml(n)}"/>\n    </testcase>`);
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}
