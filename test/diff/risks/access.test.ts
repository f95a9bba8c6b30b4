/**
 * A sensitive host losing its guard: the Access application or policy (the prod fixture), the WAF
 * IP allow-list rule (the staging stack as rendered now), or a policy that lets more people in.
 */
import type { Plan } from "../../../plan/types";
import { planJson } from "../../../plan/pipeline";
import { toPlan } from "../../../plan/model/load";
import { policyLoosenings, sensitiveHosts } from "../../../diff/risks/access";
import { renderedStack } from "../../support/render";
import { basePlan, expectNoLeak, headFrom, plantSecrets, remove, res, riskySection, risksOf, rule, rules, run } from "../helpers";

const APP = "edge-admin-access";
const POLICY = "edge-admin-access-policy";
const includes = (plan: Plan) => res(plan, POLICY).inputs.includes as unknown[];

describe("Access application and policy (prod fixture)", () => {
  test("removing the Access application of the admin host is a high risk", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      remove(h, APP);
      remove(h, POLICY);
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "protection-removed")).toEqual([{
      kind: "protection-removed",
      severity: "high",
      subject: "admin.example.com",
      urn: res(base, APP).urn,
      message: 'The Access application guarding admin.example.com ("launch-ready prod: admin") is removed: anyone can reach the host without signing in.',
    }]);
    expect(riskySection(r.markdown)).toContain("- **Protection removed** (high): The Access application guarding admin.example.com");
    expectNoLeak(r, secrets);
  });

  test("pointing the application at another host uncovers the admin host", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      res(h, APP).inputs.domain = "admin-new.example.com";
    });
    expect(risksOf(run(base, head), "protection-removed").map((x) => x.message)).toEqual([expect.stringContaining("The Access application guarding admin.example.com")]);
  });

  test("removing its allow policy is a high risk", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => remove(h, POLICY));
    expect(risksOf(run(base, head), "protection-removed")).toEqual([expect.objectContaining({
      severity: "high",
      message: 'The Access policy "launch-ready prod: admin staff" guarding admin.example.com is removed: who may reach the host is no longer decided by this stack.',
    })]);
  });

  test.each([
    ["an include for everyone", (h: Plan) => includes(h).push({ everyone: {} }), 'it now also lets in {"everyone":{}}'],
    ["another email domain", (h: Plan) => (includes(h)[0] = { emailDomain: { domain: "gmail.com" } }), 'it now also lets in {"emailDomain":{"domain":"gmail.com"}}'],
    ["allow turned into bypass", (h: Plan) => (res(h, POLICY).inputs.decision = "bypass"), "its decision is bypass instead of allow (no sign-in at all)"],
  ])("loosening the policy (%s) is a high risk", (_label, edit, clause) => {
    const base = basePlan();
    const head = headFrom(base, edit);
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "protection-removed")).toEqual([expect.objectContaining({
      severity: "high",
      subject: "admin.example.com",
      message: `The Access policy "launch-ready prod: admin staff" guarding admin.example.com is loosened: ${clause}.`,
    })]);
    expect(riskySection(r.markdown)).toContain(`(high): The Access policy "launch-ready prod: admin staff" guarding admin.example.com is loosened: ${clause}.`);
    expectNoLeak(r, secrets);
  });

  test("narrowing the policy is not risky", () => {
    const base = headFrom(basePlan(), (b) => includes(b).push({ email: { email: "contractor@vendor.example" } }));
    const head = headFrom(base, (h) => {
      includes(h).pop();
      res(h, POLICY).inputs.requires = [{ authMethod: { authMethod: "mfa" } }];
      res(h, POLICY).inputs.sessionDuration = "1h";
    });
    expect(risksOf(run(base, head), "protection-removed")).toEqual([]);
  });

  test("policyLoosenings names dropped requires and excludes", () => {
    const base = basePlan();
    const before = headFrom(base, (b) => {
      res(b, POLICY).inputs.requires = [{ authMethod: { authMethod: "mfa" } }];
      res(b, POLICY).inputs.excludes = [{ email: { email: "leaver@example.com" } }];
    });
    const after = headFrom(base, () => undefined);
    expect(policyLoosenings(res(before, POLICY), res(after, POLICY))).toEqual([
      'it no longer requires {"authMethod":{"authMethod":"mfa"}}',
      'it no longer excludes {"email":{"email":"leaver@example.com"}}',
    ]);
  });
});

