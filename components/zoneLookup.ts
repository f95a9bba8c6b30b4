/**
 * A zone named by the stack's domain alone (no `zone` key): its id is looked up at deploy with
 * `cloudflare.getZones` (provider 6.x: `{name, account: {id}}`, Zone Read permission), filtered by
 * the account the stack names when it names one. Zone names are not unique across accounts
 * (pulumi.com/registry/packages/cloudflare/api-docs/getzone: "Cloudflare zone names are not
 * unique"), so anything but exactly one zone is an error that stops the preview, with the fix.
 * The List Zones filter matches the name exactly by default
 * (developers.cloudflare.com/api/resources/zones/methods/list).
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "./sdk/cloudflare";

/** The invoke token, for the offline plan's mock (plan/monitor.ts answers it "known after deploy"). */
export const GET_ZONES_TOKEN = "cloudflare:index/getZones:getZones";

export interface ZoneMatch {
  id: string;
  name?: string;
  account?: { id?: string; name?: string };
  status?: string;
}

/** The one zone id among the matches, or the reason there is not exactly one (pure: tested as data). */
export function pickZone(domain: string, accountId: string | undefined, matches: readonly ZoneMatch[]): { id: string } | { error: string } {
  const where = accountId ? `in account ${accountId}` : "visible to the API token";
  const pin = `set launch-ready:zone to {id: <zone id>} (the zone's Overview page, "Zone ID")`;
  const exact = matches.filter((m) => m.name === undefined || m.name === domain);
  if (exact.length === 1) return { id: exact[0]!.id };
  if (exact.length === 0) {
    return {
      error: `no Cloudflare zone named ${domain} ${where}; add the site in Cloudflare first (or let the stack create it: zone: {create: {accountId: <id>}}), check the token has Zone Read on it, or ${pin}`,
    };
  }
  const list = exact.map((m) => `${m.id}${m.account?.id ? ` (account ${m.account.id}${m.status ? `, ${m.status}` : ""})` : m.status ? ` (${m.status})` : ""}`).join(", ");
  return {
    error: `${exact.length} Cloudflare zones are named ${domain} ${where}: ${list}; the stack cannot choose: ${accountId ? pin : `name the account (edge.access.accountId) or ${pin}`}`,
  };
}

/** The zone id, looked up at deploy; unknown in the offline plan until then. */
export function lookUpZoneId(domain: string, accountId: string | undefined, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
  const found = cloudflare.getZonesOutput({ name: domain, ...(accountId ? { account: { id: accountId } } : {}) }, opts);
  return found.results.apply((results) => {
    const picked = pickZone(domain, accountId, results.map((r) => ({ id: r.id, name: r.name, account: r.account, status: r.status })));
    // RunError: the engine prints the message alone, without a stack trace.
    if ("error" in picked) throw new pulumi.RunError(picked.error);
    return picked.id;
  });
}
