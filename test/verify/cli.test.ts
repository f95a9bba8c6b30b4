/**
 * `launch-ready verify` as a user runs it: the example stacks against a resolver that is not there
 * and usage errors, through cli/main.ts (what bin.js runs) in this process: its exit code, its
 * output, no stack trace. The real bin.js's exit statuses are test/cli/verify.test.ts's; the run
 * with every flag is in live.test.ts, beside its servers.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cliInProcess } from "./support/cli";
import { stackArgs, testStackFile } from "../support/stacks";

const STACK_TRACE = /\n\s+at /;

test("the example stacks against a resolver that does not answer: NO-GO, exit 1, within the bound, no stack trace", async () => {
  // One after the other: main() renders each stack in this process, and renders are awaited one at a time.
  const prod = await cliInProcess([...stackArgs("prod"), "--resolver", "127.0.0.1:1", "--json"]);
  const staging = await cliInProcess([...stackArgs("staging"), "--resolver", "127.0.0.1:1", "--json"]);
  for (const r of [prod, staging]) {
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe("NO-GO");
    expect(out.timing.runMs).toBeLessThan(out.timing.boundMs);
    expect(out.checks.every((c: { id: string; status: string }) => c.id === "dns.resolve" && c.status === "fail")).toBe(true);
  }
  // Staging's SES DKIM CNAMEs have names only after deploy: a note, not a crash or a silent gap.
  expect(JSON.parse(staging.stdout).notes).toContain(
    `<token>._domainkey.mail.example-staging.com CNAME x3 (SES DKIM of mail.example-staging.com): cannot check: known after deploy (the names carry SES's tokens); once deployed, list them in verify.dkimSelectors as "<token>._domainkey.mail" to check them`,
  );
  // Prod declares MTA-STS: its policy job ran (and failed on the resolver, as everything did).
  expect(JSON.parse(prod.stdout).checks.some((c: { target: string }) => c.target === "_mta-sts.example.com TXT")).toBe(true);
}, 180_000); // two renders: a minute on a busy shared machine, seconds on an idle one


test.each([
  [["--bogus"], /unknown option '--bogus'/],
  [["unexpected-argument", "--resolver", "127.0.0.1:1"], /too many arguments/],
  [["--resolver", "127.0.0.1:1", "--smtp-port", "0"], /--smtp-port "0" is not valid; an integer from 1 to 65535 is expected/],
  [["--resolver", "127.0.0.1:1", "--stack", "nosuch"], /Pulumi\.nosuch\.yaml/],
  [["--resolver", "127.0.0.1:1", "--plan", "/no/such/plan.json", "--stack", "prod"], /--plan reads a rendered plan; it cannot be combined with --stack/],
])("usage error %j: exit 2, a clear message, no stack trace", async (args, message) => {
  const r = await cliInProcess(args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_TRACE);
}, 30000);

describe("a malformed stack file is a usage error (exit 2) naming the file and every problem, before any lookup", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-stackfile-"));
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config:\n  launch-ready:domain: [unclosed\n  launch-ready:environment: prod\n");
    fs.writeFileSync(path.join(dir, "Pulumi.wrong.yaml"), "config:\n  launch-ready:environment: prod\n  launch-ready:domain: 42\n  launch-ready:canonicalHots: apex\n");
    // The test-owned prod stack with a verify section no run could honour.
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), fs.readFileSync(testStackFile("prod"), "utf8").trimEnd() + "\n  launch-ready:verify:\n    samplePath: no-slash\n    performance:\n      p95BudgetMs: -5\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each<[string, RegExp[]]>([
    ["Pulumi.broken.yaml", [/Pulumi\.broken\.yaml is not valid YAML/, /line 3, column 3/]],
    ["Pulumi.wrong.yaml", [/invalid stack config in .*Pulumi\.wrong\.yaml \(3 problems\)/, /launch-ready:domain: 42 is a number; a string is expected/, /launch-ready:canonicalHots: is not a known key/]],
    ["Pulumi.prod.yaml", [/invalid stack config in .*Pulumi\.prod\.yaml \(2 problems\)/, /launch-ready:verify\.samplePath: "no-slash" is not valid/, /launch-ready:verify\.performance\.p95BudgetMs: -5 is not valid/]],
  ])("%s", async (file, messages) => {
    // The resolver is not there: had the run started, every check would fail as dns.resolve (exit 1).
    const r = await cliInProcess(["--resolver", "127.0.0.1:1", "--json", "--config-file", path.join(dir, file)]);
    expect(r.code).toBe(2);
    for (const m of messages) expect(r.stderr).toMatch(m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe("");
  }, 30000);
});
