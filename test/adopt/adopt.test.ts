/**
 * Adopting the three test zones: each draft renders (config valid, the program runs) and passes the
 * policy pack with no mandatory violation; import.json names every adopted resource as the program
 * registers it, with the provider's id form; no existing record is dropped (each is adopted or
 * listed as left unmanaged); ADOPTION.md lists every change. One render per zone, shared.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import MarkdownIt from "markdown-it";
import * as YAML from "yaml";
import { prepareAdoption, writeAdoption, type Adopted } from "../../adopt";
import { buildDraft } from "../../adopt/draft";
import { compareWithExisting } from "../../adopt/existing";
import { DNS_RECORD_TYPE, RULESET_TYPE, ZONE_SETTING_TYPE } from "../../adopt/imports";
import { AdoptInputError, describeRecord, type ZoneSnapshot } from "../../adopt/model";
import { escapeMarkdown } from "../../adopt/report";
import { readSavedAnswers } from "../../adopt/sources";
import { checkPlan } from "../../plan/pipeline";
import { startInProcessPolicyPack } from "../../plan/analyzer/inProcess";
import { mandatoryViolations } from "../../plan/violations";
import type { PlannedResource } from "../../plan/types";
import { TEST_ZONES, type TestZone } from "../fixtures/adopt/zones";
import { renderIsolated } from "../support/render";

const TODAY = "2026-12-04";

interface Case {
  zone: TestZone;
  snapshot: ZoneSnapshot;
  adopted: Adopted;
}

function snapshotFromFiles(zone: TestZone, which: "api" | "zone-file"): ZoneSnapshot {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-test-"));
  try {
    if (which === "zone-file") {
      fs.writeFileSync(path.join(dir, "zone.txt"), zone.zoneFile);
      return readSavedAnswers({ zoneFile: path.join(dir, "zone.txt") });
    }
    fs.writeFileSync(path.join(dir, "dns.json"), JSON.stringify({ success: true, result: zone.dnsRecords }));
    fs.writeFileSync(path.join(dir, "rulesets.json"), JSON.stringify({ success: true, result: zone.rulesets }));
    fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify(zone.settings));
    return readSavedAnswers({ dnsRecordsJson: path.join(dir, "dns.json"), rulesetsJson: path.join(dir, "rulesets.json"), settingsJson: path.join(dir, "settings.json") });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cases: Record<string, Case> = {};

beforeAll(async () => {
  for (const [name, make] of Object.entries(TEST_ZONES)) {
    const zone = make();
    const snapshot = snapshotFromFiles(zone, "api");
    cases[name] = { zone, snapshot, adopted: await prepareAdoption(snapshot, { stack: zone.stack, today: TODAY, accountId: zone.accountId }, renderIsolated) };
  }
}, 180_000);

describe.each(Object.keys(TEST_ZONES))("zone %s", (name) => {
  const get = () => cases[name]!;

  test("the draft parses and renders", () => {
    const { adopted } = get();
    expect(adopted.configProblems).toEqual([]);
    expect(adopted.render).toBeDefined();
    // The written YAML is the config that rendered: every key under the launch-ready namespace.
    const doc = YAML.parse(adopted.yaml) as { config: Record<string, unknown> };
    expect(Object.keys(doc.config).every((k) => k.startsWith("launch-ready:"))).toBe(true);
  });

  test("import.json names each adopted resource as the program registers it, with the provider's id form", () => {
    const { adopted, zone } = get();
    const plan = adopted.render!.plan;
    const entries = adopted.importFile.resources;
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.size).toBe(entries.length);
    const recordIds = new Set(zone.dnsRecords.map((r) => r.id as string));
    const rulesetIds = new Set(zone.rulesets.map((r) => r.id as string));
    for (const entry of entries) {
      // Find the planned resource by walking the parents' names from the root.
      const chain: string[] = [];
      for (let e: typeof entry | undefined = entry; e; e = e.parent ? byName.get(e.parent) : undefined) chain.unshift(e.logicalName ?? e.name);
      const resource = plan.resources.find((r) => r.name === (entry.logicalName ?? entry.name) && r.type === entry.type && urnChain(plan.resources, r) === chain.join("/"));
      expect(resource).toBeDefined();
      if (entry.component) {
        expect(resource!.custom).toBe(false);
        expect(entry.id).toBeUndefined();
        continue;
      }
      if (entry.type === DNS_RECORD_TYPE) {
        const [zoneId, recordId] = entry.id!.split("/");
        expect(zoneId).toBe(zone.zoneId);
        expect(recordIds.has(recordId!)).toBe(true);
      } else if (entry.type === RULESET_TYPE) {
        expect(entry.id).toMatch(new RegExp(`^zones/${zone.zoneId}/[0-9a-f]{32}$`));
        expect(rulesetIds.has(entry.id!.split("/")[2]!)).toBe(true);
      } else if (entry.type === ZONE_SETTING_TYPE) {
        expect(entry.id).toBe(`${zone.zoneId}/${String(resource!.inputs.settingId)}`);
      } else throw new Error(`unexpected import type ${entry.type}`);
    }
    // Every adopted record and every existing entry point the plan declares is in the file.
    const adoptedRecords = adopted.adoption!.records.filter((o) => o.kind !== "create");
    expect(entries.filter((e) => e.type === DNS_RECORD_TYPE)).toHaveLength(adoptedRecords.length);
    expect(entries.filter((e) => e.type === ZONE_SETTING_TYPE)).toHaveLength(plan.resources.filter((r) => r.type === ZONE_SETTING_TYPE).length);
    expect(entries.filter((e) => e.type === RULESET_TYPE)).toHaveLength(adopted.adoption!.rulesets.filter((r) => r.existing).length);
  });

  test("no existing record is dropped: each is adopted or listed as left as it is", () => {
    const { adopted, snapshot } = get();
    const adoption = adopted.adoption!;
    const taken = adoption.records.flatMap((o) => (o.kind === "create" ? [] : [o.existing]));
    expect(new Set([...taken, ...adoption.unmanaged]).size).toBe(snapshot.records.length);
    expect(taken.filter((r) => adoption.unmanaged.includes(r))).toEqual([]);
    const text = plainText(adopted.report);
    for (const r of adoption.unmanaged) expect(text).toContain(describeRecord(r));
  });

  test("the report lists every change of the first pulumi up", () => {
    const { adopted } = get();
    const text = plainText(adopted.report);
    for (const o of adopted.adoption!.records) {
      if (o.kind === "unchanged") continue;
      expect(text).toContain(o.planned.resource.name);
      if (o.kind !== "create") for (const c of o.changes) expect(text).toContain(`${c.field}: ${c.before} -> ${c.after}`);
    }
    for (const s of adopted.adoption!.settings) expect(text).toContain(s.settingId);
    for (const r of adopted.adoption!.rulesets) for (const rule of r.existing?.rules ?? []) expect(text).toContain(rule.expression);
  });

  test("the zone file source gives the same draft, without the ids it cannot know", () => {
    const { zone, adopted } = get();
    const fromFile = buildDraft(snapshotFromFiles(zone, "zone-file"), { stack: zone.stack, today: TODAY, accountId: zone.accountId });
    // A zone file carries no settings and no rules: TLS stays at the stack's defaults, no redirects are inferred.
    const { zone: fileZone, tls: fileTls, ...rest } = fromFile.values;
    const { zone: apiZone, tls: _apiTls, edge: apiEdge, ...apiRest } = adopted.draft.values;
    const { redirects: _redirects, ...edgeWithoutRedirects } = (apiEdge ?? {}) as Record<string, unknown>;
    expect(rest).toEqual({ ...apiRest, ...(Object.keys(edgeWithoutRedirects).length ? { edge: edgeWithoutRedirects } : {}) });
    expect(fileTls).toEqual({});
    expect(apiZone).toEqual({ id: zone.zoneId });
    expect(fromFile.todos[0]).toMatch(/^TODO: set zone\.id/);
    expect(fileZone).toEqual({ id: "0".repeat(32) });
  });
});

test("every draft passes the policy pack with no mandatory violation", async () => {
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "adopt-policy-")), "policy.json");
  // The pack's settings come from each draft's own config (zone name, sensitive hosts), not the example stacks'.
  fs.writeFileSync(empty, "{}");
  for (const [name, c] of Object.entries(cases)) {
    // The pack's analyzer in this process (test/plan/process/inProcess.test.ts holds it to the real pack's answers).
    const checks = await checkPlan(c.adopted.render!, { policyConfig: empty }, startInProcessPolicyPack());
    expect(checks.policiesRun).toBeGreaterThan(10);
    expect({ name, mandatory: mandatoryViolations(checks.violations ?? []).map((v) => `${v.policyName}: ${v.message}`), contracts: checks.contracts.summary.failed }).toEqual({ name, mandatory: [], contracts: 0 });
  }
}, 180_000);

describe("what each zone teaches", () => {
  test("free zone: dashboard rules are replaced and listed with their expressions; the expressible ones are kept", () => {
    const { adopted } = cases.free!;
    const text = plainText(adopted.report);
    expect(text).toContain('replaced: Cache everything (set_cache_settings): true');
    expect(text).toContain('(http.request.uri.path eq "/old-pricing") (kept as edge.redirects: /old-pricing -> /pricing)');
    expect(text).toMatch(/Redirect from WWW to root \[Template\].*kept as the stack's canonical-host redirect/);
    expect(text).toMatch(/http_request_firewall_custom: entry point c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3 with 2 rule\(s\), not managed by the stack: left as it is/);
    expect(adopted.draft.values.edge).toEqual({ redirects: [{ from: "/old-pricing", to: "/pricing" }] });
    expect(text).toContain("ssl | flexible | strict");
    expect(text).toContain("min_tls_version | 1.0 | 1.2");
    expect(text).toMatch(/Decisions for you[\s\S]*Cache everything/);
  });

  test("workspace zone: presets recognised, verification TXT kept, conflicts ranked", () => {
    const { adopted } = cases.workspace!;
    const email = adopted.draft.values.email as Record<string, unknown>;
    expect(email.inbound).toEqual({ provider: "google-workspace", mx: "smtp" });
    expect((email.senders as Array<{ provider: string }>).map((s) => s.provider)).toEqual(["google-workspace", "postmark"]);
    expect(email.dmarc).toMatchObject({ p: "quarantine", rollout: { policy: "none" }, rua: ["mailto:dmarc@example.org"] });
    const kept = (adopted.draft.values.dns as { records: Array<{ content: string }> }).records.map((r) => r.content);
    expect(kept).toEqual(expect.arrayContaining([expect.stringMatching(/^google-site-verification=/), expect.stringMatching(/^stripe-verification=/), "8f2d4a6c1e"]));
    const ids = adopted.draft.conflicts.map((c) => `${c.severity} ${c.id} ${c.message.slice(0, 40)}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^high dns\.conflict example\.org has 2 SPF records/),
        expect.stringMatching(/^high dns\.conflict app\.example\.org has a CNAME/),
        expect.stringMatching(/^high dns\.private intranet\.example\.org A 10\.0\.0\.5/),
        expect.stringMatching(/^high dns\.edge the admin host admin\.example\.org/),
      ]),
    );
    const unmanaged = adopted.adoption!.unmanaged.map(describeRecord);
    expect(unmanaged.sort()).toEqual(["app.example.org A 159.89.12.40", "example.org TXT v=spf1 include:mailgun.org ~all", "intranet.example.org A 10.0.0.5"]);
    const admin = adopted.adoption!.records.find((o) => o.planned.resource.name === "admin-origin")!;
    expect(admin.kind === "update" && admin.changes).toEqual([{ field: "proxied", before: "false", after: "true" }]);
  });

  test("exotic zone: wildcard, SRV, NS and DS kept in dns.records and adopted; the DNSKEY is a listed TODO", () => {
    const { adopted } = cases.exotic!;
    const kept = (adopted.draft.values.dns as { records: Array<{ name: string; type: string }> }).records.map((r) => `${r.name} ${r.type}`);
    expect(kept.sort()).toEqual(["* CNAME", "_imaps._tcp SRV", "_sip._tcp SRV", "lab DS", "lab NS"]);
    const adoptedNames = adopted.importFile.resources.map((e) => e.name);
    expect(adoptedNames.filter((n) => n.startsWith("record-")).sort()).toEqual([
      expect.stringMatching(/^record-imaps-tcp-srv-/),
      expect.stringMatching(/^record-lab-ds-/),
      expect.stringMatching(/^record-lab-ns-/),
      expect.stringMatching(/^record-sip-tcp-srv-/),
      expect.stringMatching(/^record-wildcard-cname-/),
    ]);
    // SRV and DS adopted without a change: their data round-trips.
    for (const o of adopted.adoption!.records.filter((x) => x.planned.type === "SRV" || x.planned.type === "DS")) expect(o.kind).toBe("unchanged");
    expect(adopted.draft.values.caa).toEqual({ issuers: ["letsencrypt.org", "pki.goog"], iodef: "mailto:security@example.com" });
    expect(adopted.draft.todos.some((t) => /DNSKEY .*cannot be declared/.test(t))).toBe(true);
  });
});

describe("plan --existing", () => {
  test("a plan not yet imported meets 81058 for identical records and 20217 for existing entry points", () => {
    const { adopted, snapshot } = cases.free!;
    const report = compareWithExisting(adopted.render!.plan, snapshot);
    const by = (error: string) => report.collisions.filter((c) => c.error === error).map((c) => c.name).sort();
    expect(by("81058")).toEqual(["apex-origin"]);
    expect(by("20217")).toEqual(["edge-cache-ruleset", "edge-redirects-ruleset"]);
    expect(by("cname-conflict")).toEqual(["www-origin"]);
    expect(report.unmanaged).toEqual([]);
  });

  test("a stack declaring other records collides where Cloudflare would add a second one, and lists the rest as unmanaged", () => {
    const { adopted, snapshot } = cases.workspace!;
    const other: ZoneSnapshot = { ...snapshot, records: snapshot.records.map((r) => (r.name === "example.org" && r.type === "A" ? { ...r, content: "93.184.216.34" } : r)), rulesets: undefined };
    const report = compareWithExisting(adopted.render!.plan, other);
    expect(report.collisions.find((c) => c.name === "apex-origin")).toMatchObject({ error: "duplicate" });
    expect(report.notChecked[0]).toMatch(/^rulesets/);
    expect(report.unmanaged.map(describeRecord)).toContain("app.example.org A 159.89.12.40");
  });
});

describe("writing DIR", () => {
  test("writes every file at once and refuses a directory that is not empty", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-out-"));
    const out = path.join(parent, "adopted");
    const files = writeAdoption(cases.exotic!.adopted, out, { settings: cases.exotic!.zone.settings });
    expect(fs.readdirSync(parent)).toEqual(["adopted"]);
    // The draft adopt writes into the temporary DIR, named for the adopted stack.
    expect(files.map((f) => path.relative(out, f)).sort()).toEqual(["ADOPTION.md", "Pulumi.staging.yaml", "existing/settings.json", "import.json"]);
    expect(JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8"))).toEqual(cases.exotic!.adopted.importFile);
    const before = fs.readFileSync(path.join(out, "ADOPTION.md"), "utf8");
    expect(() => writeAdoption(cases.free!.adopted, out)).toThrow(AdoptInputError);
    expect(() => writeAdoption(cases.free!.adopted, out)).toThrow(/exists and is not an empty directory/);
    expect(fs.readFileSync(path.join(out, "ADOPTION.md"), "utf8")).toBe(before);
    expect(fs.readdirSync(parent)).toEqual(["adopted"]);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  test("values from the zone cannot break the report's Markdown", () => {
    const hostile = "x | y](javascript:alert(1)) <img src=x> `code` *b* _i_ # h\nnext";
    const html = new MarkdownIt().renderInline(escapeMarkdown(hostile));
    expect(html).not.toMatch(/<img|<a |<code>|<em>|<strong>/);
    expect(new MarkdownIt().render(`| a |\n| --- |\n| ${escapeMarkdown(hostile)} |`).match(/<td>/g)).toHaveLength(1);
  });
});

/** The names of a resource and its ancestors, root first, joined by "/". */
function urnChain(resources: PlannedResource[], resource: { name: string; parent?: string }): string {
  const names: string[] = [];
  for (let r: { name: string; parent?: string } | undefined = resource; r; r = r.parent ? resources.find((x) => x.urn === r!.parent) : undefined) names.unshift(r.name);
  return names.join("/");
}

/** The report's text as a reader sees it (Markdown escapes removed). */
function plainText(markdown: string): string {
  return markdown.replace(/\\(.)/g, "$1").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
}
