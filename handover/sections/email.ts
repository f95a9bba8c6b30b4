/** Email authentication records: MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, and SES identities. */
import { mailRecords, type MailPurpose } from "../../plan/read/mail";
import { ofType, TYPES } from "../../plan/read/resources";
import { knownString } from "../../plan/read/values";
import { txtText } from "../../kernel/txt";
import { displayValue } from "../../plan/read/mask";
import { code, md, section, table } from "../markdown";
import type { HandoverContext } from "./context";

const PURPOSE: Record<MailPurpose, string> = {
  mx: "inbound mail (MX)",
  spf: "SPF: who may send",
  dkim: "DKIM signing key",
  dmarc: "DMARC policy",
  "dmarc-report-auth": "accepts DMARC reports for another domain",
  "mta-sts": "MTA-STS policy id",
  "tls-rpt": "TLS-RPT reports",
  "mail-cname": "sender's Return-Path / tracking",
};

const ORDER: MailPurpose[] = ["mx", "spf", "dkim", "dmarc", "dmarc-report-auth", "mta-sts", "tls-rpt", "mail-cname"];
const shorten = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function emailSection(ctx: HandoverContext): string[] {
  const records = mailRecords(ctx.plan).sort((a, b) => ORDER.indexOf(a.purpose) - ORDER.indexOf(b.purpose));
  const rows = records.map((r) => [
    PURPOSE[r.purpose],
    r.name ?? (r.identityDomain ? md`known after deploy (${code(`<token>._domainkey.${r.identityDomain}`)})` : "known after deploy"),
    r.type,
    r.content === undefined ? "known after deploy" : code(shorten(displayValue(r.type === "TXT" ? txtText(r.content) : `${r.priority !== undefined ? `${r.priority} ` : ""}${r.content}`, ["content"]))),
  ]);
  // The MTA-STS policy host the stack serves (email.mtaSts.serve): a Worker on a Workers custom domain.
  const stsHosts = ctx.plan.resources.filter((r) => r.type === TYPES.workersCustomDomain).map((r) => knownString(r.inputs.hostname)).filter((h): h is string => h !== undefined && h.startsWith("mta-sts."));
  const ses = ofType(ctx.plan, TYPES.sesIdentity).map((r) => [knownString(r.inputs.emailIdentity) ?? "known after deploy", knownString(r.inputs.region) ?? "–"]);
  const body = rows.length
    ? [
        ...table(["Purpose", "Name", "Type", "Value"], rows),
        ...(ses.length ? ["", "Amazon SES identities (their three DKIM CNAMEs get their names from SES after deploy: `pulumi stack output` or the SES console):", "", ...table(["Identity", "Region"], ses)] : []),
        ...stsHosts.map((h) => `\nThe MTA-STS policy is served by the stack: a Cloudflare Worker (Free plan) on the custom domain ${code(h)} answers ${code(`https://${h}/.well-known/mta-sts.txt`)} with the policy as text/plain. A policy change (mode, MX, max_age) redeploys the Worker and changes the \`_mta-sts\` id in the same \`pulumi up\`.`),
        "",
        "Check them live with `npm run verify -- --stack " + ctx.plan.stack + "` after a deploy.",
      ]
    : [];
  return section("Email authentication", body, "The plan declares no mail record: the domain neither receives nor sends mail through this stack.");
}
