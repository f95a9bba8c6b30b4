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

export interface PlanFlags {
  stack?: string;
  configFile?: string;
  json?: boolean;
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
export function planJson(result: RenderResult): Record<string, unknown> {
  return redact(
    {
      ...result.plan,
      diagnostics: result.diagnostics,
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
    .action(async (flags: PlanFlags) => {
      const result = await renderForCli(flags);
      if (flags.json) {
        process.stdout.write(JSON.stringify(planJson(result), null, 2) + "\n");
        return;
      }
      for (const d of result.diagnostics) if (d.severity !== "debug") process.stderr.write(`${d.severity}: ${d.message}\n`);
      process.stdout.write(formatPlan(result.plan, { width: process.stdout.columns }) + "\n");
    });
}
