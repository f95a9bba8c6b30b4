/** What must exist before the first deploy and the launch tasks after it (plan/prerequisites.ts). */
import { byPhase, prerequisites } from "../../plan/prerequisites";
import { code, inline, section } from "../markdown";
import type { HandoverContext } from "./context";

/** A detail line: a command is shown as code, anything else as text. */
function detail(line: string): string {
  const check = /^Check: (.*)$/.exec(line);
  if (check) return `Check: ${code(check[1]!)}`;
  return /^(pulumi|aws) /.test(line) ? code(line).source : inline(line);
}

const HANDOVER_HEADINGS = {
  before: "Before the first `pulumi up` (none of this is in the stack):",
  after: "After the first deploy (launch tasks: alerts do not reach anyone until these are done):",
} as const;

export function prerequisitesSection(ctx: HandoverContext): string[] {
  const items = prerequisites(ctx.plan);
  const body: string[] = [];
  for (const group of byPhase(items)) {
    body.push(HANDOVER_HEADINGS[group.phase], "");
    group.items.forEach((item, n) => {
      body.push(`${n + 1}. ${inline(item.title)}`);
      for (const d of item.details) body.push(`   - ${detail(d)}`);
    });
    body.push("");
  }
  return section("Before the first deploy", body, "The plan needs nothing outside the stack.");
}
