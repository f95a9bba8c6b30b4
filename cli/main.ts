/**
 * The `launch-ready` command: a thin shell that parses flags and hands over to library code.
 * Each subcommand lives in cli/commands/<name>.ts and exports `register(program)`.
 */
import { Command, CommanderError } from "commander";
import { UserError, EXIT_USAGE } from "./errors";

type Registrar = (program: Command) => void;

/**
 * One line per subcommand, by the name it registers. A command module declares flags and help only
 * (its action and library load from cli/run/<name>.ts when it runs), and is itself required only
 * when its command is invoked or listed. Components never load these modules.
 */
export const COMMANDS: Readonly<Record<string, () => Registrar>> = {
  plan: () => require("./commands/plan").register,
  diff: () => require("./commands/diff").register,
  handover: () => require("./commands/handover").register,
  "secrets-scan": () => require("./commands/secrets-scan").register,
  verify: () => require("./commands/verify").register,
  adopt: () => require("./commands/adopt").register,
  "policy-config": () => require("./commands/policy-config").register,
  init: () => require("./commands/init").register,
  drift: () => require("./commands/drift").register,
};

/** The program's own version flags: answered from package.json, with no command registered. */
const VERSION_FLAGS = ["-V", "--version"];

/**
 * The commands to register for `argv`: only the invoked one when the first argument names a
 * command; none for `--version`; every one otherwise (`--help`, no command, a mistyped command),
 * so the top-level help lists them all and commander can suggest the closest name.
 */
export function commandsToLoad(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first !== undefined && VERSION_FLAGS.includes(first)) return [];
  return first !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
}

/** The package's version, for --version (package.json is read, not the SDK). */
function packageVersion(): string {
  return (require("../package.json") as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command("launch-ready")
    .description("Launch-readiness stack for a membership SaaS: plan, diff, handover, verify.")
    .version(packageVersion(), VERSION_FLAGS.join(", "), "print the version")
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const name of commandsToLoad(argv)) COMMANDS[name]!()(program);
  try {
    await program.parseAsync(argv, { from: "user" });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage mistakes with 1, which we map to 2.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof UserError) {
      process.stderr.write(`launch-ready: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

if (require.main === module || process.argv[1]?.endsWith("bin.js")) {
  main(process.argv.slice(2)).then(
    (code) => exitAfterFlush(code),
    (err) => {
      process.stderr.write(`launch-ready: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      exitAfterFlush(70);
    },
  );
}

/** How long a finished command waits for what something still keeps running before it exits anyway. */
const EXIT_GRACE_MS = 1000;

/**
 * Ends the process once stdout and stderr are written out (to a pipe they are asynchronous, and an
 * early process.exit() would cut `plan --json | jq` at the pipe's 64 KiB buffer), and lets work
 * still pending finish first: tsx writes its compile cache asynchronously (fs.promises.writeFile in
 * tsx 4's FileCache), and an exit mid-write left empty cache files, so every run of a quick command
 * compiled its modules again. The timer, unref'd, only ends a process something keeps alive.
 */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref()));
}
