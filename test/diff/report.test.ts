/** The whole report: order of sections, counts, property changes with masking, violations, budget, diagrams. */
import { basePlan, expectNoLeak, headFrom, plantedSecret, plantSecrets, res, rule, run } from "./helpers";
import { diffPlans, PlanInputError } from "../../diff";
import { SECRET_PLACEHOLDER } from "../../plan/types";

describe("diff report", () => {
  test("identical plans: no risk, nothing changed, every section still present in order", () => {
    const base = basePlan();
    const r = run(base, headFrom(base, () => {}));
    expect(r.report.risks).toEqual([]);
    expect(r.report.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: base.resources.length });
    const headings = [...r.markdown.matchAll(/^#### (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(["⚠️ Risky changes (0)", "Resources", "New policy violations (0)", "Rule budget", "Hosts → edge → origins (head)", "Mail records (head)"]);
  });

  test("a property that is undefined is as absent as in the plan's JSON: a plan built in memory equals its file", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      res(h, "app-origin").options.provider = undefined;
      res(h, "setting-ssl").inputs.comment = undefined;
    });
    expect(res(head, "app-origin").options).toHaveProperty("provider", undefined);
    expect(run(base, head).report.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: base.resources.length });
    // A value that goes away is still a change.
    const gone = headFrom(base, (h) => (res(h, "app-origin").inputs.content = undefined));
    expect(run(base, gone).report.changes.find((c) => c.name === "app-origin")?.properties).toEqual([{ path: "inputs.content", before: expect.any(String) }]);
  });

  test("risky changes come first, then counts and a per-resource list of before -> after", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      res(h, "setting-ssl").inputs.value = "full";
      res(h, "app-origin").inputs.content = "example-web-v2.vercel.app";
      h.resources.push({ ...res(h, "help-origin"), name: "status-origin", urn: res(h, "help-origin").urn.replace("help-origin", "status-origin"), inputs: { ...res(h, "help-origin").inputs, name: "status.example.com", content: "statuspage.example.net" } });
    });
    const r = run(base, head);
    expect(r.markdown.indexOf("Risky changes")).toBeLessThan(r.markdown.indexOf("#### Resources"));
    expect(r.report.counts).toEqual(expect.objectContaining({ added: 1, changed: 2, removed: 0 }));
    expect(r.markdown).toContain("| 1 | 2 | 0 |");
    expect(r.markdown).toContain("- `~` `cloudflare:index/zoneSetting:ZoneSetting` **`setting-ssl`**\n  - `inputs.value`: `strict` → `full`");
    expect(r.markdown).toContain("- `+` `cloudflare:index/dnsRecord:DnsRecord` **`status-origin`**");
  });

  test("secrets stay masked: [secret] placeholders, wire-form secrets, and plain values under secret-looking names", () => {
    const base = basePlan();
    const head = headFrom(base, () => {});
    const planted = plantSecrets(base, head);
    // A plain token under a secret-looking name in a rule header, as an old version might have written it.
    const token = plantedSecret();
    rule(head, "edge-response-headers", "security-headers").actionParameters.headers["X-Origin-Auth-Token"] = { operation: "set", value: token };
    const r = run(base, head);
    expectNoLeak(r, [...planted, token]);
    const changes = Object.fromEntries(r.report.changes.flatMap((c) => c.properties.map((p) => [`${c.name} ${p.path}`, p])));
    expect(changes["secrets-secret-stripe-webhook-secret-value inputs.secretString"]).toEqual({ path: "inputs.secretString", before: SECRET_PLACEHOLDER, after: SECRET_PLACEHOLDER });
    expect(changes["secrets-secret-postmark-server-token-value inputs.secretString"]).toEqual({ path: "inputs.secretString", before: SECRET_PLACEHOLDER, after: SECRET_PLACEHOLDER });
    expect(changes["monitoring-alerts-chat inputs.endpoint"]?.after).toBe(SECRET_PLACEHOLDER);
    expect(changes["edge-response-headers inputs.rules[security-headers].actionParameters.headers.X-Origin-Auth-Token.value"]?.after).toBe(SECRET_PLACEHOLDER);
  });

  test("policy violations new in HEAD are listed; unchanged ones are not; resolved ones are named", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      h.violations = [
        { policyName: "hsts-max-age-at-least-a-year", enforcementLevel: "mandatory", severity: "high", message: "HSTS max-age must be at least 31536000 seconds (it is 86400).", urn: res(h, "setting-security_header").urn },
      ];
    });
    const r = run(base, head);
    expect(r.report.violations.added.map((v) => v.policyName)).toEqual(["hsts-max-age-at-least-a-year"]);
    expect(r.report.violations.resolved.map((v) => v.policyName)).toEqual(["mta-sts-enforced-in-production"]);
    expect(r.markdown).toContain("#### New policy violations (1)");
    expect(r.markdown).toContain("| mandatory | high | `hsts-max-age-at-least-a-year` | `setting-security_header` | HSTS max-age must be at least 31536000 seconds (it is 86400). |");
    expect(r.markdown).toContain("Resolved by this change: `mta-sts-enforced-in-production`.");
    expect(run(base, headFrom(base, () => {})).report.violations.added).toEqual([]);
  });

  test("rule budget per phase, from the ruleBudget section, or counted from Rulesets when it is absent", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      rule(h, "edge-redirects", "legacy-signup").ref = "legacy-join";
      (res(h, "edge-rate-limits").inputs.rules as unknown[]).push({ ref: "signup-rate-limit", expression: '(http.request.uri.path eq "/signup")', action: "block" });
      h.ruleBudget = (h.ruleBudget as Array<{ phase: string; used: number; limit: number }>).map((row) => (row.phase === "http_ratelimit" ? { ...row, used: 2 } : row));
    });
    const r = run(base, head);
    expect(r.report.ruleBudget).toContainEqual({ phase: "http_ratelimit", baseUsed: 1, headUsed: 2, limit: 1 });
    expect(r.markdown).toContain("| `http_ratelimit` | 1 | 2 | 1 ❌ over |");
    const noSection = headFrom(base, (h) => delete h.ruleBudget);
    expect(run(noSection, noSection).report.ruleBudget).toContainEqual({ phase: "http_request_dynamic_redirect", baseUsed: 2, headUsed: 2 });
  });

  test("diagrams: hosts through the edge (proxied, Access, redirects) to origins, and mail records", () => {
    const r = run(basePlan(), basePlan());
    const edge = r.report.diagrams.edge;
    expect(edge).toContain('e_admin_example_com{{"proxied · Access: launch-ready prod: admin"}}');
    expect(edge).toContain("h_app_example_com --> e_app_example_com");
    expect(edge).toContain("e_app_example_com --> o_example_web_vercel_app");
    expect(edge).toContain('h_help_example_com -->|"DNS only"| o_custom_intercom_help');
    expect(edge).toContain('e_www_example_com -.->|"301 www-to-apex"| h_example_com');
    expect(edge).not.toContain("o_100__"); // the redirect-only placeholder address is no origin
    const mail = r.report.diagrams.mail;
    for (const text of ["MX 1 smtp.google.com", "SPF include:_spf.google.com -all", "DKIM google (TXT)", "DMARC p=quarantine; rua=mailto:dmarc@example.com"]) expect(mail).toContain(text);
    expect(r.markdown).toContain("```mermaid\nflowchart LR");
  });

  test("a plan without any edge, mail or policy section still diffs (defensive reading)", () => {
    const bare = headFrom(basePlan(), (p) => {
      p.resources = p.resources.filter((x) => x.type === "cloudflare:index/zoneSetting:ZoneSetting" || x.name === "app-origin");
      delete p.violations;
      delete p.ruleBudget;
    });
    const r = run(bare, headFrom(bare, (h) => (res(h, "app-origin").inputs.proxied = false)));
    expect(r.report.risks.map((x) => x.kind)).toEqual(["host-unproxied"]);
    expect(r.report.diagrams.mail).toContain("no mail records declared");
  });

  test("plans of different stacks are refused", () => {
    expect(() => diffPlans(basePlan("prod"), basePlan("staging"))).toThrow(new PlanInputError('cannot compare different stacks: base is "prod", head is "staging"; plan both commits with the same --stack'));
  });
});

