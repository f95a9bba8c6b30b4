/**
 * `launch-ready policy-config`: write a stack's policy pack settings (policies/config/<stack>.json)
 * from its stack file and policies/choices.json, for `pulumi preview/up --policy-pack-config`.
 * plan/policySettings loads the policy registry (and the Pulumi SDK) inside the action.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, parseStackConfig } from "../../components/config";
import { loadStackFile, StackFileError } from "../../plan/stackFile";
import { PROJECT_DIR } from "../../plan/projectDir";
import { EXIT_FINDINGS, UserError } from "../errors";
import { writeFilesAtomically } from "../writeFiles";

export interface PolicyConfigFlags {
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

/** The command's action: what commander calls with the parsed arguments and flags. */
export function run(flags: PolicyConfigFlags): void {
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
}
