/** evaluateSpf over a fake resolver: lookup counting through includes, void lookups, loops. */
import { evaluateSpf } from "../../verify/email/spf";
import type { DnsAnswer, Resolver } from "../../verify/dns/resolver";

function fakeResolver(txt: Record<string, string>, a: string[] = [], mx: string[] = []): Resolver {
  return {
    server: { host: "127.0.0.1", port: 53 },
    async query(name, type): Promise<DnsAnswer> {
      if (type === "TXT" && txt[name] !== undefined) return { rcode: "NOERROR", answers: [{ name, type: "TXT", data: [txt[name]!] }] };
      if (type === "A" && a.includes(name)) return { rcode: "NOERROR", answers: [{ name, type: "A", data: "192.0.2.1" }] };
      if (type === "MX" && mx.includes(name)) return { rcode: "NOERROR", answers: [{ name, type: "MX", data: { preference: 10, exchange: `mx.${name}` } }] };
      return { rcode: "NXDOMAIN", answers: [] };
    },
  };
}

test("counts every lookup term, recursively, and spots include loops", async () => {
  const ev = await evaluateSpf(fakeResolver({
    "example.com": "v=spf1 include:a.example.com mx a -all",
    "a.example.com": "v=spf1 include:b.example.com ip4:192.0.2.0/24 ~all",
    "b.example.com": "v=spf1 include:a.example.com -all",
  }, ["example.com"], ["example.com"]), "example.com");
  // include:a, mx, a, include:b (in a), include:a again (in b) = 5; the last closes a loop.
  expect(ev.lookups).toBe(5);
  expect(ev.loops).toEqual(["example.com -> a.example.com -> b.example.com -> a.example.com"]);
  expect(ev.voids).toBe(0);
});

test("void lookups: an a/mx/exists that finds nothing, or an include target with no record", async () => {
  const ev = await evaluateSpf(fakeResolver({ "example.com": "v=spf1 a:gone.example.com mx:gone2.example.com exists:gone3.example.com include:gone4.example.com -all" }), "example.com");
  expect(ev.lookups).toBe(4);
  expect(ev.voids).toBe(4);
  expect(ev.errors).toEqual(["gone4.example.com has no SPF record (an include or redirect to it is a permerror)"]);
});

test("redirect is followed and counted; it is ignored beside all", async () => {
  const ev = await evaluateSpf(fakeResolver({ "example.com": "v=spf1 redirect=_spf.example.com", "_spf.example.com": "v=spf1 include:x.example.com -all", "x.example.com": "v=spf1 -all" }), "example.com");
  expect(ev.lookups).toBe(2);
  const ignored = await evaluateSpf(fakeResolver({ "example.com": "v=spf1 -all redirect=_spf.example.com" }), "example.com");
  expect(ignored.lookups).toBe(0);
});

test("macros are counted but not resolved", async () => {
  const ev = await evaluateSpf(fakeResolver({ "example.com": "v=spf1 exists:%{i}._spf.example.com -all" }), "example.com");
  expect(ev).toMatchObject({ lookups: 1, voids: 0 });
});
