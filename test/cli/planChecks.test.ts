/**
 * `launch-ready plan` beside the resources: the cost estimate, the API contract checks and the
 * policy pack run through the analyzer, and the exit status they decide.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { testRsaPublicKeyBase64 } from "../support/rsaKeys";
import { ROOT, runMain, STACK_TRACE } from "../support/cli";
import { writeCoreStackFile } from "../support/config";
import { checkPlan, planBlocked, planJson, PolicyConfigFileError } from "../../plan/pipeline";
import type { RenderResult } from "../../plan/render";

import { closeEarlyPack, startPackEarly, type RunningPolicyPack } from "../../plan/analyze";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { estimateMonthlyCost, formatCost } from "../../plan/cost";
import { formatViolations, mandatoryViolations } from "../../plan/violations";
import { formatContracts, type ContractReport } from "../../contracts";
import { isAlive } from "../support/processes";
import { renderedStack, renderIsolated } from "../support/render";
import { stackArgs, testPolicySettings } from "../support/stacks";

const tempFile = (name: string, text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-checks-")), name);
  fs.writeFileSync(file, text);
  return file;
};

/**
 * The checks as library calls on the plans the global setup rendered, judged by one in-process pack
 * (a pack may analyze many plans; the next describes start the real process); the CLI is spawned
 * only for what a user sees of the process: a pipe (and the exit status 0 of the real entry).
 */
