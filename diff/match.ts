/**
 * Pairs the resources of two plans the way the Pulumi engine will: by URN, or through an alias
 * (a head resource listing a base URN in `options.aliases` is the same resource, renamed).
 */
import type { Plan, PlannedResource } from "../plan/types";
import { asArray } from "../plan/read/values";

export interface ResourcePair {
  base: PlannedResource;
  head: PlannedResource;
  /** True when paired through an alias rather than an equal URN. */
  renamed: boolean;
}

export interface Matching {
  pairs: ResourcePair[];
  added: PlannedResource[];
  removed: PlannedResource[];
}

export function resourcesOf(plan: Plan): PlannedResource[] {
  return asArray(plan.resources) as PlannedResource[];
}

export function aliasesOf(resource: PlannedResource): string[] {
  return asArray(resource.options?.aliases).filter((a): a is string => typeof a === "string");
}

export function matchResources(base: Plan, head: Plan): Matching {
  const headByUrn = new Map(resourcesOf(head).map((r) => [r.urn, r]));
  const headByAlias = new Map<string, PlannedResource>();
  for (const r of resourcesOf(head)) for (const alias of aliasesOf(r)) if (!headByUrn.has(alias)) headByAlias.set(alias, r);

  const pairs: ResourcePair[] = [];
  const removed: PlannedResource[] = [];
  const claimed = new Set<string>();
  for (const b of resourcesOf(base)) {
    const same = headByUrn.get(b.urn);
    const aliased = same ? undefined : headByAlias.get(b.urn);
    const h = same ?? aliased;
    if (h && !claimed.has(h.urn)) {
      claimed.add(h.urn);
      pairs.push({ base: b, head: h, renamed: !same });
    } else {
      removed.push(b);
    }
  }
  const added = resourcesOf(head).filter((r) => !claimed.has(r.urn));
  return { pairs, added, removed };
}
