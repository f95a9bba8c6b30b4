/**
 * `launch-ready plan` on copies of the prod stack whose mail is configured the ways the config
 * accepts but the policy pack used to refuse: a dated DMARC p=none rollout step, and a domain
 * that sends no mail. Config and the mandatory policies must agree (exit 0), and the rollout's
 * date reaches the policy as a stack fact.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { testPolicySettings, testStackFile } from "../support/stacks";
import { renderIsolated } from "../support/render";
import { checkPlan, planBlocked, planJson, policyFactsOf } from "../../plan/pipeline";
import type { RunningPolicyPack } from "../../plan/analyze";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { formatViolations } from "../../plan/violations";
import type { StackConfig } from "../../components/config";
import type { RenderResult } from "../../plan/render";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-email-"));

/** The test-owned prod stack with its email section changed, written as <dir>/<sub>/Pulumi.prod.yaml (stack "prod"). */
function prodWithEmail(sub: string, change: (email: Record<string, unknown>) => Record<string, unknown>): string {
  const doc = parseDocument(fs.readFileSync(testStackFile("prod"), "utf8"));
  const email = doc.getIn(["config", "launch-ready:email"]) as { toJSON(): Record<string, unknown> };
  doc.setIn(["config", "launch-ready:email"], doc.createNode(change(email.toJSON())));
  const file = path.join(dir, sub, "Pulumi.prod.yaml");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, doc.toString());
  return file;
}

// One pack judges every plan of the file (a pack may analyze many); checkPlan's close() leaves it running.
let pack: RunningPolicyPack;
const sharedPack = () => Promise.resolve(Object.assign(Object.create(pack) as RunningPolicyPack, { close: async () => {} }));
beforeAll(async () => {
  pack = await startInProcessPolicyPack();
});
afterAll(() => pack?.close());

/** What `plan --json` prints for the stack file, and whether the plan is blocked (exit 1). */
async function planFor(result: RenderResult, policyConfig?: string) {
  const checks = await checkPlan(result, { policyConfig }, sharedPack());
  return { checks, blocked: planBlocked(checks), json: JSON.parse(JSON.stringify(planJson(result, undefined, checks))) };
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("plan: a prod stack at a dated DMARC p=none rollout step", () => {
  const until = daysFromNow(30);
  const file = prodWithEmail("rollout", (email) => ({ ...email, dmarc: { ...(email.dmarc as object), p: "quarantine", rollout: { policy: "none", until } } }));

  let result: RenderResult;
  beforeAll(async () => {
    result = await renderIsolated({ configFile: file, stack: "prod" });
  });

  it("publishes p=none and passes the mandatory policies while the step lasts (exit 0)", async () => {
    const { blocked, json: plan } = await planFor(result);
    expect(blocked).toBe(false);
    const dmarc = plan.resources.find((r: { name: string }) => r.name === "email-dmarc-apex");
    expect(dmarc.inputs.content).toBe('"v=DMARC1; p=none; rua=mailto:dmarc@example.com"');
    expect(plan.violations).toEqual([]);
  });

  it("fails the plan (exit 1) when the date the policy is given has passed", async () => {
    // A config file value wins over the stack fact: the same record judged with an ended step.
    const config = path.join(dir, "ended.json");
    fs.writeFileSync(config, JSON.stringify({ ...testPolicySettings("prod"), "email-dmarc-enforced-in-prod": { environment: "prod", dmarcRolloutUntil: "2020-01-31" } }));
    const { checks, blocked } = await planFor(result, config);
    expect(blocked).toBe(true);
    const text = formatViolations(checks.violations!, checks.policiesRun!);
    expect(text).toMatch(/^MANDATORY email-dmarc-enforced-in-prod \(high\)$/m);
    expect(text).toContain("The DMARC policy of example.com is p=none; production must use p=quarantine or p=reject (the rollout step ended on 2020-01-31 (plan date");
  });

  it("policyFactsOf passes the rollout's last day and the plan's date, and nothing when there is no rollout", () => {
    const base = { domain: "example.com", environment: "prod", cloudflarePlan: "free", hosts: [] };
    const withRollout = { ...base, email: { mode: "send", dmarc: { p: "reject", rollout: { policy: "none", until: "2026-12-20" } } } } as unknown as StackConfig;
    expect(policyFactsOf(withRollout, "2026-12-01")).toMatchObject({ today: "2026-12-01", dmarcRolloutUntil: "2026-12-20", environment: "prod" });
    const without = { ...base, email: { mode: "send", dmarc: { p: "reject" } } } as unknown as StackConfig;
    expect(policyFactsOf(without, "2026-12-01")).not.toHaveProperty("dmarcRolloutUntil");
    expect(policyFactsOf(without).today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("plan: a prod stack that sends no mail", () => {
  it("renders the no-mail records, warns about the missing rua, and passes every mandatory policy (exit 0)", async () => {
    const file = prodWithEmail("nomail", () => ({ mode: "none" }));
    const { blocked, json: plan } = await planFor(await renderIsolated({ configFile: file, stack: "prod" }));
    expect(blocked).toBe(false);
    const mail = plan.resources
      .filter((r: { name: string; type: string }) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.name.startsWith("email-"))
      .map((r: { inputs: Record<string, unknown> }) => [r.inputs.type, r.inputs.name, r.inputs.content, r.inputs.priority ?? null]);
    expect(mail).toHaveLength(4);
    expect(mail).toEqual(
      expect.arrayContaining([
        ["MX", "example.com", ".", 0],
        ["TXT", "example.com", '"v=spf1 -all"', null],
        ["TXT", "_dmarc.example.com", '"v=DMARC1; p=reject; adkim=s; aspf=s"', null],
        ["TXT", "*._domainkey.example.com", '"v=DKIM1; p="', null],
      ]),
    );
    expect(plan.contracts.summary.failed).toBe(0);
    expect(plan.violations).toEqual([]);
    expect(plan.diagnostics.map((d: { message: string }) => d.message).join("\n")).toContain("email.dmarc.rua: has no rua address, so nobody sees who tries to send as example.com");
  });
});
