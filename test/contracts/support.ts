/** Hand-built planned resources for contract tests. */
import type { Plan, PlannedResource } from "../../plan/types";

export function resource(type: string, name: string, inputs: Record<string, unknown>): PlannedResource {
  return {
    urn: `urn:pulumi:test::launch-ready::${type}::${name}`,
    type,
    name,
    custom: true,
    inputs,
    options: { protect: false, deleteBeforeReplace: false, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] },
  };
}

export function planOf(resources: PlannedResource[], config: Record<string, unknown> = { cloudflarePlan: "free", domain: "example.com" }): Plan {
  return { project: "launch-ready", stack: "test", config, resources, outputs: {} };
}

/** Deep copy with one change, for "happy path minus one field" cases. */
export function withChange<T>(value: T, change: (copy: T) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}
