/**
 * The `email` section's validation (called by config.ts): SPF lookup budget and record size per
 * name, DKIM key strength, DMARC report URIs and the production policy, MTA-STS covering the MX. It builds the records once and reports what the build found (SPF lookups and
 * size, DKIM keys, name conflicts), then adds the rules that need the environment or the date:
 * p=none only outside production or as a dated rollout step that has not ended.
 */
import type { EmailConfig } from "../schema/email";
import type { ReportIssue, SectionContext, SectionProblem, SectionProblems } from "../schema/context";
import { DMARC_ROLLOUT_MAX_DAYS, MTA_STS_MIN_MAX_AGE } from "../constants/email";
import { buildEmailPlan } from "./records";
import { externalReportDomains, reportAuthorizationName } from "./dmarc";

import { rolloutState } from "./rollout";

const STRENGTH = { none: 0, quarantine: 1, reject: 2 } as const;

export { daysBetween } from "./rollout";

/**
 * Every problem of the section. `today` (YYYY-MM-DD) is a parameter so the dated rollout rule is
 * testable; it defaults to the UTC date.
 */
export function validateEmail(section: EmailConfig, context: SectionContext, today: string = new Date().toISOString().slice(0, 10)): SectionProblems {
  const errors: SectionProblem[] = [];
  const warnings: SectionProblem[] = [];
  const report: ReportIssue = (path, message) => errors.push({ path, message });
  const warn: ReportIssue = (path, message) => warnings.push({ path, message });
  const plan = buildEmailPlan(section, { apex: context.apex, environment: context.environment, webHosts: context.hosts.map((h) => h.fqdn) });
  for (const p of plan.problems) (p.level === "error" ? report : warn)(p.path, p.message);

  // A web host that is a CNAME cannot carry mail records (RFC 1034 §3.6.2); the host list does not
  // say which hosts are CNAMEs, so name the overlap and let the DNS check decide.
  const webHosts = new Map(context.hosts.filter((h) => h.fqdn !== context.apex).map((h) => [h.fqdn, h]));
  for (const name of new Set(plan.records.map((r) => r.name))) {
    if (webHosts.has(name)) {
      warn([], `${name} is both a web host and a mail name; if its web record is a CNAME (or proxied to one), mail records cannot sit beside it: send from another subdomain`);
    }
  }

  const dmarc = section.dmarc;
  if (dmarc && section.mode === "send") {
    if (dmarc.rollout) {
      const { policy, until } = dmarc.rollout;
      const step = rolloutState(until, today);
      if (step.state === "not-a-date") {
        report(["dmarc", "rollout", "until"], `"${until}" is not a calendar date; expected YYYY-MM-DD`);
      } else if (step.state === "ended") {
        report(
          ["dmarc", "rollout", "until"],
          `the rollout step p=${policy} ended on ${until} (today is ${today}); remove dmarc.rollout to publish p=${dmarc.p}, or set the next step with a new date`,
        );
      } else if (step.state === "too-far") {
        report(
          ["dmarc", "rollout", "until"],
          `${until} is ${step.days} days away; a rollout step lasts at most ${DMARC_ROLLOUT_MAX_DAYS} days (Google suggests about a week at p=none), choose an earlier date`,
        );
      }
      if (STRENGTH[policy] >= STRENGTH[dmarc.p]) {
        report(["dmarc", "rollout", "policy"], `the rollout step p=${policy} must be weaker than the target p=${dmarc.p}; remove dmarc.rollout`);
      }
    } else if (dmarc.p === "none" && context.isProduction) {
      report(
        ["dmarc", "p"],
        `p=none does not protect the ${context.environment} domain from forgery; set p to "quarantine" or "reject", or make p=none an explicit step: rollout: { policy: none, until: "YYYY-MM-DD" } with p as the target`,
      );
    }
    // sp is the target for subdomains; a rollout step weakens p only, so sp must enforce in
    // production whatever the step (leave it out to inherit p).
    if (dmarc.sp === "none" && context.isProduction) {
      report(
        ["dmarc", "sp"],
        `sp=none leaves every subdomain of the ${context.environment} domain open to forgery; set sp to "quarantine" or "reject", or leave it out to use p=${dmarc.p}`,
      );
    }
    if (dmarc.rua.length === 0) {
      const message = `has no rua address, so nobody sees who sends as ${context.apex}; add one, e.g. "mailto:dmarc@${context.apex}"`;
      (context.isProduction ? report : warn)(["dmarc", "rua"], message);
    }
    for (const domain of externalReportDomains([...dmarc.rua, ...dmarc.ruf], context.apex)) {
      warn(
        ["dmarc", "rua"],
        `reports go to ${domain}, outside ${context.apex}: receivers only send them if ${reportAuthorizationName(context.apex, domain)} holds "v=DMARC1". If ${domain} is a zone this organisation manages, list "${context.apex}" in its stack's email.dmarc.acceptReportsFor; otherwise check the report service publishes it`,
      );
    }
  }

  if (section.mode === "none" && (dmarc?.rua.length ?? 0) === 0) {
    // Nothing breaks without reports here (p=reject does the work), but they show who tries to
    // send as the domain; so a warning, and the rua policy accepts a no-mail domain without them.
    warn(["dmarc", "rua"], `has no rua address, so nobody sees who tries to send as ${context.apex}; add one, e.g. dmarc: { p: reject, rua: ["mailto:dmarc@${context.apex}"] }`);
  }

  if (section.mtaSts) {
    const hostTaken = context.hosts.find((h) => h.fqdn === plan.mtaSts?.policyHost);
    if (hostTaken) report(["mtaSts"], `the policy host ${hostTaken.fqdn} is also declared in hosts; MTA-STS needs it to serve only /.well-known/mta-sts.txt`);
    if (section.mtaSts.mode === "enforce" && section.mtaSts.maxAge < MTA_STS_MIN_MAX_AGE) {
      warn(["mtaSts", "maxAge"], `${section.mtaSts.maxAge} s is shorter than a day; senders refetch the policy that often, and an attacker only needs one stripped fetch`);
    }
    if (plan.mtaSts && !section.mtaSts.serve) {
      warn(["mtaSts"], `serve the policy (id ${plan.mtaSts.id}) at https://${plan.mtaSts.policyHost}/.well-known/mta-sts.txt, or let the stack serve it (mtaSts.serve: {accountId}); senders ignore the _mta-sts record until that URL answers`);
    }
    if (!section.tlsRpt) warn(["tlsRpt"], "MTA-STS without TLS-RPT: nobody hears when senders fail to deliver over TLS; add tlsRpt.rua");
  }
  return { errors, warnings };
}
