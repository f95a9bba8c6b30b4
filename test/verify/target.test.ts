/** targetFromPlan, the verify config section, and the pinned list of check ids. */
import { verifySchema } from "../../components/schema/verify";
import { CHECK_IDS } from "../../verify/catalog";
import { targetFromPlan } from "../../verify/target";
import { examplePlan, APEX, WWW, APP } from "../fixtures/verify/example";
import type { Plan, PlanConfig } from "../../plan/types";
import { renderedStack } from "../support/render";

test("a plan becomes a target: records, hosts with their redirect goal, HSTS, email, routes", () => {
  const t = targetFromPlan(examplePlan());
  expect(t.apex).toBe(APEX);
  expect(t.canonicalHost).toBe(APEX);
  expect(t.isProduction).toBe(true);
  expect(t.hosts).toEqual([
    { fqdn: APEX, proxied: true, sensitive: false, redirectsTo: APEX },
    { fqdn: WWW, proxied: true, sensitive: false, redirectsTo: APEX },
    { fqdn: APP, proxied: false, sensitive: false, redirectsTo: APP },
  ]);
  expect(t.hsts).toEqual({ maxAge: 31536000, includeSubDomains: true, preload: false });
  expect(t.email).toEqual({
    spfNames: [APEX],
    spfDeclared: [APEX],
    dmarcPolicy: "reject",
    dkim: [{ name: `s1._domainkey.${APEX}`, revoked: false }, { name: `ses._domainkey.${APEX}`, revoked: false }],
    mxNames: [APEX],
    noMail: false,
    mtaSts: [],
  });
  expect(t.unknownRecords).toEqual([`ses._domainkey.${APEX} CNAME`]);
  expect(t.records.find((r) => r.type === "MX")).toEqual({ name: APEX, type: "MX", content: `mx.${APEX}`, proxied: false, priority: 10 });
  expect(t.performance).toMatchObject({ samples: 4, p95BudgetMs: 300, routes: ["/", "/login", "/signup", "/password/reset"] });
});

test("plan --json placeholders count as unknown; CAA data objects become content", () => {
  const plan = examplePlan();
  plan.resources[0]!.inputs.content = "[unknown]";
  plan.resources.push({ ...plan.resources[0]!, inputs: { name: APEX, type: "CAA", data: { flags: 0, tag: "issue", value: "pki.goog" }, proxied: false } });
  const t = targetFromPlan(plan);
  expect(t.unknownRecords).toContain(`${APEX} A`);
  expect(t.records.find((r) => r.type === "CAA" && r.content?.includes("pki.goog"))!.content).toBe('0 issue "pki.goog"');
});

test("without config hosts, hosts come from address records; www config and the Zone name the apex", () => {
  const plan: Plan = { ...examplePlan(), config: { canonicalHost: "www" } };
  plan.resources.push({ ...plan.resources[0]!, type: "cloudflare:index/zone:Zone", inputs: { name: APEX } });
  const t = targetFromPlan(plan);
  expect(t.canonicalHost).toBe(WWW);
  expect(t.hosts.map((h) => `${h.fqdn}->${h.redirectsTo}`)).toEqual([`${APP}->${APP}`, `${APEX}->${WWW}`, `${WWW}->${WWW}`]);
  expect(t.isProduction).toBe(true); // stack "prod"
});

test("a plan that names no apex is refused with the reason", () => {
  expect(() => targetFromPlan({ ...examplePlan(), config: {}, resources: [] })).toThrow(/names no apex domain/);
});

test("the verify section: defaults, strict keys, path and number errors", () => {
  expect(verifySchema.parse(undefined)).toMatchObject({
    samplePath: "/launch-check?probe=1",
    routes: { homepage: "/", login: "/login", signup: "/signup", passwordReset: "/password/reset", protectedPage: "/members", api: [] },
    performance: { samples: 20, p95BudgetMs: 300, maxErrorRate: 0.01, maxBytes: 2_000_000 },
  });
  const r = verifySchema.safeParse({ routes: { login: "login" }, performance: { samples: 0 }, typo: true });
  expect(r.success).toBe(false);
  expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual([
    ": Unrecognized key: \"typo\"",
    "performance.samples: at least 1 sample is expected",
    "routes.login: a path starting with \"/\" (optionally with \"?query\") is expected",
  ]);
});

test("the check ids are pinned: renaming one is a deliberate change", () => {
  expect(CHECK_IDS).toEqual([
    "dns.resolve", "dns.record", "dns.edge", "dns.conflict", "dns.private", "dns.caa",
    "redirect.chain", "redirect.declared", "redirect.permanent",
    "tls.chain", "tls.name", "tls.expiry", "tls.version", "tls.key", "tls.signature",
    "headers.hsts", "headers.declared", "headers.csp", "headers.frame", "headers.nosniff", "headers.referrer", "headers.cookies", "headers.noindex", "headers.cors",
    "email.spf", "email.spf.lookups", "email.spf.ranges", "email.dmarc", "email.dkim", "email.mx", "email.starttls", "email.mtasts", "email.nomail",
    "message.dmarc", "message.dkim", "message.spf", "message.arc", "message.provider", "message.receiver",
    "smoke.homepage", "smoke.login", "smoke.signup", "smoke.passwordReset", "smoke.protected", "smoke.api",
    "client.secrets",
    "app.commit",
    "perf.p95", "perf.errors", "perf.size",
    "run.bound",
  ]);
});

