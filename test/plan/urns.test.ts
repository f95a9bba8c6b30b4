/**
 * Production URNs are promises: a URN that disappears is a delete and a create on the next
 * `pulumi up` (for a DNS record, an outage). This test holds the list of prod URNs; a change that
 * drops one fails unless the resource that replaces it declares the old URN as an alias.
 *
 * After adding resources on purpose: UPDATE_URNS=1 npx jest test/plan/urns.test.ts
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderIsolated } from "../support/render";

const GOLDEN = path.join(__dirname, "../fixtures/urns/prod.json");

it("keeps every production URN, or aliases it", async () => {
  const { plan } = await renderIsolated({ stack: "prod" });
  const current = plan.resources.map((r) => r.urn).sort();
  if (process.env.UPDATE_URNS === "1") {
    fs.writeFileSync(GOLDEN, JSON.stringify(current, null, 2) + "\n");
  }
  const golden = JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as string[];
  const answered = new Set([...current, ...plan.resources.flatMap((r) => r.options.aliases)]);
  const lost = golden.filter((urn) => !answered.has(urn));
  expect(lost).toEqual([]);
});

it("lists every current production URN in the golden file (update it when adding resources)", async () => {
  const { plan } = await renderIsolated({ stack: "prod" });
  const golden = new Set(JSON.parse(fs.readFileSync(GOLDEN, "utf8")) as string[]);
  expect(plan.resources.map((r) => r.urn).filter((urn) => !golden.has(urn))).toEqual([]);
});

it("builds URNs the way the engine does: the whole parent type chain, without the root stack", async () => {
  const { plan } = await renderIsolated({ stack: "prod" });
  expect(plan.resources.map((r) => r.urn)).toContain(
    "urn:pulumi:prod::launch-ready::launch-ready:index:LaunchReady$launch-ready:dns:Dns$cloudflare:index/dnsRecord:DnsRecord::apex-origin",
  );
  expect(plan.resources.some((r) => r.urn.includes("pulumi:pulumi:Stack$"))).toBe(false);
});
