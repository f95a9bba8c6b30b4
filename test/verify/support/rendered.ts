/**
 * The example stacks as they render (Pulumi.prod.yaml, Pulumi.staging.yaml), live on loopback:
 * a DNS zone publishing exactly the DnsRecords each plan declares, the rest of the world the
 * records point to (third-party targets, MX hosts, SPF includes), and web servers that behave as
 * the plan's edge says, by running its rules through the offline edge simulator (plan/simulate.ts):
 * Always Use HTTPS, single redirects, Access on the gated hosts, response header transforms, and
 * HSTS from the zone's security_header setting, and rate limiting rules counting every request
 * (verify's too) with the edge's 429 once a rule's rate is reached; the zone answers Cloudflare's
 * own CAA records beside the stack's. Behind the edge, a small app answers the smoke
 * routes. The zone is read from the plan's resources here, not through verify's own reading of
 * them, so a misreading in verify cannot hide itself.
 *
 * Addresses: 127.0.0.2 is the edge (`--edge-ranges 127.0.0.2/32`), 127.0.1.1 an origin that must
 * stay hidden, 127.0.1.3 the third parties (help desk, mail providers). Nothing leaves loopback.
 */
import type * as http from "node:http";
import { buildEmailPlan } from "../../../components/email/records";
import { emailSchema } from "../../../components/schema/email";
import { simulateRequest } from "../../../plan/simulate";
import { reveal, UNKNOWN_VALUE, type Plan } from "../../../plan/types";
import { txtText } from "../../../kernel/txt";
import type { VerifyOptions } from "../../../verify/types";
import { stopClientLint, warmClientLint } from "../../../verify/clientcode/lintService";
import { loopbackOptions } from "../../fixtures/verify/loopbackOptions";
import { startDnsServer, type DnsFaults, type DnsServer, type ZoneRecord } from "../../fixtures/verify/dns-server";
import { startWeb, type Web } from "../../fixtures/verify/web";
import { renderedStack } from "../../support/render";
import { TestCa } from "./pki";

export const EDGE = "127.0.0.2";
export const ORIGIN = "127.0.1.1";
export const THIRD_PARTY = "127.0.1.3";
/** The Access team of the fake: anonymous visitors of a gated host go to its login. */
export const ACCESS_TEAM = "example-team";

const ADDRESS_TYPES = new Set(["A", "AAAA", "CNAME"]);
const PUBLISHED = new Set(["A", "AAAA", "CNAME", "MX", "TXT", "CAA"]);
const norm = (n: string) => n.toLowerCase().replace(/\.$/, "");

export interface RenderedFaults {
  /** Proxied names answering the origin's address instead of the edge's (the origin exposed). */
  exposed?: string[];
  /** Gated hosts whose Access application is missing: the app answers anonymous visitors. */
  ungated?: string[];
  /** Path -> bytes the app answers there (a page heavier than the performance limit). */
  heavy?: Record<string, number>;
  dns?: DnsFaults;
  /** The app's login page sets its session cookie without Secure, HttpOnly or SameSite. */
  insecureLoginCookie?: boolean;
  /** The edge's path redirects lose the request's query string, whatever the rule says. */
  redirectDropsQuery?: boolean;
  /** A CAA record at the apex that neither the stack nor Cloudflare publishes (a stale one). */
  strayCaa?: boolean;
  /** Hosts whose responses lose the edge's X-Robots-Tag (a rule not deployed, or an origin overriding it). */
  indexable?: string[];
  /** A credential shipped to browsers: in a same-site script, or in the original source its source map carries. */
  bundleSecret?: { host: string; where: "script" | "sourcemap"; /** Shipped instead of the private key (a stack secret value). */ value?: string };
  /** The commit the app's /version route reports (header X-App-Commit); default LIVE_COMMIT. */
  liveCommit?: string;
}

/**
 * The app's client code: a page loading a module, a preloaded vendor chunk, and Stripe.js from
 * Stripe's site (never fetched: another site). The module carries a Stripe publishable key (made
 * for browsers: not a finding) and a source map. Credential-shaped test values are assembled here
 * at runtime, so the repository's own secrets:scan finds nothing in this file.
 */
