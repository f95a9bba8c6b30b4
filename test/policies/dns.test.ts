import type { Plan } from "../../plan/types";
import { breakPlan, byPolicy, dnsRecord, happyPlan, planned, resourceNamed, usePolicyPack } from "./harness";

const pack = usePolicyPack();
const edit = (name: string, inputs: Record<string, unknown>) => breakPlan((p) => Object.assign(resourceNamed(p, name).inputs, inputs));
const add = (...records: ReturnType<typeof dnsRecord>[]) => breakPlan((p) => p.resources.push(...records));
const policiesOf = async (plan: Plan) => (await pack.analyze(plan)).map((v) => v.policyName);

describe("dns-proxied-ttl-auto", () => {
  test("a proxied record with a TTL other than 1 is a violation", async () => {
    const plan = edit("app-cname", { ttl: 300 });
    const v = await pack.analyze(plan);
    expect(v).toEqual([expect.objectContaining({ policyName: "dns-proxied-ttl-auto", urn: resourceNamed(plan, "app-cname").urn })]);
  });
});

describe("dns-unproxied-ttl-range", () => {
  test.each([1, 30, 86401])("an unproxied record with ttl %d is a violation", async (ttl) => {
    expect(await policiesOf(edit("help-cname", { ttl }))).toEqual(["dns-unproxied-ttl-range"]);
  });
  test.each([60, 86400])("ttl %d complies", async (ttl) => {
    expect(await policiesOf(edit("help-cname", { ttl }))).toEqual([]);
  });
});

describe("dns-no-private-targets", () => {
  test.each([
    ["A", "10.0.0.5", "private"],
    ["A", "127.0.0.1", "loopback"],
    ["A", "169.254.10.1", "link-local"],
    ["AAAA", "fd00::1", "unique-local"],
    ["AAAA", "fe80::1", "link-local"],
  ])("%s %s (%s) is a violation", async (type, content, what) => {
    const v = byPolicy(await pack.analyze(edit("apex-a", { type, content })), "dns-no-private-targets");
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toContain(what);
  });
  test("Cloudflare's proxied redirect placeholders comply only while proxied", async () => {
    expect(await policiesOf(edit("apex-a", { type: "AAAA", content: "100::" }))).toEqual([]);
    expect(await policiesOf(edit("apex-a", { type: "A", content: "192.0.2.1" }))).toEqual([]);
    expect(await policiesOf(edit("apex-a", { type: "AAAA", content: "100::", proxied: false, ttl: 300 }))).toEqual(["dns-no-private-targets"]);
  });
  test("a public IPv6 address complies", async () => {
    expect(await policiesOf(edit("apex-a", { type: "AAAA", content: "2606:4700::6810:84e5" }))).toEqual([]);
  });
});

describe("dns-sensitive-hosts-proxied", () => {
  test("an unproxied admin record is a violation", async () => {
    expect(await policiesOf(edit("admin-cname", { proxied: false, ttl: 300 }))).toEqual(["dns-sensitive-hosts-proxied"]);
  });
  test("the sensitive host list comes from policy config", async () => {
    const config = { "dns-names-in-zone": { zoneName: "example.com" }, "dns-sensitive-hosts-proxied": { sensitiveHosts: ["help"] } };
    const v = await pack.analyze(happyPlan(), config);
    expect(v).toEqual([expect.objectContaining({ policyName: "dns-sensitive-hosts-proxied", message: "Sensitive host help.example.com must be proxied." })]);
  });
});

describe("dns-names-in-zone", () => {
  test("a short name is a violation that asks for the full name", async () => {
    const v = await pack.analyze(edit("app-cname", { name: "app" }));
    expect(v).toEqual([expect.objectContaining({ policyName: "dns-names-in-zone", message: expect.stringContaining('use the full name, e.g. "app.example.com"') })]);
  });
  test("a name in another domain is a violation", async () => {
    expect(await policiesOf(edit("app-cname", { name: "app.example.org" }))).toEqual(["dns-names-in-zone"]);
  });
  test("without a declared Zone or zoneName config the zone is unknown: a violation (fail closed)", async () => {
    const v = await pack.analyze(happyPlan(), {});
    expect(new Set(byPolicy(v, "dns-names-in-zone").map((x) => x.message))).toEqual(
      new Set(["example.com", "app.example.com", "admin.example.com", "help.example.com", "_dmarc.example.com"].map((n) => `Record ${n} must belong to a known zone: declare the cloudflare.Zone or set the policy config zoneName.`)),
    );
  });
  test("a declared Zone gives the domain through the zoneId property dependency", async () => {
    const plan = breakPlan((p) => {
      const zone = planned("cloudflare:index/zone:Zone", "zone", { name: "example.com", account: { id: "a".repeat(32) } });
      p.resources.unshift(zone);
      for (const r of p.resources) {
        if (r.inputs.zoneId !== undefined) {
          r.inputs.zoneId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
          r.propertyDependencies = { zoneId: [zone.urn] };
        }
      }
      resourceNamed(p, "app-cname").inputs.name = "app.example.net";
    });
    const v = await pack.analyze(plan, {});
    expect(v.filter((x) => x.enforcementLevel === "mandatory")).toEqual([
      expect.objectContaining({ policyName: "dns-names-in-zone", message: 'Record app.example.net must be inside the zone example.com (use the full name, e.g. "app.example.com").' }),
    ]);
  });
});

describe("dns-cname-exclusive", () => {
  test("a CNAME beside another record of the same name is a violation", async () => {
    const plan = add(dnsRecord("app-txt", { name: "app.example.com", type: "TXT", content: "hello", proxied: false, ttl: 300 }));
    const v = byPolicy(await pack.analyze(plan), "dns-cname-exclusive");
    expect(v).toEqual([expect.objectContaining({ urn: resourceNamed(plan, "app-cname").urn, message: expect.stringContaining("TXT app-txt") })]);
  });
  test("at the apex (flattened by Cloudflare) a CNAME may sit beside CAA, MX and TXT, not beside an address", async () => {
    const apexCname = (p: Plan) => Object.assign(resourceNamed(p, "apex-a").inputs, { type: "CNAME", content: "example-web.vercel.app" });
    expect(await policiesOf(breakPlan(apexCname))).toEqual([]);
    const withAddress = breakPlan((p) => {
      apexCname(p);
      p.resources.push(dnsRecord("apex-aaaa", { name: "example.com", type: "AAAA", content: "2606:4700::6810:84e5" }));
    });
    expect(await policiesOf(withAddress)).toEqual(["dns-cname-exclusive"]);
  });
  test("records of the same name in the same zone without a CNAME comply", async () => {
    expect(await policiesOf(add(dnsRecord("apex-txt", { name: "example.com", type: "TXT", content: "v=spf1 -all", proxied: false, ttl: 300 })))).toEqual([]);
  });
});
