/**
 * `adopt --from-api`: the official SDK against a loopback server that answers as the Cloudflare API
 * does (envelopes, page-number pagination of zones and records, cursor pagination of rulesets,
 * entry points by phase, settings, error envelopes). The snapshot it reads equals the one read from
 * the same answers saved to files; the CLI writes DIR from it and exits 2, writing nothing, on
 * unusable input.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { readDnsRecordsJson, readRulesetsJson, readSettingsJson } from "../../adopt/apiFiles";
import { fetchZone } from "../../adopt/fromApi";
import { AdoptInputError } from "../../adopt/model";
import { assembleSnapshot } from "../../adopt/sources";
import { TEST_ZONES, type TestZone } from "../fixtures/adopt/zones";
import { runCli, runMain, STACK_TRACE } from "../support/cli";

/** Built at runtime so no scanner takes it for a credential. */
const TOKEN = ["test", "token", "read", "only"].join("-");
const PAGE_SIZE = 4;

const zones: TestZone[] = Object.values(TEST_ZONES).map((make) => make());
let server: http.Server;
let baseURL: string;
const requests: string[] = [];

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function page<T>(items: T[], url: URL): { result: T[]; result_info: Record<string, number> } {
  const number = Number(url.searchParams.get("page") ?? 1);
  const per = Number(url.searchParams.get("per_page") ?? PAGE_SIZE);
  const slice = items.slice((number - 1) * per, number * per);
  return { result: slice, result_info: { page: number, per_page: per, count: slice.length, total_count: items.length, total_pages: Math.ceil(items.length / per) } };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(res, 403, { success: false, errors: [{ code: 9109, message: "Invalid access token" }], messages: [], result: null });
    }
    const ok = (extra: Record<string, unknown>) => send(res, 200, { success: true, errors: [], messages: [], ...extra });
    const base = "/client/v4";
    if (url.pathname === `${base}/zones`) {
      const matching = zones.filter((z) => z.domain === url.searchParams.get("name"));
      return ok(page(matching.map((z) => ({ id: z.zoneId, name: z.domain, status: "active", account: { id: z.accountId, name: "Founder" }, plan: { id: "free", name: "Free Website" } })), url));
    }
    const m = new RegExp(`^${base}/zones/([0-9a-f]{32})/(.*)$`).exec(url.pathname);
    const zone = zones.find((z) => z.zoneId === m?.[1]);
    if (!m || !zone) return send(res, 404, { success: false, errors: [{ code: 7003, message: "Could not route to the zone" }], messages: [], result: null });
    const rest = m[2]!;
    if (rest === "dns_records") return ok(page(zone.dnsRecords, url));
    if (rest === "rulesets") return ok({ result: zone.rulesets.map(({ rules: _rules, ...listed }) => listed), result_info: {} });
    const phase = /^rulesets\/phases\/([a-z_]+)\/entrypoint$/.exec(rest)?.[1];
    if (phase) {
      const found = zone.rulesets.find((r) => r.phase === phase && r.kind === "zone");
      return found ? ok({ result: found }) : send(res, 404, { success: false, errors: [{ code: 10003, message: "Entry point not found" }], messages: [], result: null });
    }
    if (rest === "settings") return ok({ result: zone.settings });
    return send(res, 404, { success: false, errors: [{ code: 7000, message: "No route for that URI" }], messages: [], result: null });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe.each(zones.map((z) => [z.domain, z] as const))("%s", (_, zone) => {
  test("the API gives the snapshot the saved answers give, across pages", async () => {
    const fetched = await fetchZone({ domain: zone.domain, token: TOKEN, baseURL });
    const saved = assembleSnapshot({
      domain: zone.domain,
      zoneId: zone.zoneId,
      records: readDnsRecordsJson(JSON.stringify({ result: zone.dnsRecords }), "dns.json").records,
      rulesets: readRulesetsJson(JSON.stringify(zone.rulesets), "rulesets.json"),
      settings: readSettingsJson(JSON.stringify(zone.settings), "settings.json"),
      sources: ["the Cloudflare API"],
    });
    expect(fetched.snapshot).toEqual(saved);
    expect(fetched.accountId).toBe(zone.accountId);
    expect(fetched.answers.dnsRecords).toHaveLength(zone.dnsRecords.length);
  });
});

