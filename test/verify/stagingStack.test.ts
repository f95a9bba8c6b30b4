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

describe("no duplicate site indexed", () => {
  const { judgeRobots } = require("../../verify/http/headers") as typeof import("../../verify/http/headers");
  const res = (value?: string) => new Headers(value === undefined ? {} : { "x-robots-tag": value });
  const statusOf = (value: string | undefined, prod: boolean) => judgeRobots("https://x.example/", { headers: res(value), rawHeaders: value === undefined ? [] : ["X-Robots-Tag", value] } as never, prod).status;

  test("staging declares X-Robots-Tag: noindex on every proxied web host, and each one sends it: headers.noindex passes", async () => {
    const target = targetFromPlan(s.plans.staging!);
    const web = target.hosts.filter((h) => h.declaredHeaders);
    expect(web.length).toBeGreaterThan(0);
    for (const h of web) expect(h.declaredHeaders!["x-robots-tag"]).toBe("noindex");
    s.set({});
    const r = await runVerify(target, s.options());
    const robots = r.checks.filter((c) => c.id === "headers.noindex");
    expect(robots.length).toBeGreaterThan(0);
    expect(robots.every((c) => c.status === "pass")).toBe(true);
  });

  test("a staging host whose responses lose the header: NO-GO on headers.noindex for that host", async () => {
    const target = targetFromPlan(s.plans.staging!);
    const host = target.canonicalHost;
    s.set({ indexable: [host] });
    const r = await runVerify(target, s.options());
    expect(r.verdict).toBe("NO-GO");
    const failed = r.checks.filter((c) => c.id === "headers.noindex" && c.status === "fail");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.target.includes(host))).toBe(true);
    expect(failed[0]!.message).toContain("non-production");
  });

  test("the judge: noindex (also per crawler, or none) on staging passes, on production fails; absent the other way round", () => {
    expect(statusOf("noindex", false)).toBe("pass");
    expect(statusOf("googlebot: noindex, nofollow", false)).toBe("pass");
    expect(statusOf("none", false)).toBe("pass");
    expect(statusOf(undefined, false)).toBe("fail");
    expect(statusOf("nofollow", false)).toBe("fail");
    expect(statusOf(undefined, true)).toBe("pass");
    expect(statusOf("noindex", true)).toBe("fail");
  });
});
