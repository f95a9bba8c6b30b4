/**
 * The verify tests' stack, live on loopback: a plan shaped like the example stacks' (web hosts,
 * CAA, the mail records rebuilt from an `email` section by the stack's own builder — SPF, DKIM,
 * DMARC with an external report address, MTA-STS, TLS-RPT, an SES sender whose three DKIM CNAMEs
 * are unknown until deploy — HSTS and the edge's response-header rules), a DNS zone serving it,
 * web servers, an SMTP server with STARTTLS, and faults switched one at a time.
 *
 * Addresses: 127.0.0.2 is the proxy's edge (`--edge-ranges 127.0.0.2/32`), 127.0.1.x are origins
 * and the MX host. Nothing here can reach a public address.
 */
import * as crypto from "node:crypto";
import type * as http from "node:http";
import { buildEmailPlan } from "../../../components/email/records";
import { emailSchema } from "../../../components/schema/email";
import { UNKNOWN_VALUE, type Plan, type PlanConfig, type PlannedResource } from "../../../plan/types";
import type { VerifyOptions } from "../../../verify/types";
import { stopClientLint, warmClientLint } from "../../../verify/clientcode/lintService";
import { loopbackOptions } from "../../fixtures/verify/loopbackOptions";
import { startDnsServer, type DnsFaults, type DnsServer, type ZoneRecord } from "../../fixtures/verify/dns-server";
import { startWeb, type Web } from "../../fixtures/verify/web";
import { TestCa, type Issued } from "./pki";
import { testRsaPublicKeyBase64 } from "../../support/rsaKeys";
import { startSmtp, type SmtpServer } from "./smtp";

export const APEX = "example.test";
export const WWW = `www.${APEX}`;
export const APP = `app.${APEX}`;
export const TRACK = `track.${APEX}`;
export const MX = `mx.${APEX}`;
export const MAIL = `mail.${APEX}`;
export const BOUNCE = `bounce.${MAIL}`;
export const SES_FEEDBACK = "feedback-smtp.eu-west-1.amazonses.com";
export const MTA_STS = `mta-sts.${APEX}`;
export const REPORTS = "reports.other.test";
export const EDGE = "127.0.0.2";
export const ORIGIN = "127.0.1.1";
export const MX_ADDR = "127.0.1.9";

export interface Faults {
  // web
  loop?: boolean;
  dropQuery?: boolean;
  chain302?: boolean;
  chain3?: boolean;
  httpSkipsHost?: boolean;
  missingHsts?: boolean;
  headerDrift?: boolean;
  slowLoginMs?: number;
  loginPlaceholder?: boolean;
  signup500?: boolean;
  protected200?: boolean;
  insecureCookie?: boolean;
  configCookieLax?: boolean;
  mtaStsMissing?: boolean;
  mtaStsDrift?: boolean;
  // certificates
  expiringCert?: boolean;
  renewSoonCert?: boolean;
  wrongNameCert?: boolean;
  mtaStsWrongCert?: boolean;
  // dns
  dns?: DnsFaults;
  secondSpf?: boolean;
  spf11?: boolean;
  spfVoids?: boolean;
  /** The apex SPF record widened with ranges that together cover all of IPv4 (as the live record, not the plan). */
  spfBroad?: boolean;
  bounceSpfMissing?: boolean;
  dkim512?: boolean;
  dmarcNone?: boolean;
  dmarcAuthMissing?: boolean;
  exposedOrigin?: boolean;
  aBesideCname?: boolean;
  cnameLoop?: boolean;
  caaWrongCa?: boolean;
  // mail
  noStarttls?: boolean;
}

const dkimKey = (bits: number) => testRsaPublicKeyBase64(bits, "dkim");
const DKIM_2048 = dkimKey(2048);
const DKIM_512 = dkimKey(512);

/** The stack's `email` section, as Pulumi.<stack>.yaml would give it (parsed, defaults filled). */
export const EMAIL_SECTION = emailSchema.parse({
  inbound: { provider: "custom", mx: [{ host: MX, priority: 10 }] },
  senders: [
    { provider: "custom", spf: [`include:_spf.${APEX}`], includeLookups: { [`_spf.${APEX}`]: 0 }, dkim: [{ selector: "s1", key: `v=DKIM1; k=rsa; p=${DKIM_2048}` }] },
    { provider: "amazon-ses", host: "mail", region: "eu-west-1", mailFrom: "bounce" },
  ],
  dmarc: { p: "reject", rua: [`mailto:dmarc@${APEX}`, `mailto:agg@${REPORTS}`] },
  mtaSts: { mode: "enforce", maxAge: 604800 },
  tlsRpt: { rua: [`mailto:tls@${APEX}`] },
});
export const EMAIL_PLAN = buildEmailPlan(EMAIL_SECTION, { apex: APEX, environment: "prod" });

