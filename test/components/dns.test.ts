import { hostRecords, REDIRECT_ONLY_ADDRESS } from "../../components/dns";
import { parseStackConfig, type ResolvedHost } from "../../components/config";
import { raw, VALID_CORE } from "../support/config";
import { byType, renderedStack, DNS_RECORD } from "../support/render";

const host = (over: Partial<ResolvedHost>): ResolvedHost => ({
  name: "app", fqdn: "app.example.com", proxied: true, sensitive: false, role: "service", ttl: 1, origin: { cname: "x.fly.dev" }, ...over,
});

describe("hostRecords", () => {
  it("declares a CNAME keyed by host, not by target", () => {
    const [a] = hostRecords(host({ origin: { cname: "one.fly.dev" } }));
    const [b] = hostRecords(host({ origin: { cname: "two.fly.dev" } }));
    expect(a).toMatchObject({ key: "app-origin", name: "app.example.com", type: "CNAME", content: "one.fly.dev", proxied: true, ttl: 1 });
    expect(b!.key).toBe(a!.key);
  });

  it("keeps the slot when an origin changes from a CNAME to addresses", () => {
    const records = hostRecords(host({ origin: { addresses: ["76.76.21.21", "2606:4700::1111"] } }));
    expect(records.map((r) => [r.key, r.type, r.content])).toEqual([
      ["app-origin", "A", "76.76.21.21"],
      ["app-origin-1", "AAAA", "2606:4700::1111"],
    ]);
  });

  it("points a redirect-only host at the discard prefix, proxied", () => {
    expect(hostRecords(host({ name: "www", fqdn: "www.example.com", role: "redirect", origin: undefined }))).toEqual([
      expect.objectContaining({ key: "www-origin", type: "AAAA", content: REDIRECT_ONLY_ADDRESS, proxied: true, ttl: 1 }),
    ]);
  });

  it("names the apex record after the apex", () => {
    expect(hostRecords(host({ name: "@", fqdn: "example.com" }))[0]!.key).toBe("apex-origin");
  });

  it("keeps the configured TTL on unproxied hosts", () => {
    const { config } = parseStackConfig(raw({ ...VALID_CORE, hosts: [...VALID_CORE.hosts, { name: "help", proxied: false, ttl: 3600, origin: { cname: "custom.intercom.help" } }] }));
    const help = config.hosts.find((h) => h.name === "help")!;
    expect(hostRecords(help)[0]).toMatchObject({ proxied: false, ttl: 3600 });
  });
});

describe("Dns in the example stacks", () => {
  it.each(["prod", "staging"] as const)("%s: a record per host, full names, proxied with TTL 1, deleteBeforeReplace", async (stack) => {
    const result = await renderedStack(stack);
    const records = byType(result, DNS_RECORD).filter((r) => r.type === DNS_RECORD && r.parent?.includes("launch-ready:dns:Dns"));
    const names = records.map((r) => r.inputs.name).sort();
    expect(names).toEqual(result.config.hosts.map((h) => h.fqdn).sort());
    for (const r of records) {
      expect(String(r.inputs.name).endsWith(result.config.domain)).toBe(true);
      expect(r.options.deleteBeforeReplace).toBe(true);
      expect(r.inputs.comment).toMatch(/managed by launch-ready/);
      if (r.inputs.proxied) expect(r.inputs.ttl).toBe(1);
      expect(r.options.protect).toBe(stack === "prod");
    }
  });

  it("prod keeps the help centre unproxied with its TTL", async () => {
    const result = await renderedStack("prod");
    const help = byType(result, DNS_RECORD).find((r) => r.inputs.name === "help.example.com");
    expect(help?.inputs).toMatchObject({ type: "CNAME", proxied: false, ttl: 3600 });
  });
});
