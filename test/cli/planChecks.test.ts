/**
 * `launch-ready plan` beside the resources: the cost estimate, the API contract checks and the
 * policy pack run through the analyzer, and the exit status they decide.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { ROOT, runCli, STACK_TRACE } from "../support/cli";
import { writeCoreStackFile } from "../support/config";
import { checkPlan } from "../../plan/pipeline";
import { renderPlan } from "../../plan/render";
import { main } from "../../cli/main";
import { closeEarlyPack, startPackEarly } from "../../plan/analyze";
import { isAlive } from "../support/processes";
import { testOwned } from "../support/render";
import { stackArgs } from "../support/stacks";

const tempFile = (name: string, text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-checks-")), name);
  fs.writeFileSync(file, text);
  return file;
};

describe("launch-ready plan: cost, contracts and policies", () => {
  it("adds cost, contracts and violations to --json, and exits 0 on the clean prod stack", () => {
    const { status, stdout } = runCli(["plan", ...stackArgs("prod"), "--json"]);
    expect(status).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.violations).toEqual([]);
    expect(plan.contracts.summary).toEqual({ passed: plan.contracts.checked.length, failed: 0 });
    expect(plan.contracts.checked.length).toBeGreaterThan(40);
    expect(plan.cost.totalUsd).toBeGreaterThan(0);
    expect(plan.cost.lines.map((l: { type: string }) => l.type)).toEqual(
      expect.arrayContaining(["aws:route53/healthCheck:HealthCheck", "aws:secretsmanager/secret:Secret", "aws:kms/key:Key"]),
    );
  });

  it("writes the whole JSON to a pipe whose reader is slow (no cut at the pipe buffer on exit)", () => {
    // As `plan --json | jq` with a reader slower than the writer (one byte per read): the CLI must
    // not exit before the pipe drains.
    const piped = spawnSync("bash", ["-c", `"${process.execPath}" cli/bin.js plan ${stackArgs("prod").join(" ")} --json | dd bs=1 status=none`], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(piped.status).toBe(0);
    expect(piped.stdout.length).toBeGreaterThan(65536);
    expect(JSON.parse(piped.stdout).stack).toBe("prod");
  });

  it("prints the cost, the contracts table and the policy summary", () => {
    const { status, stdout } = runCli(["plan", ...stackArgs("prod")]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Estimated monthly cost \(fixed charges; prices of \d{4}-\d{2}-\d{2}/);
    expect(stdout).toMatch(/total\s+\$\d+\.\d{2}/);
    expect(stdout).toMatch(/Contracts: \d+ resources checked, \d+ passed, 0 failed\./);
    expect(stdout).toMatch(/Policies: \d+ run, 0 mandatory violations/);
  });

  it("exits 1 and prints the violation grouped by policy, with its remediation, when a mandatory policy fails", () => {
    // Staging's HSTS max-age is a day; its policy config allows that, a config without the
    // allowance holds it to the six-month minimum.
    const config = tempFile("policy.json", JSON.stringify({ "zone-hsts-enabled": "mandatory" }));
    const text = runCli(["plan", ...stackArgs("staging"), "--policy-config", config]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^MANDATORY zone-hsts-enabled \(\w+\)$/m);
    expect(text.stdout).toMatch(/HSTS max_age 86400 must be at least/);
    expect(text.stdout).toMatch(/^  fix: .+/m);
    expect(text.stdout).toMatch(/Policies: \d+ run, [1-9]\d* mandatory violations?/);

    const json = runCli(["plan", ...stackArgs("staging"), "--policy-config", config, "--json"]);
    expect(json.status).toBe(1);
    const violations = JSON.parse(json.stdout).violations;
    expect(violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ policyName: "zone-hsts-enabled", enforcementLevel: "mandatory", severity: expect.any(String), message: expect.any(String) })]),
    );
  });

  it("judges a stack without a policy config file by its own config (zone, environment, sensitive hosts)", () => {
    const file = writeCoreStackFile("demo");
    const { status, stdout } = runCli(["plan", "--config-file", file, "--json"]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")).toEqual([]);
  });

  it("exits 1 when a value the config accepts fails an API contract, and --json carries the failed entry with its field", () => {
    // The config checks a DKIM key's tags and key strength, not the record's size: a notes tag
    // (n=, RFC 6376 §3.6.1) of 4,000 characters passes it, and makes a TXT record over the
    // 4,096 bytes Cloudflare accepts on the wire.
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const p = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const file = writeCoreStackFile("bigdkim", [
      "  launch-ready:email:",
      "    senders:",
      "      - provider: custom",
      "        spf: [include:spf.example.net]",
      `        dkim: [{selector: big, key: "v=DKIM1; k=rsa; n=${"x".repeat(4000)}; p=${p}"}]`,
      "    dmarc: {p: none}",
    ]);
    const json = runCli(["plan", "--config-file", file, "--json", "--no-policies"]);
    expect(json.stderr).not.toMatch(STACK_TRACE);
    expect(json.status).toBe(1);
    const { contracts } = JSON.parse(json.stdout);
    expect(contracts.summary).toEqual({ passed: contracts.checked.length - 1, failed: 1 });
    expect(contracts.checked.filter((c: { status: string }) => c.status === "failed")).toEqual([
      {
        urn: expect.stringContaining("cloudflare:index/dnsRecord:DnsRecord::email-dkim-big-"),
        type: "cloudflare:index/dnsRecord:DnsRecord",
        name: expect.stringMatching(/^email-dkim-big-/),
        status: "failed",
        failures: [{ field: "content", message: expect.stringMatching(/makes a record of \d{4} bytes on the wire; Cloudflare accepts at most 4096/) }],
      },
    ]);

    const text = runCli(["plan", "--config-file", file, "--no-policies"]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/FAILED/);
    expect(text.stdout).toMatch(/Contracts: \d+ resources checked, \d+ passed, 1 failed\./);
    expect(text.stderr).not.toMatch(STACK_TRACE);
  });

  it("--no-policies skips the pack but still checks contracts", () => {
    const { status, stdout } = runCli(["plan", ...stackArgs("prod"), "--no-policies"]);
    expect(status).toBe(0);
    expect(stdout).toContain("Policies: skipped (--no-policies).");
    expect(stdout).toMatch(/Contracts: \d+ resources checked/);
  });

  it.each([
    ["a missing file", () => "/nonexistent/policy.json", /--policy-config \/nonexistent\/policy\.json does not exist/],
    ["a file that is not JSON", () => tempFile("bad.json", "{all: mandatory"), /is not JSON .*; a policy config object/],
    ["a policy the pack lacks", () => tempFile("unknown.json", JSON.stringify({ "no-such-policy": "mandatory" })), /no-such-policy: no policy of that name in the pack/],
    ["a level that does not exist", () => tempFile("level.json", JSON.stringify({ all: "strict" })), /all: "strict" is not an enforcement level/],
  ])("rejects %s with exit 2 and no stack trace", (_label, file, message) => {
    const { status, stderr } = runCli(["plan", ...stackArgs("prod"), "--policy-config", file()]);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});

describe("plan starts the policy pack while it renders", () => {

  it("analyzes the rendered plan with its policy config, and stops the pack when done", async () => {
    const starting = startPackEarly();
    const result = await renderPlan(testOwned({ stack: "staging" }));
    const pack = await starting;
    if (pack instanceof Error) throw pack;
    // Staging's own policy config allows its short HSTS; this one does not, so the file was read.
    const strict = tempFile("strict.json", JSON.stringify({ "zone-hsts-enabled": "mandatory" }));
    const checks = await checkPlan(result, { policyConfig: strict }, Promise.resolve(pack));
    expect(checks.violations?.map((v) => v.policyName)).toContain("zone-hsts-enabled");
    expect(checks.policiesRun).toBe(pack.policies.length);
    await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pack.pid)).toBe(false);
  });

  it("stops the early pack when the policy config is bad, and when the render fails first", async () => {
    const result = await renderPlan(testOwned({ stack: "prod" }));
    const first = startPackEarly();
    await expect(checkPlan(result, { policyConfig: tempFile("array.json", "[1]") }, first)).rejects.toThrow(/holds an array/);
    const firstPack = await first;
    expect(firstPack).not.toBeInstanceOf(Error);

    const second = startPackEarly();
    await closeEarlyPack(second); // what `plan` does when rendering throws
    const secondPack = await second;
    await new Promise((r) => setTimeout(r, 100));
    for (const pack of [firstPack, secondPack]) expect(isAlive((pack as { pid?: number }).pid)).toBe(false);
  });
});

describe("the pack started while `plan` loads the renderer", () => {
  const packChildren = () => spawnSync("pgrep", ["-P", String(process.pid), "-f", "run-policy-pack"], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);

  it.each([
    ["a usage error", ["plan", "--stack", "prod", "--frobnicate"]],
    ["a stack file that does not exist", ["plan", "--stack", "nope"]],
  ])("leaves no pack process after %s (exit 2)", async (_label, argv) => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(argv)).toBe(2);
    } finally {
      stderr.mockRestore();
    }
    // A flag error never starts the pack; a failed render stops the one the action started.
    expect(packChildren()).toEqual([]);
  });
});
