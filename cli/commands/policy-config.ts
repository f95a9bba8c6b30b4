/**
 * `launch-ready policy-config`: write a stack's policy pack settings (policies/config/<stack>.json)
 * from its stack file and policies/choices.json, for `pulumi preview/up --policy-pack-config`.
 * plan/policySettings loads the policy registry (and the Pulumi SDK) when the command runs, not at
 * registration, so `--help` answers without it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { ConfigError, parseStackConfig } from "../../components/config";
import { loadStackFile, StackFileError } from "../../plan/stackFile";
import { PROJECT_DIR } from "../../plan/projectDir";
import { EXIT_FINDINGS, UserError } from "../errors";
import { writeFilesAtomically } from "../writeFiles";

interface PolicyConfigFlags {
  stack?: string;
  configFile?: string;
  out?: string;
  check?: boolean;
}

/** The derived settings file's text for a stack; user mistakes become UserErrors. */
function derivedText(flags: PolicyConfigFlags): { stack: string; text: string; stackFile: string } {
  const { derivePolicySettings, formatPolicySettings, PolicySettingsError, readPolicyChoices } = require("../../plan/policySettings") as typeof import("../../plan/policySettings");
  try {
    const file = loadStackFile({ projectDir: PROJECT_DIR, stack: flags.stack, configFile: flags.configFile });
    const { config } = parseStackConfig(file.raw, file.file);
    return { stack: file.stack, stackFile: file.file, text: formatPolicySettings(derivePolicySettings(config, file.stack, readPolicyChoices())) };
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StackFileError || err instanceof PolicySettingsError) throw new UserError(err.message);
    throw err;
  }
}

export function register(program: Command): void {
  program
    .command("policy-config")
    .description("Write a stack's policy pack settings (policies/config/<stack>.json) from its stack file and policies/choices.json")
    .option("-s, --stack <name>", "stack whose settings to write (reads Pulumi.<name>.yaml; default: staging)")
    .option("-c, --config-file <path>", "derive from this stack file instead")
    .option("-o, --out <path>", "write here instead of policies/config/<stack>.json (- for stdout)")
    .option("--check", "write nothing; exit 1 when the settings file differs from what the stack file gives")
    .addHelpText("after", "\nExit status: 0 written (or up to date with --check), 1 stale with --check, 2 bad config, flags or files.")
    .action((flags: PolicyConfigFlags) => {
      const { regenerateCommand, settingsFileOf } = require("../../plan/policySettings") as typeof import("../../plan/policySettings");
      const { stack, text, stackFile } = derivedText(flags);
      const out = flags.out ?? settingsFileOf(stack);
      if (out === "-") {
        process.stdout.write(text);
        return;
      }
      const rel = path.relative(process.cwd(), out) || out;
      if (flags.check) {
        const current = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : undefined;
        if (current === text) process.stdout.write(`${rel} is up to date with ${path.relative(process.cwd(), stackFile)}\n`);
        else {
          process.stdout.write(`${rel} ${current === undefined ? "does not exist" : "is stale"}: run \`${regenerateCommand(stack)}\`\n`);
          process.exitCode = EXIT_FINDINGS;
        }
        return;
      }
      // Written beside and renamed over: a reader never sees half a file.
      writeFilesAtomically([{ path: path.resolve(out), content: text }]);
      process.stdout.write(`wrote ${rel}\n`);
    });
}