export const PUBLISHABLE_KEY = ["pk", "live", "51HxTestOnlyNotARealKey0000"].join("_");
export const FAKE_PRIVATE_KEY = [["-----BEGIN", "RSA", "PRIVATE", "KEY-----"].join(" "), "MIIEowIBAAKCAQEA" + "Fake".repeat(60), ["-----END", "RSA", "PRIVATE", "KEY-----"].join(" ")].join("\n");
const HOME_HTML = '<title>Example</title><h1>Welcome</h1><link rel="modulepreload" href="/assets/vendor.js"><script type="module" src="/assets/app.js"></script><script src="https://js.stripe.com/v3/"></script>';
function asset(url: URL, f: RenderedFaults): { status: number; headers: Record<string, string>; body: string } | undefined {
  const js = { "content-type": "text/javascript" };
  const leak = f.bundleSecret?.host === url.hostname ? f.bundleSecret.where : undefined;
  switch (url.pathname) {
    case "/assets/app.js":
      return { status: 200, headers: js, body: `import{h}from"./vendor.js";const s=Stripe("${PUBLISHABLE_KEY}");h(s);\n//# sourceMappingURL=app.js.map\n` };
    case "/assets/app.js.map": {
      const source = `import { h } from "./vendor";\nconst stripe = Stripe("${PUBLISHABLE_KEY}");\n${leak === "sourcemap" ? `const signingKey = \`${FAKE_PRIVATE_KEY}\`;\n` : ""}h(stripe);\n`;
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ version: 3, file: "app.js", sources: ["src/app.ts"], sourcesContent: [source], mappings: "" }) };
    }
    case "/assets/vendor.js":
      return { status: 200, headers: js, body: `export function h(x){return x}${leak === "script" ? `const k=${JSON.stringify(f.bundleSecret?.value ?? FAKE_PRIVATE_KEY)};` : ""}\n` };
    default:
      return undefined;
  }
}

/** The commit the app reports by default: what a correct deploy of the test's plan serves. */
export const LIVE_COMMIT = "0123456789abcdef0123456789abcdef01234567";

/**
 * What Cloudflare publishes beside a zone's own CAA records (Universal SSL on): issue and issuewild
 * for each CA it uses. Its CAA FAQ, "What CAA records are added by Cloudflare?"
 * (https://developers.cloudflare.com/ssl/edge-certificates/troubleshooting/caa-records/), 2026-12-04.
 * Written out here, not read from verify, so a misreading in verify cannot hide itself.
 */
const CLOUDFLARE_PUBLISHED_CAA = ["pki.goog; cansignhttpexchanges=yes", "letsencrypt.org", "ssl.com", "sectigo.com"].flatMap((value) => (["issue", "issuewild"] as const).map((tag) => ({ flags: 0, tag, value })));

/** A planned rate limiting rule's numbers, read from the plan's Ruleset as Cloudflare would hold them. */
interface EdgeRateLimit {
  requestsPerPeriod: number;
  period: number;
  mitigationTimeout: number;
}

function rateLimitsOf(plan: Plan): Map<string, EdgeRateLimit> {
  const out = new Map<string, EdgeRateLimit>();
  for (const r of plan.resources.filter((x) => x.type === "cloudflare:index/ruleset:Ruleset" && reveal(x.inputs.phase) === "http_ratelimit")) {
    for (const rule of (reveal(r.inputs.rules) as Array<Record<string, unknown>>) ?? []) {
      const rl = reveal(rule.ratelimit) as EdgeRateLimit;
      out.set(String(reveal(rule.ref)), { requestsPerPeriod: rl.requestsPerPeriod, period: rl.period, mitigationTimeout: rl.mitigationTimeout });
    }
  }
  return out;
}

/**
 * The edge's rate limiting: every request a rule counts (plan/simulate.ts says which) increments
 * that rule's counter for the client; over `requestsPerPeriod` within `period` the client gets 429
 * for `mitigationTimeout` seconds (https://developers.cloudflare.com/waf/rate-limiting-rules/).
 * All of a test's requests come from one address, so one counter per rule. Also counts what it saw,
 * so a test can tell how many requests a run sent there within a period.
 */
export class EdgeCounter {
  private readonly seen = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  /** The most requests a rule counted within any one of its periods. */
  readonly most = new Map<string, number>();
  /** How many requests got the edge's 429. */
  blocked = 0;
  constructor(private readonly limits: Map<string, EdgeRateLimit>) {}

  /** Counts a request under `refs`; true when the edge answers it 429. */
  count(refs: string[]): boolean {
    const now = Date.now();
    let block = false;
    for (const ref of refs) {
      const limit = this.limits.get(ref);
      if (!limit) continue;
      const live = [...(this.seen.get(ref) ?? []).filter((t) => t > now - limit.period * 1000), now];
      this.seen.set(ref, live);
      this.most.set(ref, Math.max(this.most.get(ref) ?? 0, live.length));
      if ((this.blockedUntil.get(ref) ?? 0) > now) block = true;
      else if (live.length > limit.requestsPerPeriod) {
        this.blockedUntil.set(ref, now + limit.mitigationTimeout * 1000);
        block = true;
      }
    }
    if (block) this.blocked += 1;
    return block;
  }
}

interface DnsRecordInputs {
  name: string;
  type: string;
  content?: string;
  data?: { flags?: number; tag?: string; value?: string };
  priority?: number;
  proxied: boolean;
}

/** The plan's DnsRecords with known names and values, as the provider would hold them. */
export function declaredRecords(plan: Plan): DnsRecordInputs[] {
  return plan.resources
    .filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord")
    .map((r) => {
      const i = Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, reveal(v)]));
      return { name: norm(String(i.name)), type: String(i.type).toUpperCase(), content: typeof i.content === "string" ? i.content : undefined, data: i.data as DnsRecordInputs["data"], priority: typeof i.priority === "number" ? i.priority : undefined, proxied: i.proxied === true };
    })
    // Names and values known only after deploy (SES's DKIM tokens) cannot be published by a test.
    .filter((r) => PUBLISHED.has(r.type) && r.name !== UNKNOWN_VALUE && r.content !== UNKNOWN_VALUE && (r.content !== undefined || r.data !== undefined));
}

const split = (s: string) => s.match(/.{1,255}/g) ?? [""];

/** How the provider publishes one record; a proxied address name answers with the edge instead (see zoneOf). */
function published(r: DnsRecordInputs): ZoneRecord {
  switch (r.type) {
    case "MX":
      return { name: r.name, type: "MX", data: { preference: r.priority ?? 0, exchange: norm(r.content!) } };
    case "TXT":
      return { name: r.name, type: "TXT", data: split(txtText(r.content!)) };
    case "CAA":
      return { name: r.name, type: "CAA", data: { flags: r.data?.flags ?? 0, tag: r.data?.tag, value: r.data?.value } };
    case "CNAME":
      return { name: r.name, type: "CNAME", data: norm(r.content!) };
    default:
      return { name: r.name, type: r.type as "A" | "AAAA", data: r.content! };
  }
}

/** The domains of the stacks served: names inside them are the stacks' to declare, never the world's. */
const inside = (apexes: string[], name: string) => apexes.some((a) => name === a || name.endsWith(`.${a}`));

/** The live zone of the plans: what each declares, what the rest of the world publishes, and the faults. */
export function zoneOf(plans: Plan[], f: RenderedFaults = {}): ZoneRecord[] {
  const apexes = plans.map((p) => norm(String(p.config.domain)));
  const z: ZoneRecord[] = [];
  const world = new Map<string, ZoneRecord>();
  const addWorld = (r: ZoneRecord) => {
    if (!inside(apexes, r.name) && !world.has(`${r.name} ${r.type}`)) world.set(`${r.name} ${r.type}`, r);
  };
  for (const plan of plans) {
    const records = declaredRecords(plan);
    // Cloudflare answers a proxied name with its own addresses, whatever the record points to.
    const proxied = [...new Set(records.filter((r) => r.proxied && ADDRESS_TYPES.has(r.type)).map((r) => r.name))];
    for (const name of proxied) z.push({ name, type: "A", data: f.exposed?.includes(name) ? ORIGIN : EDGE });
    for (const r of records) {
      if (proxied.includes(r.name) && ADDRESS_TYPES.has(r.type)) continue;
      z.push(published(r));
      if (r.type === "CNAME") addWorld({ name: norm(r.content!), type: "A", data: THIRD_PARTY });
      if (r.type === "MX" && norm(r.content!) !== "") addWorld({ name: norm(r.content!), type: "A", data: THIRD_PARTY });
      // SPF includes and redirects outside the zones: the sender's own record (TEST-NET, no lookups).
      if (r.type === "TXT") {
        for (const m of txtText(r.content!).matchAll(/(?:include:|redirect=)(\S+)/g)) addWorld({ name: norm(m[1]!), type: "TXT", data: ["v=spf1 ip4:192.0.2.0/24 -all"] });
      }
    }
    // Cloudflare's own CAA records, at every name where the zone has any (Universal SSL is on).
    for (const name of new Set(records.filter((r) => r.type === "CAA").map((r) => r.name))) {
      for (const data of CLOUDFLARE_PUBLISHED_CAA) z.push({ name, type: "CAA", data });
      if (f.strayCaa && name === norm(String(plan.config.domain))) z.push({ name, type: "CAA", data: { flags: 0, tag: "issue", value: "stale-ca.example" } });
    }
    // The deploy step the plan asks for ("serve the policy at https://mta-sts.<domain>/..."): on the edge.
    const mtaSts = mtaStsPolicyOf(plan);
    if (mtaSts) z.push({ name: mtaSts.host, type: "A", data: EDGE });
  }
  return [...z, ...world.values()];
}

function mtaStsPolicyOf(plan: Plan): { host: string; policy: string } | undefined {
  const email = emailSchema.safeParse(plan.config.email);
  if (!email.success) return undefined;
  const built = buildEmailPlan(email.data, { apex: norm(String(plan.config.domain)), environment: String(plan.config.environment ?? plan.stack) });
  return built.mtaSts ? { host: built.mtaSts.policyHost, policy: built.mtaSts.policy } : undefined;
}

function zoneSetting(plan: Plan, id: string): unknown {
  return reveal(plan.resources.find((r) => r.type === "cloudflare:index/zoneSetting:ZoneSetting" && reveal(r.inputs.settingId) === id)?.inputs.value);
}

/** The Strict-Transport-Security header the zone's security_header setting makes the edge send. */
function hstsHeader(plan: Plan): string | undefined {
  const sts = (zoneSetting(plan, "security_header") as { strict_transport_security?: { enabled?: boolean; max_age?: number; include_subdomains?: boolean; preload?: boolean } } | undefined)?.strict_transport_security;
  if (!sts?.enabled) return undefined;
  return [`max-age=${sts.max_age ?? 0}`, ...(sts.include_subdomains ? ["includeSubDomains"] : []), ...(sts.preload ? ["preload"] : [])].join("; ");
}

/** The app behind the edge: the smoke routes of the verify section's defaults, and a health route. */
function app(path: string, url: URL, f: RenderedFaults): { status: number; headers: Record<string, string>; body: string } {
  const heavy = f.heavy?.[url.pathname];
  const script = asset(url, f);
  if (script) return script;
  if (heavy !== undefined) return { status: 200, headers: { "content-type": "text/html" }, body: "x".repeat(heavy) };
  switch (url.pathname) {
    case "/":
      return { status: 200, headers: { "content-type": "text/html", "set-cookie": "session=abc; Path=/; Secure; HttpOnly; SameSite=Lax" }, body: HOME_HTML };
    case "/login":
      return { status: 200, headers: { "content-type": "text/html", "set-cookie": f.insecureLoginCookie ? "session=new; Path=/" : "session=new; Path=/; Secure; HttpOnly; SameSite=Lax" }, body: "<form><button>Sign in</button></form>" };
    case "/signup":
      return { status: 200, headers: { "content-type": "text/html" }, body: "<form><button>Join</button></form>" };
    case "/password/reset":
      return { status: 200, headers: { "content-type": "text/html" }, body: "<form><button>Reset</button></form>" };
    case "/members":
      return { status: 302, headers: { location: `/login?next=${encodeURIComponent(path)}` }, body: "" };
    case "/version":
      return { status: 200, headers: { "content-type": "text/plain", "x-app-commit": f.liveCommit ?? LIVE_COMMIT }, body: "ok" };
    case "/api/health":
      return { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };
    default:
      return { status: 404, headers: { "content-type": "text/html" }, body: "<p>Not found</p>" };
  }
}

/** The web behaviour of the plans: the edge for the names it proxies, the third party for the others. */
export function handler(plans: Plan[], f: RenderedFaults = {}, counter = new EdgeCounter(new Map(plans.flatMap((p) => [...rateLimitsOf(p)])))) {
  const apexes = plans.map((p) => norm(String(p.config.domain)));
  const policies = new Map(plans.map(mtaStsPolicyOf).filter((m) => m !== undefined).map((m) => [m.host, m.policy]));
  return ({ scheme, host, path, url }: { scheme: "http" | "https"; host: string; path: string; url: URL }, res: http.ServerResponse) => {
    const send = (status: number, headers: Record<string, string>, body = "") => (res.writeHead(status, headers), res.end(body));
    const policy = policies.get(host);
    if (policy !== undefined) {
      if (scheme === "http") return send(301, { location: `https://${host}${path}` });
      return url.pathname === "/.well-known/mta-sts.txt" ? send(200, { "content-type": "text/plain; charset=utf-8" }, policy) : send(404, {}, "not found");
    }
    const plan = plans[apexes.findIndex((a) => host === a || host.endsWith(`.${a}`))];
    const proxied = plan ? declaredRecords(plan).some((r) => r.name === host && r.proxied) : false;
    if (!plan || !proxied) {
      // A third party that terminates TLS itself (the help desk): its own upgrade, its own HSTS.
      if (scheme === "http") return send(301, { location: `https://${host}${path}` });
      return send(200, { "content-type": "text/html", "strict-transport-security": "max-age=31536000" }, "<h1>Help centre</h1>");
    }
    // Always Use HTTPS answers plain http before any rule runs.
    if (scheme === "http" && zoneSetting(plan, "always_use_https") === "on") return send(301, { location: `https://${host}${path}` });
    const hsts: Record<string, string> = scheme === "https" && hstsHeader(plan) ? { "strict-transport-security": hstsHeader(plan)! } : {};
    const sim = simulateRequest(plan, `GET ${url.href}`);
    if (sim.redirect) {
      const location = f.redirectDropsQuery && url.search && sim.matches.some((m) => m.ref.startsWith("redirect-")) ? sim.redirect.location.split("?")[0]! : sim.redirect.location;
      return send(sim.redirect.status, { location, ...hsts });
    }
    if (sim.blocked) return send(403, { "content-type": "text/html", ...hsts }, "<h1>Blocked</h1>");
    // The edge's own answer once a rate limiting rule's rate is reached (error 1015).
    if (counter.count(sim.rateLimitRefs)) return send(429, { "content-type": "text/html", ...hsts }, "<h1>Error 1015</h1><p>You are being rate limited</p>");
    if (sim.accessRequired && !f.ungated?.includes(host)) {
      const login = `https://${ACCESS_TEAM}.cloudflareaccess.com/cdn-cgi/access/login/${host}?redirect_url=${encodeURIComponent(path)}`;
      return send(302, { location: login, ...hsts });
    }
    const answer = app(path, url, f);
    const edgeHeaders = Object.fromEntries(Object.entries(sim.headers).map(([k, v]) => [k.toLowerCase(), v]).filter(([k]) => !(k === "x-robots-tag" && f.indexable?.includes(host))));
    send(answer.status, { ...answer.headers, ...edgeHeaders, ...hsts }, answer.body);
  };
}

