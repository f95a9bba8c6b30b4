/**
 * The readers of a zone's current state, each into one model: the dashboard's zone file export
 * and the saved API answers (envelope or bare array) give the same records for the same zone, and
 * unusable input is refused with what was wrong and what is expected.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readDnsRecordsJson, readRulesetsJson, readSettingsJson } from "../../adopt/apiFiles";
import { AdoptInputError, type ExistingRecord } from "../../adopt/model";
import { readSavedAnswers } from "../../adopt/sources";
import { parseZoneFile } from "../../adopt/zoneFile";
import { TEST_ZONES, workspaceZone } from "../fixtures/adopt/zones";

const key = (r: ExistingRecord) => `${r.name} ${r.type} ${r.priority ?? ""} ${r.content} ttl=${r.ttl} proxied=${r.proxied}`;

describe.each(Object.entries(TEST_ZONES))("zone %s", (_, make) => {
  const zone = make();
  test("the zone file export and the API answer hold the same records (the API's with ids)", () => {
    const fromFile = parseZoneFile(zone.zoneFile, "export.txt", zone.domain);
    const fromApi = readSavedAnswersOf(zone);
    expect(fromFile.records.map(key).sort()).toEqual(fromApi.records.map(key).sort());
    expect(fromApi.records.every((r) => /^[0-9a-f]{32}$/.test(r.id ?? ""))).toBe(true);
    expect(fromFile.records.every((r) => r.id === undefined)).toBe(true);
    // Cloudflare's SOA and name servers are set aside, not adopted.
    expect(fromFile.skipped.map((s) => s.record.type).sort()).toEqual(["NS", "NS", "SOA"]);
  });
});

function readSavedAnswersOf(zone: ReturnType<typeof workspaceZone>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-readers-"));
  fs.writeFileSync(path.join(dir, "dns.json"), JSON.stringify({ success: true, errors: [], messages: [], result: zone.dnsRecords, result_info: { page: 1, per_page: 100, count: zone.dnsRecords.length, total_count: zone.dnsRecords.length } }));
  fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify(zone.settings));
  fs.writeFileSync(path.join(dir, "rulesets.json"), JSON.stringify({ success: true, result: zone.rulesets }));
  try {
    return readSavedAnswers({ dnsRecordsJson: path.join(dir, "dns.json"), settingsJson: path.join(dir, "settings.json"), rulesetsJson: path.join(dir, "rulesets.json") });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("zone file", () => {
  test("keeps the cf-proxied tag, the TTL, MX priority, TXT strings joined, SRV and CAA in the model's form", () => {
    const text = [
      "$ORIGIN example.com.",
      "@ 1 IN A 104.16.1.1 ; cf_tags=cf-proxied:true",
      'txt 300 IN TXT "v=spf1 include:a.example.net" " -all ; not a comment"',
      "@ 3600 IN MX 10 mx1.example.net.",
      "_sip._tcp 3600 IN SRV 10 5 5060 sip.example.net.",
      '@ 3600 IN CAA 0 issue "letsencrypt.org"',
      "old 300 IN A 93.184.216.34 ; cf_tags=cf-proxied:false",
    ].join("\n");
    const { records, domain } = parseZoneFile(text, "z.txt");
    expect(domain).toBe("example.com");
    expect(records.map(key)).toEqual([
      "example.com A  104.16.1.1 ttl=1 proxied=true",
      "txt.example.com TXT  v=spf1 include:a.example.net -all ; not a comment ttl=300 proxied=false",
      "example.com MX 10 mx1.example.net ttl=3600 proxied=false",
      "_sip._tcp.example.com SRV 10 5 5060 sip.example.net ttl=3600 proxied=false",
      "example.com CAA  0 issue letsencrypt.org ttl=3600 proxied=false",
      "old.example.com A  93.184.216.34 ttl=300 proxied=false",
    ]);
  });

  test.each([
    ["another domain's export", workspaceZone().zoneFile, "example.com", /is the zone file of example\.org, not of example\.com/],
    ["an unclosed quote", 'example.com. 300 IN TXT "open', "example.com", /z\.txt:1: a quoted string is not closed/],
    ["an unknown token", "example.com. 300 IN BOGUS data", "example.com", /z\.txt:1: "BOGUS" is not a TTL, class or record type/],
    ["a record outside the zone", "other.net. 300 IN A 93.184.216.34", "example.com", /holds records outside example\.com \(other\.net\)/],
    ["nothing but comments", ";; nothing here\n", "example.com", /holds no records/],
    ["an unclosed parenthesis", "example.com. 300 IN SOA a. b. ( 1 2 3", "example.com", /a "\(" is never closed/],
    ["a binary file", "\u0000\u0001PK", "example.com", /is a binary file/],
  ])("refuses %s", (_, text, domain, message) => {
    expect(() => parseZoneFile(text, "z.txt", domain)).toThrow(AdoptInputError);
    expect(() => parseZoneFile(text, "z.txt", domain)).toThrow(message);
  });
});

describe("saved API answers", () => {
  const zone = workspaceZone();
  test("the envelope and the bare array read the same", () => {
    const enveloped = readDnsRecordsJson(JSON.stringify({ success: true, result: zone.dnsRecords }), "a.json");
    const bare = readDnsRecordsJson(JSON.stringify(zone.dnsRecords), "b.json");
    expect(bare).toEqual(enveloped);
    expect(enveloped.zoneId).toBe(zone.zoneId);
    expect(enveloped.zoneName).toBe("example.org");
    expect(readSettingsJson(JSON.stringify({ result: zone.settings }), "s.json")).toEqual(readSettingsJson(JSON.stringify(zone.settings), "s.json"));
  });

  test("rulesets keep their rules, expressions and action parameters; managed rulesets are not entry points", () => {
    const rulesets = readRulesetsJson(JSON.stringify({ result: TEST_ZONES.free().rulesets }), "r.json");
    expect(rulesets.map((r) => r.phase)).toEqual(["http_request_dynamic_redirect", "http_request_cache_settings", "http_request_firewall_custom"]);
    expect(rulesets[0]!.rules[1]).toMatchObject({ expression: '(http.request.uri.path eq "/old-pricing")', action: "redirect", actionParameters: { from_value: { status_code: 301 } } });
    expect(rulesets[2]!.rules[1]!.enabled).toBe(false);
  });

  test.each([
    ["not JSON", () => readDnsRecordsJson("{nope", "d.json"), /d\.json is not JSON .*GET \/zones\/\{zone_id\}\/dns_records is expected/],
    ["an API error answer", () => readDnsRecordsJson(JSON.stringify({ success: false, errors: [{ code: 10000, message: "Authentication error" }], result: null }), "d.json"), /d\.json is an API error answer .*Authentication error/],
    ["a record without a type", () => readDnsRecordsJson(JSON.stringify([{ id: "x", name: "a.example.org", ttl: 1 }]), "d.json"), /d\.json: \[0\]\.type .*an array, or the API's \{"result": \[\.\.\.\]\}\) is expected/],
    ["the ruleset list without rules", () => readRulesetsJson(JSON.stringify({ result: [{ id: "a", kind: "zone", phase: "http_request_cache_settings", name: "default" }] }), "r.json"), /lists rulesets without their rules \(http_request_cache_settings\).*phases\/<phase>\/entrypoint/],
    ["records of two zones", () => readDnsRecordsJson(JSON.stringify([...zone.dnsRecords.slice(0, 1), ...TEST_ZONES.free().dnsRecords.slice(0, 1)]), "d.json"), /mixes records of several zones/],
    ["settings that are not a list", () => readSettingsJson(JSON.stringify({ result: { ssl: "full" } }), "s.json"), /s\.json: .*GET \/zones\/\{zone_id\}\/settings/],
  ])("refuses %s", (_, read, message) => {
    expect(read).toThrow(AdoptInputError);
    expect(read).toThrow(message);
  });

  test("a records file of another zone than --zone is refused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-readers-"));
    const file = path.join(dir, "dns.json");
    fs.writeFileSync(file, JSON.stringify(zone.dnsRecords));
    expect(() => readSavedAnswers({ dnsRecordsJson: file }, "example.com")).toThrow(/holds the records of example\.org, not of example\.com/);
    expect(() => readSavedAnswers({ dnsRecordsJson: path.join(dir, "missing.json") }, "example.org")).toThrow(/cannot read --dns-records-json .*missing\.json: ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