describe("a plan with mail, edge rules and values known only after deploy", () => {
  // Separate names: the example fixture above and the stack fixture share the apex.
  const { stackPlan, DECLARED_HEADERS, APEX: A, MX: MXH } = require("./support/stack") as typeof import("./support/stack");
  const { buildEmailPlan } = require("../../components/email/records") as typeof import("../../components/email/records");
  const { emailSchema } = require("../../components/schema/email") as typeof import("../../components/schema/email");

  test("SES DKIM CNAMEs with unknown names become a note, never a crash or a silent gap", () => {
    const t = targetFromPlan(stackPlan());
    expect(t.uncheckable).toEqual([
      `<token>._domainkey.mail.${A} CNAME x3 (SES DKIM of mail.${A}): cannot check: known after deploy (the names carry SES's tokens); once deployed, list them in verify.dkimSelectors as "<token>._domainkey.mail" to check them`,
    ]);
    expect(t.records.some((r) => r.name.includes("04da6b54"))).toBe(false);
  });

  test("unknown names beyond SES are counted by type", () => {
    const plan = stackPlan();
    plan.resources.push({ ...plan.resources[0]!, inputs: { name: "[unknown]", type: "TXT", content: "x" } });
    expect(targetFromPlan(plan).uncheckable).toContain("1 TXT record(s) whose names are known only after deploy: cannot check: known after deploy");
  });

  test("mail expectations: SPF and MX names beyond the apex, DKIM by full name, MTA-STS with its declared policy", () => {
    const t = targetFromPlan(stackPlan({ verify: { dkimSelectors: ["google", "tok1._domainkey.mail"] } }));
    // mail.<A> is the SES From domain (MAIL FROM bounce.mail): the stack publishes "v=spf1 -all" there.
    expect(t.email.spfNames).toEqual([`bounce.mail.${A}`, A, `mail.${A}`]);
    expect(t.email.mxNames).toEqual([`bounce.mail.${A}`, A]);
    expect(t.email.dkim.map((d) => d.name)).toEqual([`google._domainkey.${A}`, `s1._domainkey.${A}`, `tok1._domainkey.mail.${A}`]);
    expect(t.email.mtaSts).toEqual([{ domain: A, policyHost: `mta-sts.${A}`, policy: { mode: "enforce", mx: [MXH], maxAge: 604800 } }]);
  });

  test("declared response headers come from running the edge's transform rules per host; session cookies from the cache config", () => {
    const t = targetFromPlan(stackPlan());
    const lower = Object.fromEntries(Object.entries(DECLARED_HEADERS).map(([k, v]) => [k.toLowerCase(), v]));
    expect(t.hosts.map((h) => [h.fqdn, h.declaredHeaders])).toEqual([[A, lower], [`www.${A}`, lower], [`app.${A}`, undefined]]);
    expect(t.sessionCookies).toEqual(["mbr"]);
    expect(t.smoke.content).toEqual({ "/login": "Sign in" });
  });

  test("a no-mail domain: the wildcard DKIM record is expected revoked", () => {
    const plan = stackPlan();
    const none = buildEmailPlan(emailSchema.parse({ mode: "none", dmarc: { p: "reject" } }), { apex: A, environment: "prod" });
    plan.config.email = { mode: "none" } as PlanConfig["email"];
    plan.resources = plan.resources.filter((r) => !["TXT", "MX"].includes(String(r.inputs.type)) || String(r.inputs.name).startsWith("_dmarc"));
    for (const r of none.records.filter((x) => x.type !== "TXT" || !x.name.startsWith("_dmarc"))) plan.resources.push({ ...plan.resources[0]!, inputs: { name: r.name, type: r.type, content: r.content, proxied: false, ...(r.priority !== undefined ? { priority: r.priority } : {}) } });
    const t = targetFromPlan(plan);
    expect(t.email.noMail).toBe(true);
    expect(t.email.dkim).toContainEqual({ name: `*._domainkey.${A}`, revoked: true });
  });

  test("an email section the builder cannot read is a note, and the records still count", () => {
    const plan = stackPlan();
    // Not a valid section on purpose (an in-memory plan is not validated; a file is).
    plan.config.email = { mode: "sometimes" } as unknown as PlanConfig["email"];
    const t = targetFromPlan(plan);
    expect(t.uncheckable[0]).toMatch(/^the plan's email section does not parse \(.*mode.*\): the MTA-STS policy and SES DKIM are judged from the DNS records alone$/);
    expect(t.email.mtaSts).toEqual([{ domain: A, policyHost: `mta-sts.${A}` }]);
  });
});

test("the verify section: expected page text must be non-empty and keyed by path", () => {
  const r = verifySchema.safeParse({ routes: { content: { login: "Sign in", "/signup": "" } } });
  expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual([
    "routes.content.login: key \"login\": a path starting with \"/\" (optionally with \"?query\") is expected",
    "routes.content./signup: the expected text must not be empty",
  ].sort());
});

test("a non-production plan lets a short HSTS max-age, as declared, warn instead of fail; production does not", () => {
  const staging = examplePlan();
  staging.config = { ...staging.config, environment: "staging", isProduction: false };
  expect(targetFromPlan(staging).hsts).toEqual({ maxAge: 31536000, includeSubDomains: true, preload: false, shortDeclaredAllowed: true });
  expect(targetFromPlan(examplePlan()).hsts).not.toHaveProperty("shortDeclaredAllowed");
});

test("a report-only CSP warns only where a non-production stack declares it for the canonical host", async () => {
  const staging = (await renderedStack("staging")).plan;
  expect(targetFromPlan(staging).cspReportOnlyAllowed).toBe(true);
  expect(targetFromPlan({ ...staging, config: { ...staging.config, isProduction: true } }).cspReportOnlyAllowed).toBeUndefined();
});
