/**
 * A run where the resolver answers but no declared host name has an address is one problem (the
 * zone is not delegated, or not yet), not fifty: this finds it and says it once, with what the
 * resolver answers for the zone's name servers.
 */
import type * as packet from "dns-packet";
import { answersOf, resolveAddress, type Resolver } from "./dns/resolver";
import type { VerifyTarget } from "./types";

/** The summary when no declared host resolves, else undefined. Lookups hit the run's cache. */
export async function nothingResolves(target: Pick<VerifyTarget, "apex" | "hosts">, resolver: Resolver, signal?: AbortSignal): Promise<string | undefined> {
  if (target.hosts.length === 0) return undefined;
  try {
    for (const h of target.hosts) if (await resolveAddress(resolver, h.fqdn, signal)) return undefined;
    const ns = answersOf(await resolver.query(target.apex, "NS", signal), "NS", target.apex).map((a) => String(a.data as packet.StringAnswer["data"]).replace(/\.$/, "").toLowerCase()).sort();
    const servers = ns.length
      ? `the name servers the resolver sees for ${target.apex} are ${ns.join(", ")}: are they the ones the stack's nameServers output names?`
      : `the resolver finds no name servers for ${target.apex}: set the stack's nameServers output at the registrar`;
    return `nothing resolves: none of the ${target.hosts.length} declared host names has an address (${target.hosts.map((h) => h.fqdn).join(", ")}). Is the zone delegated? ${servers} Every failure below follows from this.`;
  } catch {
    // A resolver that fails these lookups has already failed dns.resolve: no summary to add.
    return undefined;
  }
}
