/**
 * The real staging stack served as it declares (support/rendered.ts), as stacks.test.ts does for
 * prod: its choices for a stack no member uses (a one-day HSTS, a report-only CSP) are warnings,
 * so a staging stack deployed as declared can get GO; production holds them as failures.
 */
import { runVerify, targetFromPlan } from "../../verify";
import type { Check } from "../../verify/types";
import { startRendered, type RenderedStacks } from "./support/rendered";

let s: RenderedStacks;
beforeAll(async () => {
  s = await startRendered(["staging"]);
}, 60000);
afterAll(async () => {
  await s?.close();
});

const notPassing = (checks: Check[]) => checks.filter((c) => c.status !== "pass").map((c) => `${c.status} ${c.id} ${c.target}`);

test("staging as declared: GO, its short HSTS and report-only CSP as warnings", async () => {
  s.set({});
  const r = await runVerify(targetFromPlan(s.plans.staging!), s.options());
  expect(notPassing(r.checks).filter((c) => c.startsWith("fail"))).toEqual([]);
  expect(r.verdict).toBe("GO");
  expect(notPassing(r.checks)).toEqual(expect.arrayContaining([expect.stringMatching(/^warn headers\.hsts https:\/\//)]));
});

test("the same live answers judged as a production stack: NO-GO on HSTS", async () => {
  s.set({});
  const target = { ...targetFromPlan(s.plans.staging!), isProduction: true };
  const { shortDeclaredAllowed: _allowed, ...hsts } = target.hsts;
  const r = await runVerify({ ...target, hsts }, s.options());
  expect(r.verdict).toBe("NO-GO");
  expect(r.checks.filter((c) => c.status === "fail").map((c) => c.id)).toContain("headers.hsts");
});