describe("plan checks: cost, contracts and policies", () => {
  let prod: RenderResult;
  let staging: RenderResult;
  let pack: RunningPolicyPack;
  /** The shared pack, as checkPlan takes an early-started one; checkPlan's close() leaves it running. */
  const sharedPack = () => Promise.resolve(Object.assign(Object.create(pack) as RunningPolicyPack, { close: async () => {} }));

  beforeAll(async () => {
    [prod, staging, pack] = await Promise.all([renderedStack("prod"), renderedStack("staging"), startInProcessPolicyPack()]);
  });
  afterAll(() => pack?.close());

  it("writes the whole --json plan to a pipe whose reader is slow (no cut at the pipe buffer on exit), with cost, contracts and no violations for the clean prod stack (exit 0)", () => {
    // As `plan --json | jq` with a reader slower than the writer (512 bytes per read, where the CLI
    // writes the whole plan at once and the pipe holds 64 KiB): the CLI must not exit before the
    // pipe drains. (One byte per read spent seconds in dd alone.) `set -o pipefail`: the status is
    // the CLI's, not dd's.
    // The command's own process records what it loaded (the pack's process is a spawn of its own).
    const loadedFile = tempFile("loaded.json", "[]");
    const record = path.join(ROOT, "test/support/recordLoadedModules.js");
    const piped = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" --require "${record}" cli/bin.js plan ${stackArgs("prod").join(" ")} --json | dd bs=512 status=none`], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, LR_LOADED_MODULES_FILE: loadedFile },
    });
    expect(piped.status).toBe(0);
    // The pack runs in its own process: plan's process renders with the SDK but does not load
    // @pulumi/policy (policy setting names come from the plain definitions, not the pack's registry).
    // (The renderer drops the project's own modules from the cache, so only packages are judged.)
    const loaded = (JSON.parse(fs.readFileSync(loadedFile, "utf8")) as string[]).map((f) => path.relative(ROOT, f));
    expect(loaded).toEqual(expect.arrayContaining(["plan/render.ts", "node_modules/@pulumi/pulumi/index.js"]));
    expect(loaded.filter((f) => f.startsWith("node_modules/@pulumi/policy/"))).toEqual([]);
    expect(piped.stdout.length).toBeGreaterThan(65536);
    const plan = JSON.parse(piped.stdout);
    expect(plan.stack).toBe("prod");
    expect(plan.violations).toEqual([]);
    // The settings the pack judged it by, for diff to compare a PR's head against its base.
    expect(plan.policySettings).toEqual(testPolicySettings("prod"));
    expect(plan.contracts.summary).toEqual({ passed: plan.contracts.checked.length, failed: 0 });
    expect(plan.contracts.checked.length).toBeGreaterThan(40);
    expect(plan.cost.totalUsd).toBeGreaterThan(0);
    expect(plan.cost.lines.map((l: { type: string }) => l.type)).toEqual(
      expect.arrayContaining(["aws:route53/healthCheck:HealthCheck", "aws:secretsmanager/secret:Secret", "aws:kms/key:Key"]),
    );
  });

  it("formats the cost, the contracts table and the policy summary of the clean prod stack, which is not blocked", async () => {
    const checks = await checkPlan(prod, {}, sharedPack());
    expect(planBlocked(checks)).toBe(false);
    const cost = formatCost(estimateMonthlyCost(prod.plan));
    expect(cost).toMatch(/Estimated monthly cost \(fixed charges; prices of \d{4}-\d{2}-\d{2}/);
    expect(cost).toMatch(/total\s+\$\d+\.\d{2}/);
    expect(formatContracts(checks.contracts, 120)).toMatch(/Contracts: \d+ resources checked, \d+ passed, 0 failed\./);
    expect(formatViolations(checks.violations!, checks.policiesRun!)).toMatch(/Policies: \d+ run, 0 mandatory violations/);
  });

  it("blocks the plan and groups the violation by policy, with its remediation, when a mandatory policy fails", async () => {
    // Staging's HSTS max-age is a day; its policy config allows that, a config without the
    // allowance holds it to the six-month minimum.
    const config = tempFile("policy.json", JSON.stringify({ "zone-hsts-enabled": "mandatory" }));
    const checks = await checkPlan(staging, { policyConfig: config }, sharedPack());
    expect(planBlocked(checks)).toBe(true);
    const text = formatViolations(checks.violations!, checks.policiesRun!);
    expect(text).toMatch(/^MANDATORY zone-hsts-enabled \(\w+\)$/m);
    expect(text).toMatch(/HSTS max_age 86400 must be at least/);
    expect(text).toMatch(/^  fix: .+/m);
    expect(text).toMatch(/Policies: \d+ run, [1-9]\d* mandatory violations?/);

    const violations = planJson(staging, undefined, checks).violations;
    expect(violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ policyName: "zone-hsts-enabled", enforcementLevel: "mandatory", severity: expect.any(String), message: expect.any(String) })]),
    );
  });

  it("judges a stack without a policy config file by its own config (zone, environment, sensitive hosts)", async () => {
    const demo = await renderIsolated({ configFile: writeCoreStackFile("demo") });
    const checks = await checkPlan(demo, {}, sharedPack());
    expect(mandatoryViolations(checks.violations!)).toEqual([]);
    expect(planBlocked(checks)).toBe(false);
  });

  it("exits 1 when a value the config accepts fails an API contract, and --json carries the failed entry with its field", async () => {
    // The config checks a DKIM key's tags and key strength, not the record's size: a notes tag
    // (n=, RFC 6376 §3.6.1) of 4,000 characters passes it, and makes a TXT record over the
    // 4,096 bytes Cloudflare accepts on the wire.
    const p = testRsaPublicKeyBase64(2048, "dkim");
    const file = writeCoreStackFile("bigdkim", [
      "  launch-ready:email:",
      "    senders:",
      "      - provider: custom",
      "        spf: [include:spf.example.net]",
      `        dkim: [{selector: big, key: "v=DKIM1; k=rsa; n=${"x".repeat(4000)}; p=${p}"}]`,
      "    dmarc: {p: none}",
    ]);
    const result = await renderIsolated({ configFile: file });
    const checks = await checkPlan(result, { policies: false });
    expect(planBlocked(checks)).toBe(true);
    const { contracts } = planJson(result, undefined, checks) as { contracts: ContractReport };
    expect(contracts.summary).toEqual({ passed: contracts.checked.length - 1, failed: 1 });
    expect(contracts.checked.filter((c) => c.status === "failed")).toEqual([
      {
        urn: expect.stringContaining("cloudflare:index/dnsRecord:DnsRecord::email-dkim-big-"),
        type: "cloudflare:index/dnsRecord:DnsRecord",
        name: expect.stringMatching(/^email-dkim-big-/),
        status: "failed",
        failures: [{ field: "content", message: expect.stringMatching(/makes a record of \d{4} bytes on the wire; Cloudflare accepts at most 4096/) }],
      },
    ]);

    // The exit status a failed contract gives, and the table, as the user sees them (--no-policies
    // still checks contracts). In-process: the real entry's exit statuses are the pipe case's (0)
    // and test/cli/plan.test.ts's failing program (2); how main() picks 1 is the same code here.
    const text = await runMain(["plan", "--config-file", file, "--no-policies"]);
    try {
      expect(text.status).toBe(1);
    } finally {
      // The action sets the exit code on `process`, as the real entry needs; later calls here start clean.
      process.exitCode = undefined;
    }
    expect(text.stdout).toMatch(/FAILED/);
    expect(text.stdout).toMatch(/Contracts: \d+ resources checked, \d+ passed, 1 failed\./);
    expect(text.stdout).toContain("Policies: skipped (--no-policies).");
    expect(text.stderr).not.toMatch(STACK_TRACE);
  });

  it("--no-policies skips the pack but still checks contracts", async () => {
    const checks = await checkPlan(prod, { policies: false });
    expect(checks.violations).toBeUndefined();
    expect(checks.contracts.checked.length).toBeGreaterThan(40);
  });

  it.each([
    ["a file that is not JSON", () => tempFile("bad.json", "{all: mandatory"), /is not JSON .*; a policy config object/],
    ["a JSON array", () => tempFile("array.json", "[1]"), /array\.json holds an array; a policy config object/],
    ["a policy the pack lacks", () => tempFile("unknown.json", JSON.stringify({ "no-such-policy": "mandatory" })), /no-such-policy: no policy of that name in the pack/],
    ["a level that does not exist", () => tempFile("level.json", JSON.stringify({ all: "strict" })), /all: "strict" is not an enforcement level/],
  ])("refuses %s as a PolicyConfigFileError naming the problem", async (_label, file, message) => {
    const checking = checkPlan(prod, { policyConfig: file() }, sharedPack());
    await expect(checking).rejects.toBeInstanceOf(PolicyConfigFileError);
    await expect(checking).rejects.toThrow(message);
  });
});