test("more records than a page: every page is read", () => {
  const workspace = zones.find((z) => z.domain === "example.org")!;
  expect(workspace.dnsRecords.length).toBeGreaterThan(2 * PAGE_SIZE);
  const pages = requests.filter((r) => r.includes(`/zones/${workspace.zoneId}/dns_records`));
  expect(pages.length).toBe(Math.ceil(workspace.dnsRecords.length / PAGE_SIZE) + 1);
});

test("a refused token and an unknown zone are clear errors", async () => {
  await expect(fetchZone({ domain: "example.org", token: "wrong", baseURL })).rejects.toThrow(AdoptInputError);
  await expect(fetchZone({ domain: "example.org", token: "wrong", baseURL })).rejects.toThrow(/refused the request \(HTTP 403\).*Invalid access token/);
  await expect(fetchZone({ domain: "example.dev", token: TOKEN, baseURL })).rejects.toThrow(/sees no zone named example\.dev/);
});

/** `main(args)` in this process with `env` set for the call (the SDK reads its base URL from the environment). */
async function runMainWithEnv(args: string[], env: Record<string, string>) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await runMain(args);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test("npm run adopt -- --from-api writes DIR; unusable input exits 2 and writes nothing", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-cli-"));
  const out = path.join(parent, "adopted");
  // The run that writes goes through main() in this process, the entry bin.js runs; the refused one
  // through the real bin.js, for its exit status and a message without a stack trace.
  const file = path.join(parent, "other.txt");
  fs.writeFileSync(file, zones[0]!.zoneFile);
  const bad = runCli(["adopt", "--stack", "prod", "--out", path.join(parent, "never"), "--zone-file", file, "--zone", "example.org"]);
  const ok = await runMainWithEnv(["adopt", "--stack", "prod", "--out", out, "--from-api", "--zone", "example.org"], { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: baseURL });
  expect(ok.stderr).toBe("");
  expect(ok.status).toBe(0);
  // The draft stack file adopt wrote into the temporary DIR; the plan below reads that one.
  expect(fs.readdirSync(out).sort()).toEqual(["ADOPTION.md", "Pulumi.prod.yaml", "existing", "import.json"]);
  const imported = JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8")) as { resources: Array<{ id?: string }> };
  expect(imported.resources.filter((r) => r.id?.startsWith(`${zones[1]!.zoneId}/`)).length).toBeGreaterThan(10);
  expect(fs.readdirSync(path.join(out, "existing")).sort()).toEqual(["dns_records.json", "rulesets.json", "settings.json"]);

  // The answers adopt saved feed plan --existing: before the import, every adopted record would collide.
  const planned = await runMain(["plan", "--stack", "prod", "-c", path.join(out, "Pulumi.prod.yaml"), "--no-policies", "--existing", path.join(out, "existing")]);
  expect(planned.status).toBe(0);
  expect(planned.stdout).toMatch(/^Existing zone example\.org: \d+ create\(s\) would collide, 3 existing record\(s\) left unmanaged$/m);
  expect(planned.stdout).toMatch(/collide {2}email-spf-apex \[81058\]/);
  expect(planned.stdout).toMatch(/unmanaged {2}intranet\.example\.org A 10\.0\.0\.5/);

  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/is the zone file of example\.net, not of example\.org/);
  expect(bad.stderr).not.toMatch(STACK_TRACE);
  expect(fs.readdirSync(parent).sort()).toEqual(["adopted", "other.txt"]);
  fs.rmSync(parent, { recursive: true, force: true });
}, 120_000);
