/**
 * A command module declares flags and help only; its action and the library behind it load when it
 * runs. So `--help`, `--version` and a flag error of every command answer without the Pulumi SDK,
 * the providers, mailauth, the renderer or the verify runner. Proved by the modules loaded, not by
 * timing: each case runs main() in one child process from the modules bin.js has loaded when main
 * starts (test/support/mainChild.js), and one real `bin.js --help` process, recorded by
 * test/support/recordLoadedModules.js, shows that child loads what the real entry loads.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMMANDS, commandsToLoad } from "../../cli/main";
import { ROOT, STACK_TRACE } from "../support/cli";
import { startCliChild } from "../support/cliChild";

/** What must not load before a command's action runs. */
const HEAVY = [/\/node_modules\/@pulumi\//, /\/node_modules\/mailauth\//, /\/plan\/render/, /\/verify\/runner/];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Project files loaded, relative to the root (node_modules paths from their package on). */
  loaded: string[];
  /** Sizes of the files tsx's compile cache held when the real bin exited (real bin only). */
  cacheSizes?: number[];
}

const relative = (files: string[]) => files.map((f) => f.replace(/^.*\/node_modules\//, "node_modules/").replace(ROOT + "/", ""));

/** Runs the real `bin.js argv` with the recording preload. */
function runBin(argv: string[]): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-cli-load-"));
  const file = path.join(dir, "loaded.json");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", path.join(ROOT, "test/support/recordLoadedModules.js"), path.join(ROOT, "cli/bin.js"), ...argv], {
      cwd: ROOT,
      // A temporary folder of its own, so tsx's compile cache (os.tmpdir()/tsx-<uid>) starts empty.
      env: { ...process.env, LR_LOADED_MODULES_FILE: file, TMPDIR: dir },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => {
      const loaded = relative(JSON.parse(fs.readFileSync(file, "utf8")) as string[]);
      const tsxCache = fs.readdirSync(dir).filter((name) => name.startsWith("tsx-")).map((name) => path.join(dir, name));
      const cacheSizes = tsxCache.flatMap((cache) => fs.readdirSync(cache).filter((name) => /^\d+-/.test(name)).map((name) => fs.statSync(path.join(cache, name)).size));
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ status, stdout, stderr, loaded, cacheSizes });
    });
  });
}

const NAMES = Object.keys(COMMANDS);
const CASES: string[][] = [["--version"], ["--help"], ...NAMES.flatMap((c) => [[c, "--help"], [c, "--frobnicate"]])];
const runs = new Map<string, Run>();
let realHelp: Run;

beforeAll(async () => {
  const child = startCliChild();
  try {
    const [bin] = await Promise.all([
      runBin(["--help"]),
      (async () => {
        for (const argv of CASES) {
          const run = await child.runIsolated(argv);
          runs.set(argv.join(" "), { ...run, loaded: relative(run.loaded) });
        }
      })(),
    ]);
    realHelp = bin;
  } finally {
    await child.close();
  }
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
  test("the real `bin.js --help` loads what main() loads in the child, and answers the same", () => {
    const inChild = result(["--help"]);
    expect(realHelp.status).toBe(0);
    expect(realHelp.stdout).toBe(inChild.stdout);
    // The child's own entry (mainChild.js) aside, the same modules: the child is bin.js's process.
    const project = (run: Run) => run.loaded.filter((f) => !f.startsWith("test/") && !f.endsWith("cli/bin.js")).sort();
    expect(project(inChild)).toEqual(project(realHelp));
  });

  test("the real bin exits only once tsx has written its compile cache: no file cut short, which every later run would compile again", () => {
    expect(realHelp.cacheSizes!.length).toBeGreaterThan(5);
    expect(realHelp.cacheSizes!.filter((size) => size === 0)).toEqual([]);
  });

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
