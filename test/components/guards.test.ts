/**
 * The config loader refuses, with the key path, each weakened guard a mandatory policy refuses
 * (components/guards.ts), and the two agree at the boundary: the strongest-allowed values of the
 * config render a prod plan the pack passes (the mutation suite shows the pack refusing the same
 * weakenings as plan edits).
 */
import { ConfigError, parseStackConfig, type RawConfigValue } from "../../components/config";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { mandatoryViolations } from "../../plan/violations";
import { loadStackFile } from "../../plan/stackFile";
import { policyFactsOf } from "../../plan/pipeline";
import { renderIsolated } from "../support/render";
import { testStackFile } from "../support/stacks";
import * as fs from "node:fs";
import * as path from "node:path";

const PROD_STACK = testStackFile("prod");
const file = loadStackFile({ projectDir: path.join(__dirname, "..", ".."), stack: "prod", configFile: PROD_STACK });
const valueOf = (key: string) => structuredClone(file.raw[`launch-ready:${key}`]?.value) as Record<string, unknown>;
const with_ = (key: string, change: (v: Record<string, unknown>) => unknown): Record<string, RawConfigValue> => ({
  ...file.raw,
  [`launch-ready:${key}`]: { value: change(valueOf(key) ?? {}), secret: false },
});
const edge = (change: (e: Record<string, unknown>) => void) => with_("edge", (e) => (change(e), e));

function issuesOf(raw: Record<string, RawConfigValue>): string[] {
  try {
    parseStackConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const hosts = (change: (h: Array<Record<string, unknown>>) => void) => with_("hosts", (h) => (change(h as unknown as Array<Record<string, unknown>>), h));

test("the prod test stack parses clean", () => expect(issuesOf(file.raw)).toEqual([]));

test.each([
  ["an admin host declared sensitive: false in prod", hosts((h) => (h.find((x) => x.name === "admin")!.sensitive = false)), "launch-ready:hosts[3].sensitive", /administration host by its name/],
  [
    "an unproxied host on the admin host's origin",
    hosts((h) => (h.find((x) => x.name === "help")!.origin = { cname: "example-web.vercel.app" })),
    "launch-ready:hosts[4].origin",
    /also the origin of the sensitive host admin\.example\.com/,
  ],
  ["SSL full in prod", with_("tls", (t) => ({ ...t, sslMode: "full" })), "launch-ready:tls.sslMode", /"strict" is expected in production/],
  ["a CAA set without Cloudflare's CAs", with_("caa", (c) => ({ ...c, issuers: ["digicert.com"] })), "launch-ready:caa.issuers", /allows none of Cloudflare's CAs/],
  ["a wildcard CAA set without Cloudflare's CAs", with_("caa", (c) => ({ ...c, wildcardIssuers: ["sectigo.com"] })), "launch-ready:caa.wildcardIssuers", /allows none/],
  ["a login limit of 10^9", edge((e) => (e.rateLimits = { login: { requestsPerPeriod: 1_000_000_000 } })), "launch-ready:edge.rateLimits.login.requestsPerPeriod", /stops no password guessing; at most 10 per 10 s/],
  ["an allow-list of huge ranges", edge((e) => (e.ipAllowList = ["0.0.0.0/1", "128.0.0.0/2", "224.0.0.0/3"])), "launch-ready:edge.ipAllowList", /covers 3,758,096,384 IPv4 addresses/],
  ["Access for a public mail domain", edge((e) => ((e.access as Record<string, unknown>).allowedEmailDomain = "gmail.com")), "launch-ready:edge.access.allowedEmailDomain", /public mail domain/],
  ["a 100-year Access session", edge((e) => ((e.access as Record<string, unknown>).sessionDuration = "876000h")), "launch-ready:edge.access.sessionDuration", /at most a week/],
  ["a login route no rate limit counts", with_("verify", () => ({ routes: { login: "/auth/login" } })), "launch-ready:verify.routes.login", /no rate limit counts/],
  ["the app's session cookie not bypassed", with_("verify", () => ({ sessionCookies: ["sid"] })), "launch-ready:verify.sessionCookies[0]", /not one of edge\.cache\.sessionCookies/],
  ["an off-zone redirect to http://", edge((e) => ((e.redirects as Array<Record<string, unknown>>)[1]!.to = "http://community.example.org/")), "launch-ready:edge.redirects[1].to", /plain http, a downgrade/],
  [
    "a custom SPF sender for the whole internet",
    with_("email", (m) => ({ ...m, senders: [...(m.senders as unknown[]), { provider: "custom", spf: ["ip4:0.0.0.0/0", "ip6:::/0"] }] })),
    "launch-ready:email.senders[2].spf",
    /anyone could send as the domain/,
  ],
])("%s is a config error at its key path", (_what, raw, keyPath, message) => {
  const issues = issuesOf(raw);
  expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${keyPath.replace(/[.[\]]/g, "\\$&")}: `))]));
  expect(issues.find((i) => i.startsWith(`${keyPath}: `))).toMatch(message);
});

test("staging may keep SSL full (a warning there, not an error)", () => {
  const staging = loadStackFile({ projectDir: path.join(__dirname, "..", ".."), stack: "staging", configFile: testStackFile("staging") });
  const raw = { ...staging.raw, "launch-ready:tls": { value: { ...(staging.raw["launch-ready:tls"]?.value as object), sslMode: "full" }, secret: false } };
  expect(issuesOf(raw)).toEqual([]);
});

describe("config and pack agree at the boundary", () => {
  // The loosest values the config accepts: the pack, with the facts `plan` passes, must accept them too.
  const overrides: Record<string, RawConfigValue> = {
    "launch-ready:edge": {
      value: {
        ...valueOf("edge"),
        rateLimits: { login: { requestsPerPeriod: 10 }, signup: { requestsPerPeriod: 10 }, passwordReset: { requestsPerPeriod: 10 } },
        ipAllowList: ["198.18.0.0/16", "2001:db8::/32"],
        access: { ...(valueOf("edge").access as object), sessionDuration: "168h" },
      },
      secret: false,
    },
    "launch-ready:caa": { value: { ...valueOf("caa"), issuers: ["pki.goog"], wildcardIssuers: ["letsencrypt.org"] }, secret: false },
    "launch-ready:verify": { value: { routes: { login: "/login" }, sessionCookies: ["session"] }, secret: false },
  };

  test("the loosest accepted values parse, render and pass every mandatory policy", async () => {
    expect(issuesOf({ ...file.raw, ...overrides })).toEqual([]);
    const started = startInProcessPolicyPack({ policyConfig: JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "config", "prod.json"), "utf8")) });
    const { plan, config } = await renderIsolated({ stack: "prod", configFile: PROD_STACK, overrides });
    const pack = await started;
    try {
      const violations = await pack.analyze(plan, undefined, policyFactsOf(config, "2026-12-04"));
      expect(mandatoryViolations(violations)).toEqual([]);
    } finally {
      await pack.close();
    }
  }, 120_000);
});
