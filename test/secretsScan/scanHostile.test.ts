/**
 * secrets-scan against what issue 17 found it missed, through the CLI's main() and the real secretlint engine
 * (one child process for the suite, test/support/cliChild.ts: Jest's loader cannot load secretlint):
 * every credential shape of the project's judge in any file (Stripe keys in `stripe.js` and in a
 * stack file's `launch-ready:stripe`), tokens in files with NUL bytes (tree and history), and, in
 * PR mode, a change to the scanner's own ignore and config files. Fakes are built at run time.
 */
import { CREDENTIAL_SHAPES, OWN_SCAN_RULE_ID } from "../../kernel/credentials";
import { credentialSamples, fakePemPrivateKey, fakeSlackToken } from "./fakeCredentials";
import { makeTempRepo, type TempRepo } from "./tempRepo";
import type { Finding, ScanReport } from "../../secretsScan/types";
import { scanThroughChild } from "./scanChild";

/** main() in the suite's child process. */
const runScan = scanThroughChild();
const where = (f: Finding) => `${f.origin} ${f.file}:${f.line} ${f.ruleId}`;

let repo: TempRepo;
beforeEach(() => (repo = makeTempRepo()));
afterEach(() => repo.cleanup());

test("every credential shape the judge knows is found by the scan with the rule the judge names; a publishable Stripe key is not (exit 1)", async () => {
  const samples: Record<string, string> = { ...credentialSamples(), "private-key": fakePemPrivateKey() };
  const shapes = CREDENTIAL_SHAPES.map((s) => s.id);
  // One sample per line; the PEM block spans lines, so it goes last.
  const lines = shapes.filter((id) => id !== "private-key").map((id) => `${id} = ${samples[id]}`);
  const publishable = ["pk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");
  repo.write("samples.txt", `${lines.join("\n")}\npublishable = ${publishable}\n${samples["private-key"]}`);
  const stripeKey = samples["stripe-secret-key"]!;
  repo.write("src/stripe.js", `// payments\nconst stripe = require("stripe")("${stripeKey}");\n`);
  repo.write("Pulumi.prod.yaml", `config:\n  launch-ready:domain: example.com\n  launch-ready:stripe: ${stripeKey}\n`);

  const { code, stdout } = await runScan(repo.dir, "--no-history", "--json");
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as ScanReport;
  const found = report.findings.map(where);
  CREDENTIAL_SHAPES.forEach((shape) => {
    const line = shape.id === "private-key" ? lines.length + 2 : lines.findIndex((l) => l.startsWith(`${shape.id} =`)) + 1;
    expect(found).toContain(`worktree samples.txt:${line} ${shape.scanRule}`);
  });
  expect(found.filter((f) => f.startsWith(`worktree samples.txt:${lines.length + 1} `))).toEqual([]); // the publishable key
  expect(found).toContain(`worktree src/stripe.js:2 ${OWN_SCAN_RULE_ID}`);
  expect(found).toContain(`worktree Pulumi.prod.yaml:3 ${OWN_SCAN_RULE_ID}`);
  expect(report.findings.find((f) => f.file === "src/stripe.js")!.message).toBe("found a Stripe live secret key: sk_l…");
  for (const value of Object.values(samples)) expect(stdout).not.toContain(value.split("\n")[0]!.slice(12));
});

test("a token in a file with a NUL byte in its first 8,000 bytes is found in the tree and in history (exit 1)", async () => {
  const slack = fakeSlackToken();
  repo.write("README.md", "# demo\n");
  repo.commit("init");
  repo.write("assets/blob.bin", `\u0000\u0001\u0002PNG-ish\ncache=${slack}\n\u0000tail`);
  const added = repo.commit("add a binary blob");

  const { code, stdout } = await runScan(repo.dir, "--json");
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as ScanReport;
  expect(report.findings.map((f) => `${where(f)} ${f.commit ?? ""}`).sort()).toEqual([
    `history assets/blob.bin:2 @secretlint/secretlint-rule-slack ${added}`,
    "worktree assets/blob.bin:2 @secretlint/secretlint-rule-slack ",
  ]);
  expect(stdout).not.toContain(slack);
});

describe("PR mode (--base): the scan's own config comes from the base, and changing it is a finding", () => {
  const stripeKey = () => credentialSamples()["stripe-secret-key"]!;

  test("a PR adding a Stripe key with an ignore-everything file and an empty rule list fails with three findings kinds (exit 1)", async () => {
    repo.write("README.md", "# demo\n");
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "pr");
    repo.write(".secretlintignore", "*\n");
    repo.write(".secretlintrc.json", '{"rules": []}\n');
    repo.write("src/stripe.js", `module.exports = "${stripeKey()}";\n`);
    const pr = repo.commit("pay with stripe");

    // Without --base the PR's own files silence the scan: the reason the workflow passes --base.
    expect((await runScan(repo.dir)).stdout).toBe("secrets-scan: no secrets found in 0 files and 2 commits\n");

    const { code, stdout } = await runScan(repo.dir, "--base", "main", "--json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.findings.map((f) => `${where(f)} ${f.commit ?? ""}`).sort()).toEqual([
      `history .secretlintignore:1 launch-ready/secret-scan-config-changed ${pr}`,
      `history .secretlintrc.json:1 launch-ready/secret-scan-config-changed ${pr}`,
      `history src/stripe.js:1 ${OWN_SCAN_RULE_ID} ${pr}`,
      `worktree src/stripe.js:1 ${OWN_SCAN_RULE_ID} `,
    ]);
    expect(report.findings.find((f) => f.file === ".secretlintignore")!.message).toMatch(/changes what the secret scan looks at; this scan used the base commit's version/);
  });

  test("an uncommitted change to the ignore file is a worktree finding; an unchanged one is none (exit 1, then 0)", async () => {
    repo.write(".secretlintignore", "fixtures/\n");
    repo.commit("base");
    expect((await runScan(repo.dir, "--base", "main")).code).toBe(0);
    repo.write(".secretlintignore", "*\n");
    const { code, stdout } = await runScan(repo.dir, "--base", "main");
    expect(code).toBe(1);
    expect(stdout).toContain(".secretlintignore:1  launch-ready/secret-scan-config-changed  .secretlintignore (uncommitted) changes what the secret scan looks at");
  });

  test("a --base that names no commit exits 2 naming the flag", async () => {
    repo.write("README.md", "# demo\n");
    repo.commit("base");
    const { code, stderr } = await runScan(repo.dir, "--base", "no-such-branch");
    expect(code).toBe(2);
    expect(stderr).toContain("--base no-such-branch is not a commit of");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
