/**
 * The CLI loads only the module of the command it runs: `diff` and `secrets-scan` do not pay for
 * the renderer, the Pulumi SDK and the providers that `plan` needs. Help and mistyped commands
 * still see every command.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { COMMANDS, commandsToLoad } from "../../cli/main";
import { ROOT } from "../support/cli";

/** Runs `main(argv)` in a fresh node and reports which project modules ended up loaded. */
function loadedBy(argv: string[]): { status: number | null; loaded: string[]; stdout: string } {
  const script = `
    require("tsx/cjs");
    const { main } = require(${JSON.stringify(path.join(ROOT, "cli/main.ts"))});
    main(${JSON.stringify(argv)}).then((code) => {
      const loaded = Object.keys(require.cache).filter((f) => /cli\\/commands\\/|@pulumi\\/pulumi\\/index|@pulumi\\/policy\\/index|plan\\/render|plan\\/analyze\\.ts/.test(f)).map((f) => f.replace(${JSON.stringify(ROOT + "/")}, ""));
      process.stderr.write("\\nLOADED " + JSON.stringify(loaded) + "\\n");
      process.exitCode = code;
    });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  const line = run.stderr.split("\n").find((l) => l.startsWith("LOADED "));
  if (!line) throw new Error(`no module list: ${run.stderr}`);
  return { status: run.status, loaded: JSON.parse(line.slice("LOADED ".length)), stdout: run.stdout };
}

describe("subcommands load lazily", () => {
  test("the invoked command alone is registered; help, no command and a typo register all", () => {
    expect(commandsToLoad(["diff", "a.json", "b.json"])).toEqual(["diff"]);
    expect(commandsToLoad(["secrets-scan", "--json"])).toEqual(["secrets-scan"]);
    expect(commandsToLoad(["--help"])).toEqual(Object.keys(COMMANDS));
    expect(commandsToLoad([])).toEqual(Object.keys(COMMANDS));
    expect(commandsToLoad(["dif"])).toEqual(Object.keys(COMMANDS));
    expect(commandsToLoad(["toString"])).toEqual(Object.keys(COMMANDS));
  });

  test("`diff --help` loads the diff module only, not plan's renderer or the Pulumi SDK", () => {
    const { status, loaded } = loadedBy(["diff", "--help"]);
    expect(status).toBe(0);
    expect(loaded).toEqual(["cli/commands/diff.ts"]);
  });

  test.each([[["--help"]], [["--version"]], [["plan", "--frobnicate"]], [["handover", "--help"]]])("`%j` answers without the Pulumi SDK, the renderer or the policy pack", (argv) => {
    const { status, loaded, stdout } = loadedBy(argv);
    expect(status).toBe(argv.includes("--frobnicate") ? 2 : 0);
    expect(loaded.filter((f) => !f.startsWith("cli/commands/"))).toEqual([]);
    if (argv[0] === "--version") expect(stdout.trim()).toBe((require("../../package.json") as { version: string }).version);
  });

  test("`--help` still loads every command so the help lists them all", () => {
    const { status, loaded } = loadedBy(["--help"]);
    expect(status).toBe(0);
    expect(loaded.filter((f) => f.startsWith("cli/commands/")).sort()).toEqual(Object.keys(COMMANDS).map((c) => `cli/commands/${c}.ts`).sort());
  });
});