describe("WAF IP allow-list (the staging stack as rendered)", () => {
  let staging: Plan;
  beforeAll(async () => {
    staging = toPlan(planJson(await renderedStack("staging")), "rendered staging plan");
  });
  const WAF = "edge-access-ruleset";
  const REF = "sensitive-hosts-ip-allowlist";

  test("the staging stack guards its admin host with an allow-list rule, and an unchanged plan has no risk", () => {
    expect(sensitiveHosts(staging)).toEqual(["admin.example-staging.com"]);
    expect(rule(staging, WAF, REF).expression).toContain("not ip.src in");
    expect(risksOf(run(staging, headFrom(staging, () => undefined)), "protection-removed")).toEqual([]);
  });

  test.each([
    ["removed", (h: Plan) => rules(h, WAF).splice(0, 1), "is removed"],
    ["disabled", (h: Plan) => (rule(h, WAF, REF).enabled = false), "is disabled"],
    ["turned to log", (h: Plan) => (rule(h, WAF, REF).action = "log"), "no longer blocks (action log)"],
    ["pointed at another host", (h: Plan) => (rule(h, WAF, REF).expression = 'http.host eq "admin2.example-staging.com" and not ip.src in {203.0.113.0/24}'), "no longer covers the host"],
  ])("the allow-list rule %s is a high risk", (_label, edit, what) => {
    const head = headFrom(staging, edit);
    const r = run(staging, head);
    const found = risksOf(r, "protection-removed");
    expect(found).toEqual([expect.objectContaining({ severity: "high", subject: "admin.example-staging.com", urn: res(staging, WAF).urn })]);
    expect(found[0]!.message).toMatch(new RegExp(`^The WAF IP allow-list rule ${REF} guarding admin\\.example-staging\\.com ${what.replace(/[()]/g, "\\$&")}: requests from any address reach the host \\(GET admin\\.example-staging\\.com/ from 198\\.51\\.100\\.201, `));
    expect(riskySection(r.markdown)).toContain(`**Protection removed** (high): The WAF IP allow-list rule ${REF}`);
  });

  test("a different allow-list that still blocks outsiders is not risky", () => {
    const head = headFrom(staging, (h) => {
      rule(h, WAF, REF).expression = 'http.host eq "admin.example-staging.com" and not ip.src in {203.0.113.0/25 192.0.2.0/24}';
    });
    expect(risksOf(run(staging, head), "protection-removed")).toEqual([]);
  });

  test("swapping the allow-list for an Access application is noted for review, not a risk", () => {
    const prod = basePlan();
    const head = headFrom(staging, (h) => {
      rules(h, WAF).splice(0, 1);
      const app = JSON.parse(JSON.stringify(res(prod, APP)));
      app.urn = app.urn.replace("prod::", "staging::");
      app.inputs.domain = "admin.example-staging.com";
      h.resources.push(app);
    });
    const r = run(staging, head);
    expect(risksOf(r, "protection-removed")).toEqual([]);
    expect(r.report.notes).toContainEqual(expect.stringContaining(`The WAF rule ${REF} no longer blocks outside addresses on admin.example-staging.com; an Access application guards it now`));
  });
});

test("an unchanged WAF rule the evaluator cannot read is not noted on every diff; a changed one is", () => {
  const base = headFrom(basePlan(), (b) => {
    const cache = res(b, "edge-cache");
    b.resources.push({ ...cache, urn: cache.urn.replace("edge-cache", "edge-waf"), name: "edge-waf", inputs: { phase: "http_request_firewall_custom", rules: [
      { ref: "odd", action: "block", expression: 'http.host eq "admin.example.com" and cf.unknown_field_xyz gt 5' },
    ] } });
  });
  expect(run(base, headFrom(base, () => undefined)).report.notes.filter((n) => n.includes("WAF"))).toEqual([]);
  const changed = headFrom(base, (h) => (rule(h, "edge-waf", "odd").expression = 'http.host eq "admin.example.com" and cf.unknown_field_xyz gt 9'));
  expect(run(base, changed).report.notes).toContainEqual(expect.stringContaining("A WAF custom rule guarding admin.example.com could not be evaluated"));
});
