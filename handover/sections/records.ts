/** Domain records (table), the zone file beside the document, and the zone's TLS settings. */
import { dnsRecords, zoneSettings } from "../../plan/read/resources";
import { displayValue } from "../../plan/read/mask";
import { txtText } from "../../kernel/txt";
import { AUTOMATIC_TTL_SECONDS } from "../zonefile";
import { code, section, table } from "../markdown";
import type { HandoverContext } from "./context";

const shorten = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function recordsSection(ctx: HandoverContext): string[] {
  const records = dnsRecords(ctx.plan).sort((a, b) => (a.name ?? "~").localeCompare(b.name ?? "~"));
  const rows = records.map((r) => {
    const content = r.type === "CAA" && r.data ? `${r.data.flags ?? 0} ${r.data.tag} "${r.data.value}"` : r.content === undefined ? "known after deploy" : shorten(displayValue(r.type === "TXT" ? txtText(r.content) : r.content, ["content"]));
    return [r.name ?? "known after deploy", r.type, r.priority !== undefined ? `${r.priority} ${content}` : content, r.ttl === 1 ? `auto (${AUTOMATIC_TTL_SECONDS} s)` : r.ttl, r.proxied ? "yes" : "no", r.protect ? "yes" : "no"];
  });
  const body = records.length
    ? [
        `The zone file ${code(ctx.zoneFileName)} beside this document holds the same records in BIND format (proxied records with their origin; Cloudflare's edge answers them with its own addresses).`,
        "",
        ...table(["Name", "Type", "Content", "TTL", "Proxied", "Protected"], rows),
      ]
    : [];
  const settings = [...zoneSettings(ctx.plan)].map(([id, s]) => [code(id), code(typeof s.value === "string" ? s.value : JSON.stringify(s.value))]);
  return [
    ...section("Domain records", body, "The plan declares no DNS record."),
    ...section("Zone TLS settings", settings.length ? table(["Setting", "Value"], settings) : [], "The plan manages no zone setting: the dashboard's values apply."),
  ];
}
