/**
 * End to end through the CLI and the real secretlint engine, in throw-away repositories with fake
 * credentials assembled at run time (fakeCredentials.ts). The real bin.js (`node cli/bin.js
 * secrets-scan`) for its exit statuses 1 and 2; the other runs through the same main() in one child
 * process for the suite (test/support/cliChild.ts), as Jest's loader cannot load secretlint.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  fakeAwsAccessKeyId, fakeAwsSecretAccessKey, fakePemPrivateKey, fakeSlackToken,
} from "./fakeCredentials";
import { makeTempRepo, type TempRepo } from "./tempRepo";
import type { ScanReport } from "../../secretsScan/types";
import { scanThroughChild } from "./scanChild";

const BIN = path.resolve(__dirname, "../../cli/bin.js");

/** The real entry, a process of its own. */
function runScanBin(repoDir: string, ...flags: string[]) {
  const r = spawnSync(process.execPath, [BIN, "secrets-scan", "--repo", repoDir, ...flags], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** main() in the suite's child process. */
const runScan = scanThroughChild();

let repo: TempRepo;
beforeEach(() => (repo = makeTempRepo()));
afterEach(() => repo.cleanup());

test("planted AWS, Slack and private-key credentials fail the scan, named by file and line, never printed", () => {
  const keyId = fakeAwsAccessKeyId();
  const secretKey = fakeAwsSecretAccessKey();
  const slack = fakeSlackToken();
  const pem = fakePemPrivateKey();
  repo.write("README.md", "# demo\n");
  repo.commit("init");
  repo.write(".env.example", `# copy to .env\nAWS_ACCESS_KEY_ID=${keyId}\naws_secret_access_key = ${secretKey}\n`);
  repo.write("src/notify.ts", `const x = 1;\n\nexport const SLACK = "${slack}";\n`);
  repo.write("deploy/key.pem", pem);

  const { code, stdout } = runScanBin(repo.dir, "--no-history");
  expect(code).toBe(1);
  expect(stdout).toMatch(/^ {2}\.env\.example:2 {2}@secretlint\/secretlint-rule-aws {2}.*AKIA…/m);
  expect(stdout).toMatch(/^ {2}\.env\.example:3 {2}@secretlint\/secretlint-rule-aws /m);
  expect(stdout).toMatch(/^ {2}src\/notify\.ts:3 {2}@secretlint\/secretlint-rule-slack {2}.*xoxb…/m);
  expect(stdout).toMatch(/^ {2}deploy\/key\.pem:1 {2}@secretlint\/secretlint-rule-privatekey /m);
  for (const secret of [keyId, secretKey, slack, pem.split("\n")[1]!]) expect(stdout).not.toContain(secret);
});

test("a credential added then deleted in a later commit is still found in history, with its commit", async () => {
  const slack = fakeSlackToken();
  repo.write("config/app.env", "LOG_LEVEL=info\n");
  repo.commit("init");
  repo.write("config/app.env", `LOG_LEVEL=info\nSLACK_TOKEN=${slack}\n`);
  const leaking = repo.commit("add slack notifications");
  repo.write("config/app.env", "LOG_LEVEL=info\n");
  repo.commit("oops, remove the token");

  expect((await runScan(repo.dir, "--no-history")).code).toBe(0);

  const { code, stdout } = await runScan(repo.dir);
  expect(code).toBe(1);
  expect(stdout).toContain(`config/app.env:2  @secretlint/secretlint-rule-slack  found slack token: xoxb…  commit ${leaking.slice(0, 7)}`);
  expect(stdout).not.toContain(slack);

  const json = await runScan(repo.dir, "--history-only", "--json");
  const report = JSON.parse(json.stdout) as ScanReport;
  expect(json.code).toBe(1);
  expect(report.findings).toEqual([
    expect.objectContaining({ origin: "history", commit: leaking, file: "config/app.env", line: 2, preview: "xoxb…" }),
  ]);
  expect(report.scanned.commits).toBe(3);
});

test("a Pulumi stack file with a plaintext apiToken fails; with secure: it passes", async () => {
  repo.write("Pulumi.staging.yaml", "config:\n  launch-ready:domain: staging.example.com\n  launch-ready:apiToken: plainvalue\n");
  const { code, stdout } = await runScan(repo.dir, "--no-history");
  expect(code).toBe(1);
  expect(stdout).toContain('Pulumi.staging.yaml:3  launch-ready/stack-config-plaintext-secret  config key "launch-ready:apiToken" looks secret');
  expect(stdout).not.toContain("plainvalue");

  repo.write("Pulumi.staging.yaml", "config:\n  launch-ready:domain: staging.example.com\n  launch-ready:apiToken:\n    secure: v1:Zm9vYmFy\n");
  const clean = await runScan(repo.dir, "--no-history");
  expect(clean.stdout).toBe("secrets-scan: no secrets found in 1 file and 0 commits\n");
  expect(clean.code).toBe(0);
});

test("a clean repository passes, history included", async () => {
  repo.write("index.ts", "export const greeting = 'hello';\n");
  repo.write(".env.example", "DATABASE_HOST=localhost\nSLACK_TOKEN=\n");
  repo.commit("init");
  const { code, stdout } = await runScan(repo.dir);
  expect(stdout).toBe("secrets-scan: no secrets found in 2 files and 1 commit\n");
  expect(code).toBe(0);
});

test.each([
  [["--history-only", "--no-history"], /exclude each other/],
  [["--bogus"], /unknown option/],
])("usage error %j exits 2", async (flags, message) => {
  const { code, stderr } = await runScan(repo.dir, ...flags);
  expect(code).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
});

test("--repo outside a git repository exits 2 from the real bin, with a message saying so and no stack trace", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-not-git-"));
  try {
    const { code, stdout, stderr } = runScanBin(dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("is not a git working tree");
    expect(stderr).not.toMatch(/\n\s+at /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a credential in a git-ignored .env fails the scan, named by file and line, never printed", async () => {
  const slack = fakeSlackToken();
  repo.write(".gitignore", ".env\n");
  repo.write("README.md", "# demo\n");
  repo.commit("init");
  repo.write(".env", `LOG_LEVEL=info\nSLACK_TOKEN=${slack}\n`);

  const { code, stdout } = await runScan(repo.dir, "--no-history");
  expect(code).toBe(1);
  expect(stdout).toMatch(/^ {2}\.env:2 {2}@secretlint\/secretlint-rule-slack {2}.*xoxb…/m);
  expect(stdout).not.toContain(slack);
});

test("scans leave no performance mark behind: secretlint's profiler is off (secretsScan/secretlint.ts)", async () => {
  // With it on, each rule on each linted text leaves marks its observer scans on every new one.
  repo.write("README.md", "# demo\n");
  for (let i = 0; i < 10; i++) repo.write(`src/file${i}.ts`, `export const n${i} = ${i};\n`);
  repo.commit("init");
  const run = await runScan(repo.dir);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/no secrets found in 11 files and 1 commit\b/);
  expect(run.marks).toBe(0);
});
