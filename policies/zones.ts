/**
 * Which Cloudflare zone a zone-scoped resource (DNS record, zone setting, ruleset) belongs to, as
 * far as a stack policy can tell from what the engine sends:
 *
 *  1. its `zoneId` input depends on a declared `cloudflare.Zone` (propertyDependencies): that zone,
 *     whose `name` input is the domain — this is the join that also works in preview, where the new
 *     zone's id is still unknown;
 *  2. its `zoneId` is a known string (an existing zone from the stack config): that id, with the
 *     domain from the policy config key `zoneName` (the stack's one existing zone);
 *  3. its `zoneId` is unknown and the stack declares exactly one Zone: that zone;
 *  4. otherwise an unresolved zone, with the domain from `zoneName` when set.
 */
import type { ResourceView } from "./policy";
import { TYPES } from "../plan/model/tokens";
import { isUnknown, knownString } from "./wire";

export interface ZoneRef {
  /** Stable key to group resources of one zone. */
  key: string;
  /** The zone's domain (lower case), when it can be told. */
  domain?: string;
  /** How to name the zone in a message. */
  label: string;
}

export interface ZoneResolver {
  /** Every zone seen: declared Zone resources and zones referenced by the given resources. */
  zones(): ZoneRef[];
  zoneOf(resource: ResourceView): ZoneRef;
}

export function zoneResolver(resources: readonly ResourceView[], configuredZoneName?: string): ZoneResolver {
  const declared = new Map<string, ZoneRef>();
  for (const r of resources) {
    if (r.type !== TYPES.zone) continue;
    const domain = knownString(r.props.name)?.toLowerCase();
    declared.set(r.urn, { key: `zone:${r.urn}`, domain, label: domain ?? `zone ${r.name}` });
  }
  const configured = configuredZoneName?.toLowerCase();
  const seen = new Map<string, ZoneRef>([...declared.values()].map((z) => [z.key, z]));

  const zoneOf = (r: ResourceView): ZoneRef => {
    const viaDependency = (r.propertyDependencies.zoneId ?? []).map((urn) => declared.get(urn)).find((z) => z !== undefined);
    let ref: ZoneRef;
    const zoneId = knownString(r.props.zoneId);
    if (viaDependency) ref = viaDependency;
    else if (zoneId) ref = { key: `id:${zoneId}`, domain: configured, label: configured ?? `zone id ${zoneId}` };
    else if ((r.props.zoneId === undefined || isUnknown(r.props.zoneId)) && declared.size === 1) ref = [...declared.values()][0]!;
    else ref = { key: "unresolved", domain: configured, label: configured ?? "an unresolved zone" };
    if (!seen.has(ref.key)) seen.set(ref.key, ref);
    return ref;
  };

  return {
    zones: () => {
      for (const r of resources) if (r.props.zoneId !== undefined) zoneOf(r);
      return [...seen.values()];
    },
    zoneOf,
  };
}
