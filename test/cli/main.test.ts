/**
 * A command module declares flags and help only; its action and the library behind it load when it
 * runs. So `--help`, `--version` and a flag error of every command answer without the Pulumi SDK,
 * the providers, mailauth, the renderer or the verify runner. Proved by the modules each real
 * `bin.js` process loaded (test/support/recordLoadedModules.js), not by timing.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMMANDS, commandsToLoad } from "../../cli/main";
import { ROOT, STACK_TRACE } from "../support/cli";

/** What must not load before a command's action runs. */
const HEAVY = [/\/node_modules\/@pulumi\//, /\/node_modules\/mailauth\//, /\/plan\/render/, /\/verify\/runner/];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Project files loaded, relative to the root (node_modules paths from their package on). */
  loaded: string[];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-cli-load-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `bin.js argv` with the recording preload. */
function run(argv: string[], n: number): Promise<Run> {
  const file = path.join(dir, `${n}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", path.join(ROOT, "test/support/recordLoadedModules.js"), path.join(ROOT, "cli/bin.js"), ...argv], {
      cwd: ROOT,
      env: { ...process.env, LR_LOADED_MODULES_FILE: file },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => {
      const loaded = (JSON.parse(fs.readFileSync(file, "utf8")) as string[]).map((f) => f.replace(/^.*\/node_modules\//, "node_modules/").replace(ROOT + "/", ""));
      resolve({ status, stdout, stderr, loaded });
    });
  });
}

const NAMES = Object.keys(COMMANDS);
const CASES: string[][] = [["--version"], ["--help"], ...NAMES.flatMap((c) => [[c, "--help"], [c, "--frobnicate"]])];
const runs = new Map<string, Run>();

beforeAll(async () => {
  // Two at a time: one per core.
  const queue = CASES.map((argv, n) => ({ argv, n }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) runs.set(next.argv.join(" "), await run(next.argv, next.n));
  };
  await Promise.all([worker(), worker()]);
}, 120_000);

const result = (argv: string[]): Run => runs.get(argv.join(" "))!;

/** The exit statuses a CI step acts on, as the commands' help words them. */
const EXIT_STATUS_HELP: Readonly<Record<string, RegExp>> = {
  plan: /^Exit status: 0 clean, 1 a mandatory policy violation or a failed API contract, 2 /m,
  diff: /^Exit status: 0 the diff was written, 2 /m,
  handover: /^Exit status: 0 the document was written, 2 /m,
  verify: /^Exit status: 0 GO, 1 NO-GO, 2 /m,
  "secrets-scan": /^Exit status: 0 nothing found, 1 a secret found/m,
};

describe("the CLI registers commands cheaply", () => {
  test("the invoked command alone is registered; --version none; help, no command and a typo every one", () => {
    expect(commandsToLoad(["diff", "a.json", "b.json"])).toEqual(["diff"]);
    expect(commandsToLoad(["secrets-scan", "--json"])).toEqual(["secrets-scan"]);
    expect(commandsToLoad(["--version"])).toEqual([]);
    expect(commandsToLoad(["-V"])).toEqual([]);
    expect(commandsToLoad(["--help"])).toEqual(NAMES);
    expect(commandsToLoad([])).toEqual(NAMES);
    expect(commandsToLoad(["dif"])).toEqual(NAMES);
    expect(commandsToLoad(["toString"])).toEqual(NAMES);
  });

  test.each(CASES.map((argv) => [argv.join(" "), argv] as const))("`%s` loads no SDK, provider, mailauth, renderer or verify runner", (_, argv) => {
    const { loaded } = result(argv);
    expect(loaded).toContain("cli/main.ts");
    expect(loaded.filter((f) => HEAVY.some((re) => re.test("/" + f)))).toEqual([]);
    // No action module either: they are the ones that load the library.
    expect(loaded.filter((f) => f.startsWith("cli/run/"))).toEqual([]);
  });

  test("`--version` prints the package's version and loads no command", () => {
    const { status, stdout, loaded } = result(["--version"]);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe((require("../../package.json") as { version: string }).version);
    expect(loaded.filter((f) => f.startsWith("cli/commands/"))).toEqual([]);
  });

  test("`--help` loads every command module, so it lists them all", () => {
    const { status, stdout, loaded } = result(["--help"]);
    expect(status).toBe(0);
    expect(loaded.filter((f) => f.startsWith("cli/commands/")).sort()).toEqual(NAMES.map((c) => `cli/commands/${c}.ts`).sort());
    for (const name of NAMES) expect(stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });

  test.each(NAMES)("`%s --help` loads its own command module only and says what its exit statuses mean", (name) => {
    const { status, stdout, loaded } = result([name, "--help"]);
    expect(status).toBe(0);
    expect(loaded.filter((f) => f.startsWith("cli/commands/"))).toEqual([`cli/commands/${name}.ts`]);
    // A CI step acts on the exit status: every command's help names 0 and 2 at least.
    expect(stdout).toMatch(EXIT_STATUS_HELP[name] ?? /^Exit status: 0 .*, 2 /m);
  });

  test.each(NAMES)("`%s --frobnicate` is a usage error (exit 2) named on stderr, without a stack trace", (name) => {
    const { status, stdout, stderr } = result([name, "--frobnicate"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: (unknown option '--frobnicate'|required option)/m);
    expect(stderr).not.toMatch(STACK_TRACE);
  });
});
