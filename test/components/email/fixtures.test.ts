/** Both example stacks' `email` sections (test/fixtures/email) through schema, check and builder. */
import type { EmailConfig } from "../../../components/schema/email";
import { validateEmail } from "../../../components/email/validate";
import type { SectionContext } from "../../../components/schema/context";
import { buildEmailPlan } from "../../../components/email/records";
import { loadFixture, zone } from "./helpers";

const TODAY = "2026-11-28";

function check(config: EmailConfig, context: SectionContext) {
  const issues: string[] = [];
  const warnings: string[] = [];
  const found = validateEmail(config, context, TODAY);
  for (const p of found.errors) issues.push(`${p.path.join(".")}: ${p.message}`);
  for (const p of found.warnings) warnings.push(`${p.path.join(".")}: ${p.message}`);
  return { issues, warnings };
}

describe("prod example (example.com)", () => {
  const config = loadFixture("prod");
  const context: SectionContext = { environment: "prod", isProduction: true, apex: "example.com", plan: "pro", hosts: [] };

  test("passes the checks without warnings (the stack serves the MTA-STS policy itself)", () => {
    expect(check(config, context)).toEqual({ issues: [], warnings: [] });
  });

  test("without mtaSts.serve, the one warning is the MTA-STS policy to serve elsewhere", () => {
    const { issues, warnings } = check({ ...config, mtaSts: { ...config.mtaSts!, serve: undefined } }, context);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^mtaSts: serve the policy \(id [0-9a-f]{20}\) at https:\/\/mta-sts\.example\.com\/\.well-known\/mta-sts\.txt, or let the stack serve it/)]);
  });

  test("renders these records", () => {
    const plan = buildEmailPlan(config, { apex: "example.com", environment: "prod" });
    const lines = zone(plan).map((l) => l.replace(/p=[A-Za-z0-9+/=]{300,}/, "p=<key>"));
    expect(lines).toEqual([
      "example.com MX 1 smtp.google.com",
      "google._domainkey.example.com TXT v=DKIM1; k=rsa; p=<key>",
      "20240101123456pm._domainkey.example.com TXT k=rsa; p=<key>",
      "pm-bounces.example.com CNAME pm.mtasv.net",
      "example.com TXT v=spf1 include:_spf.google.com -all",
      "_dmarc.example.com TXT v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com",
      "staging-example.com._report._dmarc.example.com TXT v=DMARC1",
      `_mta-sts.example.com TXT v=STSv1; id=${plan.mtaSts!.id}`,
      "_smtp._tls.example.com TXT v=TLSRPTv1; rua=mailto:tls-reports@example.com",
    ]);
    expect(plan.sesIdentities).toEqual([]);
  });
});

describe("staging example (staging-example.com)", () => {
  const config = loadFixture("staging");
  const context: SectionContext = { environment: "staging", isProduction: false, apex: "staging-example.com", plan: "free", hosts: [] };

  test("p=none is allowed in staging; the report authorization is pointed out", () => {
    const { issues, warnings } = check(config, context);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining("staging-example.com._report._dmarc.example.com")]);
  });

  test("the same section is rejected as production", () => {
    const { issues } = check(config, { ...context, environment: "prod", isProduction: true });
    expect(issues).toEqual([expect.stringContaining("dmarc.p: p=none does not protect the prod domain")]);
  });

  test("renders the SES MAIL FROM records and one SES identity", () => {
    const plan = buildEmailPlan(config, { apex: "staging-example.com", environment: "staging" });
    expect(zone(plan)).toEqual([
      "bounce.mail.staging-example.com MX 10 feedback-smtp.eu-west-1.amazonses.com",
      "bounce.mail.staging-example.com TXT v=spf1 include:amazonses.com -all",
      // The apex and the From domain send nothing with their own envelope (MAIL FROM is bounce.mail).
      "staging-example.com TXT v=spf1 -all",
      "mail.staging-example.com TXT v=spf1 -all",
      "_dmarc.staging-example.com TXT v=DMARC1; p=none; rua=mailto:dmarc@example.com",
    ]);
    expect(plan.sesIdentities).toEqual([{ domain: "mail.staging-example.com", region: "eu-west-1", mailFromDomain: "bounce.mail.staging-example.com", key: "ses-mail" }]);
  });
});