/** Declared security headers on the proxied web hosts (the edge's transform rule). */
export const DECLARED_HEADERS: Record<string, string> = {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=()",
};

const OPTIONS = { protect: false, deleteBeforeReplace: true, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] };
let n = 0;
function resource(type: string, name: string, inputs: Record<string, unknown>): PlannedResource {
  return { urn: `urn:pulumi:prod::launch-ready::${type}::${name}`, type, name, custom: true, inputs, options: OPTIONS };
}
function record(name: string, type: string, content: string, extra: Record<string, unknown> = {}): PlannedResource {
  return resource("cloudflare:index/dnsRecord:DnsRecord", `r${++n}`, { zoneId: "z", name, type, content, ttl: 1, proxied: false, ...extra });
}

/** The plan of the stack: what it declares. */
export function stackPlan(overrides: { verify?: unknown } = {}): Plan {
  return {
    project: "launch-ready",
    stack: "prod",
    config: {
      environment: "prod",
      domain: APEX,
      isProduction: true,
      canonicalHost: "apex",
      hosts: [
        { name: "@", fqdn: APEX, proxied: true, sensitive: false, role: "canonical", ttl: 1 },
        { name: "www", fqdn: WWW, proxied: true, sensitive: false, role: "redirect", ttl: 1 },
        { name: "app", fqdn: APP, proxied: false, sensitive: false, role: "service", ttl: 300 },
      ],
      email: EMAIL_SECTION,
      // Partial sections, as a hand-written plan has them: targetFromPlan reads only these keys or applies the schema defaults.
      edge: { cache: { sessionCookies: ["mbr"] } } as PlanConfig["edge"],
      // A budget no loopback answer misses, however busy the machine: the p95 judgement itself is
      // tested on given samples (judges.test.ts), and live.test.ts sets a tight one where it is the subject.
      verify: (overrides.verify ?? { performance: { samples: 2, p95BudgetMs: 20_000 }, routes: { content: { "/login": "Sign in" } } }) as PlanConfig["verify"],
    },
    resources: [
      record(APEX, "A", "198.51.100.7", { proxied: true }),
      record(WWW, "CNAME", APEX, { proxied: true }),
      record(APP, "A", ORIGIN),
      record(TRACK, "CNAME", `t.${APEX}`),
      record(APEX, "CAA", "", { content: undefined, data: { flags: 0, tag: "issue", value: "letsencrypt.org" } }),
      record(APEX, "CAA", "", { content: undefined, data: { flags: 0, tag: "iodef", value: `mailto:security@${APEX}` } }),
      ...EMAIL_PLAN.records.map((r) => record(r.name, r.type, r.content, r.priority !== undefined ? { priority: r.priority } : {})),
      // SES's DKIM tokens exist only after deploy: the plan has three CNAMEs with unknown names and targets.
      ...[0, 1, 2].map(() => record(UNKNOWN_VALUE, "CNAME", UNKNOWN_VALUE)),
      resource("cloudflare:index/zoneSetting:ZoneSetting", "hsts", { zoneId: "z", settingId: "security_header", value: { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true } } }),
      resource("cloudflare:index/ruleset:Ruleset", "headers", {
        zoneId: "z",
        kind: "zone",
        phase: "http_response_headers_transform",
        rules: [
          {
            ref: "security-headers",
            expression: `http.host in {"${APEX}" "${WWW}"}`,
            action: "rewrite",
            enabled: true,
            actionParameters: { headers: Object.fromEntries(Object.entries(DECLARED_HEADERS).map(([k, v]) => [k, { operation: "set", value: v }])) },
          },
        ],
      }),
    ],
    outputs: {},
  };
}

/** TXT data as published: 255-byte character-strings. */
const split = (s: string) => s.match(/.{1,255}/g) ?? [""];

