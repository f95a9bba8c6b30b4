/**
 * `launch-ready init`: the stack file it writes parses for every mail preset and Cloudflare plan,
 * a few representative ones render and pass the policy pack and the API contracts, bad flags are
 * refused with the flag named, and an existing stack file is never overwritten without --force.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { cloudflarePlanSchema } from "../../components/schema/core";
import { buildStackFile, checkInitOptions, environmentOfStack, INIT_MAIL_PRESETS, INIT_PLANS, InitOptionError, type InitOptions } from "../../init/stackTemplate";
import { parseInitText, writeInitFile, InitWriteError } from "../../init/writeStackFile";
import { planBlocked, policyFactsOf, type PlanChecks } from "../../plan/pipeline";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { checkContracts } from "../../contracts";
import { mandatoryViolations } from "../../plan/violations";
import type { RenderResult } from "../../plan/render";
import { renderIsolated } from "../support/render";
import { runCli, runMain } from "../support/cli";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "lr-init-test-"));
const optionsFor = (stack: string, mail: InitOptions["mail"], plan: InitOptions["plan"]): InitOptions => ({
  stack,
  domain: mail === "microsoft-365" ? "acmeclub.io" : "acme-club.io",
  mail,
  plan,
  ...(mail === "microsoft-365" ? { msTenant: "acmeclub" } : {}),
});

describe("every mail preset on every plan parses cleanly", () => {
  const combos = INIT_MAIL_PRESETS.flatMap((mail) => INIT_PLANS.flatMap((plan) => ["prod", "staging"].map((stack) => [mail, plan, stack] as const)));
  it.each(combos)("--mail %s --plan %s --stack %s", (mail, plan, stack) => {
    const text = buildStackFile(optionsFor(stack, mail, plan));
    const { config } = parseInitText(stack, text);
    expect(config.cloudflarePlan).toBe(plan);
    expect(config.environment).toBe(stack);
    expect(config.isProduction).toBe(stack === "prod");
    expect(config.email?.mode).toBe(mail === "none" ? "none" : "send");
    if (mail !== "none") expect(config.email?.inbound?.provider).toBe(mail);
    // No zone id given: the zone is looked up by the domain at deploy.
    expect(config.zone).toBeUndefined();
  });

  it("writes the zone id it is given, and comments that a reader can follow", () => {
    const text = buildStackFile({ stack: "prod", domain: "acme-club.io", zoneId: "0123456789abcdef0123456789abcdef" });
    expect(parse(text).config["launch-ready:zone"]).toEqual({ id: "0123456789abcdef0123456789abcdef" });
    expect(text).toMatch(/^# Stack prod, written by `npm run init`/);
    expect(text).toContain("# replace with the host your app is served from");
    expect(parseInitText("prod", text).config.zone).toEqual({ id: "0123456789abcdef0123456789abcdef" });
  });
});

// Representative renders: production on Free with Google Workspace (the tightest budget, the
// strictest rules), staging on Pro with Microsoft 365 and a zone id, production on Enterprise with no mail.
const representative: Array<[string, InitOptions]> = [
  ["prod, free, google-workspace", optionsFor("prod", "google-workspace", "free")],
  ["staging, pro, microsoft-365, zone id", { ...optionsFor("staging", "microsoft-365", "pro"), zoneId: "fedcba9876543210fedcba9876543210" }],
  ["prod, enterprise, no mail, own origin", { ...optionsFor("prod", "none", "enterprise"), origin: "acme-club.fly.dev" }],
];

describe("representative init outputs plan cleanly", () => {
  const results: Array<{ name: string; result: RenderResult; checks: PlanChecks }> = [];
  beforeAll(async () => {
    const dir = tempDir();
    // One pack (in-process) for the three plans. An empty policy
    // config: every setting that is a stack fact comes from the rendered stack, as `plan` does
    // for a stack whose policy settings are derived from its file.
    const pack = await startInProcessPolicyPack();
    try {
      for (const [name, options] of representative) {
        const file = path.join(dir, `${name.replace(/\W+/g, "-")}`, `Pulumi.${options.stack}.yaml`);
        writeInitFile(file, buildStackFile(options), false);
        const result = await renderIsolated({ configFile: file, stack: options.stack });
        const violations = await pack.analyze(result.plan, {}, policyFactsOf(result.config));
        results.push({ name, result, checks: { violations, policiesRun: pack.policies.length, contracts: checkContracts(result.plan) } });
      }
    } finally {
      await pack.close();
    }
  }, 180_000);

  it.each(representative.map(([name]) => name))("%s: no mandatory violation, no failed contract", (name) => {
    const { result, checks } = results.find((r) => r.name === name)!;
    expect(result.plan.resources.length).toBeGreaterThan(20);
    expect(checks.policiesRun).toBeGreaterThan(10);
    expect(mandatoryViolations(checks.violations ?? [])).toEqual([]);
    expect(checks.contracts.summary.failed).toBe(0);
    expect(planBlocked(checks)).toBe(false);
  });
});

describe("bad options are refused with the flag, the value and what is expected", () => {
  it.each<[string, InitOptions, RegExp]>([
    ["a domain in upper case", { stack: "prod", domain: "Acme.io" }, /^--domain "Acme\.io" must be lower case; a domain name like "example\.com" is expected/],
    ["a zone id that is not one", { stack: "prod", domain: "acme.io", zoneId: "zone-1" }, /^--zone-id "zone-1" is not a Cloudflare zone id; 32 lower-case hex/],
    ["an unknown mail preset", { stack: "prod", domain: "acme.io", mail: "gmail" as InitOptions["mail"] }, /^--mail "gmail" is not a mail preset init writes; one of google-workspace, microsoft-365, amazon-ses, none/],
    ["an unknown plan", { stack: "prod", domain: "acme.io", plan: "gold" as InitOptions["plan"] }, /^--plan "gold" is not a Cloudflare plan; one of free, pro, business, enterprise/],
    ["Microsoft 365 without its tenant", { stack: "prod", domain: "acme.io", mail: "microsoft-365" }, /^--mail microsoft-365 needs --ms-tenant NAME/],
    ["Microsoft 365 on a hyphenated domain", { stack: "prod", domain: "acme-club.io", mail: "microsoft-365", msTenant: "acme" }, /acme-club\.io contains a hyphen, so Microsoft 365's MX host and DKIM targets cannot be derived/],
    ["a tenant without Microsoft 365", { stack: "prod", domain: "acme.io", msTenant: "acme" }, /^--ms-tenant only applies to --mail microsoft-365/],
    ["a stack name with a slash", { stack: "org/prod", domain: "acme.io" }, /^--stack "org\/prod" is not a stack name/],
  ])("%s", (_name, options, message) => {
    expect(() => checkInitOptions(options)).toThrow(InitOptionError);
    expect(() => checkInitOptions(options)).toThrow(message);
  });

  it("maps stack names to environments", () => {
    expect(environmentOfStack("Prod")).toBe("prod");
    expect(environmentOfStack("staging")).toBe("staging");
    expect(() => environmentOfStack("my_stack")).toThrow(/cannot name an environment/);
  });
});

describe("writing", () => {
  it("never overwrites a stack file without force, and leaves it untouched", () => {
    const file = path.join(tempDir(), "Pulumi.prod.yaml");
    fs.writeFileSync(file, "config: {}\n# the founder's own\n");
    expect(() => writeInitFile(file, "new\n", false)).toThrow(InitWriteError);
    expect(() => writeInitFile(file, "new\n", false)).toThrow(`${file} already exists`);
    expect(fs.readFileSync(file, "utf8")).toBe("config: {}\n# the founder's own\n");
    writeInitFile(file, "new\n", true);
    expect(fs.readFileSync(file, "utf8")).toBe("new\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["Pulumi.prod.yaml"]);
  });

  // Writing through main() in this process; the refusal from the real bin.js, for its exit status.
  it("exits 2 with the reason for a bad flag and for an existing file, 0 when it writes", async () => {
    const file = path.join(tempDir(), "Pulumi.prod.yaml");
    const first = await runMain(["init", "--stack", "prod", "--domain", "acme-club.io", "--out", file]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`wrote ${file}`);
    expect(parseInitText("prod", fs.readFileSync(file, "utf8")).config.domain).toBe("acme-club.io");
    const again = runCli(["init", "--stack", "prod", "--domain", "acme-club.io", "--out", file, "--plan", "gold"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe('launch-ready: --plan "gold" is not a Cloudflare plan; one of free, pro, business, enterprise is expected\n');
  });
});

describe("Pulumi.yaml's template", () => {
  const project = parse(fs.readFileSync(path.join(__dirname, "../../Pulumi.yaml"), "utf8")) as {
    config: Record<string, { default?: unknown }>;
    template: { description: string; config: Record<string, { description: string; default?: unknown }> };
  };

  it("asks `pulumi new` for what init asks: the domain, the environment and the plan", () => {
    expect(project.template.description).toEqual(expect.any(String));
    expect(Object.keys(project.template.config).sort()).toEqual(["launch-ready:cloudflarePlan", "launch-ready:domain", "launch-ready:environment"]);
    for (const prompt of Object.values(project.template.config)) expect(prompt.description.length).toBeGreaterThan(10);
  });

  it("offers defaults init accepts, and the plan default the project config declares", () => {
    const { config } = project.template;
    expect(() => environmentOfStack(String(config["launch-ready:environment"]!.default))).not.toThrow();
    expect(INIT_PLANS).toContain(config["launch-ready:cloudflarePlan"]!.default);
    // init/choices.ts names the plans for --help without the schema: the same list, in the same order.
    expect(INIT_PLANS).toEqual(cloudflarePlanSchema.options);
    expect(config["launch-ready:cloudflarePlan"]!.default).toBe(project.config.cloudflarePlan!.default);
    // The domain is the user's: no default to accept by pressing enter.
    expect(config["launch-ready:domain"]!.default).toBeUndefined();
  });
});

describe("init writes the stack's policy settings beside it", () => {
  const { runInit } = require("../../cli/run/init") as typeof import("../../cli/run/init");
  const { derivePolicySettings, formatPolicySettings, readPolicyChoices } = require("../../plan/policySettings") as typeof import("../../plan/policySettings");

  test("in a project with a policies/ folder: policies/config/<stack>.json, derived from the file it wrote", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "policies"));
    const file = path.join(dir, "Pulumi.prod.yaml");
    const result = runInit({ stack: "prod", domain: "acme-club.io", out: file });
    expect(result.settings).toBe(path.join(dir, "policies", "config", "prod.json"));
    const { config } = parseInitText("prod", fs.readFileSync(file, "utf8"));
    const expected = formatPolicySettings(derivePolicySettings(config, "prod", readPolicyChoices(path.join(dir, "policies", "choices.json"))));
    expect(fs.readFileSync(result.settings!, "utf8")).toBe(expected);
    expect(JSON.parse(expected)["dns-names-in-zone"]).toMatchObject({ zoneName: "acme-club.io" });
    expect(result.next.join("\n")).not.toMatch(/policy-config/);
  });

  test("outside a project: no settings written, and the next steps name the command that writes them", () => {
    const dir = tempDir();
    const result = runInit({ stack: "staging", domain: "acme-club.io", out: path.join(dir, "Pulumi.staging.yaml") });
    expect(result.settings).toBeUndefined();
    expect(fs.existsSync(path.join(dir, "policies"))).toBe(false);
    expect(result.next.join("\n")).toMatch(/npm run policy-config -- --stack staging/);
  });
});
