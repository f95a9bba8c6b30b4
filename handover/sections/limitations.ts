/** Known limitations: what this document and the stack cannot tell or do, from the plan itself. */
import { dnsRecords, ofType, PHASES, rulesOfPhase, TYPES } from "../../plan/read/resources";
import { asArray, asRecord, knownString } from "../../plan/read/values";
import type { PolicyViolation } from "../../plan/types";
import { budgetOf } from "../../plan/read/budget";
import { code, join, section, text } from "../markdown";
import type { HandoverContext } from "./context";
import { RATE_LIMIT_WARNING_PREFIX } from "./edge";

/** `zone`: what the zone file could not write as records (known after deploy; CNAMEs it keeps as comments). */
export function limitationsSection(ctx: HandoverContext, zone: { pending: string[]; flattened: string[] }): string[] {
  const pendingRecords = zone.pending;
  const plan = ctx.plan;
  const items: string[] = [];
  const cfPlan = knownString(asRecord(plan.config)?.cloudflarePlan);
  const budget = [...budgetOf(plan)].map(([phase, u]) => text(`${phase} ${u.used}${u.limit !== undefined ? `/${u.limit}` : ""}`));
  if (cfPlan) items.push(`Cloudflare plan ${code(cfPlan)}: rule budgets, rate-limit fields and health checks follow it; a rule over budget fails at deploy.${budget.length ? ` Rules used per phase: ${budget.join(", ")}.` : ""}`);
  if (cfPlan === "free" && rulesOfPhase(plan, PHASES.rateLimit).length > 0) items.push("On the Free plan a rate limit rule can only match on the path, with a 10 s period and a 10 s block.");
  if (pendingRecords.length) items.push(`${pendingRecords.length} DNS record(s) are only known after deploy and are listed as comments in the zone file: ${join(pendingRecords, ", ")}.`);
  const proxied = dnsRecords(plan).filter((r) => r.proxied).length;
  if (proxied) items.push(`${proxied} proxied record(s): public resolvers see Cloudflare's addresses, not the zone file's contents.`);
  if (zone.flattened.includes(ctx.apex)) items.push("The apex is a CNAME, which Cloudflare serves by CNAME flattening (A/AAAA answers with the target's addresses). No DNS server can hold a CNAME beside the apex's SOA/NS, so the zone file keeps it as a comment: a server loading that file answers no A/AAAA at the apex until you add them.");
  const besideOthers = zone.flattened.filter((name) => name !== ctx.apex);
  if (besideOthers.length) items.push(`${besideOthers.length} CNAME(s) share their name with other records (${besideOthers.map(code).join(", ")}), which only Cloudflare's CNAME flattening allows: the zone file keeps them as comments.`);
  if (ofType(plan, TYPES.healthCheck, TYPES.cloudflareHealthcheck).length === 0) items.push("No uptime check is declared: outages are noticed by members first.");
  for (const d of asArray(plan.diagnostics)) {
    const diag = asRecord(d);
    // Rate-limit warnings are said under "Rate limits", beside the rules they are about.
    if (diag && typeof diag.message === "string" && diag.message.startsWith(RATE_LIMIT_WARNING_PREFIX)) continue;
    if (diag && (diag.severity === "warning" || diag.severity === "error")) items.push(`Plan ${diag.severity}: ${text(diag.message)}`);
  }
  for (const v of asArray(plan.violations) as PolicyViolation[]) {
    if (v && typeof v.policyName === "string") items.push(`Policy ${code(v.policyName)} (${text(v.enforcementLevel ?? "?")}): ${text(v.message)}`);
  }
  items.push("This document describes the code at the commit it was generated from; changes made in the Cloudflare or AWS consoles are not in it (run `npm run verify` to compare with the live internet).");
  items.push("ARNs and ids are known only after deploy; `pulumi stack output` shows those the program exports.");
  return section("Known limitations", items.map((i) => `- ${i}`), "");
}
