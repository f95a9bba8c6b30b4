/**
 * The `verify` command end to end against the loopback example stack, reading a rendered plan file:
 * exit codes, JSON, JUnit and usage errors. The real CLI (node cli/bin.js) for what only a process
 * shows (exit statuses 0 and 1, JSON on stdout apart from progress on stderr); the rest through
 * main(), the entry bin.js runs, in this process. (Exit 2 from the real bin: test/cli/diff.test.ts.)
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { examplePlan, startExample, type Example } from "../fixtures/verify/example";
import { optionsFromFlags, parseResolver, systemResolver } from "../../cli/run/verify";
import { cliInProcess } from "../verify/support/cli";

const ROOT = path.resolve(__dirname, "../..");
let ex: Example;
let dir: string;

beforeAll(async () => {
  ex = await startExample();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-cli-"));
  fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify(examplePlan()));
  fs.writeFileSync(path.join(dir, "edge.txt"), "# the test edge\n127.0.0.2/32\n");
  fs.writeFileSync(path.join(dir, "ca.pem"), ex.ca.cert);
});
afterAll(async () => {
  await ex.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process, which serves the fixture. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, "cli/bin.js"), "verify", ...args], { cwd: ROOT, timeout: 30000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 70) : 0, stdout, stderr });
    });
  });
}

const live = () => [
  "--plan", path.join(dir, "plan.json"),
  "--resolver", `127.0.0.1:${ex.dns.port}`,
  "--edge-ranges", path.join(dir, "edge.txt"),
  "--ca-file", path.join(dir, "ca.pem"),
  "--http-port", String(ex.web.httpPort),
  "--https-port", String(ex.web.httpsPort),
  "--timeout-ms", "2000",
  "--samples", "3",
  "--allow-private-addresses",
];

test("a correct stack: GO, exit 0, JSON on stdout, progress on stderr, JUnit written", async () => {
  ex.set({});
  const junit = path.join(dir, "go.xml");
  const r = await cli([...live(), "--json", "--junit", junit]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.verdict).toBe("GO");
  expect(out.checks.length).toBeGreaterThan(50);
  expect(out.checks[0]).toEqual(expect.objectContaining({ id: expect.any(String), target: expect.any(String), status: "pass", severity: expect.any(String), message: expect.any(String) }));
  expect(out.risks).toEqual([]);
  expect(r.stderr).toMatch(/\[\d+\/\d+\] /);
  expect(fs.readFileSync(junit, "utf8")).toMatch(/<testsuites name="launch-ready verify" tests="\d+" failures="0"/);
}, 40000);

test("a 500 on signup: NO-GO, exit 1, the table and the ranked risks", async () => {
  ex.set({ signup500: true });
  const r = await cli(live());
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/FAIL\s+│ critical\s+│ smoke\.signup/);
  expect(r.stdout).toMatch(/Risks, by launch impact:\n  1\. \[FAIL critical\] smoke\.signup https:\/\/example\.test\/signup: answers 500/);
  expect(r.stdout).toMatch(/Verdict: NO-GO\n$/);
}, 40000);

test.each([
  [["--resolver", "nonsense"], /--resolver "nonsense" is not a resolver address; expected IP or IP:PORT/],
  [["--resolver", "127.0.0.1:99999"], /is not a resolver address/],
  [["--resolver", "127.0.0.1", "--plan", "/no/such/plan.json"], /cannot read --plan \/no\/such\/plan.json: no such file; expected a plan/],
  [["--resolver", "127.0.0.1", "--edge-ranges", "/no/such/file"], /--edge-ranges \/no\/such\/file: cannot read it/],
  [["--resolver", "127.0.0.1", "--timeout-ms", "-5"], /--timeout-ms "-5" is not valid; an integer from 50 to 120000 is expected/],
])("usage error %j: exit 2, a clear message, no stack trace", async (args, message) => {
  const r = await cliInProcess(args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}, 30000);


describe("flag parsing", () => {
  test("resolver forms", () => {
    expect(parseResolver("10.0.0.1")).toEqual({ host: "10.0.0.1", port: 53 });
    expect(parseResolver("127.0.0.1:5353")).toEqual({ host: "127.0.0.1", port: 5353 });
    expect(parseResolver("[::1]:5353")).toEqual({ host: "::1", port: 5353 });
    expect(parseResolver("::1")).toEqual({ host: "::1", port: 53 });
    expect(() => parseResolver("dns.example.com:53")).toThrow(/not a resolver address/);
  });
  test("the system resolver comes from resolv.conf, and its absence is a usage error", () => {
    expect(systemResolver("# x\nsearch lan\nnameserver 10.255.255.53\nnameserver 1.1.1.1\n")).toEqual({ host: "10.255.255.53", port: 53 });
    expect(() => optionsFromFlags({}, () => "search lan\n")).toThrow("no nameserver in /etc/resolv.conf; pass --resolver IP:PORT");
  });
  test("a bad edge ranges file names the line", () => {
    const f = path.join(dir, "bad-edge.txt");
    fs.writeFileSync(f, "127.0.0.2/32\n300.1.1.1/8\n");
    expect(() => optionsFromFlags({ resolver: "127.0.0.1", edgeRanges: f })).toThrow(`--edge-ranges ${f} line 2: "300.1.1.1/8" is not a CIDR range`);
  });
  test("a CA file without a certificate is refused", () => {
    const f = path.join(dir, "notca.pem");
    fs.writeFileSync(f, "hello");
    expect(() => optionsFromFlags({ resolver: "127.0.0.1", caFile: f })).toThrow(/no PEM certificate/);
    // Garbage inside the PEM markers is a bad flag (UserError, exit 2), not every host's TLS failing.
    const g = path.join(dir, "garbage-ca.pem");
    fs.writeFileSync(g, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
    expect(() => optionsFromFlags({ resolver: "127.0.0.1", caFile: g })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^--ca-file .*garbage-ca\.pem: a "BEGIN CERTIFICATE" block is not a valid PEM X\.509 certificate/) }));
    // --allow-private-addresses: ranges as given, the bare flag keeps its meaning, a bad range is named.
    expect(optionsFromFlags({ resolver: "127.0.0.1", allowPrivateAddresses: "10.20.0.0/16,fd00::/8" })).toMatchObject({ allowPrivateAddresses: false, privateAddressRanges: ["10.20.0.0/16", "fd00::/8"] });
    expect(optionsFromFlags({ resolver: "127.0.0.1", allowPrivateAddresses: true })).toMatchObject({ allowPrivateAddresses: true });
    expect(() => optionsFromFlags({ resolver: "127.0.0.1", allowPrivateAddresses: "10.0.0.0/8,10.1" })).toThrow(`--allow-private-addresses: "10.1" is not a CIDR range`);
  });
});