describe("mail diagram", () => {
  /** The staging fixture as the plan now records it: each SES DKIM CNAME's name depends on the identity. */
  const stagingWithDependencies = () =>
    headFrom(basePlan("staging"), (p) => {
      const identity = res(p, "email-ses-mail");
      for (const i of [0, 1, 2]) res(p, `email-dkim-ses-mail-${i}`).propertyDependencies = { name: [identity.urn], content: [identity.urn] };
    });
  const mailLines = (plan: ReturnType<typeof basePlan>) => run(plan, plan).report.diagrams.mail.split("\n").slice(1).map((l) => l.trim());

  test("each domain's records in reading order: MX, SPF, DKIM, DMARC, reporting, then sender CNAMEs", () => {
    expect(mailLines(basePlan("prod")).filter((l) => l.includes("-->"))).toEqual([
      'd_example_com --> m0["MX 1 smtp.google.com"]',
      'd_example_com --> m1["SPF include:_spf.google.com -all"]',
      'd_example_com --> m2["DKIM google (TXT)"]',
      'd_example_com --> m3["DKIM 20240101123456pm (TXT)"]',
      'd_example_com --> m4["DMARC p=quarantine; rua=mailto:dmarc@example.com"]',
      'd_example_com --> m5["accepts DMARC reports for staging-example.com"]',
      'd_example_com --> m6["MTA-STS id=eee5f70e9930fff7c001"]',
      'd_example_com --> m7["TLS-RPT rua=mailto:tls-reports@example.com"]',
      // `>` is written as Mermaid's entity code (encode/markdown.ts mermaidLabel).
      'd_example_com --> m8["CNAME pm-bounces -#62; pm.mtasv.net"]',
    ]);
  });

  test("SES DKIM CNAMEs, named only after deploy, sit under their identity's domain", () => {
    const lines = mailLines(stagingWithDependencies());
    expect(lines).toEqual([
      'd_bounce_mail_example_staging_com["bounce.mail.example-staging.com"]',
      'd_bounce_mail_example_staging_com --> m0["MX 10 feedback-smtp.eu-west-1.amazonses.com"]',
      'd_bounce_mail_example_staging_com --> m1["SPF include:amazonses.com -all"]',
      'd_example_staging_com["example-staging.com"]',
      'd_example_staging_com --> m2["DMARC p=none; rua=mailto:dmarc@example.com"]',
      'd_mail_example_staging_com["mail.example-staging.com"]',
      'd_mail_example_staging_com --> m3["DKIM SES token (name after deploy) (CNAME)"]',
      'd_mail_example_staging_com --> m4["DKIM SES token (name after deploy) (CNAME)"]',
      'd_mail_example_staging_com --> m5["DKIM SES token (name after deploy) (CNAME)"]',
    ]);
  });

  test("a plan recorded without dependencies still shows the DKIM records, under an unknown domain", () => {
    const lines = mailLines(basePlan("staging"));
    expect(lines.filter((l) => l.startsWith("d__known_after_deploy_ -->"))).toHaveLength(3);
    expect(lines).not.toContain('d_mail_example_staging_com["mail.example-staging.com"]');
  });
});
