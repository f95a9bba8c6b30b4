/**
 * `launch-ready plan`: render a stack offline and print it (table, or JSON with --json).
 * The renderer, the Pulumi SDK and the policy pack load inside the action, once the flags are known
 * good, so the pack can start while they load. The checks and planJson are
 * library code (plan/pipeline.ts); this module maps their errors to exit codes.
 */
import * as fs from "node:fs";
import type { RenderResult } from "../../plan/render";
import type { PlanChecks } from "../../plan/pipeline";
import type { Simulation } from "../../plan/simulate";
import type { RunningPolicyPack } from "../../plan/analyze";
import type { ExistingReport } from "../../adopt/existing";
import { EXIT_FINDINGS, UserError } from "../errors";

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
    const { readSimulationFile } = require("../../plan/simulate") as typeof import("../../plan/simulate");
    requests.push(...readSimulationFile(text));
  }
  return requests;
}

function runSimulations(result: RenderResult, requests: string[]): Simulation[] | undefined {
  if (requests.length === 0) return undefined;
  const { simulate, SimulationRequestError } = require("../../plan/simulate") as typeof import("../../plan/simulate");
  try {
    return simulate(result.plan, requests);
  } catch (err) {
    if (err instanceof SimulationRequestError) throw new UserError(err.message);
    throw err;
  }
}

/** Renders with user mistakes turned into UserErrors (exit 2, no stack trace). */
export async function renderForCli(flags: Pick<PlanFlags, "stack" | "configFile">): Promise<RenderResult> {
  const { renderPlan, ProgramError } = require("../../plan/render") as typeof import("../../plan/render");
  const { ConfigError } = require("../../components/config") as typeof import("../../components/config");
  const { StackFileError } = require("../../plan/stackFile") as typeof import("../../plan/stackFile");
  try {
    return await renderPlan({ stack: flags.stack, configFile: flags.configFile });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StackFileError || err instanceof ProgramError) throw new UserError(err.message);
    throw err;
  }
}

/** Compares the plan with the zone as the saved answers in `dir` show it. */
export function existingReport(result: RenderResult, dir: string): ExistingReport {
  const { compareWithExisting, readExistingDir } = require("../../adopt/existing") as typeof import("../../adopt/existing");
  const { AdoptInputError } = require("../../adopt/model") as typeof import("../../adopt/model");
  try {
    return compareWithExisting(result.plan, readExistingDir(dir, result.config.domain));
  } catch (err) {
    if (err instanceof AdoptInputError) throw new UserError(err.message);
    throw err;
  }
}

/** The policy pack and contract checks, with unusable policy settings (exit 2) or a pack that did not start (exit 1) told plainly. */
async function checkForCli(result: RenderResult, flags: PlanFlags, packStarting: Promise<RunningPolicyPack | Error> | undefined): Promise<PlanChecks> {
  const { checkPlan, PolicyConfigFileError } = require("../../plan/pipeline") as typeof import("../../plan/pipeline");
  const { PolicyPackStartError } = require("../../plan/analyze") as typeof import("../../plan/analyze");
  try {
    return await checkPlan(result, flags, packStarting);
  } catch (err) {
    if (err instanceof PolicyConfigFileError) throw new UserError(err.message);
    if (err instanceof PolicyPackStartError) throw new UserError(`the policy pack did not start: ${err.message}`, EXIT_FINDINGS);
    throw err;
  }
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export async function run(flags: PlanFlags): Promise<void> {
  const requests = simulationRequests(flags);
  if (flags.policyConfig !== undefined && !fs.existsSync(flags.policyConfig)) {
    throw new UserError(`--policy-config ${flags.policyConfig} does not exist; a JSON policy config file is expected`);
  }
  // The pack's child process starts (and compiles the pack) while the renderer, the SDK and both
  // providers load below: the flags are known good by now. It is running before that loading begins.
  const analyzer = require("../../plan/analyze") as typeof import("../../plan/analyze");
  const packStarting = flags.policies === false ? undefined : analyzer.startPackEarly();
  await packStarting?.spawned;
  const { formatPlan } = require("../../plan/format") as typeof import("../../plan/format");
  const { formatRuleBudget, planRuleBudget, zonePlanOf } = require("../../plan/budget") as typeof import("../../plan/budget");
  const { estimateMonthlyCost, formatCost } = require("../../plan/cost") as typeof import("../../plan/cost");
  const { formatPrerequisites, prerequisites } = require("../../plan/prerequisites") as typeof import("../../plan/prerequisites");
  const { formatContracts } = require("../../contracts") as typeof import("../../contracts");
  const { formatViolations } = require("../../plan/violations") as typeof import("../../plan/violations");
  const { formatSimulations } = require("../../plan/simulate") as typeof import("../../plan/simulate");
  const { planBlocked, planJson } = require("../../plan/pipeline") as typeof import("../../plan/pipeline");
  let result: RenderResult;
  let simulations: Simulation[] | undefined;
  let existing: ExistingReport | undefined;
  try {
    result = await renderForCli(flags);
    simulations = runSimulations(result, requests);
    existing = flags.existing === undefined ? undefined : existingReport(result, flags.existing);
  } catch (err) {
    await analyzer.closeEarlyPack(packStarting);
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
  const checks = await checkForCli(result, flags, packStarting);
  if (planBlocked(checks)) process.exitCode = EXIT_FINDINGS;
  if (flags.json) {
    process.stdout.write(JSON.stringify({ ...planJson(result, simulations, checks), ...(existing ? { existing } : {}) }, null, 2) + "\n");
    return;
  }
  if (existing) {
    const { formatExistingReport } = require("../../adopt/existing") as typeof import("../../adopt/existing");
    process.stdout.write("\n" + formatExistingReport(existing) + "\n");
  }
  process.stdout.write("\n" + formatContracts(checks.contracts, width) + "\n");
  if (checks.violations) process.stdout.write("\n" + formatViolations(checks.violations, checks.policiesRun ?? 0) + "\n");
  else process.stdout.write("\nPolicies: skipped (--no-policies).\n");
  if (simulations) process.stdout.write("\n" + formatSimulations(simulations) + "\n");
}
