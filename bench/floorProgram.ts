/**
 * The SDK's own floor for the plan benchmark: replays the resources the real program registered
 * (bench/plan.ts writes them to LR_BENCH_PLAN), with the same types, names, parents and recorded
 * inputs and options, through the same provider classes, under the same mocks; so plan time can be read as a
 * ratio to what the SDK costs for that very stack and what is left is ours.
 * Why not bare `{ value: i }` resources: the SDK's cost per resource grows with its properties (a
 * provider class declares every output, and the SDK makes a set of promises for each), so a
 * one-property resource undercounted a DNS record's floor about threefold.
 * The floor leaves out only our own work: config checks, expressions, invokes, outputs chains.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource } from "../plan/types";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.Resource;

/** The provider class of a type token: `cloudflare:index/dnsRecord:DnsRecord` -> cloudflare.DnsRecord, `pulumi:providers:aws` -> aws.Provider. */
function classOf(type: string): ResourceClass {
  const [pkg, mod, name] = type.split(":") as [string, string, string];
  if (pkg === "pulumi" && mod === "providers") return require(`@pulumi/${name}`).Provider;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(`@pulumi/${pkg}`);
  const [module] = mod.split("/") as [string];
  const cls = (module === "index" ? sdk : sdk[module])?.[name];
  if (typeof cls !== "function") throw new Error(`bench floor: no class for ${type}`);
  return cls;
}

const planned = JSON.parse(fs.readFileSync(process.env.LR_BENCH_PLAN!, "utf8")) as PlannedResource[];
const byUrn = new Map<string, pulumi.Resource>();
for (const r of planned) {
  const o = r.options;
  const opts: pulumi.CustomResourceOptions = {
    parent: r.parent ? byUrn.get(r.parent) : undefined,
    dependsOn: o.dependencies.map((urn) => byUrn.get(urn)!).filter(Boolean),
    // The provider classes add their own aliases (DnsRecord: the old Record type), as they did for the program.
    ...(r.custom && o.provider ? { provider: byUrn.get(o.provider.slice(0, o.provider.lastIndexOf("::"))) as pulumi.ProviderResource } : {}),
    ...(r.custom ? { protect: o.protect, deleteBeforeReplace: o.deleteBeforeReplace, retainOnDelete: o.retainOnDelete, ignoreChanges: o.ignoreChanges, additionalSecretOutputs: o.additionalSecretOutputs } : {}),
  };
  byUrn.set(r.urn, r.custom ? new (classOf(r.type))(r.name, r.inputs, opts) : new pulumi.ComponentResource(r.type, r.name, {}, opts));
}
