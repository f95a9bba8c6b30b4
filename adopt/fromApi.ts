/**
 * The zone's current state straight from the Cloudflare API, through the official SDK with a
 * read-only token: the zone by name, its DNS records, its entry-point rulesets (with rules) and
 * its settings. `baseURL` is overridable so tests answer from a loopback server.
 */
import Cloudflare from "cloudflare";
import { readDnsRecordsJson, readRulesetsJson, readSettingsJson } from "./apiFiles";
import { AdoptInputError, type ZoneSnapshot } from "./model";
import { assembleSnapshot } from "./sources";

export interface FetchOptions {
  domain: string;
  token: string;
  /** @default the SDK's (CLOUDFLARE_BASE_URL, else https://api.cloudflare.com/client/v4) */
  baseURL?: string;
}

/** The raw answers, kept so `adopt` can save them for `plan --existing`. */
export interface FetchedZone {
  snapshot: ZoneSnapshot;
  /** The account that owns the zone (for an Access application in the draft). */
  accountId?: string;
  answers: { dnsRecords: unknown[]; rulesets: unknown[]; settings: unknown[] };
}

export async function fetchZone(options: FetchOptions): Promise<FetchedZone> {
  const client = new Cloudflare({ apiToken: options.token, ...(options.baseURL ? { baseURL: options.baseURL } : {}), maxRetries: 0, timeout: 30_000 });
  try {
    const zones: Array<{ id: string; name: string }> = [];
    const accounts = new Map<string, string | undefined>();
    for await (const zone of client.zones.list({ name: options.domain })) {
      zones.push({ id: zone.id, name: zone.name });
      accounts.set(zone.id, zone.account?.id);
    }
    const zone = zones.find((z) => z.name === options.domain);
    if (!zone) throw new AdoptInputError(`the API token sees no zone named ${options.domain}; check --zone and that the token has Zone Read on it`);
    const dnsRecords: unknown[] = [];
    for await (const record of client.dns.records.list({ zone_id: zone.id })) dnsRecords.push(record);
    const rulesets: unknown[] = [];
    for await (const listed of client.rulesets.list({ zone_id: zone.id })) {
      if (listed.kind !== "zone") continue;
      rulesets.push(await client.rulesets.phases.get(listed.phase, { zone_id: zone.id }));
    }
    // The SDK has no typed "list every setting" call; GET /zones/{id}/settings answers them all.
    const settingsAnswer = (await client.get(`/zones/${zone.id}/settings`)) as { result?: unknown[] } | unknown[];
    const settings = Array.isArray(settingsAnswer) ? settingsAnswer : settingsAnswer.result ?? [];
    const source = "the Cloudflare API";
    const records = readDnsRecordsJson(JSON.stringify(dnsRecords), `${source} (dns_records)`);
    const snapshot = assembleSnapshot({
      domain: options.domain,
      zoneId: zone.id,
      records: records.records,
      rulesets: readRulesetsJson(JSON.stringify(rulesets), `${source} (rulesets)`),
      settings: readSettingsJson(JSON.stringify(settings), `${source} (settings)`),
      sources: [source],
    });
    const accountId = accounts.get(zone.id);
    return { snapshot, ...(accountId ? { accountId } : {}), answers: { dnsRecords, rulesets, settings } };
  } catch (err) {
    if (err instanceof AdoptInputError) throw err;
    if (err instanceof Cloudflare.APIError) {
      throw new AdoptInputError(`the Cloudflare API refused the request (HTTP ${err.status ?? "no answer"}): ${err.message}; a token with Zone Read, DNS Read and Zone Settings Read is expected`);
    }
    throw new AdoptInputError(`cannot reach the Cloudflare API: ${(err as Error).message}`);
  }
}
