/**
 * The diff on freshly rendered plans, not recorded fixtures: the prod stack against itself (no
 * change, no risk) and against copies whose config makes one risky change each, as a pull request
 * would. Each change must surface as its risk, named by host or setting.
 */
import { diffPlans } from "../../diff";
import type { RawConfigValue } from "../../components/config";
import type { Plan } from "../../plan/types";
import { renderIsolated, renderedStack } from "../support/render";
import { loadTestStack } from "../support/stacks";

const prodConfig = loadTestStack("prod").raw;
const value = <T>(key: string) => structuredClone(prodConfig[`launch-ready:${key}`]!.value) as T;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const override = (key: string, v: unknown): Record<string, RawConfigValue> => ({ [`launch-ready:${key}`]: { value: v, secret: false } });

let base: Plan;
beforeAll(async () => {
  base = (await renderedStack("prod")).plan;
}, 60_000);

test("prod against a second render of itself (here, not in the global setup's process): no change, no risk", async () => {
  const again = (await renderIsolated({ stack: "prod" })).plan;
  const report = diffPlans(base, again);
  expect(report.risks).toEqual([]);
  expect(report.counts).toMatchObject({ added: 0, changed: 0, removed: 0 });
  expect(report.counts.unchanged).toBe(base.resources.length);
});

test.each<[string, () => Record<string, RawConfigValue>, string, RegExp]>([
  // (SSL mode "full" is a config error in production now: components/guards.ts.) HSTS shortened to the floor is still allowed.
  [
    "HSTS one year -> six months",
    () => override("tls", { ...value<Record<string, unknown>>("tls"), hsts: { ...value<{ hsts: Record<string, unknown> }>("tls").hsts, maxAge: 15552000 } }),
    "tls-downgrade",
    /max_age|hsts/i,
  ],
  // The published policy drops to none through a dated rollout step (the only way prod config allows).
  ["DMARC quarantine -> none", () => override("email", { ...value<Record<string, unknown>>("email"), dmarc: { ...value<{ dmarc: Record<string, unknown> }>("email").dmarc, rollout: { policy: "none", until: inDays(30) } } }), "dmarc-weakened", /none/],
  [
    "the api host taken off the proxy",
    () => override("hosts", value<Array<Record<string, unknown>>>("hosts").map((h) => (h.name === "api" ? { ...h, proxied: false } : h))),
    "host-unproxied",
    /api\.example\.com/,
  ],
])("%s: the diff reports it as a risk of its kind", async (_label, overrides, kind, subject) => {
  let head: Plan;
  try {
    head = (await renderIsolated({ stack: "prod", overrides: overrides() })).plan;
  } catch (err) {
    // A config the stack refuses never reaches a pull request's diff: say which, loudly.
    throw new Error(`the changed prod config did not render: ${(err as Error).message}`);
  }
  const risks = diffPlans(base, head).risks.filter((r) => r.kind === kind);
  expect(risks.length).toBeGreaterThan(0);
  expect(risks.map((r) => `${r.subject} ${r.message}`).join("\n")).toMatch(subject);
}, 60_000);
