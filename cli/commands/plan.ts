/**
 * `launch-ready plan`: render a stack offline and print it (table, or JSON with --json).
 */
import type { Command } from "commander";
import { ConfigError } from "../../components/config";
import { renderPlan, type RenderResult } from "../../plan/render";
import { policyFactsOf, PolicySettingsError, policySettingsForPlan } from "../../plan/policySettings";

export { policyFactsOf } from "../../plan/policySettings";
import { StackFileError } from "../../plan/stackFile";
import { formatPlan } from "../../plan/format";
import { redact } from "../../plan/redact";
import { UserError } from "../errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatRuleBudget, planRuleBudget, zonePlanOf } from "../../plan/budget";
import { estimateMonthlyCost, formatCost } from "../../plan/cost";
import { formatPrerequisites, prerequisites } from "../../plan/prerequisites";
import { checkContracts, formatContracts, type ContractReport } from "../../contracts";
import { closeEarlyPack, PolicyConfigError, PolicyPackStartError, startPackEarly, takeEarlyPack, type RunningPolicyPack } from "../../plan/analyze";

export { closeEarlyPack, startPackEarly } from "../../plan/analyze";
import { formatViolations, mandatoryViolations } from "../../plan/violations";
import { ProgramError } from "../../plan/render";
import type { PolicyViolation } from "../../plan/types";
import { EXIT_FINDINGS } from "../errors";
import { compareWithExisting, formatExistingReport, readExistingDir, type ExistingReport } from "../../adopt/existing";
import { AdoptInputError } from "../../adopt/model";
import { formatSimulations, readSimulationFile, simulate, SimulationRequestError, type Simulation } from "../../plan/simulate";

export interface PlanFlags {
  stack?: string;
  configFile?: string;
  json?: boolean;
  /** Requests to run through the planned edge rules ("GET https://www.example.com/x"). */
  simulate?: string[];
  simulateFile?: string;
  /** The `--policy-pack-config` file. @default the settings derived from the stack file */
  policyConfig?: string;
  /** False with --no-policies: skip the policy pack. */
  policies?: boolean;
  /** A folder of saved answers about the zone as it is (adopt's <out>/existing). */
  existing?: string;
}

/** What the plan found beside its resources: policy results and API contract checks. */
export interface PlanChecks {
  violations?: PolicyViolation[];
  policiesRun?: number;
  contracts: ContractReport;
}

/** The --simulate and --simulate-file requests, read and checked before anything renders. */
function simulationRequests(flags: PlanFlags): string[] {
  const requests = [...(flags.simulate ?? [])];
  if (flags.simulateFile) {
    let text: string;
    try {
      text = fs.readFileSync(flags.simulateFile, "utf8");
    } catch (err) {
      throw new UserError(`cannot read --simulate-file ${flags.simulateFile}: ${(err as Error).message}`);
    }
    requests.push(...readSimulationFile(text));
  }
  return requests;
}

function runSimulations(result: RenderResult, requests: string[]): Simulation[] | undefined {
  if (requests.length === 0) return undefined;
  try {
    return simulate(result.plan, requests);
  } catch (err) {
    if (err instanceof SimulationRequestError) throw new UserError(err.message);
    throw err;
  }
}

/** Renders with user mistakes turned into UserErrors (exit 2, no stack trace). */
export async function renderForCli(flags: Pick<PlanFlags, "stack" | "configFile">): Promise<RenderResult> {
  try {
    return await renderPlan({ stack: flags.stack, configFile: flags.configFile });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StackFileError || err instanceof ProgramError) throw new UserError(err.message);
    throw err;
  }
}

/** Compares the plan with the zone as the saved answers in `dir` show it. */
export function existingReport(result: RenderResult, dir: string): ExistingReport {
  try {
    return compareWithExisting(result.plan, readExistingDir(dir, result.config.domain));
  } catch (err) {
    if (err instanceof AdoptInputError) throw new UserError(err.message);
    throw err;
  }
}

/** A policy config file read as an object; errors name the file and what is expected. */
export function readPolicyConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`cannot read --policy-config ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not JSON (${(err as Error).message}); a policy config object such as {"all": "mandatory"} is expected`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`${file} holds ${Array.isArray(value) ? "an array" : typeof value}; a policy config object such as {"all": "mandatory"} is expected`);
  }
  return value as Record<string, unknown>;
}

/**
 * The policy settings a plan is judged by: the named file as given; else those derived from the
 * stack file and policies/choices.json (a stale committed policies/config/<stack>.json is refused).
 */
export function policyConfigFor(result: RenderResult, file?: string): Record<string, unknown> {
  if (file !== undefined) return readPolicyConfig(file);
  try {
    return policySettingsForPlan(result.config, result.plan.stack, result.stackFile.file);
  } catch (err) {
    if (err instanceof PolicySettingsError) throw new UserError(err.message);
    throw err;
  }
}

/**
 * Runs the policy pack over the plan through the analyzer protocol, and the contract checks.
 * `started` is a pack from `startPackEarly`; without it the pack starts here. Either way the pack
 * is stopped before this returns.
 */
