import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { folderSuiteMembers } from "./folderSuite";
import { folderSuiteDirs } from "./folderSuites";

const ROOT = path.join(__dirname, "..", "..");
const TEST_DIR = path.join(ROOT, "test");

/** The files jest runs as suites under a config loaded with this environment. */
function suitesUnder(env: Record<string, string | undefined>): string[] {
  const saved = process.env.LR_TEST_FILE_SUITES;
  process.env.LR_TEST_FILE_SUITES = env.LR_TEST_FILE_SUITES;
  if (env.LR_TEST_FILE_SUITES === undefined) delete process.env.LR_TEST_FILE_SUITES;
  try {
    let config: { testPathIgnorePatterns: string[] } | undefined;
    jest.isolateModules(() => {
      config = require(path.join(ROOT, "jest.config.js"));
    });
    const ignored = config!.testPathIgnorePatterns.map((p) => new RegExp(p));
    return allTestFiles().filter((file) => !ignored.some((re) => re.test(file)));
  } finally {
    if (saved === undefined) delete process.env.LR_TEST_FILE_SUITES;
    else process.env.LR_TEST_FILE_SUITES = saved;
  }
}

function allTestFiles(): string[] {
  return (fs.readdirSync(TEST_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith(".test.ts")).map((f) => path.join(TEST_DIR, f));
}

test("every test file runs exactly once: alone, or inside its folder's all.test.ts", () => {
  const alone = suitesUnder({});
  const folderSuites = alone.filter((f) => path.basename(f) === "all.test.ts");
  expect(folderSuites.length).toBeGreaterThan(0);
  const members = folderSuites.flatMap((suite) => folderSuiteMembers(path.dirname(suite)));
  for (const suite of folderSuites) expect(folderSuiteMembers(path.dirname(suite)).length).toBeGreaterThan(1);
  expect([...alone.filter((f) => !folderSuites.includes(f)), ...members].sort()).toEqual(allTestFiles().filter((f) => !folderSuites.includes(f)).sort());
  expect(new Set(members).size).toBe(members.length);
});

test("a folder suite takes in subfolders without an all.test.ts of their own, at any depth, and stops at one that has it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-folder-suite-"));
  try {
    for (const file of ["all.test.ts", "b.test.ts", "a.test.ts", "helper.ts", "sub/c.test.ts", "deep/x/d.test.ts", "own/all.test.ts", "own/e.test.ts", "own/inner/f.test.ts"]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), "");
    }
    const relative = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join("/"));
    expect(relative(folderSuiteMembers(dir))).toEqual(["a.test.ts", "b.test.ts", "deep/x/d.test.ts", "sub/c.test.ts"]);
    expect(relative(folderSuiteMembers(path.join(dir, "own")))).toEqual(["own/e.test.ts", "own/inner/f.test.ts"]);
    expect(relative(folderSuiteDirs(dir))).toEqual(["", "own"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("LR_TEST_FILE_SUITES=1 runs every file alone and no folder suite", () => {
  const alone = suitesUnder({ LR_TEST_FILE_SUITES: "1" });
  expect(alone.some((f) => path.basename(f) === "all.test.ts")).toBe(false);
  expect(alone.length).toBe(allTestFiles().filter((f) => path.basename(f) !== "all.test.ts").length);
});