describe("plan starts the policy pack while it renders", () => {

  it("analyzes the rendered plan with its policy config, and stops the pack when done", async () => {
    const starting = startPackEarly();
    const result = await renderedStack("staging");
    const pack = await starting;
    if (pack instanceof Error) throw pack;
    // Staging's own policy config allows its short HSTS; this one does not, so the file was read.
    const strict = tempFile("strict.json", JSON.stringify({ "zone-hsts-enabled": "mandatory" }));
    const checks = await checkPlan(result, { policyConfig: strict }, Promise.resolve(pack));
    expect(checks.violations?.map((v) => v.policyName)).toContain("zone-hsts-enabled");
    expect(checks.policiesRun).toBe(pack.policies.length);
    expect(planJson(result, undefined, checks).policySettings).toEqual({ "zone-hsts-enabled": "mandatory" });
    await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pack.pid)).toBe(false);
  });
});

/**
 * The pack `plan` starts while it loads the renderer, through the command's action in this process:
 * whether it started (a spawn of run-policy-pack) and that no such child is left when `plan`
 * exits 2, before the render (flags, a missing policy config), after a failed render, and on a
 * policy config the checks refuse.
 */
describe("the pack started while `plan` loads the renderer", () => {
  const packChildren = () => spawnSync("pgrep", ["-P", String(process.pid), "-f", "run-policy-pack"], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
  const childProcess = require("node:child_process") as typeof import("node:child_process");

  it.each([
    ["a usage error", () => ["plan", "--stack", "prod", "--frobnicate"], /unknown option '--frobnicate'/, 0],
    ["a missing policy config file", () => ["plan", ...stackArgs("prod"), "--policy-config", "/nonexistent/policy.json"], /--policy-config \/nonexistent\/policy\.json does not exist/, 0],
    ["a stack file that does not exist", () => ["plan", "--stack", "nope"], /Pulumi\.nope\.yaml: no such file/, 1],
    ["a policy config file that is not JSON", () => ["plan", ...stackArgs("prod"), "--policy-config", tempFile("bad.json", "{all: mandatory")], /is not JSON .*; a policy config object/, 1],
  ])("exits 2 on %s with the reason and no stack trace, and leaves no pack process", async (_label, argv, message, packsStarted) => {
    const spawn = jest.spyOn(childProcess, "spawn");
    let run: Awaited<ReturnType<typeof runMain>>;
    let packSpawns: number;
    try {
      run = await runMain(argv());
      packSpawns = spawn.mock.calls.filter(([, args]) => (args as readonly string[] | undefined)?.some((a) => a.endsWith("run-policy-pack"))).length;
    } finally {
      spawn.mockRestore(); // which also forgets the calls
    }
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(packSpawns).toBe(packsStarted);
    expect(packChildren()).toEqual([]);
  });

  it("stops a pack that is still starting instead of waiting for it to start, and leaves no process", async () => {
    const starting = startPackEarly();
    await starting.spawned;
    expect(packChildren()).toHaveLength(1);
    await closeEarlyPack(starting);
    const settled = await starting;
    // Stopped, not started and then closed: the start itself ended with the stop.
    expect(settled).toBeInstanceOf(Error);
    expect((settled as Error).message).toMatch(/was stopped before it finished starting/);
    expect(packChildren()).toEqual([]);
  });
});
