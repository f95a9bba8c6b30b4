/**
 * The zone file parses (dns-zonefile), holds every declared record, and obeys the rules BIND
 * enforces when it loads a zone (named-checkzone): SOA and NS at the apex, no CNAME beside other
 * data (RFC 1034 section 3.6.2, RFC 2181 section 10.1), names inside the zone.
 */
import { renderHandover } from "../../handover";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../plan/types";
import { zoneFile } from "../../handover";
import { dnsRecords } from "../../plan/read/resources";
import { txtText } from "../../kernel/txt";

// dns-zonefile ships ESM as its main entry and a CommonJS build beside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zonefileLib = require("dns-zonefile/lib/zonefile-node-legacy.js") as { parse(text: string): Record<string, Array<Record<string, unknown>>> & { $origin?: string } };

const plan = (stack: string) => JSON.parse(readFileSync(join(__dirname, "../fixtures/diff", `base-${stack}.json`), "utf8")) as Plan;

/** What dns-zonefile gives back, flattened to "name TYPE data" lines comparable with the plan's records. */
function parsedEntries(text: string): string[] {
  const z = zonefileLib.parse(text);
  const out: string[] = [];
  const name = (n: unknown) => String(n).replace(/\.$/, "");
  for (const r of z.a ?? []) out.push(`${name(r.name)} A ${r.ip}`);
  for (const r of z.aaaa ?? []) out.push(`${name(r.name)} AAAA ${r.ip}`);
  for (const r of z.cname ?? []) out.push(`${name(r.name)} CNAME ${name(r.alias)}`);
  for (const r of z.mx ?? []) out.push(`${name(r.name)} MX ${r.preference} ${name(r.host)}`);
  for (const r of z.txt ?? []) out.push(`${name(r.name)} TXT ${txtText(String(r.txt))}`);
  for (const r of z.caa ?? []) out.push(`${name(r.name)} CAA ${r.flags} ${r.tag} ${String(r.value).replace(/^"|"$/g, "")}`);
  return out.sort();
}

/** The plan's records a DNS server can hold: an apex CNAME is Cloudflare's flattening, not a record. */
function declaredEntries(p: Plan, apex: string): string[] {
  return dnsRecords(p)
    .filter((r) => r.name && r.content !== undefined || r.type === "CAA")
    .filter((r) => !(r.type === "CNAME" && r.name === apex))
    .map((r) => {
      if (r.type === "CAA") return `${r.name} CAA ${r.data?.flags} ${r.data?.tag} ${r.data?.value}`;
      if (r.type === "MX") return `${r.name} MX ${r.priority} ${r.content}`;
      if (r.type === "TXT") return `${r.name} TXT ${txtText(r.content!)}`;
      return `${r.name} ${r.type} ${r.content}`;
    })
    .sort();
}

/** What BIND refuses when loading a zone, as messages; empty when it would load the file. */
function bindLoadErrors(text: string, origin: string): string[] {
  const errors: string[] = [];
  const records = text
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith(";") && !l.startsWith("$"))
    .map((l) => {
      const [name, ttl, klass, type, ...rest] = l.split(/\s*;/)[0]!.trim().split(/\s+/);
      return { name: name!.toLowerCase(), ttl: Number(ttl), klass, type: type!, data: rest.join(" ") };
    });
  const apex = `${origin}.`;
  for (const r of records) {
    if (!r.name.endsWith(".")) errors.push(`${r.name}: relative name (every line here is absolute)`);
    if (r.name !== apex && !r.name.endsWith(`.${apex}`)) errors.push(`${r.name}: outside the zone ${apex}`);
    if (r.klass !== "IN" || !Number.isInteger(r.ttl)) errors.push(`${r.name}: bad class or TTL`);
  }
  const soa = records.filter((r) => r.type === "SOA");
  if (soa.length !== 1 || soa[0]!.name !== apex) errors.push(`zone ${origin}/IN: has ${soa.length} SOA records at the apex`);
  if (!records.some((r) => r.type === "NS" && r.name === apex)) errors.push(`zone ${origin}/IN: has no NS records`);
  const byName = new Map<string, string[]>();
  for (const r of records) byName.set(r.name, [...(byName.get(r.name) ?? []), r.type]);
  for (const [name, types] of byName) {
    if (types.includes("CNAME") && types.length > 1) errors.push(`${name}: CNAME and other data (${types.join(", ")})`);
  }
  return errors;
}

