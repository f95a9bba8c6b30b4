/**
 * The stack outputs index.ts exports for the people who finish a deploy by hand: the zone id, the
 * name servers to set at the registrar (only when this stack creates the zone) and every hostname
 * the stack serves, on both example stacks and on a stack that creates its zone.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import type { RenderResult } from "../plan/render";
import { UNKNOWN_VALUE } from "../plan/types";
import { DNS_RECORD, byType, renderIsolated, renderedStack } from "./support/render";
import { testStackFile } from "./support/stacks";

const ROOT = path.resolve(__dirname, "..");
const results: Record<string, RenderResult> = {};

/** The test-owned prod stack with the zone created under an account instead of an existing zone id. */
function prodCreatingItsZone(): string {
  const doc = parseDocument(fs.readFileSync(testStackFile("prod"), "utf8"));
  doc.setIn(["config", "launch-ready:zone"], { create: { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b" } });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-outputs-")), "Pulumi.prodcreate.yaml");
  fs.writeFileSync(file, doc.toString());
  return file;
}

beforeAll(async () => {
  results.prod = await renderedStack("prod");
  results.staging = await renderedStack("staging");
  results.created = await renderIsolated({ configFile: prodCreatingItsZone() });
}, 120_000);

describe.each([
  ["prod", "example.com", "3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60", ["example.com", "app.example.com", "api.example.com", "admin.example.com", "help.example.com", "www.example.com"]],
  ["staging", "example-staging.com", "9a8b7c6d5e4f30211f0e1d2c3b4a5968", ["example-staging.com", "app.example-staging.com", "api.example-staging.com", "admin.example-staging.com", "www.example-staging.com"]],
])("the %s stack's outputs", (stack, domain, zoneId, hostnames) => {
  test("zoneId is the existing zone's id from the config", () => {
    const { plan } = results[stack]!;
    expect(plan.config.domain).toBe(domain);
    expect(plan.outputs.zoneId).toBe(zoneId);
    expect(plan.outputs.zoneId).toBe((plan.config.zone as { id: string }).id);
  });

  test("nameServers is empty: the zone exists already, its name servers are not this stack's to hand out", () => {
    expect(results[stack]!.plan.outputs.nameServers).toEqual([]);
  });

  test("hostnames lists every configured host's full name, canonical first, each backed by a DNS record", () => {
    const result = results[stack]!;
    expect(result.plan.outputs.hostnames).toEqual(hostnames);
    const configured = (result.plan.config.hosts as { fqdn: string }[]).map((h) => h.fqdn);
    expect(new Set(hostnames)).toEqual(new Set(configured));
    const recordNames = new Set(byType(result, DNS_RECORD).map((r) => r.inputs.name));
    expect(hostnames.filter((h) => !recordNames.has(h))).toEqual([]);
  });
});

describe("a stack that creates its zone", () => {
  test("zoneId and nameServers are known only after deploy, and hostnames are the same as with an existing zone", () => {
    const { plan } = results.created!;
    expect(byType(results.created!, "cloudflare:index/zone:Zone")).toHaveLength(1);
    expect(plan.outputs.zoneId).toBe(UNKNOWN_VALUE);
    expect(plan.outputs.nameServers).toBe(UNKNOWN_VALUE);
    expect(plan.outputs.hostnames).toEqual(results.prod!.plan.outputs.hostnames);
  });
});

test("the README's stack outputs table names every output the program exports, and nothing else", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Stack outputs"), readme.indexOf("\n## ", readme.indexOf("### Stack outputs")));
  const documented = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Za-z]+)`/g)].map((n) => n[1]!));
  expect(documented.sort()).toEqual(Object.keys(results.prod!.plan.outputs).sort());
});
