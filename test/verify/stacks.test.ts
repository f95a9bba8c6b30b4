/**
 * The real prod stack (Pulumi.prod.yaml, rendered as `plan` renders it) against a loopback copy of
 * exactly what its plan declares (support/rendered.ts): proxied hosts on the edge, the help centre
 * unproxied at its third party, Access in front of admin, the edge's redirects and header rules as
 * the plan's own rules say, mail records as built. It must get GO through the CLI; a few planted
 * faults must each turn it NO-GO under the right check. Staging is not served here: it costs a
 * second render of the stack, and the prod stack exercises every kind of host.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseSecretValues } from "../../verify/clientcode/secretValues";
import { redact } from "../../plan/redact";
import { runVerify, targetFromPlan } from "../../verify";
import type { Check, VerifyReport } from "../../verify/types";
import { cliInProcess } from "./support/cli";
import { ACCESS_TEAM, EDGE, LIVE_COMMIT, ORIGIN, startRendered, type RenderedFaults, type RenderedStacks } from "./support/rendered";

let s: RenderedStacks;
let dir: string;
beforeAll(async () => {
  s = await startRendered(["prod"]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-prod-"));
  // What `plan --json` writes: secrets and unknowns redacted.
  fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify(redact(s.plans.prod!, "[unknown]")));
  fs.writeFileSync(path.join(dir, "edge.txt"), `# the loopback edge\n${EDGE}/32\n`);
  fs.writeFileSync(path.join(dir, "ca.pem"), s.ca.cert);
}, 60000);
afterAll(async () => {
  await s?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const SAMPLE = "/launch-check?probe=1";
const prod = () => s.plans.prod!;
const hostsOf = () => (prod().config.hosts as Array<{ fqdn: string; proxied: boolean; sensitive: boolean }>);
const find = (checks: Check[], id: string, target?: string) => checks.filter((c) => c.id === id && (target === undefined || c.target === target));
const notPassing = (checks: Check[]) => checks.filter((c) => c.status !== "pass").map((c) => `${c.status} ${c.id} ${c.target}`);

async function run(f: RenderedFaults): Promise<VerifyReport> {
  s.set(f);
  return runVerify(targetFromPlan(prod()), s.options());
}

test("the prod stack as declared gets GO through the CLI: every host on http and https, Access on admin, help at its third party, mail as built", async () => {
  s.set({});
  const r = await cliInProcess([
    "--plan", path.join(dir, "plan.json"),
    "--resolver", `127.0.0.1:${s.dns.port}`,
    "--edge-ranges", path.join(dir, "edge.txt"),
    "--ca-file", path.join(dir, "ca.pem"),
    "--http-port", String(s.web.httpPort),
    "--https-port", String(s.web.httpsPort),
    "--timeout-ms", "2000",
    "--samples", "2",
    "--allow-private-addresses",
    "--json",
  ]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { verdict: string; checks: Check[]; notes: string[] };
  expect(out.verdict).toBe("GO");
  // The one warning is the stack's own choice: app's CSP only reports while it is tuned.
  expect(notPassing(out.checks)).toEqual(["warn headers.csp https://app.example.com/"]);

  const hosts = hostsOf();
  expect(hosts.map((h) => h.fqdn).sort()).toEqual(["admin.example.com", "api.example.com", "app.example.com", "example.com", "help.example.com", "www.example.com"]);
  // Every host, both schemes, each a pass.
  expect(find(out.checks, "redirect.chain").map((c) => c.target).sort()).toEqual(hosts.flatMap((h) => [`http://${h.fqdn}${SAMPLE}`, `https://${h.fqdn}${SAMPLE}`]).sort());
  // www: upgraded on its own host, then the canonical-host rule, path and query kept.
  expect(find(out.checks, "redirect.chain", `http://www.example.com${SAMPLE}`)[0]!.message).toBe(`2 redirect(s): http://www.example.com${SAMPLE} [301] -> https://www.example.com${SAMPLE} [301] -> https://example.com${SAMPLE} [404]`);
  // admin: Access sends anonymous visitors to the team's login, over https too.
  expect(find(out.checks, "redirect.chain", `https://admin.example.com${SAMPLE}`)[0]!.message).toBe(`sends anonymous visitors to the Access login at https://${ACCESS_TEAM}.cloudflareaccess.com: https://admin.example.com${SAMPLE} [302]`);
  expect(find(out.checks, "redirect.chain", `http://admin.example.com${SAMPLE}`)[0]!.message).toBe(`upgrades to https://admin.example.com${SAMPLE} (access-gated host: later hops not judged)`);
  expect(find(out.checks, "smoke.protected").map((c) => c.target)).toEqual(["https://example.com/members"]);
  // Proxied hosts on the edge; help is the third party's (not proxied, its CNAME as declared).
  expect(find(out.checks, "dns.edge").map((c) => c.target).sort()).toEqual(hosts.filter((h) => h.proxied).map((h) => h.fqdn).sort());
  expect(find(out.checks, "dns.record", "help.example.com CNAME")[0]!.message).toBe("1 record(s) as declared");
  expect(find(out.checks, "headers.hsts", "https://help.example.com")[0]!.status).toBe("pass");
  // Mail as the email section builds it.
  expect(find(out.checks, "email.dkim").map((c) => c.target)).toEqual(["20240101123456pm._domainkey.example.com", "google._domainkey.example.com"]);
  expect(find(out.checks, "email.mtasts")[0]!.status).toBe("pass");
  expect(find(out.checks, "dns.caa").length).toBe(hosts.length);
  expect(out.notes).toContain("STARTTLS on the MX hosts of example.com: not probed; pass --smtp-port 25 from a network that allows outbound SMTP");

  // The edge's rate limit (Free: one rule, 5 per 10 s, login + signup + password reset) counted
  // verify's requests and never blocked one: performance was not sampled there, and it says so.
  const edge = s.counter();
  expect(edge.blocked).toBe(0);
  expect([...edge.most.values()].every((n) => n <= 5)).toBe(true);
  expect(out.notes.find((n: string) => n.startsWith("rate limit "))).toMatch(/^rate limit ratelimit-login-signup-password-reset \(5 requests per 10 s per IP\) counts \/login, \/password\/reset, \/signup: verify sends at most 5 requests there within any 10 s, spaced when more are due \(this run: at most [1-5]\); performance not sampled at \/login, \/signup, \/password\/reset/);
  expect(find(out.checks, "perf.p95").map((c) => c.target)).toEqual(["https://example.com/"]);
  expect(find(out.checks, "headers.cookies")[0]!.status).toBe("pass");
  // Cloudflare's own CAA records answer beside the zone's: expected, named in the message.
  expect(find(out.checks, "dns.record", "example.com CAA")[0]!.message).toMatch(/^\d+ record\(s\) as declared, beside \d+ Cloudflare publishes for its CAs/);
  // Client code: every web host's pages, their same-site scripts and the source map's original
  // source scanned; the Stripe publishable key is not a finding, Stripe.js (another site) not fetched.
  expect(find(out.checks, "client.secrets").map((c) => `${c.status} ${c.target}`).sort()).toEqual(["pass https://api.example.com", "pass https://app.example.com", "pass https://example.com", "pass https://help.example.com"]);
  expect(find(out.checks, "client.secrets", "https://example.com")[0]!.message).toMatch(/^1 page\(s\), 2 script\(s\), 1 source map source\(s\) scanned, no secret found; not fetched, rate limited: \/login \(counted by ratelimit-login-signup-password-reset .*\/signup .*\/password\/reset .*; 1 script\(s\) of other sites not scanned/);
  // Each declared redirect, live: status, target, query as declared.
  expect(find(out.checks, "redirect.declared").map((c) => c.message).sort()).toEqual([
    "301 to https://example.com/pricing?probe=1, query kept as declared",
    "308 to https://community.example.org/, query dropped as declared",
  ]);
}, 30000);

test.each<[string, RenderedFaults, string, string, string, RegExp]>([
  ["admin without its Access application answers anonymous visitors over https", { ungated: ["admin.example.com"] }, "smoke.protected", `https://admin.example.com${SAMPLE}`, "critical", /^access-gated host answers 404 to an anonymous visitor: not the gate's 401\/403 or its login/],
  ["api's origin exposed: its name answers the origin, not the edge", { exposed: ["api.example.com"] }, "dns.edge", "api.example.com", "high", new RegExp(`proxied host answers ${ORIGIN.replace(/\./g, "\\.")}, outside the edge ranges`)],
  ["an insecure session cookie behind the rate-limited login", { insecureLoginCookie: true }, "headers.cookies", "https://example.com", "high", /^session cookie session lacks Secure, HttpOnly, SameSite=Lax\/Strict/],
  ["a declared redirect that drops the query it keeps", { redirectDropsQuery: true }, "redirect.declared", "https://example.com/old-pricing?probe=1", "medium", /^drops the query string \?probe=1, declared kept \(preserveQueryString\)/],
  ["a private key in a same-site script of the canonical host", { bundleSecret: { host: "example.com", where: "script" } }, "client.secrets", "https://example.com/assets/vendor.js", "critical", /^@secretlint\/secretlint-rule-privatekey: found private key: ----…; rotate it and keep it server-side$/],
  ["a private key in the original source app's source map carries", { bundleSecret: { host: "app.example.com", where: "sourcemap" } }, "client.secrets", "https://app.example.com/assets/app.js.map (source src/app.ts)", "critical", /^@secretlint\/secretlint-rule-privatekey: found private key: ----…; rotate/],
  ["a stale CAA record beside the zone's and Cloudflare's", { strayCaa: true }, "dns.record", "example.com CAA", "high", /live answer has "0 issue stale-ca\.example" beyond the declared/],
])("%s: NO-GO under that check", async (_name, faults, id, target, severity, message) => {
  const r = await run(faults);
  expect(r.verdict).toBe("NO-GO");
  expect(find(r.checks, id, target)).toEqual([expect.objectContaining({ status: "fail", severity, message: expect.stringMatching(message) })]);
  // Nothing else fails: the fault is reported where it is, and only there.
  expect(notPassing(r.checks).filter((c) => c.startsWith("fail"))).toEqual([`fail ${id} ${target}`]);
});

test("a deployed secret value of the stack in a bundle: NO-GO by its fingerprint (--secret-values), the value never in the report", async () => {
  // The plan holds no secret value in plain text (config secrets stay encrypted, generated ones come at deploy).
  expect(targetFromPlan(prod()).secretFingerprints).toEqual([]);
  const value = ["whsec", "TestOnly", Date.now().toString(36)].join("_");
  const file = path.join(dir, "secrets.env");
  fs.writeFileSync(file, `# deployed values\nSTRIPE_WEBHOOK_SECRET="${value}"\n`);
  const secretFingerprints = parseSecretValues(fs.readFileSync(file, "utf8"), file);
  s.set({ bundleSecret: { host: "example.com", where: "script", value } });
  const r = await runVerify(targetFromPlan(prod()), s.options({ secretFingerprints }));
  expect(r.verdict).toBe("NO-GO");
  expect(find(r.checks, "client.secrets", "https://example.com/assets/vendor.js")).toEqual([expect.objectContaining({ status: "fail", severity: "critical", message: expect.stringMatching(/^launch-ready\/stack-secret-value: a secret value of this stack \(its config or vault\) is shipped to browsers: (…|.{4}…); rotate it/) })]);
  expect(JSON.stringify(r)).not.toContain(value!);
  expect(notPassing(r.checks).filter((c) => c.startsWith("fail"))).toEqual(["fail client.secrets https://example.com/assets/vendor.js"]);
});

describe("the deployed commit (app.commit) on the correctly deployed prod", () => {
  // The prod stack as declared plus `verify.version` and a known deployedCommit, as a render with
  // LAUNCH_READY_COMMIT set gives it: the same live world, only the version route's answer differs.
  const versioned = (deployedCommit: string) => {
    const p = prod();
    if (!p.config.verify) throw new Error("the prod test stack declares a verify section");
    const verify = { ...p.config.verify, version: { path: "/version", header: "X-App-Commit" } };
    return targetFromPlan({ ...p, config: { ...p.config, verify }, outputs: { ...p.outputs, deployedCommit } });
  };
  const OTHER = "fedcba9876543210fedcba9876543210fedcba98";

  test("the live commit is the plan's deployedCommit: GO, app.commit passes", async () => {
    s.set({});
    const r = await runVerify(versioned(LIVE_COMMIT), s.options());
    expect(find(r.checks, "app.commit")).toEqual([expect.objectContaining({ status: "pass", target: "https://example.com/version", message: `live commit ${LIVE_COMMIT} is the expected ${LIVE_COMMIT}` })]);
    expect(r.verdict).toBe("GO");
  });

  test.each<[string, string, { expectCommit?: string }, string]>([
    ["an older build serving while the plan says another commit is deployed", OTHER, {}, LIVE_COMMIT],
    ["--expect-commit (short form) naming a commit the app does not report, over the plan's", LIVE_COMMIT, { expectCommit: OTHER.slice(0, 7) }, OTHER.slice(0, 7)],
  ])("%s: NO-GO under app.commit only", async (_name, liveCommit, extra, expected) => {
    s.set({ liveCommit });
    const r = await runVerify(versioned(LIVE_COMMIT), s.options(extra));
    expect(r.verdict).toBe("NO-GO");
    expect(find(r.checks, "app.commit")).toEqual([expect.objectContaining({ status: "fail", severity: "high", message: expect.stringMatching(new RegExp(`^live commit "${liveCommit}", expected ${expected}:`)) })]);
    expect(notPassing(r.checks).filter((c) => c.startsWith("fail"))).toEqual(["fail app.commit https://example.com/version"]);
  });
});
