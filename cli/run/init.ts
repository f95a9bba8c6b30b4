/**
 * `launch-ready init --stack prod --domain acme-club.io`: writes a new stack file with the safe
 * defaults, commented (init/stackTemplate.ts), after checking it parses as `plan` will read it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, type StackConfig } from "../../components/config";
import { buildStackFile, INIT_MAIL_PRESETS, INIT_PLANS, InitOptionError, PLACEHOLDER_ORIGIN, type InitOptions } from "../../init/stackTemplate";
import { InitWriteError, parseInitText, writeInitFile } from "../../init/writeStackFile";
import { PROJECT_DIR } from "../../plan/projectDir";
import { UserError } from "../errors";
import { writeFilesAtomically } from "../writeFiles";

export interface InitFlags {
  stack?: string;
  domain?: string;
  zoneId?: string;
  mail?: string;
  plan?: string;
  msTenant?: string;
  origin?: string;
  out?: string;
  force?: boolean;
}

/** Builds, checks and writes the stack file; returns its path and what the user does next. */
export function runInit(flags: InitFlags): { file: string; settings?: string; next: string[] } {
  if (!flags.stack) throw new UserError("--stack NAME is required, e.g. --stack prod");
  if (!flags.domain) throw new UserError("--domain NAME is required, e.g. --domain acme-club.io");
  const options: InitOptions = {
    stack: flags.stack,
    domain: flags.domain,
    zoneId: flags.zoneId,
    mail: flags.mail as InitOptions["mail"],
    plan: flags.plan as InitOptions["plan"],
    msTenant: flags.msTenant,
    origin: flags.origin,
  };
  let text: string;
  let parsed: ReturnType<typeof parseInitText>;
  try {
    text = buildStackFile(options);
    parsed = parseInitText(options.stack, text);
  } catch (err) {
    if (err instanceof InitOptionError) throw new UserError(err.message);
    if (err instanceof ConfigError) throw new UserError(`init built a stack file the config schema refuses (a bug in init/stackTemplate.ts): ${err.message}`, 70);
    throw err;
  }
  const file = path.resolve(flags.out ?? path.join(PROJECT_DIR, `Pulumi.${options.stack}.yaml`));
  try {
    writeInitFile(file, text, flags.force === true);
  } catch (err) {
    if (err instanceof InitWriteError) throw new UserError(err.message);
    throw err;
  }
  // The pack's per-stack settings are derived from the stack file (plan/policySettings.ts); written
  // beside it when it sits in a project with a policies/ folder, otherwise left to policy-config.
  const settings = writePolicySettings(file, options.stack, parsed.config);
  const next = [
    ...(flags.origin ? [] : [`set hosts[0].origin.cname (now the placeholder ${PLACEHOLDER_ORIGIN}) to the host your app is served from`]),
    ...(settings ? [] : [`npm run policy-config -- --stack ${options.stack} --config-file ${file}`]),
    `npm run plan -- --stack ${options.stack}`,
  ];
  return { file, settings, next };
}

/** Writes policies/config/<stack>.json of the project the stack file is in; undefined when it has no policies/ folder. */
function writePolicySettings(stackFile: string, stack: string, config: StackConfig): string | undefined {
  const policyDir = path.join(path.dirname(stackFile), "policies");
  if (!fs.existsSync(policyDir)) return undefined;
  const { derivePolicySettings, formatPolicySettings, readPolicyChoices, settingsFileOf } = require("../../plan/policySettings") as typeof import("../../plan/policySettings");
  const out = settingsFileOf(stack, policyDir);
  const choices = readPolicyChoices(path.join(policyDir, "choices.json"));
  writeFilesAtomically([{ path: out, content: formatPolicySettings(derivePolicySettings(config, stack, choices)) }]);
  return out;
}

/** The command's action: what commander calls with the parsed arguments and flags. */
export function run(flags: InitFlags): void {
  const { file, settings, next } = runInit(flags);
  process.stdout.write(`wrote ${file}\n${settings ? `wrote ${settings}\n` : ""}next:\n${next.map((n) => `  - ${n}\n`).join("")}`);
}
