/**
 * runVerify against real servers on loopback: the example stack's DNS zone on 127.0.0.1, HTTPS
 * with a test CA, and one fault at a time. Each fault must surface under its check id and
 * severity; the clean fixture must get GO; no run may hang.
 */
import { examplePlan, startExample, APEX, APP, WWW, type Example, type Faults } from "../fixtures/verify/example";
import { runVerify, targetFromPlan } from "../../verify";
import type { Check, VerifyReport } from "../../verify/types";

let ex: Example;
beforeAll(async () => {
  ex = await startExample();
});
afterAll(async () => {
  await ex.close();
});

async function run(f: Faults, extra = {}): Promise<VerifyReport> {
  ex.set(f);
  return runVerify(targetFromPlan(examplePlan()), ex.options(extra));
}

const failed = (r: VerifyReport) => r.checks.filter((c) => c.status !== "pass").map((c) => `${c.status} ${c.id} ${c.target}`);
const find = (r: VerifyReport, id: string, target?: string): Check[] => r.checks.filter((c) => c.id === id && (target === undefined || c.target === target));

test("the correct fixture gets GO with every check passing", async () => {
  const r = await run({});
  expect(failed(r)).toEqual([]);
  expect(r.verdict).toBe("GO");
  // Every family ran.
  for (const id of ["dns.edge", "dns.record", "email.spf.lookups", "email.dkim", "redirect.chain", "tls.expiry", "headers.hsts", "headers.cookies", "smoke.protected", "perf.p95"]) {
    expect(find(r, id).length).toBeGreaterThan(0);
  }
  expect(r.notes).toEqual([
    `ses._domainkey.${APEX} CNAME: not checked, its value is unknown until deploy`,
    `STARTTLS on the MX hosts of ${APEX}: not probed; pass --smtp-port 25 from a network that allows outbound SMTP`,
  ]);
});

test.each<[string, Faults, string, string | undefined, "fail" | "warn", string, RegExp]>([
  ["redirect loop", { loop: true }, "redirect.chain", `https://${WWW}/launch-check?probe=1`, "fail", "high", /loop/],
  ["redirect drops the query", { dropQuery: true }, "redirect.chain", `https://${WWW}/launch-check?probe=1`, "fail", "high", /query string changed/],
  ["302 chain of 4", { chain302: true }, "redirect.chain", `http://${WWW}/launch-check?probe=1`, "fail", "high", /4 redirects, at most 3/],
  ["302 chain of 4 is temporary", { chain302: true }, "redirect.permanent", `http://${WWW}/launch-check?probe=1`, "fail", "medium", /302/],
  ["missing HSTS", { missingHsts: true }, "headers.hsts", `https://${APEX}`, "fail", "high", /no Strict-Transport-Security/],
  ["slow login", { slowLoginMs: 350 }, "perf.p95", `https://${APEX}/login`, "fail", "high", /over the 300 ms budget/],
  ["500 on signup", { signup500: true }, "smoke.signup", `https://${APEX}/signup`, "fail", "critical", /answers 500/],
  ["500 on signup counts as errors", { signup500: true }, "perf.errors", `https://${APEX}/signup`, "fail", "high", /4 of 4 samples failed/],
  ["protected page open", { protected200: true }, "smoke.protected", `https://${APEX}/members`, "fail", "critical", /answers 200 to an anonymous visitor/],
  ["insecure session cookie", { insecureCookie: true }, "headers.cookies", `https://${APEX}`, "fail", "high", /session cookie session lacks Secure, HttpOnly, SameSite/],
  ["certificate expiring in 5 days", { expiringCert: true }, "tls.expiry", APEX, "fail", "critical", /expires in [45] days/],
  ["certificate for another name", { wrongNameCert: true }, "tls.name", APP, "fail", "critical", /does not cover app\.example\.test/],
  ["SERVFAIL", { dns: { servfail: [APP] } }, "dns.resolve", `${APP} A`, "fail", "critical", /SERVFAIL/],
  ["resolver timeout", { dns: { silent: [`_dmarc.${APEX}`] } }, "dns.resolve", `_dmarc.${APEX} TXT`, "fail", "critical", /no answer within 800 ms/],
  ["second SPF record", { secondSpf: true }, "dns.conflict", `${APEX} TXT`, "fail", "high", /2 SPF records/],
  ["SPF with 11 lookups", { spf11: true }, "email.spf.lookups", APEX, "fail", "high", /11 DNS lookups, more than 10/],
  ["512-bit DKIM key", { dkim512: true }, "email.dkim", `s1._domainkey.${APEX}`, "fail", "high", /RSA key of 512 bits/],
  ["DMARC p=none in prod", { dmarcNone: true }, "email.dmarc", `_dmarc.${APEX}`, "fail", "high", /p=none does not protect/],
  ["origin exposed on a proxied host", { exposedOrigin: true }, "dns.edge", APEX, "fail", "high", /outside the edge ranges/],
  ["A record beside a CNAME", { aBesideCname: true }, "dns.conflict", APP, "fail", "high", /has other records beside it: A 127\.0\.1\.1/],
])("%s is reported", async (_name, faults, id, target, status, severity, message) => {
  const r = await run(faults);
  const hits = find(r, id, target).filter((c) => c.status === status);
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ severity, message: expect.stringMatching(message) });
  if (status === "fail") expect(r.verdict).toBe("NO-GO");
  // The fault ranks among the risks with its severity.
  expect(r.risks.some((k) => k.id === id && k.target === hits[0]!.target)).toBe(true);
});

test("a fault does not spill over: the redirect loop leaves TLS and email passing", async () => {
  const r = await run({ loop: true });
  expect(failed(r).every((f) => f.includes("redirect."))).toBe(true);
});

test("a silent resolver cannot hang the run: it ends within its bound", async () => {
  const r = await run({ dns: { silent: [APEX, WWW, APP, `_dmarc.${APEX}`, `s1._domainkey.${APEX}`] } });
  expect(r.verdict).toBe("NO-GO");
  expect(r.timing.runMs).toBeLessThan(r.timing.boundMs);
  expect(find(r, "dns.resolve").length).toBeGreaterThan(3);
});

test("a run bound shorter than the work stops the run and says so", async () => {
  const t0 = Date.now();
  const r = await run({ slowLoginMs: 2000 }, { runBoundMs: 300, timeoutMs: 3000 });
  expect(Date.now() - t0).toBeLessThan(1500);
  expect(find(r, "run.bound").length).toBeGreaterThan(0);
  expect(r.verdict).toBe("NO-GO");
});

test("without the test CA the chain is untrusted", async () => {
  const r = await run({}, { extraCa: undefined });
  expect(find(r, "tls.chain", APEX)[0]).toMatchObject({ status: "fail", severity: "critical" });
});

test("private addresses in public names fail unless allowed (split-horizon staging)", async () => {
  const r = await run({}, { allowPrivateAddresses: false });
  expect(find(r, "dns.private", `${APP} A`)[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/127\.0\.1\.1 is a loopback address/) });
});

test("concurrency: the run takes far less than the sum of its checks", async () => {
  const r = await run({ slowLoginMs: 100 });
  expect(r.timing.sumOfJobsMs).toBeGreaterThan(r.timing.runMs * 2);
});