describe.each(["prod", "staging"])("zone file of the %s fixture", (stack) => {
  const p = plan(stack);
  const zone = zoneFile(p);

  test("parses with dns-zonefile and holds every declared record, and nothing else", () => {
    const parsed = parsedEntries(zone.text);
    expect(parsed).toEqual(declaredEntries(p, zone.zone));
    expect(parsed.length).toBe(zone.written);
    expect(zonefileLib.parse(zone.text).$origin).toBe(`${zone.zone}.`);
  });

  test("is a zone BIND would load: SOA and NS at the apex, no CNAME beside other data", () => {
    expect(bindLoadErrors(zone.text, zone.zone)).toEqual([]);
    const parsed = zonefileLib.parse(zone.text) as unknown as { soa?: Record<string, unknown>; ns?: Array<Record<string, unknown>> };
    expect(parsed.soa).toMatchObject({ rname: "dns.cloudflare.com.", minimum: 1800 });
    expect(parsed.ns?.map((n) => n.host)).toEqual(["cloudflare-assigned-ns-1.invalid.", "cloudflare-assigned-ns-2.invalid."]);
  });

  test("proxied records carry their origin and a comment that the edge answers", () => {
    const proxiedLines = zone.text.split("\n").filter((l) => l.includes("; proxied"));
    // A flattened CNAME is a comment, not a record (its note says the edge answers instead).
    expect(proxiedLines.length).toBe(dnsRecords(p).filter((r) => r.proxied && !zone.flattened.includes(r.name!)).length);
    expect(proxiedLines.every((l) => /\t300\tIN\t/.test(l))).toBe(true);
  });
});

test("records known only after deploy are comments, not broken records", () => {
  const zone = zoneFile(plan("staging"));
  expect(zone.pending).toEqual(["email-dkim-ses-mail-0 (CNAME)", "email-dkim-ses-mail-1 (CNAME)", "email-dkim-ses-mail-2 (CNAME)"]);
  expect(zone.text).toContain('; known after deploy: CNAME record "email-dkim-ses-mail-0" (name comes from the provider)');
  expect(zone.text).not.toContain("[unknown]");
});

test("long unquoted TXT content is split into 255-octet strings that join back", () => {
  const p = plan("prod");
  const long = `v=DKIM1; k=rsa; p=${"A".repeat(400)}`;
  const r = p.resources.find((x) => x.name === "email-dkim-google-apex")!;
  r.inputs.content = long;
  const line = zoneFile(p).text.split("\n").find((l) => l.startsWith("google._domainkey"))!;
  expect(line.match(/"[^"]*"/g)!.map((s) => s.length - 2)).toEqual([255, long.length - 255]);
  expect(parsedEntries(zoneFile(p).text)).toContain(`google._domainkey.example.com TXT ${long}`);
});

describe("the apex CNAME (prod fixture: the apex is a proxied CNAME beside CAA, MX and TXT)", () => {
  const p = plan("prod");
  const zone = zoneFile(p);
  const apexCname = dnsRecords(p).find((r) => r.type === "CNAME" && r.name === "example.com")!;

  test("the fixture does hold the conflict, and the checker catches it in a file that writes it as a record", () => {
    expect(apexCname).toBeDefined();
    const naive = `${zone.text}example.com.\t300\tIN\tCNAME\t${apexCname.content}.\n`;
    const errors = bindLoadErrors(naive, zone.zone);
    expect(errors).toEqual([expect.stringMatching(/^example\.com\.: CNAME and other data \(SOA, NS, NS, CAA, /)]);
    for (const type of ["MX", "TXT", "CNAME"]) expect(errors[0]).toContain(type);
  });

  test("is a comment that explains Cloudflare's CNAME flattening, with the record it stands for", () => {
    const lines = zone.text.split("\n");
    const at = lines.findIndex((l) => l === `; example.com.\t300\tIN\tCNAME\t${apexCname.content}.`);
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toMatch(/^; flattened by Cloudflare.*CNAME cannot sit at the apex beside SOA\/NS; Cloudflare's CNAME flattening answers A\/AAAA here/);
    expect(zone.flattened).toEqual(["example.com"]);
    expect(lines.some((l) => /^example\.com\.\s.*\sCNAME\s/.test(l))).toBe(false);
  });

  test("a CNAME beside another record below the apex is a comment too", () => {
    const q = plan("prod");
    const help = q.resources.find((r) => r.type.endsWith("dnsRecord:DnsRecord") && r.inputs.name === "help.example.com")!;
    q.resources.push({ ...help, urn: `${help.urn}-txt`, name: "help-txt", inputs: { ...help.inputs, type: "TXT", content: "\"verification=1\"" } });
    const text = zoneFile(q).text;
    expect(bindLoadErrors(text, "example.com")).toEqual([]);
    expect(text).toContain("; help.example.com.\t3600\tIN\tCNAME\tcustom.intercom.help.");
    expect(zoneFile(q).flattened).toEqual(["example.com", "help.example.com"]);
    // The handover's limitations name both, from the zone file's own list.
    const limitations = renderHandover(q).markdown.split("## Known limitations")[1]!;
    expect(limitations).toContain("The apex is a CNAME, which Cloudflare serves by CNAME flattening");
    expect(limitations).toContain("1 CNAME(s) share their name with other records (`help.example.com`)");
  });

  test("the nameservers the plan knows replace the placeholders", () => {
    const q = plan("prod");
    q.outputs = { ...(q.outputs ?? {}), nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"] };
    const text = zoneFile(q).text;
    expect(text).toContain("example.com.\t1800\tIN\tSOA\tada.ns.cloudflare.com. dns.cloudflare.com. 1 10000 2400 604800 1800");
    expect(text).toContain("example.com.\t86400\tIN\tNS\tbob.ns.cloudflare.com.");
    expect(text).not.toContain(".invalid");
  });
});
