/**
 * Builds the analyzer requests the engine sends from a Plan's resources. Inputs are already in the
 * engine's wire form (secrets as {sig, value}, unknowns as sentinels), so they go into the
 * protobuf Struct as they are: the pack receives exactly what `pulumi preview` would send.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Plan, PlannedResource } from "../types";

/** Drops `undefined` (the engine never sends it; Struct.fromJavaScript rejects it). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : withoutUndefined(v)));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out;
  }
  return value;
}

export function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(withoutUndefined(value) as Record<string, never>);
}

export type StructOf = (value: Record<string, unknown>) => Struct;

/**
 * toStruct once per properties object, for the requests of one analysis: a resource's inputs go
 * out in its Analyze request and again in AnalyzeStack, and a provider's with every resource it
 * serves. Per analysis only: between analyses a caller may change a plan in place.
 */
export function structsOfOneAnalysis(): StructOf {
  const made = new WeakMap<object, Struct>();
  return (value) => {
    let struct = made.get(value);
    if (!struct) made.set(value, (struct = toStruct(value)));
    return struct;
  };
}

export function resourceOptions(r: PlannedResource): analyzerPb.AnalyzerResourceOptions {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(r.options.protect);
  o.setIgnorechangesList(r.options.ignoreChanges);
  o.setDeletebeforereplace(r.options.deleteBeforeReplace);
  // The plan records the flag as a boolean, so it is always "defined" for the pack.
  o.setDeletebeforereplacedefined(true);
  o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
  o.setAliasesList(r.options.aliases);
  o.setCustomtimeouts(new analyzerPb.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) o.setParent(r.parent);
  return o;
}

/** The explicit provider of a resource, when the plan declares it (`<provider urn>::<id>`). */
export function providerOf(r: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>, structOf: StructOf = toStruct): analyzerPb.AnalyzerProviderResource | undefined {
  if (!r.options.provider) return undefined;
  const urn = r.options.provider.slice(0, r.options.provider.lastIndexOf("::"));
  const provider = byUrn.get(urn);
  if (!provider) return undefined;
  const p = new analyzerPb.AnalyzerProviderResource();
  p.setUrn(provider.urn);
  p.setType(provider.type);
  p.setName(provider.name);
  p.setProperties(structOf(provider.inputs));
  return p;
}

export function analyzeRequest(r: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>, structOf: StructOf = toStruct): analyzerPb.AnalyzeRequest {
  const req = new analyzerPb.AnalyzeRequest();
  req.setUrn(r.urn);
  req.setType(r.type);
  req.setName(r.name);
  req.setProperties(structOf(r.inputs));
  req.setOptions(resourceOptions(r));
  const provider = providerOf(r, byUrn, structOf);
  if (provider) req.setProvider(provider);
  return req;
}

export function analyzeStackRequest(plan: Plan, structOf: StructOf = toStruct): analyzerPb.AnalyzeStackRequest {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const req = new analyzerPb.AnalyzeStackRequest();
  req.setResourcesList(
    plan.resources.map((r) => {
      const ar = new analyzerPb.AnalyzerResource();
      ar.setUrn(r.urn);
      ar.setType(r.type);
      ar.setName(r.name);
      ar.setProperties(structOf(r.inputs));
      ar.setOptions(resourceOptions(r));
      const provider = providerOf(r, byUrn, structOf);
      if (provider) ar.setProvider(provider);
      if (r.parent) ar.setParent(r.parent);
      ar.setDependenciesList(r.options.dependencies);
      const deps = ar.getPropertydependenciesMap();
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (urns.length === 0) continue; // The engine skips properties without dependencies.
        const pd = new analyzerPb.AnalyzerPropertyDependencies();
        pd.setUrnsList(urns);
        deps.set(key, pd);
      }
      return ar;
    }),
  );
  return req;
}

/**
 * Stack config as the engine passes it to ConfigureStack: `<namespace>:<key>` -> string (JSON for
 * non-strings), from the stack file when the plan recorded it; older plans give their validated
 * config under the project's namespace.
 */
export function stackConfigMap(plan: Plan): Array<[string, string]> {
  if (plan.stackConfig) return Object.entries(plan.stackConfig.values);
  return Object.entries(plan.config)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k.includes(":") ? k : `${plan.project}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]);
}
