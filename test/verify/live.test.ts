/**
 * runVerify against real servers on loopback: the test stack's DNS zone on 127.0.0.1, HTTPS with
 * a test CA, an SMTP server with STARTTLS, and one fault at a time. Each fault must surface under
 * its check id and severity; the clean stack must get GO; no run may hang. One set of servers
 * serves the whole file (faults are switched, not restarted).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderText } from "../../verify/render";
import { runVerify, targetFromPlan } from "../../verify";
import type { Check, VerifyReport } from "../../verify/types";
import { cliInProcess } from "./support/cli";
import { APEX, APP, MTA_STS, MX, SES_FEEDBACK, TRACK, WWW, startStack, stackPlan, type Faults, type Stack } from "./support/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

async function run(f: Faults, extra = {}): Promise<VerifyReport> {
  stack.set(f);
  return runVerify(targetFromPlan(stackPlan()), stack.options(extra));
}

const notPassing = (r: VerifyReport) => r.checks.filter((c) => c.status !== "pass").map((c) => `${c.status} ${c.id} ${c.target}`);
const find = (r: VerifyReport, id: string, target?: string): Check[] => r.checks.filter((c) => c.id === id && (target === undefined || c.target === target));
const SAMPLE = "/launch-check?probe=1";
const POLICY_URL = `https://${MTA_STS}/.well-known/mta-sts.txt`;

test("the correct stack gets GO with every check passing, and says what it could not check", async () => {
  const r = await run({});
  expect(notPassing(r)).toEqual([]);
  expect(r.verdict).toBe("GO");
  // Every family ran, including the mail names beyond the apex (SES MAIL FROM) and both MX hosts.
  for (const id of ["dns.edge", "dns.record", "dns.conflict", "dns.caa", "email.spf.lookups", "email.spf.ranges", "email.dkim", "email.mtasts", "redirect.chain", "tls.expiry", "headers.hsts", "headers.declared", "headers.cookies", "smoke.protected", "perf.p95"]) {
    expect(find(r, id).length).toBeGreaterThan(0);
  }
  expect(find(r, "email.spf.lookups").map((c) => c.target)).toEqual([`bounce.mail.${APEX}`, APEX, `mail.${APEX}`]);
  expect(find(r, "email.starttls").map((c) => c.target).sort()).toEqual([SES_FEEDBACK, MX]);
  expect(find(r, "smoke.login")[0]!.message).toMatch(/shows "Sign in"/);
  expect(r.notes).toEqual([
    expect.stringMatching(/^<token>\._domainkey\.mail\.example\.test CNAME x3 \(SES DKIM of mail\.example\.test\): cannot check: known after deploy/),
    // No verify.version in this stack: the deployed-commit check says it did not run.
    "app.commit: not run: the config names no version route (verify.version, docs/config.md)",
  ]);
  expect(find(r, "app.commit")).toEqual([]);
});

test.each<[string, Faults, string, string, "fail" | "warn", string, RegExp]>([
  // redirects
  ["redirect loop", { loop: true }, "redirect.chain", `https://${WWW}${SAMPLE}`, "fail", "high", /loop/],
  ["redirect drops the query", { dropQuery: true }, "redirect.chain", `https://${WWW}${SAMPLE}`, "fail", "high", /query string changed/],
  ["302 chain of 4", { chain302: true }, "redirect.chain", `http://${WWW}${SAMPLE}`, "fail", "high", /4 redirects, at most 3/],
  ["302 chain of 4 is temporary", { chain302: true }, "redirect.permanent", `http://${WWW}${SAMPLE}`, "fail", "medium", /302/],
  ["http skips the https upgrade on its own host", { httpSkipsHost: true }, "redirect.chain", `http://${WWW}${SAMPLE}`, "fail", "high", /must first go to https:\/\/www\.example\.test \(same host\)/],
  // TLS and CAA
  ["certificate expiring in 5 days", { expiringCert: true }, "tls.expiry", APEX, "fail", "critical", /expires in [45] days/],
  ["certificate expiring in 20 days", { renewSoonCert: true }, "tls.expiry", APEX, "warn", "critical", /expires in 1[89] days .* under 30/],
  ["certificate for another name", { wrongNameCert: true }, "tls.name", APP, "fail", "critical", /does not cover app\.example\.test/],
  ["CAA that refuses the issuing CA", { caaWrongCa: true }, "dns.caa", APEX, "fail", "high", /allows pki\.goog, but the certificate in use comes from Let's Encrypt/],
  // headers
  ["missing HSTS", { missingHsts: true }, "headers.hsts", `https://${APEX}`, "fail", "high", /no Strict-Transport-Security/],
  ["a header unlike the declared one", { headerDrift: true }, "headers.declared", `https://${APEX}/`, "fail", "medium", /x-frame-options is "SAMEORIGIN", declared "DENY"/],
  ["insecure session cookie", { insecureCookie: true }, "headers.cookies", `https://${APEX}`, "fail", "high", /session cookie session lacks Secure, HttpOnly, SameSite/],
  ["a config-named session cookie without flags", { configCookieLax: true }, "headers.cookies", `https://${APEX}`, "fail", "high", /session cookie mbr lacks Secure, HttpOnly, SameSite/],
  // smoke and performance
  ["500 on signup", { signup500: true }, "smoke.signup", `https://${APEX}/signup`, "fail", "critical", /answers 500/],
  ["500 on signup counts as errors", { signup500: true }, "perf.errors", `https://${APEX}/signup`, "fail", "high", /2 of 2 samples failed/],
  ["a 200 placeholder instead of the login form", { loginPlaceholder: true }, "smoke.login", `https://${APEX}/login`, "fail", "critical", /without the expected text "Sign in"/],
  ["protected page open", { protected200: true }, "smoke.protected", `https://${APEX}/members`, "fail", "critical", /answers 200 to an anonymous visitor/],
  // DNS
  ["SERVFAIL", { dns: { servfail: [APP] } }, "dns.resolve", `${APP} A`, "fail", "critical", /SERVFAIL/],
  ["origin exposed on a proxied host", { exposedOrigin: true }, "dns.edge", APEX, "fail", "high", /outside the edge ranges/],
  ["A record beside a CNAME", { aBesideCname: true }, "dns.conflict", APP, "fail", "high", /has other records beside it: A 127\.0\.1\.1/],
  ["CNAME loop", { cnameLoop: true }, "dns.conflict", TRACK, "fail", "high", /CNAME loop track\.example\.test -> t\.example\.test -> track\.example\.test/],
  // email
  ["second SPF record", { secondSpf: true }, "dns.conflict", `${APEX} TXT`, "fail", "high", /2 SPF records/],
  ["SPF with 11 lookups", { spf11: true }, "email.spf.lookups", APEX, "fail", "high", /11 DNS lookups, more than 10/],
  ["SPF with 3 void lookups", { spfVoids: true }, "email.spf.lookups", APEX, "fail", "high", /3 void lookups, more than 2/],
  ["SPF ranges covering all of IPv4 in two halves", { spfBroad: true }, "email.spf.ranges", APEX, "fail", "high", /live record authorises 4,294,967,296 IPv4 addresses: anyone could send as the domain.*\(ip4:0\.0\.0\.0\/1 \+ip4:128\.0\.0\.0\/1\)/],
  ["SPF missing on the SES MAIL FROM name", { bounceSpfMissing: true }, "email.spf", `bounce.mail.${APEX}`, "fail", "high", /no v=spf1 record live, but the stack declares one/],
  ["512-bit DKIM key", { dkim512: true }, "email.dkim", `s1._domainkey.${APEX}`, "fail", "high", /RSA key of 512 bits/],
  ["DMARC p=none in prod", { dmarcNone: true }, "email.dmarc", `_dmarc.${APEX}`, "fail", "high", /p=none does not protect/],
  ["DMARC reports to a domain that does not authorise them", { dmarcAuthMissing: true }, "email.dmarc", `_dmarc.${APEX}`, "warn", "high", /reports\.other\.test, which does not authorise them \(no example\.test\._report\._dmarc\.reports\.other\.test TXT/],
  ["MX without STARTTLS", { noStarttls: true }, "email.starttls", MX, "fail", "medium", /does not offer STARTTLS/],
  ["MTA-STS policy missing", { mtaStsMissing: true }, "email.mtasts", POLICY_URL, "fail", "medium", /policy answers 404/],
  ["MTA-STS policy unlike the declared one", { mtaStsDrift: true }, "email.mtasts", POLICY_URL, "fail", "medium", /live mode testing, declared enforce/],
  ["MTA-STS policy host with a certificate for another name", { mtaStsWrongCert: true }, "email.mtasts", POLICY_URL, "fail", "medium", /policy not fetched: .*does not match/],
])("%s is reported", async (_name, faults, id, target, status, severity, message) => {
  const r = await run(faults);
  const hits = find(r, id, target).filter((c) => c.status === status);
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ severity, message: expect.stringMatching(message) });
  expect(r.verdict).toBe(status === "fail" ? "NO-GO" : "GO");
  // The fault ranks among the risks with its severity.
  expect(r.risks.some((k) => k.id === id && k.target === target && k.severity === severity)).toBe(true);
});

test("a slow login is over its p95 budget while the homepage is within it (2 s budget: wide enough for a busy machine's homepage)", async () => {
  stack.set({ slowLoginMs: 2500 });
  const r = await runVerify(targetFromPlan(stackPlan({ verify: { performance: { samples: 2, p95BudgetMs: 2000 }, routes: { content: { "/login": "Sign in" } } } })), stack.options());
  expect(find(r, "perf.p95", `https://${APEX}/login`)[0]).toMatchObject({ status: "fail", severity: "high", message: expect.stringMatching(/^p95 (2[5-9]\d\d|[3-9]\d{3}|\d{5,}) ms over the 2000 ms budget/) });
  expect(find(r, "perf.p95", `https://${APEX}/`)[0]!.status).toBe("pass");
  expect(r.verdict).toBe("NO-GO");
});

test("a chain of exactly 3 permanent redirects keeping path and query passes", async () => {
  const r = await run({ chain3: true });
  expect(find(r, "redirect.chain", `http://${WWW}${SAMPLE}`)[0]).toMatchObject({ status: "pass", message: expect.stringMatching(/^3 redirect\(s\)/) });
  expect(r.verdict).toBe("GO");
});

test("a fault does not spill over: the redirect loop leaves TLS, mail and smoke passing", async () => {
  const r = await run({ loop: true });
  expect(notPassing(r).every((f) => f.includes("redirect."))).toBe(true);
});

test("a resolver that stays silent for some names cannot hang the run", async () => {
  const r = await run({ dns: { silent: [APEX, WWW, APP, `_dmarc.${APEX}`, `s1._domainkey.${APEX}`] } }, { timeoutMs: 150 });
  expect(r.verdict).toBe("NO-GO");
  expect(r.timing.runMs).toBeLessThan(r.timing.boundMs);
  // A timeout is a resolver that cannot answer: critical, failed, and ranked among the risks as such.
  expect(find(r, "dns.resolve", `_dmarc.${APEX} TXT`)).toEqual([expect.objectContaining({ status: "fail", severity: "critical", message: expect.stringMatching(/no answer within 150 ms/) })]);
  expect(r.risks.find((k) => k.id === "dns.resolve" && k.target === `_dmarc.${APEX} TXT`)).toMatchObject({ severity: "critical", status: "fail" });
  expect(find(r, "dns.resolve").length).toBeGreaterThan(3);
});

test("a resolver that is not there: every lookup is refused at once, NO-GO before one timeout", async () => {
  const r = await run({}, { resolver: { host: "127.0.0.1", port: 1 }, timeoutMs: 5000 });
  expect(r.verdict).toBe("NO-GO");
  // Waiting out the timeout would take 5 s at least: refusals end the run before that, even on a busy machine.
  expect(r.timing.runMs).toBeLessThan(5000);
  expect(r.checks.every((c) => c.id === "dns.resolve" && c.status === "fail")).toBe(true);
  expect(r.checks[0]!.message).toMatch(/refused: nothing answers DNS/);
});

test("a run bound shorter than the work stops the run and says so", async () => {
  const t0 = Date.now();
  const r = await run({ slowLoginMs: 2000 }, { runBoundMs: 300, timeoutMs: 3000 });
  expect(Date.now() - t0).toBeLessThan(1500);
  expect(find(r, "run.bound").length).toBeGreaterThan(0);
  expect(r.verdict).toBe("NO-GO");
});

test("without the test CA the chain is untrusted, and the MTA-STS policy cannot be fetched", async () => {
  const r = await run({}, { extraCa: undefined });
  expect(find(r, "tls.chain", APEX)[0]).toMatchObject({ status: "fail", severity: "critical" });
  expect(find(r, "email.mtasts")[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/policy not fetched/) });
  expect(find(r, "email.starttls", MX)[0]).toMatchObject({ status: "warn", message: expect.stringMatching(/certificate not trusted/) });
});

test("private addresses in public names fail unless allowed (split-horizon staging), at the end of an unproxied CNAME too", async () => {
  const r = await run({}, { allowPrivateAddresses: false });
  expect(find(r, "dns.private", `${APP} A`)[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/127\.0\.1\.1 is a loopback address/) });
  // track -> t.example.test -> 127.0.1.1: the CNAME's record is as declared, its chain ends at loopback.
  expect(find(r, "dns.record", `${TRACK} CNAME`)[0]!.status).toBe("pass");
  expect(find(r, "dns.private", `${TRACK} CNAME`)).toEqual([expect.objectContaining({ status: "fail", severity: "high", message: "the CNAME chain ends at 127.0.1.1, a loopback address" })]);
  const allowed = await run({});
  expect(find(allowed, "dns.private")).toEqual([]);
  // Only the split-horizon ranges named: app's origin (127.0.1.0/24) accepted, nothing else widened.
  const ranged = await run({}, { allowPrivateAddresses: false, privateAddressRanges: ["127.0.1.0/24"] });
  expect(find(ranged, "dns.private", `${APP} A`)[0]).toMatchObject({ status: "pass", message: "public addresses, and 1 private one(s) inside --allow-private-addresses" });
  expect(find(ranged, "dns.private", `${TRACK} CNAME`)[0]!.status).toBe("pass");
  const narrow = await run({}, { allowPrivateAddresses: false, privateAddressRanges: ["10.0.0.0/8"] });
  expect(find(narrow, "dns.private", `${APP} A`)[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/127\.0\.1\.1 is a loopback address/) });
});

test("the resolver answers but nothing declared resolves: one summary naming the delegation, each failure listed once", async () => {
  stack.set({});
  stack.dns.set([{ name: APEX, type: "NS", data: "ns1.registrar-parking.test" }]);
  const r = await runVerify(targetFromPlan(stackPlan()), stack.options());
  expect(r.verdict).toBe("NO-GO");
  expect(r.summary).toBe(`nothing resolves: none of the 3 declared host names has an address (${APEX}, ${WWW}, ${APP}). Is the zone delegated? the name servers the resolver sees for ${APEX} are ns1.registrar-parking.test: are they the ones the stack's nameServers output names? Every failure below follows from this.`);
  const text = renderText(r);
  const fails = r.checks.filter((c) => c.status === "fail");
  expect(fails.length).toBeGreaterThan(10);
  // Each failure once: in the ranked risks, not again in the table.
  for (const c of fails.slice(0, 5)) expect(text.split(`${c.id} ${c.target}: `).length - 1).toBe(1);
  expect(text.startsWith(`Summary: nothing resolves:`)).toBe(true);
  // A healthy zone has no summary.
  expect((await run({})).summary).toBeUndefined();
});

test("without an SMTP port the STARTTLS probe is off, and the report says so", async () => {
  const r = await run({}, { smtpPort: undefined });
  expect(find(r, "email.starttls")).toEqual([]);
  expect(r.notes).toContain(`STARTTLS on the MX hosts of bounce.mail.${APEX}, ${APEX}: not probed; pass --smtp-port 25 from a network that allows outbound SMTP`);
});

test("concurrency: the run takes far less than the sum of its checks", async () => {
  const r = await run({ slowLoginMs: 100 });
  expect(r.timing.sumOfJobsMs).toBeGreaterThan(r.timing.runMs * 2);
});

test("the CLI on the test stack with every flag: GO, exit 0, the JSON shape of the issue, notes as skipped JUnit cases", async () => {
  stack.set({});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-cli-"));
  fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify(stackPlan()));
  fs.writeFileSync(path.join(dir, "edge.txt"), "# the test edge\n127.0.0.2/32\n");
  fs.writeFileSync(path.join(dir, "ca.pem"), stack.ca.cert);
  const junit = path.join(dir, "go.xml");
  const r = await cliInProcess([
    "--plan", path.join(dir, "plan.json"),
    "--resolver", `127.0.0.1:${stack.dns.port}`,
    "--edge-ranges", path.join(dir, "edge.txt"),
    "--ca-file", path.join(dir, "ca.pem"),
    "--http-port", String(stack.web.httpPort),
    "--https-port", String(stack.web.httpsPort),
    "--smtp-port", String(stack.smtp.port),
    "--timeout-ms", "2000",
    "--samples", "3",
    "--allow-private-addresses",
    "--json", "--junit", junit,
  ]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.verdict).toBe("GO");
  expect(out.risks).toEqual([]);
  for (const c of out.checks) expect(Object.keys(c)).toEqual(["id", "target", "status", "severity", "message"]);
  expect(out.checks.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(["email.starttls", "email.mtasts", "dns.caa", "headers.declared"]));
  expect(r.stderr).toMatch(/\[\d+\/\d+\] email starttls example\.test/);
  const xml = fs.readFileSync(junit, "utf8");
  expect(xml).toMatch(/<testsuites name="launch-ready verify" tests="\d+" failures="0"/);
  expect(xml).toMatch(/<testsuite name="not checked" tests="2" failures="0" skipped="2">\n {4}<testcase classname="notes" name="&lt;token&gt;\._domainkey\.mail\.example\.test CNAME x3 \(SES DKIM of mail\.example\.test\)" time="0\.000">\n {6}<skipped message="[^"]*cannot check: known after deploy/);
  fs.rmSync(dir, { recursive: true, force: true });
}, 30000);