/** The live zone: the declared records as published, what the providers publish, and the faults. */
export function zone(f: Faults): ZoneRecord[] {
  const mail: ZoneRecord[] = EMAIL_PLAN.records.map((r) => {
    if (r.type === "MX") return { name: r.name, type: "MX", data: { preference: r.priority ?? 0, exchange: r.value } };
    if (r.type === "CNAME") return { name: r.name, type: "CNAME", data: r.value };
    let value = r.value;
    if (f.dkim512 && r.name === `s1._domainkey.${APEX}`) value = `v=DKIM1; k=rsa; p=${DKIM_512}`;
    if (f.dmarcNone && r.name === `_dmarc.${APEX}`) value = value.replace("p=reject", "p=none");
    if (f.spfBroad && r.name === APEX && /^v=spf1 /.test(value)) value = value.replace("v=spf1 ", "v=spf1 ip4:0.0.0.0/1 +ip4:128.0.0.0/1 ");
    return { name: r.name, type: "TXT", data: split(value) };
  });
  const z: ZoneRecord[] = [
    { name: APEX, type: "A", data: f.exposedOrigin ? ORIGIN : EDGE },
    { name: WWW, type: "A", data: EDGE },
    { name: APP, type: "A", data: ORIGIN },
    { name: TRACK, type: "CNAME", data: `t.${APEX}` },
    f.cnameLoop ? { name: `t.${APEX}`, type: "CNAME", data: TRACK } : { name: `t.${APEX}`, type: "A", data: ORIGIN },
    { name: APEX, type: "CAA", data: { flags: 0, tag: "issue", value: f.caaWrongCa ? "pki.goog" : "letsencrypt.org" } },
    { name: APEX, type: "CAA", data: { flags: 0, tag: "iodef", value: `mailto:security@${APEX}` } },
    ...mail.filter((r) => !(f.bounceSpfMissing && r.name === BOUNCE && r.type === "TXT")),
    // What the providers and the rest of the world publish.
    { name: `_spf.${APEX}`, type: "TXT", data: [f.spf11 ? `v=spf1 include:i1.${APEX} -all` : f.spfVoids ? `v=spf1 a:gone1.${APEX} a:gone2.${APEX} mx:gone3.${APEX} -all` : "v=spf1 ip4:192.0.2.0/24 -all"] },
    { name: "amazonses.com", type: "TXT", data: ["v=spf1 ip4:199.255.192.0/22 -all"] },
    { name: MX, type: "A", data: MX_ADDR },
    { name: SES_FEEDBACK, type: "A", data: MX_ADDR },
    { name: MTA_STS, type: "A", data: EDGE },
  ];
  if (!f.dmarcAuthMissing) z.push({ name: `${APEX}._report._dmarc.${REPORTS}`, type: "TXT", data: ["v=DMARC1"] });
  if (f.secondSpf) z.push({ name: APEX, type: "TXT", data: ["v=spf1 include:mail.other.test ~all"] });
  if (f.aBesideCname) z.push({ name: APP, type: "CNAME", data: `old.${APEX}` });
  if (f.spf11) {
    // include:_spf (1) -> i1 (2) -> ... -> i10 (11): one more than RFC 7208 allows.
    for (let i = 1; i <= 10; i++) z.push({ name: `i${i}.${APEX}`, type: "TXT", data: [i < 10 ? `v=spf1 include:i${i + 1}.${APEX} -all` : "v=spf1 ip4:192.0.2.1 -all"] });
  }
  return z;
}

