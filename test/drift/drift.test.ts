/**
 * `launch-ready drift`: on the test stacks rendered offline, and on hand-made plans where each kind
 * of drift is planted alone; Markdown that a parser reads as the intended table; CLI exit codes
 * (0 through main() in this process, 2 from the real bin.js).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import MarkdownIt from "markdown-it";
import { driftMarkdown, driftPlans, type DriftReport } from "../../drift";
import type { Plan, PlannedResource } from "../../plan/types";
import { renderedStack } from "../support/render";
import { runCli, runMain, STACK_TRACE } from "../support/cli";

const keysOf = (items: Array<{ kind: string; key: string }>) => items.map((i) => `${i.kind} ${i.key}`);

describe("the test stacks, staging against prod", () => {
  let report: DriftReport;
  let plans: { staging: Plan; prod: Plan };
  beforeAll(async () => {
    // The printed form (`plan --json`): what the workflow hands to drift; of the stacks as the run's setup rendered them.
    const { planJson } = require("../../plan/pipeline") as typeof import("../../plan/pipeline");
    const staging = planJson(await renderedStack("staging")) as unknown as Plan;
    const prod = planJson(await renderedStack("prod")) as unknown as Plan;
    plans = { staging, prod };
    report = driftPlans(staging, prod);
  }, 120_000);

  it("lists what exists in one stack only: prod's help host, forum redirect and Access app; staging's webhook rate limit and IP allow-list", () => {
    expect(keysOf(report.onlyInHead)).toEqual(expect.arrayContaining(["host help CNAME", "redirect redirect-forum", "access admin", "header-rule csp-app"]));
    expect(keysOf(report.onlyInBase)).toEqual(expect.arrayContaining(["rate-limit ratelimit-webhooks", "waf-rule sensitive-hosts-ip-allowlist"]));
  });

  it("lists what differs for no declared reason, field by field", () => {
    const login = report.differing.find((d) => d.key === "ratelimit-login-signup-password-reset");
    expect(login?.fields).toEqual(expect.arrayContaining([{ path: "ratelimit.requestsPerPeriod", base: 10, head: 5 }]));
    expect(report.differing.find((d) => d.kind === "setting" && d.key === "cloudflarePlan")).toMatchObject({ base: "pro", head: "free" });
    expect(report.differing.find((d) => d.key === "uptime-check-homepage")?.fields).toEqual(expect.arrayContaining([{ path: "searchString", base: undefined, head: "<title>" }]));
  });

  it("sets aside what the environment rules explain, and says which rule", () => {
    const aside = report.setAside.map((s) => [s.rule, s.kind, s.key, s.base, s.head]);
    expect(aside).toEqual(
      expect.arrayContaining([
        ["hsts-max-age", "zone-setting", "security_header", 86400, 31536000],
        ["dmarc-rollout", "mail-record", "dmarc TXT _dmarc", "p=none", "p=quarantine"],
        ["retention", "secret", "launch-ready/<env>/session-signing-key", 7, 30],
        ["environment-origin", "host", "app CNAME", "example-web-<env>.vercel.app", "example-web.vercel.app"],
        ["paired-stacks", "mail-record", "dmarc-report-auth TXT <domain>._report._dmarc", undefined, { content: "v=DMARC1", ttl: 3600 }],
      ]),
    );
    // What only a rule explains is not drift as well (a secret whose description also differs is both).
    const drifted = new Set([...keysOf(report.differing), ...keysOf(report.onlyInBase), ...keysOf(report.onlyInHead)]);
    for (const key of ["zone-setting security_header", "mail-record dmarc TXT _dmarc", "host app CNAME", "secret launch-ready/<env>/session-signing-key"]) expect([key, drifted.has(key)]).toEqual([key, false]);
    // Staging's reports and alerts go to addresses at the prod domain: the same mailboxes, no drift.
    expect(report.differing.find((d) => d.key === "dmarc TXT _dmarc")).toBeUndefined();
  });

  it("finds nothing between a stack and itself", () => {
    expect(driftPlans(plans.prod, plans.prod)).toMatchObject({ onlyInBase: [], onlyInHead: [], differing: [], setAside: [] });
  });
});

// Hand-made plans: one stack per environment with the same declarations, then one drift at a time.
const ZONE = "0123456789abcdef0123456789abcdef";
function resource(type: string, name: string, inputs: Record<string, unknown>, env: string): PlannedResource {
  const options = { protect: env === "prod", deleteBeforeReplace: false, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] };
  return { urn: `urn:pulumi:${env}::launch-ready::${type}::${name}`, type, name, custom: true, inputs, options };
}

interface Shape {
  env: string;
  domain: string;
  maxAge: number;
  dmarc: string;
  recoveryWindow: number;
  redirects: Array<{ ref: string; description: string; target: string }>;
  csp: string;
  secrets: string[];
  checkPath: string;
  extraHost?: string;
}

function handMade(shape: Shape): Plan {
  const { env, domain } = shape;
  const r = (type: string, name: string, inputs: Record<string, unknown>) => resource(type, name, inputs, env);
  const resources = [
    r("cloudflare:index/zoneSetting:ZoneSetting", "setting-security_header", { zoneId: ZONE, settingId: "security_header", value: { strict_transport_security: { enabled: true, max_age: shape.maxAge, nosniff: true } } }),
    r("cloudflare:index/dnsRecord:DnsRecord", "host-apex", { zoneId: ZONE, name: domain, type: "CNAME", content: env === "prod" ? "web.vercel.app" : `web-${env}.vercel.app`, proxied: true, ttl: 1 }),
    ...(shape.extraHost ? [r("cloudflare:index/dnsRecord:DnsRecord", `host-${shape.extraHost}`, { zoneId: ZONE, name: `${shape.extraHost}.${domain}`, type: "CNAME", content: "x.fly.dev", proxied: true, ttl: 1 })] : []),
    r("cloudflare:index/dnsRecord:DnsRecord", "dmarc", { zoneId: ZONE, name: `_dmarc.${domain}`, type: "TXT", content: `"${shape.dmarc}"`, proxied: false, ttl: 3600 }),
    r("cloudflare:index/ruleset:Ruleset", "edge-redirects", {
      zoneId: ZONE,
      phase: "http_request_dynamic_redirect",
      rules: shape.redirects.map((x) => ({ ref: x.ref, description: x.description, expression: `http.host eq "${domain}"`, action: "redirect", actionParameters: { fromValue: { statusCode: 301, targetUrl: { value: x.target.replace("DOMAIN", domain) } } } })),
    }),
    r("cloudflare:index/ruleset:Ruleset", "edge-headers", {
      zoneId: ZONE,
      phase: "http_response_headers_transform",
      rules: [{ ref: "security-headers", description: "headers", expression: "true", action: "rewrite", actionParameters: { headers: { "Content-Security-Policy": { operation: "set", value: shape.csp } } } }],
    }),
    ...shape.secrets.map((s) => r("aws:secretsmanager/secret:Secret", `secret-${s}`, { name: `launch-ready/${env}/${s}`, recoveryWindowInDays: shape.recoveryWindow, kmsKeyId: "[unknown]" })),
    r("aws:route53/healthCheck:HealthCheck", "uptime-check-login", { fqdn: domain, resourcePath: shape.checkPath, type: "HTTPS", tags: { Name: `launch-ready-${env}-login` } }),
  ];
  return { project: "launch-ready", stack: env, config: { domain, environment: env }, resources, outputs: {} } as Plan;
}

const STAGING: Shape = {
  env: "staging",
  domain: "acme-staging.io",
  maxAge: 86400,
  dmarc: "v=DMARC1; p=none; rua=mailto:dmarc@acme-club.io",
  recoveryWindow: 7,
  redirects: [{ ref: "old-pricing", description: "old pricing", target: "https://DOMAIN/pricing" }],
  csp: "default-src 'self'",
  secrets: ["stripe-webhook-secret"],
  checkPath: "/login",
};
const PROD: Shape = { ...STAGING, env: "prod", domain: "acme-club.io", maxAge: 31536000, dmarc: "v=DMARC1; p=reject; rua=mailto:dmarc@acme-club.io", recoveryWindow: 30 };

describe("hand-made plans", () => {
  it("two stacks that differ only as the environment rules allow have no drift, and say what was set aside", () => {
    const report = driftPlans(handMade(STAGING), handMade(PROD));
    expect(report).toMatchObject({ onlyInBase: [], onlyInHead: [], differing: [] });
    expect(report.setAside.map((s) => s.rule).sort()).toEqual(["dmarc-rollout", "environment-origin", "hsts-max-age", "retention"]);
  });

  it.each<[string, Partial<Shape>, (r: DriftReport) => unknown, unknown]>([
    ["a host only in prod", { extraHost: "help" }, (r) => keysOf(r.onlyInHead), ["host help CNAME"]],
    ["a redirect only in staging", { redirects: [] }, (r) => keysOf(r.onlyInBase), ["redirect old-pricing"]],
    ["a header value", { csp: "default-src 'none'" }, (r) => r.differing.map((d) => d.fields), [[{ path: "actionParameters.headers.Content-Security-Policy.value", base: "default-src 'self'", head: "default-src 'none'" }]]],
    ["a secret name", { secrets: ["stripe-secret"] }, (r) => [keysOf(r.onlyInBase), keysOf(r.onlyInHead)], [["secret launch-ready/<env>/stripe-webhook-secret"], ["secret launch-ready/<env>/stripe-secret"]]],
    ["a health check path", { checkPath: "/signin" }, (r) => r.differing.map((d) => [d.kind, d.key, d.fields]), [["health-check", "uptime-check-login", [{ path: "resourcePath", base: "/login", head: "/signin" }]]]],
    ["a DMARC report address beyond the rollout", { dmarc: "v=DMARC1; p=reject; rua=mailto:reports@elsewhere.example" }, (r) => r.differing.map((d) => d.key), ["dmarc TXT _dmarc"]],
  ])("%s is drift", (_name, change, pick, expected) => {
    const report = driftPlans(handMade(STAGING), handMade({ ...PROD, ...change }));
    expect(pick(report)).toEqual(expected);
  });

  it("writes Markdown whose tables a parser reads as written, whatever the values hold", () => {
    const hostile = "a|b `tick` <img src=x onerror=alert(1)>\nnext";
    const report = driftPlans(handMade(STAGING), handMade({ ...PROD, redirects: [{ ref: "old-pricing", description: hostile, target: "https://DOMAIN/pricing" }] }));
    const html = new MarkdownIt().render(driftMarkdown(report));
    expect(html).not.toContain("<img");
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh]>/g) ?? []).length);
    // Every row of the differing table has its five cells: the pipe and the newline stayed inside one.
    const differing = html.slice(html.indexOf("Differing for no declared reason"), html.indexOf("Set aside"));
    const differingRows = [...differing.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh]>/g) ?? []).length);
    expect(differingRows).toEqual([5, 5]);
    expect(differing).toContain("a|b");
    expect(rows.length).toBeGreaterThan(2);
  });
});

describe("the drift command", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-drift-"));
  const base = path.join(dir, "staging.json");
  const head = path.join(dir, "prod.json");
  fs.writeFileSync(base, JSON.stringify(handMade(STAGING)));
  fs.writeFileSync(head, JSON.stringify(handMade({ ...PROD, extraHost: "help" })));

  it("prints the JSON report and exits 0 when there is drift", async () => {
    const run = await runMain(["drift", "--base-file", base, "--head-file", head, "--json"]);
    expect(run.status).toBe(0);
    expect(keysOf(JSON.parse(run.stdout).onlyInHead)).toEqual(["host help CNAME"]);
  });

  it("exits 2 naming the problem when a plan file is unusable (the real bin: its exit status, no stack trace)", () => {
    const broken = path.join(dir, "broken.json");
    fs.writeFileSync(broken, "{not json");
    const run = runCli(["drift", "--base-file", broken, "--head-file", head]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^launch-ready: BASE plan .*broken\.json/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stdout).toBe("");
  });
});
