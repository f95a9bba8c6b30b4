/**
 * The `dns.records` section: records kept exactly as declared. Shapes and key paths, collisions
 * with the records the stack builds itself, and logical names that survive reordering.
 */
import { ConfigError, parseStackConfig } from "../../components/config";
import { managedRecordKey, managedRecords, recordShape } from "../../components/schema/dns";
import { managedRecordSpec } from "../../components/dns";
import { raw, VALID_CORE } from "../support/config";

function issuesOf(dns: unknown, extra: Record<string, unknown> = {}): string[] {
  try {
    parseStackConfig(raw({ ...VALID_CORE, ...extra, dns }));
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("dns.records", () => {
  test("accepts the record types adopt keeps, with their content forms", () => {
    const records = [
      { name: "@", type: "TXT", content: "google-site-verification=abc" },
      { name: "_sip._tcp", type: "SRV", priority: 10, content: "5 5060 sip.example.net" },
      { name: "*.cdn", type: "CNAME", content: "cdn.example.net", proxied: true },
      { name: "lab", type: "NS", content: "ns1.lab-dns.net", ttl: 86400 },
      { name: "lab", type: "DS", content: "2371 13 2 1f98 7cc6" },
      { name: "mail.example.com", type: "MX", priority: 5, content: "mx.example.net" },
    ];
    expect(issuesOf({ records })).toEqual([]);
    const specs = managedRecords({ records: records.map((r) => ({ proxied: false, ...r })) as never }, "example.com");
    expect(specs.map((s) => [s.name, s.type])).toEqual([
      ["example.com", "TXT"],
      ["_sip._tcp.example.com", "SRV"],
      ["*.cdn.example.com", "CNAME"],
      ["lab.example.com", "NS"],
      ["lab.example.com", "DS"],
      ["mail.example.com", "MX"],
    ]);
    expect(specs[1]!.data).toEqual({ priority: 10, weight: 5, port: 5060, target: "sip.example.net" });
    expect(specs[1]!.priority).toBeUndefined();
    expect(specs[4]!.data).toEqual({ keyTag: 2371, algorithm: 13, digestType: 2, digest: "1F987CC6" });
    expect(specs[2]!.ttl).toBe(1);
    expect(specs[0]!.ttl).toBe(300);
  });

  test("names each bad field by its key path", () => {
    const issues = issuesOf({
      records: [
        { name: "app.other.net.", type: "TXT", content: "x" },
        { name: "ok", type: "A", content: "not-an-ip" },
        { name: "ok", type: "TXT", content: "x", proxied: true },
        { name: "mx", type: "MX", content: "mx.example.net" },
        { name: "t", type: "TXT", content: "x", priority: 3 },
        { name: "c", type: "CAA", content: "issue letsencrypt.org" },
      ],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^launch-ready:dns\.records\[0\]\.name: "app\.other\.net\." is outside the zone example\.com/),
        expect.stringMatching(/^launch-ready:dns\.records\[1\]\.content: "not-an-ip" is not an IPv4 address/),
        expect.stringMatching(/^launch-ready:dns\.records\[2\]\.proxied: true on a TXT record/),
        expect.stringMatching(/^launch-ready:dns\.records\[3\]\.priority: is missing/),
        expect.stringMatching(/^launch-ready:dns\.records\[4\]\.priority: is set on a TXT record/),
        expect.stringMatching(/^launch-ready:dns\.records\[5\]\.content: .*"<flags> <tag> <value>"/),
      ]),
    );
  });

  test("a type the section cannot declare is a shape error naming the types it can", () => {
    expect(issuesOf({ records: [{ name: "t", type: "HINFO", content: "x" }] })).toEqual([
      expect.stringMatching(/^launch-ready:dns\.records\[0\]\.type: .*one of A, AAAA, CNAME, MX, TXT, CAA, SRV, NS, DS is expected/),
    ]);
  });

  test("refuses what would collide with the records the stack builds", () => {
    const email = { inbound: { provider: "google-workspace" }, senders: [{ provider: "google-workspace" }], dmarc: { p: "reject", rua: ["mailto:d@example.com"] } };
    const issues = issuesOf(
      {
        records: [
          { name: "app", type: "A", content: "93.184.216.34" },
          { name: "@", type: "TXT", content: "v=spf1 include:mailgun.org -all" },
          { name: "@", type: "MX", priority: 5, content: "mx.other.net" },
          { name: "@", type: "CAA", content: '0 issue "digicert.com"' },
          { name: "admin", type: "TXT", content: "hello" },
          { name: "@", type: "TXT", content: "google-site-verification=ok" },
          { name: "@", type: "TXT", content: "google-site-verification=ok" },
        ],
      },
      { email },
    );
    const byIndex = (i: number) => issues.filter((m) => m.startsWith(`launch-ready:dns.records[${i}]`));
    expect(byIndex(0)[0]).toMatch(/app\.example\.com already has a CNAME record from hosts\[1\]/);
    expect(byIndex(1)[0]).toMatch(/already publishes a SPF1 TXT from email/);
    expect(byIndex(2)[0]).toMatch(/MX records come from email/);
    expect(byIndex(3)[0]).toMatch(/CAA records come from caa/);
    expect(byIndex(4)[0]).toMatch(/admin\.example\.com already has a CNAME record from hosts\[2\]; a CNAME must be alone/);
    expect(byIndex(5)).toEqual([]);
    expect(byIndex(6)[0]).toMatch(/duplicates records\[5\].*81058/);
  });

  test("logical names depend on the record, not on its place in the list", () => {
    const a = { name: "@", type: "TXT" as const, content: "one", proxied: false };
    const b = { name: "_sip._tcp", type: "SRV" as const, content: "5 5060 sip.example.net", priority: 10, proxied: false };
    const first = managedRecords({ records: [a, b] }, "example.com").map((s) => s.key);
    const second = managedRecords({ records: [b, a] }, "example.com").map((s) => s.key);
    expect(new Set(first)).toEqual(new Set(second));
    expect(first[0]).toMatch(/^record-apex-txt-[0-9a-f]{8}$/);
    expect(first[1]).toMatch(/^record-sip-tcp-srv-[0-9a-f]{8}$/);
    expect(managedRecordKey("example.com", "TXT", "two", undefined, "example.com")).not.toBe(first[0]);
  });

  test("a TXT value goes out as quoted 255-octet strings, as the mail records do", () => {
    const [spec] = managedRecords({ records: [{ name: "@", type: "TXT", content: `k="${"x".repeat(300)}"`, proxied: false }] }, "example.com");
    const content = managedRecordSpec(spec!).content!;
    expect(content).toMatch(/^"k=\\"x{252}" "x{48}\\""$/);
  });

  test("AAAA content is canonical, so it compares with what the API answers", () => {
    expect(recordShape("AAAA", "2606:4700:0010:0000:0000:0000:6816:0001")).toEqual({ content: "2606:4700:10::6816:1" });
  });
});
