/**
 * The zone-file encoder against a zone parser (dns-zonefile): whatever a TXT or CAA value or a
 * name holds, the zone keeps exactly the records it declares, and each value decodes back to itself
 * (RFC 1035 section 5.1 escapes, decoded here independently of the encoder).
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { characterStrings, domainName, txtRdata } from "../../encode/zonefile";
import { zoneFile } from "../../handover";
import type { Plan } from "../../plan/types";
import { FUZZ, hostileText } from "./fuzz";

// dns-zonefile ships ESM as its main entry and a CommonJS build beside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const zonefileLib = require("dns-zonefile/lib/zonefile-node-legacy.js") as { parse(text: string): Record<string, Array<Record<string, unknown>>> };

/** RFC 1035 section 5.1: quoted strings, `\DDD` an octet, `\X` the character X. */
function decodeCharacterStrings(rdata: string): string {
  const bytes: number[] = [];
  for (const quoted of rdata.match(/"(?:[^"\\]|\\.)*"/g) ?? []) {
    const body = quoted.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      if (body[i] === "\\" && /^\d{3}$/.test(body.slice(i + 1, i + 4))) {
        bytes.push(Number(body.slice(i + 1, i + 4)));
        i += 3;
      } else {
        const c = body[i] === "\\" ? body[++i] : body[i];
        bytes.push(...new TextEncoder().encode(c));
      }
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const wellFormed = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));
const HEAD = "$ORIGIN example.com.\n$TTL 3600\nexample.com.\t300\tIN\tSOA\tns1.invalid. dns.cloudflare.com. 1 10000 2400 604800 1800\n";

describe("zone-file encoder, fuzzed against dns-zonefile", () => {
  test("a TXT, a CAA and an A record stay three records, each value decoding back to itself", () => {
    fc.assert(
      fc.property(hostileText(), hostileText(), (value, label) => {
        const zone =
          HEAD +
          `t.example.com.\t300\tIN\tTXT\t${characterStrings(value)}\n` +
          `example.com.\t300\tIN\tCAA\t0 iodef ${characterStrings(value)}\n` +
          `${domainName(`x${label}.example.com.`)}\t300\tIN\tA\t192.0.2.7\n`;
        const parsed = zonefileLib.parse(zone);
        expect(parsed.txt).toHaveLength(1);
        expect(parsed.caa).toHaveLength(1);
        expect(parsed.a).toHaveLength(1);
        expect(parsed.a[0].ip).toBe("192.0.2.7");
        expect(decodeCharacterStrings(String(parsed.txt[0].txt))).toBe(wellFormed(value));
        expect(decodeCharacterStrings(String(parsed.caa[0].value))).toBe(wellFormed(value));
        for (const s of String(parsed.txt[0].txt).match(/"(?:[^"\\]|\\.)*"/g)!) expect(decodeCharacterStrings(s).length).toBeLessThanOrEqual(255);
      }),
      FUZZ,
    );
  });

  test("the injection from issue 17: TXT content already in quotes is re-encoded, never copied", () => {
    const attack = '"v=spf1 -all"\ninjected 60 IN A 6.6.6.6 ; "';
    const parsed = zonefileLib.parse(`${HEAD}example.com.\t300\tIN\tTXT\t${txtRdata(attack)}\n`);
    expect(parsed.a ?? []).toHaveLength(0);
    expect(parsed.txt).toHaveLength(1);
    expect(decodeCharacterStrings(String(parsed.txt[0].txt))).toBe(attack);
    // Cloudflare's own quoted form keeps its strings.
    expect(txtRdata('"v=spf1 " "-all"')).toBe('"v=spf1 " "-all"');
  });

  test("the handover's zone file of a plan with hostile record values holds exactly the plan's records", () => {
    const base = JSON.parse(readFileSync(join(__dirname, "../fixtures/diff/base-prod.json"), "utf8")) as Plan;
    const count = (p: Plan) => {
      const parsed = zonefileLib.parse(zoneFile(p).text);
      return Object.fromEntries(["a", "aaaa", "cname", "mx", "txt", "caa"].map((k) => [k, (parsed[k] ?? []).length]));
    };
    const expected = count(base);
    fc.assert(
      fc.property(hostileText(), (value) => {
        const plan = JSON.parse(JSON.stringify(base)) as Plan;
        for (const r of plan.resources) {
          if (r.type !== "cloudflare:index/dnsRecord:DnsRecord") continue;
          if (r.inputs.type === "TXT") r.inputs.content = value;
          if (r.inputs.type === "CAA") (r.inputs.data as Record<string, unknown>).value = value;
        }
        expect(count(plan)).toEqual(expected);
      }),
      { ...FUZZ, numRuns: Math.ceil(FUZZ.numRuns / 5) },
    );
  });
});
