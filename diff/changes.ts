/**
 * Added, removed and changed resources between two plans, with every changed leaf property
 * (inputs and resource options) as masked before -> after strings.
 */
import type { Plan, PlannedResource } from "../plan/types";
import { isSecret } from "../plan/types";
import { displayValue } from "../plan/read/mask";
import { matchResources, type Matching } from "./match";
import type { PropertyChange, ResourceChange } from "./types";

/** Long values (DKIM keys, policies) are cut in the comment; the JSON output has the same cut. */
export const MAX_VALUE_LENGTH = 120;

interface Leaf {
  /** Property names along the path, for the secret-name test. */
  names: string[];
  value: unknown;
}

/** Flattens a value into leaves keyed by display path. Arrays of objects with a `ref` are keyed by ref. */
export function flatten(value: unknown, prefix: string, names: string[] = [], out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v))) {
    const refs = value.map((v) => (v as Record<string, unknown>).ref);
    const byRef = refs.every((r) => typeof r === "string") && new Set(refs).size === refs.length;
    value.forEach((v, i) => flatten(v, `${prefix}[${byRef ? String(refs[i]) : i}]`, names, out));
    return out;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value)) {
    // An undefined property is an absent one, as in the plan's JSON: a plan built in memory equals its file.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) out.set(prefix, { names, value });
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, [...names, k], out);
    return out;
  }
  // Primitives, secrets, and arrays of primitives are leaves (a list of regions reads best whole).
  out.set(prefix, { names, value });
  return out;
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function comparable(r: PlannedResource): Record<string, unknown> {
  return { inputs: r.inputs ?? {}, options: r.options ?? {} };
}

export function propertyChanges(base: PlannedResource, head: PlannedResource): PropertyChange[] {
  const before = flatten(comparable(base), "");
  const after = flatten(comparable(head), "");
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: PropertyChange[] = [];
  for (const path of paths) {
    const b = before.get(path);
    const a = after.get(path);
    if (b && a && JSON.stringify(b.value) === JSON.stringify(a.value)) continue;
    changes.push({
      path,
      ...(b ? { before: shorten(displayValue(b.value, b.names)) } : {}),
      ...(a ? { after: shorten(displayValue(a.value, a.names)) } : {}),
    });
  }
  return changes;
}

export function resourceChanges(base: Plan, head: Plan, matching: Matching = matchResources(base, head)): { changes: ResourceChange[]; unchanged: number } {
  const changes: ResourceChange[] = [];
  let unchanged = 0;
  for (const r of matching.added) changes.push({ kind: "added", urn: r.urn, type: r.type, name: r.name, properties: [] });
  for (const pair of matching.pairs) {
    const properties = propertyChanges(pair.base, pair.head);
    if (properties.length === 0 && !pair.renamed) {
      unchanged++;
      continue;
    }
    changes.push({
      kind: "changed",
      urn: pair.head.urn,
      type: pair.head.type,
      name: pair.head.name,
      ...(pair.renamed ? { renamedFrom: pair.base.urn } : {}),
      properties,
    });
  }
  for (const r of matching.removed) changes.push({ kind: "removed", urn: r.urn, type: r.type, name: r.name, properties: [] });
  return { changes, unchanged };
}
