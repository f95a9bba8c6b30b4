/** targetFromPlan, the verify config section, and the pinned list of check ids. */
import { verifySchema } from "../../components/schema/verify";
import { CHECK_IDS } from "../../verify/catalog";
import { targetFromPlan } from "../../verify/target";
import { examplePlan, APEX, WWW, APP } from "../fixtures/verify/example";
import type { Plan } from "../../plan/types";

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
    "redirect.chain", "redirect.permanent",
    "tls.chain", "tls.name", "tls.expiry", "tls.version", "tls.key", "tls.signature",
    "headers.hsts", "headers.declared", "headers.csp", "headers.frame", "headers.nosniff", "headers.referrer", "headers.cookies", "headers.cors",
    "email.spf", "email.spf.lookups", "email.dmarc", "email.dkim", "email.mx", "email.starttls", "email.mtasts", "email.nomail",
    "smoke.homepage", "smoke.login", "smoke.signup", "smoke.passwordReset", "smoke.protected", "smoke.api",
    "perf.p95", "perf.errors", "perf.size",
    "run.bound",
  ]);
});
