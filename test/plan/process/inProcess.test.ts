/**
 * What keeps the in-process analyzer (plan/analyzer/inProcess.ts) honest: the policy suites judge
 * plans through it, so here the real pack, over the analyzer protocol, must give the very same
 * answers: the pack's description, and identical violations (order included) for both example
 * stacks and for broken plans that touch resource and stack policies, secrets, config-dependent
 * settings and enforcement levels, and a policy that throws. The repository pack's own process is
 * tested on the same start: its description, a bad config refused whole, a prod-sized plan.
 */
import * as path from "node:path";
import { PolicyConfigError, runPolicyPack, startPolicyPack, type RunningPolicyPack } from "../../../plan/analyze";
import { startInProcessPolicyPack } from "../../../plan/analyzer/inProcess";
import type { Plan } from "../../../plan/types";
import { HEALTH_CHECK, PROD_POLICY_CONFIG, breakPlan, dnsRecord, happyPlan, planned, resourceNamed } from "../../policies/harness";
import { isAlive } from "../../support/processes";
import { renderedStack } from "../../support/render";
import { testPolicySettings } from "../../support/stacks";

let real: RunningPolicyPack;
let inProcess: RunningPolicyPack;
beforeAll(async () => {
  [real, inProcess] = await Promise.all([startPolicyPack({ policyConfig: PROD_POLICY_CONFIG }), startInProcessPolicyPack({ policyConfig: PROD_POLICY_CONFIG })]);
}, 120_000);
afterAll(() => real?.close());

/** Both analyzers' answers; the same plan object goes to both (analyze must not change it). */
async function both(plan: Plan, config?: Record<string, unknown>, facts?: Record<string, unknown>) {
  const snapshot = structuredClone(plan);
  const viaProtocol = await real.analyze(plan, config, facts);
  const viaHandlers = await inProcess.analyze(plan, config, facts);
  expect(plan).toEqual(snapshot);
  return { viaProtocol, viaHandlers };
}

test("the repository pack over the protocol: its policies with levels, severities and remediation; a bad config refused whole; a prod-sized plan judged twice", async () => {
  expect(real.pack).toEqual({ name: "launch-ready", version: expect.any(String) });
  const ssl = real.policies.find((p) => p.name === "zone-ssl-strict");
  expect(ssl).toEqual(expect.objectContaining({ enforcementLevel: "advisory", severity: "medium", kind: "resource", remediation: expect.stringMatching(/strict/) }));
  expect(real.policies.find((p) => p.name === "dns-cname-exclusive")?.kind).toBe("stack");
  expect(isAlive(real.pid)).toBe(true);

  // A bad config is refused before any analysis, listing every problem.
  const bad = await real.analyze(happyPlan(), { "no-such-policy": "mandatory", "dns-names-in-zone": { zoneName: 42 } }).catch((e: unknown) => e);
  expect(bad).toBeInstanceOf(PolicyConfigError);
  expect((bad as Error).message).toContain("no-such-policy: no policy of that name in the pack");
  expect((bad as Error).message).toContain("dns-names-in-zone.zoneName: 42 is not a string");

  // "all" sets every level; the analysis still works after the refused config.
  expect(await real.analyze(happyPlan(), { all: "disabled" })).toEqual([]);

  // A prod-sized plan (~100 resources) is analyzed in full, twice, by the same running pack under
  // the prod settings (speed: npm run bench). Closing a pack is tested in analyze.test.ts.
  const plan = happyPlan();
  for (let i = 0; plan.resources.length < 100; i++) {
    plan.resources.push(dnsRecord(`host-${i}`, { name: `host-${i}.example.com`, type: "CNAME", content: "example-web.vercel.app" }));
  }
  expect(await real.analyze(plan, PROD_POLICY_CONFIG)).toEqual([]);
  expect(await real.analyze(plan, PROD_POLICY_CONFIG)).toEqual([]);
});

test("the in-process pack describes itself as the real one does (name, version, every policy's level, severity, kind)", () => {
  expect(inProcess.pack).toEqual(real.pack);
  expect(inProcess.policies).toEqual(real.policies);
  expect(real.policies.length).toBeGreaterThan(40);
});

test.each(["prod", "staging"] as const)("the %s example stack: no violations either way, under its own settings and under all-mandatory prod settings", async (stack) => {
  const { plan } = await renderedStack(stack);
  const own = await both(plan, testPolicySettings(stack));
  expect(own.viaHandlers).toEqual(own.viaProtocol);
  expect(own.viaProtocol).toEqual([]);
  // Another stack's settings and every policy mandatory: the example stacks break some of them.
  const strict = await both(plan, { ...PROD_POLICY_CONFIG, all: "mandatory" });
  expect(strict.viaHandlers).toEqual(strict.viaProtocol);
  if (stack === "staging") expect(strict.viaProtocol.length).toBeGreaterThan(0);
}, 60_000);

