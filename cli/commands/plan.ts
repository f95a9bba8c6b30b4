/**
 * `launch-ready plan`: render a stack offline and print it (table, or JSON with --json).
 */
import type { Command } from "commander";
import { ConfigError } from "../../components/config";
import { renderPlan, type RenderResult } from "../../plan/render";
import { StackFileError } from "../../plan/stackFile";
import { formatPlan } from "../../plan/format";
import { redact } from "../../plan/redact";
import { UserError } from "../errors";
import * as fs from "node:fs";
import { formatRuleBudget, ruleBudget, zonePlanOf } from "../../plan/budget";
import { formatSimulations, readSimulationFile, simulate, SimulationRequestError, type Simulation } from "../../plan/simulate";

export interface PlanFlags {
  stack?: string;
  configFile?: string;
  json?: boolean;
  /** Requests to run through the planned edge rules ("GET https://www.example.com/x"). */
  simulate?: string[];
  simulateFile?: string;
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
    if (err instanceof ConfigError || err instanceof StackFileError) throw new UserError(err.message);
    throw err;
  }
}

/** The machine-readable plan: secrets masked, unknowns spelled out. */
export function planJson(result: RenderResult, simulations?: Simulation[]): Record<string, unknown> {
  return redact(
    {
      ...result.plan,
      diagnostics: result.diagnostics,
      ruleBudget: ruleBudget(result.plan),
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
    .action(async (flags: PlanFlags) => {
      const requests = simulationRequests(flags);
      const result = await renderForCli(flags);
      const simulations = runSimulations(result, requests);
      if (flags.json) {
        process.stdout.write(JSON.stringify(planJson(result, simulations), null, 2) + "\n");
        return;
      }
      for (const d of result.diagnostics) if (d.severity !== "debug") process.stderr.write(`${d.severity}: ${d.message}\n`);
      process.stdout.write(formatPlan(result.plan, { width: process.stdout.columns }) + "\n");
      process.stdout.write("\n" + formatRuleBudget(ruleBudget(result.plan), zonePlanOf(result.plan)) + "\n");
      if (simulations) process.stdout.write("\n" + formatSimulations(simulations) + "\n");
    });
}
