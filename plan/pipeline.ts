/**
 * What `plan` adds to a render: the policy pack over the analyzer protocol (with the settings the
 * stack derives, or a named file), the API contract checks, and the machine-readable plan
 * (planJson) that diff, handover and verify read. Library code: the CLI's commands, the bench and
 * the tests call it; it reports bad input as errors of its own, which the CLI maps to exit codes.
 */
import * as fs from "node:fs";
import { checkContracts, type ContractReport } from "../contracts";
import { closeEarlyPack, PolicyConfigError, startPackEarly, type RunningPolicyPack } from "./analyze";
import { planRuleBudget } from "./budget";
import { estimateMonthlyCost, type CostEstimate } from "./cost";
import { policyFactsOf, PolicySettingsError, policySettingsForPlan } from "./policySettings";
import { redact } from "./redact";
import { UNKNOWN_PLACEHOLDER } from "./model/wire";
import type { RenderResult } from "./render";
import type { Simulation } from "./simulate";
import type { Plan, PolicyViolation } from "./types";
import { mandatoryViolations } from "./violations";

export { policyFactsOf } from "./policySettings";

/** Options of the checks, as the `plan` flags name them. */
export interface PlanCheckOptions {
  /** The policy config file. @default the settings derived from the stack file */
  policyConfig?: string;
  /** False: skip the policy pack (the contract checks still run). */
  policies?: boolean;
}

/** What the plan found beside its resources: policy results and API contract checks. */
export interface PlanChecks {
  violations?: PolicyViolation[];
  policiesRun?: number;
  /** The settings the pack was given (recorded in the plan JSON, for diff to compare). */
  policySettings?: Record<string, unknown>;
  contracts: ContractReport;
}

/**
 * Policy settings that cannot be used: a named file unreadable, not JSON or not an object; derived
 * settings refused (a stale committed file, a bad choices file); or settings the pack refuses.
 */
export class PolicyConfigFileError extends Error {
  override name = "PolicyConfigFileError";
}

/** A policy config file read as an object; errors name the file and what is expected. */
export function readPolicyConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PolicyConfigFileError(`cannot read --policy-config ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PolicyConfigFileError(`${file} is not JSON (${(err as Error).message}); a policy config object such as {"all": "mandatory"} is expected`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PolicyConfigFileError(`${file} holds ${Array.isArray(value) ? "an array" : typeof value}; a policy config object such as {"all": "mandatory"} is expected`);
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
    if (err instanceof PolicySettingsError) throw new PolicyConfigFileError(err.message);
    throw err;
  }
}

/**
 * Runs the policy pack over the plan through the analyzer protocol, and the contract checks.
 * `started` is a pack from `startPackEarly`; without it the pack starts here. Either way the pack
 * is stopped before this returns. Throws PolicyConfigFileError for unusable settings and
 * PolicyPackStartError (plan/analyze) when the pack did not start.
 */
export async function checkPlan(result: RenderResult, flags: PlanCheckOptions, started?: Promise<RunningPolicyPack | Error>): Promise<PlanChecks> {
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
      return { violations: await pack.analyze(result.plan, policyConfig, policyFactsOf(result.config)), policiesRun: pack.policies.length, policySettings: policyConfig, contracts };
    } finally {
      await pack.close();
    }
  } catch (err) {
    if (err instanceof PolicyConfigError) throw new PolicyConfigFileError(`policy config ${flags.policyConfig ?? `for stack ${result.plan.stack}`}: ${err.message}`);
    throw err;
  }
}

/** True when the stack must not deploy: a mandatory policy violation or a value an API would reject. */
export function planBlocked(checks: PlanChecks): boolean {
  return mandatoryViolations(checks.violations ?? []).length > 0 || checks.contracts.summary.failed > 0;
}

/** The plan model (plan/model/schema.ts), whose cost section `plan --json` always writes. */
export type PlanJson = Plan & { cost: CostEstimate };

/** The machine-readable plan: secrets masked, unknowns spelled out. */
export function planJson(result: RenderResult, simulations?: Simulation[], checks?: PlanChecks): PlanJson {
  return redact(
    {
      ...result.plan,
      diagnostics: result.diagnostics,
      ruleBudget: planRuleBudget(result.plan),
      cost: estimateMonthlyCost(result.plan),
      ...(checks?.violations ? { violations: checks.violations } : {}),
      ...(checks?.policySettings ? { policySettings: checks.policySettings } : {}),
      ...(checks ? { contracts: checks.contracts } : {}),
      ...(simulations ? { simulations } : {}),
    },
    UNKNOWN_PLACEHOLDER,
  );
}
