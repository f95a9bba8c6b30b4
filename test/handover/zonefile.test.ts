/** The zone file parses (dns-zonefile) and holds every declared record. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../plan/types";
import { zoneFile } from "../../handover";
import { dnsRecords } from "../../diff/model/resources";
import { txtText } from "../../diff/model/values";

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

function declaredEntries(p: Plan): string[] {
  return dnsRecords(p)
    .filter((r) => r.name && r.content !== undefined || r.type === "CAA")
    .map((r) => {
      if (r.type === "CAA") return `${r.name} CAA ${r.data?.flags} ${r.data?.tag} ${r.data?.value}`;
      if (r.type === "MX") return `${r.name} MX ${r.priority} ${r.content}`;
      if (r.type === "TXT") return `${r.name} TXT ${txtText(r.content!)}`;
      return `${r.name} ${r.type} ${r.content}`;
    })
    .sort();
}

describe.each(["prod", "staging"])("zone file of the %s fixture", (stack) => {
  const p = plan(stack);
  const zone = zoneFile(p);

  test("parses with dns-zonefile and holds every declared record, and nothing else", () => {
    const parsed = parsedEntries(zone.text);
    expect(parsed).toEqual(declaredEntries(p));
    expect(parsed.length).toBe(zone.written);
    expect(zonefileLib.parse(zone.text).$origin).toBe(`${zone.zone}.`);
  });

  test("proxied records carry their origin and a comment that the edge answers", () => {
    const proxiedLines = zone.text.split("\n").filter((l) => l.includes("; proxied"));
    expect(proxiedLines.length).toBe(dnsRecords(p).filter((r) => r.proxied).length);
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