/** Broken plans: each names a policy it must trip, so an empty answer on both sides cannot pass. */
const BROKEN: Array<[string, () => Plan, string]> = [
  ["ssl off (resource policy)", () => breakPlan((p) => (resourceNamed(p, "setting-ssl").inputs.value = "off")), "zone-ssl-encrypts-origin"],
  ["ssl full (advisory, and mandatory in prod by config)", () => breakPlan((p) => (resourceNamed(p, "setting-ssl").inputs.value = "full")), "zone-ssl-strict-in-prod"],
  ["an unproxied admin record (sensitiveHosts from config)", () => breakPlan((p) => Object.assign(resourceNamed(p, "admin-cname").inputs, { proxied: false, ttl: 300 })), "dns-sensitive-hosts-proxied"],
  ["a plaintext secret string (the secret-path hook)", () => breakPlan((p) => (resourceNamed(p, "stripe-key-version").inputs.secretString = "sk_" + "live_" + "y".repeat(24))), "secret-version-value-is-secret"],
  ["no login health check (stack policy)", () => breakPlan((p) => (p.resources = p.resources.filter((r) => !(r.type === HEALTH_CHECK && r.name === "check-login")))), "uptime-health-checks-present"],
  [
    "several at once: a name outside the zone, a proxied TTL, ssl off, no health checks",
    () =>
      breakPlan((p) => {
        Object.assign(resourceNamed(p, "app-cname").inputs, { name: "app.example.org", ttl: 300 });
        resourceNamed(p, "setting-ssl").inputs.value = "off";
        p.resources = p.resources.filter((r) => r.type !== HEALTH_CHECK);
      }),
    "dns-names-in-zone",
  ],
];

test.each(BROKEN)("%s: identical violations", async (_label, make, expected) => {
  const { viaProtocol, viaHandlers } = await both(make());
  expect(viaProtocol.map((v) => v.policyName)).toContain(expected);
  expect(viaHandlers).toEqual(viaProtocol);
});

test("config decides the same way: another environment, another zone, levels changed per policy and for all", async () => {
  const plan = breakPlan((p) => {
    resourceNamed(p, "setting-ssl").inputs.value = "full";
    p.resources = p.resources.filter((r) => r.type !== HEALTH_CHECK);
  });
  const configs: Array<Record<string, unknown>> = [
    { ...PROD_POLICY_CONFIG, "zone-ssl-strict-in-prod": { environment: "staging" }, "uptime-health-checks-present": { environment: "staging" } },
    { ...PROD_POLICY_CONFIG, "dns-names-in-zone": { zoneName: "example.org" }, "zone-ssl-strict": "disabled" },
    { ...PROD_POLICY_CONFIG, all: "advisory" },
  ];
  const answers = [];
  for (const config of configs) {
    const { viaProtocol, viaHandlers } = await both(plan, config);
    expect(viaHandlers).toEqual(viaProtocol);
    answers.push(viaProtocol);
  }
  // The configs really changed the verdicts (else this would compare one answer three times).
  expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(3);
  // And stack facts given per analysis reach the settings the same way.
  const facts = await both(plan, undefined, { environment: "staging" });
  expect(facts.viaHandlers).toEqual(facts.viaProtocol);
});

test("a policy that throws fails closed the same way: the failed Analyze call and the pack's wrapper give identical violations", async () => {
  const packDir = path.join(__dirname, "../..", "fixtures", "policy-packs", "throwing");
  const plan: Plan = {
    ...happyPlan(),
    resources: ["fine", "explode", "explode-raw"].map((n) => planned("test:index/thing:Thing", n, { value: n })),
  };
  const viaProtocol = await runPolicyPack(plan, { packDir });
  // One pack per module registry (serve() refuses a second), so the fixture loads in a registry of its own.
  // The pack loads while start is called (before its first await), so inside the isolated registry.
  let starting: Promise<RunningPolicyPack> | undefined;
  jest.isolateModules(() => {
    starting = (require("../../../plan/analyzer/inProcess") as typeof import("../../../plan/analyzer/inProcess")).startInProcessPolicyPack({ packDir });
  });
  const viaHandlers = await (await starting!).analyze(plan);
  expect(viaProtocol.map((v) => v.policyName).sort()).toEqual(["helper-stack-throws", "helper-throws", "throws-on-resource"]);
  expect(viaHandlers).toEqual(viaProtocol);
}, 60_000);
