/**
 * Keys a mail preset requires only for some domains, so the schema (which does not know the
 * domain) cannot require them. Today: Microsoft 365 derives its MX host and DKIM targets from the
 * domain with dots as dashes; for a domain that already has dashes the result is not predictable
 * (DNSControl's M365_BUILDER has no default then either), so they must be copied from the admin
 * center. The input is loosely typed on purpose: config.ts also runs this over an email section
 * that failed its schema elsewhere, so the requirement shows in the same run as the other errors.
 */
import { exampleText } from "../configErrors";
import type { ReportIssue } from "../schema/context";
import { PRESET_EXAMPLES } from "./presetExamples";

export interface PresetRequirementProblem {
  path: Array<string | number>;
  message: string;
}

interface LooseEntry {
  provider?: unknown;
  host?: unknown;
  mxHost?: unknown;
  dkimTargets?: unknown;
}

const asEntry = (value: unknown): LooseEntry | undefined => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as LooseEntry) : undefined);
const fqdnOf = (host: unknown, apex: string) => (typeof host !== "string" || host === "@" ? apex : `${host}.${apex}`);

/** Every preset key this email section (parsed, or raw) lacks for this apex. */
export function presetRequirementProblems(email: unknown, apex: string): PresetRequirementProblem[] {
  const section = asEntry(email) as { inbound?: unknown; senders?: unknown } | undefined;
  if (!section) return [];
  const problems: PresetRequirementProblem[] = [];
  const inbound = asEntry(section.inbound);
  if (inbound?.provider === "microsoft-365" && inbound.mxHost === undefined && fqdnOf(inbound.host, apex).includes("-")) {
    problems.push({
      path: ["inbound", "mxHost"],
      message: `is missing: ${fqdnOf(inbound.host, apex)} contains a hyphen, so its Microsoft 365 MX host cannot be derived; copy it from the admin center (Settings > Domains > DNS records), e.g. mxHost: ${exampleText(PRESET_EXAMPLES.mxHost)}`,
    });
  }
  const senders = Array.isArray(section.senders) ? section.senders : [];
  senders.forEach((value, index) => {
    const sender = asEntry(value);
    if (sender?.provider === "microsoft-365" && sender.dkimTargets === undefined && fqdnOf(sender.host, apex).includes("-")) {
      problems.push({
        path: ["senders", index, "dkimTargets"],
        message: `is missing: ${fqdnOf(sender.host, apex)} contains a hyphen, so its Microsoft 365 DKIM targets cannot be derived; copy both CNAME targets from Defender (Email authentication > DKIM): an object {selector1, selector2} is expected, e.g. dkimTargets: ${exampleText(PRESET_EXAMPLES.dkimTargets)}`,
      });
    }
  });
  return problems;
}

/** Reports what `presetRequirementProblems` finds (paths relative to the email section). */
export function checkEmailPresetRequirements(email: unknown, apex: string, report: ReportIssue): void {
  for (const problem of presetRequirementProblems(email, apex)) report(problem.path, problem.message);
}