/** The web behaviour of the stack, with faults switched on by `f`. */
export function handler(f: Faults) {
  return ({ scheme, host, path, url }: { scheme: "http" | "https"; host: string; path: string; url: URL }, res: http.ServerResponse) => {
    const hsts: Record<string, string> = scheme === "https" && !f.missingHsts ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {};
    const redirect = (status: number, to: string) => (res.writeHead(status, { location: to, ...hsts }), res.end());
    if (host === MTA_STS && scheme === "https" && url.pathname === "/.well-known/mta-sts.txt") {
      if (f.mtaStsMissing) return (res.writeHead(404, { "content-type": "text/plain" }), res.end("not found"));
      const policy = f.mtaStsDrift ? EMAIL_PLAN.mtaSts!.policy.replace("mode: enforce", "mode: testing") : EMAIL_PLAN.mtaSts!.policy;
      return (res.writeHead(200, { "content-type": "text/plain; charset=utf-8", ...hsts }), res.end(policy));
    }
    if (f.chain302 && host === WWW) {
      // 4 temporary hops: http www -> https www -> https www/hop -> https apex/hop -> https apex/path
      if (scheme === "http") return redirect(302, `https://${WWW}${path}`);
      if (!url.pathname.startsWith("/hop")) return redirect(302, `https://${WWW}/hop${path}`);
      return redirect(302, `https://${APEX}/hop${path.slice(4)}`);
    }
    if ((f.chain302 || f.chain3) && host === APEX && url.pathname.startsWith("/hop")) return redirect(f.chain3 ? 301 : 302, `https://${APEX}${path.slice(4)}`);
    if (scheme === "http") return redirect(301, f.httpSkipsHost && host === WWW ? `https://${APEX}${path}` : `https://${host}${path}`);
    if (host === WWW) {
      if (f.loop) return redirect(301, `https://${WWW}${path}`);
      // chain3: http www -> https www -> https apex/hop -> https apex: exactly 3, all permanent.
      return redirect(301, `https://${APEX}${f.chain3 ? "/hop" : ""}${f.dropQuery ? url.pathname : path}`);
    }
    const headers: Record<string, string> = { "content-type": "text/html", ...Object.fromEntries(Object.entries(DECLARED_HEADERS).map(([k, v]) => [k.toLowerCase(), v])), ...hsts };
    if (f.headerDrift) headers["x-frame-options"] = "SAMEORIGIN";
    if (host === APP) return (res.writeHead(200, headers), res.end("app"));
    const page = (status: number, body: string, extra: Record<string, string | string[]> = {}) => (res.writeHead(status, { ...headers, ...extra }), res.end(body));
    switch (url.pathname) {
      case "/":
        return page(200, "<h1>Welcome</h1>", { "set-cookie": f.insecureCookie ? "session=abc; Path=/" : "session=abc; Path=/; Secure; HttpOnly; SameSite=Lax" });
      case "/login": {
        // "mbr" is a session cookie only by config (edge.cache.sessionCookies): its name says nothing.
        const cookie = f.configCookieLax ? "mbr=1; Path=/" : "mbr=1; Path=/; Secure; HttpOnly; SameSite=Strict";
        const body = f.loginPlaceholder ? "<p>Coming soon</p>" : "<form><button>Sign in</button></form>";
        if (f.slowLoginMs) return void setTimeout(() => page(200, body, { "set-cookie": cookie }), f.slowLoginMs);
        return page(200, body, { "set-cookie": cookie });
      }
      case "/signup":
        return f.signup500 ? page(500, "boom") : page(200, "signup");
      case "/password/reset":
        return page(200, "reset");
      case "/members":
        return f.protected200 ? page(200, "secret member content") : redirect(302, `https://${APEX}/login?next=/members`);
      default:
        return page(404, "not found");
    }
  };
}

export interface Stack {
  dns: DnsServer;
  web: Web;
  smtp: SmtpServer;
  ca: TestCa;
  /** Switch faults on (all others off). */
  set(f: Faults): void;
  options(extra?: Partial<VerifyOptions>): VerifyOptions;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const ca = new TestCa();
  const good = new Map<string, Issued>([APEX, WWW, APP, MTA_STS, MX, SES_FEEDBACK].map((h) => [h, ca.issue([h])]));
  const expiring = ca.issue([APEX], { days: 5 });
  const renewSoon = ca.issue([APEX], { days: 20 });
  const wrongName = ca.issue([`other.${APEX}`]);
  const [dns, web, smtp] = await Promise.all([startDnsServer(), startWeb([EDGE, ORIGIN], good.get(APEX)!), startSmtp(MX_ADDR, good.get(MX)!)]);
  const set = (f: Faults) => {
    dns.set(zone(f), f.dns);
    web.handler = handler(f);
    web.certs.clear();
    for (const [h, c] of good) web.certs.set(h, c);
    if (f.expiringCert) web.certs.set(APEX, expiring);
    if (f.renewSoonCert) web.certs.set(APEX, renewSoon);
    if (f.wrongNameCert) web.certs.set(APP, wrongName);
    if (f.mtaStsWrongCert) web.certs.set(MTA_STS, wrongName);
    smtp.starttls = !f.noStarttls;
    smtp.certs.clear();
    for (const [h, c] of good) smtp.certs.set(h, c);
  };
  set({});
  // The client-code scan's secretlint worker, started before any timed run (verify/clientcode/lintService.ts).
  await warmClientLint();
  return {
    dns,
    web,
    smtp,
    ca,
    set,
    // Generous: the faults that are silence pass their own short timeout; a busy machine must not turn a slow answer into a finding.
    options: (extra = {}) => loopbackOptions({ dns, web, ca, edge: EDGE }, { smtpPort: smtp.port, timeoutMs: 5000 }, extra),
    close: async () => {
      await Promise.all([dns.close(), web.close(), smtp.close(), stopClientLint()]);
    },
  };
}
