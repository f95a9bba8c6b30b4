/**
 * The "Done when", as a founder does it, on a temporary copy of the test-owned prod stack
 * (never the user's files): a new domain, zone id and account id, one more host, mail moved from
 * Google Workspace to Microsoft 365; then the policy settings regenerated from the stack file and
 * the plan: no mandatory violation, no failed contract, the settings in step. The copy is the only
 * stack file of its project, as when Pulumi.staging.yaml is deleted.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { checkContracts } from "../contracts";
import type { RunningPolicyPack } from "../plan/analyze";
import { startInProcessPolicyPack } from "../plan/analyzer/inProcess";
import { derivePolicySettings, formatPolicySettings, policyFactsOf, policySettingsForPlan, readPolicyChoices, settingsFileOf } from "../plan/policySettings";
import { PROJECT_DIR } from "../plan/projectDir";
import type { RenderResult } from "../plan/render";
import { mandatoryViolations } from "../plan/violations";
import { renderIsolated } from "./support/render";
import { testPolicySettings, testStackFile } from "./support/stacks";

const DOMAIN = "acmeclub.io";
const ZONE_ID = "0f9e8d7c6b5a49382716a5b4c3d2e1f0";
const ACCOUNT_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

/** A project folder holding Pulumi.yaml and the founder's edited prod stack, and nothing else. */
function foundersProject(): { dir: string; stackFile: string; policyDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-make-it-yours-"));
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  // Every address at the example domain becomes the founder's (rua, iodef, alerts, Access domain).
  const text = fs.readFileSync(testStackFile("prod"), "utf8").replaceAll("example.com", DOMAIN);
  const doc = parseDocument(text);
  doc.setIn(["config", "launch-ready:zone"], doc.createNode({ id: ZONE_ID }));
  doc.setIn(["config", "launch-ready:edge", "access", "accountId"], ACCOUNT_ID);
  doc.setIn(["config", "launch-ready:email", "mtaSts", "serve", "accountId"], ACCOUNT_ID);
  const hosts = doc.getIn(["config", "launch-ready:hosts"]) as { add(v: unknown): void };
  hosts.add(doc.createNode({ name: "status", origin: { cname: "acmeclub.instatus.com" } }));
  doc.setIn(["config", "launch-ready:email", "inbound"], doc.createNode({ provider: "microsoft-365" }));
  const senders = (doc.getIn(["config", "launch-ready:email", "senders"]) as { toJSON(): Array<{ provider: string }> }).toJSON();
  doc.setIn(
    ["config", "launch-ready:email", "senders"],
    doc.createNode([{ provider: "microsoft-365", tenant: "acmeclub" }, ...senders.filter((s) => s.provider !== "google-workspace")]),
  );
  const stackFile = path.join(dir, "Pulumi.prod.yaml");
  fs.writeFileSync(stackFile, doc.toString());
  fs.mkdirSync(path.join(dir, "policies", "config"), { recursive: true });
  return { dir, stackFile, policyDir: path.join(dir, "policies") };
}

const project = foundersProject();
let result: RenderResult;
let pack: RunningPolicyPack;
beforeAll(async () => {
  const started = startInProcessPolicyPack();
  result = await renderIsolated({ projectDir: project.dir, stack: "prod", program: path.join(PROJECT_DIR, "index.ts") });
  // What `npm run policy-config -- --stack prod` writes, here into the copy's policies/config.
  fs.writeFileSync(settingsFileOf("prod", project.policyDir), formatPolicySettings(derivePolicySettings(result.config, "prod", readPolicyChoices())));
  pack = await started;
}, 300_000);
afterAll(() => pack?.close());

test("the edited stack is the only stack file of its project, and it renders the founder's zone, host and mail", () => {
  expect(fs.readdirSync(project.dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f))).toEqual(["Pulumi.prod.yaml"]);
  expect(result.config.domain).toBe(DOMAIN);
  const records = result.plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => r.inputs);
  expect(records.every((r) => r.zoneId === ZONE_ID)).toBe(true);
  expect(records).toContainEqual(expect.objectContaining({ type: "CNAME", name: `status.${DOMAIN}`, content: "acmeclub.instatus.com" }));
  expect(records).toContainEqual(expect.objectContaining({ type: "MX", name: DOMAIN, content: "acmeclub-io.mail.protection.outlook.com" }));
  expect(JSON.stringify(result.plan.resources)).not.toContain("example.com");
});

test("plans with no mandatory violation and no failed contract, judged by the regenerated settings", async () => {
  const settings = policySettingsForPlan(result.config, "prod", project.stackFile, { projectDir: project.dir, policyDir: project.policyDir });
  expect((settings["dns-names-in-zone"] as Record<string, unknown>).zoneName).toBe(DOMAIN);
  const violations = await pack.analyze(result.plan, settings, policyFactsOf(result.config));
  expect(mandatoryViolations(violations).map((v) => `${v.policyName}: ${v.message}`)).toEqual([]);
  expect(checkContracts(result.plan).checked.filter((c) => c.status === "failed")).toEqual([]);
}, 60_000);

test("before the settings are regenerated, the stale example settings are refused with the fix", () => {
  // The settings of the stack as it was before the edit.
  fs.writeFileSync(settingsFileOf("prod", project.policyDir), formatPolicySettings(testPolicySettings("prod")));
  expect(() => policySettingsForPlan(result.config, "prod", project.stackFile, { projectDir: project.dir, policyDir: project.policyDir })).toThrow(
    /disagrees with[\s\S]*zoneName: the file has "example\.com", the stack file gives "acmeclub\.io"[\s\S]*npm run policy-config -- --stack prod/,
  );
});