export interface RenderedStacks {
  plans: Record<string, Plan>;
  dns: DnsServer;
  web: Web;
  ca: TestCa;
  /** Switch faults on (all others off); the edge's rate limit counters start afresh. */
  set(f: RenderedFaults): void;
  /** The edge's rate limit counters of the current world. */
  counter(): EdgeCounter;
  options(extra?: Partial<VerifyOptions>): VerifyOptions;
  close(): Promise<void>;
}

/** Serves the test-owned stacks' plans (as `plan` renders them) together, so one's records can vouch for the other's (DMARC report authorization). */
export async function startRendered(stacks: Array<"prod" | "staging">): Promise<RenderedStacks> {
  const plans: Record<string, Plan> = {};
  // The run's renders of the test-owned stacks (test/support/globalSetup.ts).
  for (const s of stacks) plans[s] = (await renderedStack(s)).plan;
  const list = Object.values(plans);
  const ca = new TestCa();
  const hosts = [...new Set(list.flatMap((p) => [...declaredRecords(p).filter((r) => ADDRESS_TYPES.has(r.type)).map((r) => r.name), ...(mtaStsPolicyOf(p) ? [mtaStsPolicyOf(p)!.host] : [])]))];
  const fallback = ca.issue([`fallback.${list[0]!.config.domain}`]);
  const [dns, web] = await Promise.all([startDnsServer(), startWeb([EDGE, ORIGIN, THIRD_PARTY], fallback)]);
  for (const h of hosts) web.certs.set(h, ca.issue([h]));
  let counter = new EdgeCounter(new Map());
  const set = (f: RenderedFaults) => {
    dns.set(zoneOf(list, f), f.dns);
    counter = new EdgeCounter(new Map(list.flatMap((p) => [...rateLimitsOf(p)])));
    web.handler = handler(list, f, counter);
  };
  set({});
  // The client-code scan's secretlint worker, started before any timed run (verify/clientcode/lintService.ts).
  await warmClientLint();
  return {
    plans,
    dns,
    web,
    ca,
    set,
    counter: () => counter,
    // Generous: no fault in this world is a silent server, and a busy machine must not turn a slow answer into a finding.
    options: (extra = {}) => loopbackOptions({ dns, web, ca, edge: EDGE }, { timeoutMs: 10_000, samples: 2 }, extra),
    close: async () => {
      await Promise.all([dns.close(), web.close(), stopClientLint()]);
    },
  };
}