export async function checkPlan(
  result: RenderResult,
  flags: Pick<PlanFlags, "policyConfig" | "policies">,
  started?: Promise<RunningPolicyPack | Error>,
): Promise<PlanChecks> {
  const contracts = checkContracts(result.plan);
  if (flags.policies === false) {
    await closeEarlyPack(started);
    return { contracts };
  }
  const starting = started ?? startPackEarly();
  try {
    let policyConfig: Record<string, unknown>;
    try {
      policyConfig = policyConfigFor(result, flags.policyConfig);
    } catch (err) {
      await closeEarlyPack(starting);
      throw err;
    }
    const pack = await starting;
    if (pack instanceof Error) throw pack;
    try {
      return { violations: await pack.analyze(result.plan, policyConfig, policyFactsOf(result.config)), policiesRun: pack.policies.length, contracts };
    } finally {
      await pack.close();
    }
  } catch (err) {
    if (err instanceof PolicyConfigError) throw new UserError(`policy config ${flags.policyConfig ?? `for stack ${result.plan.stack}`}: ${err.message}`);
    if (err instanceof PolicyPackStartError) throw new UserError(`the policy pack did not start: ${err.message}`, EXIT_FINDINGS);
    throw err;
  }
}

/** True when the stack must not deploy: a mandatory policy violation or a value an API would reject. */
export function planBlocked(checks: PlanChecks): boolean {
  return mandatoryViolations(checks.violations ?? []).length > 0 || checks.contracts.summary.failed > 0;
}

/** The machine-readable plan: secrets masked, unknowns spelled out. */
export function planJson(result: RenderResult, simulations?: Simulation[], checks?: PlanChecks): Record<string, unknown> {
  return redact(
    {
      ...result.plan,
      diagnostics: result.diagnostics,
      ruleBudget: planRuleBudget(result.plan),
      cost: estimateMonthlyCost(result.plan),
      ...(checks?.violations ? { violations: checks.violations } : {}),
      ...(checks ? { contracts: checks.contracts } : {}),
      ...(simulations ? { simulations } : {}),
    },
    "[unknown]",
  );
}

export function register(program: Command): void {
  program
    .command("plan")
    .description("Render a stack offline (no credentials, no Pulumi CLI) and print its resources")
    .option("-s, --stack <name>", "stack to render (reads Pulumi.<name>.yaml; default: staging)")
    .option("-c, --config-file <path>", "render this stack file instead")
    .option("--json", "print the plan as JSON")
    .option("--simulate <request>", 'run a request through the planned edge rules, e.g. "GET http://www.example.com/pricing?ref=x" (repeatable; headers after " | ")', (value: string, list: string[] = []) => [...list, value])
    .option("--simulate-file <path>", "simulate every request in a file (one per line)")
    .option("--policy-config <path>", "policy pack config (default: derived from the stack file, as `policy-config` writes it)")
    .option("--no-policies", "skip the policy pack (contract checks still run)")
    .option("--existing <dir>", "saved answers about the zone as it is (dns_records.json, rulesets.json, settings.json or zone.txt; adopt writes <out>/existing): report creates that would collide and records left unmanaged")
    .addHelpText("after", "\nExit status: 0 clean, 1 a mandatory policy violation or a failed API contract, 2 bad config, flags or files.")
    .action(async (flags: PlanFlags) => {
      const requests = simulationRequests(flags);
      if (flags.policyConfig !== undefined && !fs.existsSync(flags.policyConfig)) {
        throw new UserError(`--policy-config ${flags.policyConfig} does not exist; a JSON policy config file is expected`);
      }
      // The pack may already be starting (cli/main.ts starts it before this module loads).
      const early = takeEarlyPack();
      if (flags.policies === false) await closeEarlyPack(early);
      const packStarting = flags.policies === false ? undefined : (early ?? startPackEarly());
      let result: RenderResult;
      let simulations: Simulation[] | undefined;
      let existing: ExistingReport | undefined;
      try {
        result = await renderForCli(flags);
        simulations = runSimulations(result, requests);
        existing = flags.existing === undefined ? undefined : existingReport(result, flags.existing);
      } catch (err) {
        await closeEarlyPack(packStarting);
        throw err;
      }
      const width = process.stdout.columns;
      if (!flags.json) {
        // What the render alone decides is printed while the pack may still be starting.
        for (const d of result.diagnostics) if (d.severity !== "debug") process.stderr.write(`${d.severity}: ${d.message}\n`);
        process.stdout.write(formatPlan(result.plan, { width }) + "\n");
        process.stdout.write("\n" + formatRuleBudget(planRuleBudget(result.plan), zonePlanOf(result.plan)) + "\n");
        process.stdout.write("\n" + formatCost(estimateMonthlyCost(result.plan)) + "\n");
        const steps = formatPrerequisites(prerequisites(result.plan));
        if (steps) process.stdout.write("\n" + steps + "\n");
      }
      const checks = await checkPlan(result, flags, packStarting);
      if (planBlocked(checks)) process.exitCode = EXIT_FINDINGS;
      if (flags.json) {
        process.stdout.write(JSON.stringify({ ...planJson(result, simulations, checks), ...(existing ? { existing } : {}) }, null, 2) + "\n");
        return;
      }
      if (existing) process.stdout.write("\n" + formatExistingReport(existing) + "\n");
      process.stdout.write("\n" + formatContracts(checks.contracts, width) + "\n");
      if (checks.violations) process.stdout.write("\n" + formatViolations(checks.violations, checks.policiesRun ?? 0) + "\n");
      else process.stdout.write("\nPolicies: skipped (--no-policies).\n");
      if (simulations) process.stdout.write("\n" + formatSimulations(simulations) + "\n");
    });
}
