/**
 * Production URNs are promises: a URN that disappears is a delete and a create on the next
 * `pulumi up` (for a DNS record, an outage). The test-owned prod stack has its own pin
 * (test/stacks/urns/prod.json); a change that drops one of its URNs fails unless the resource that
 * replaces it declares the old URN as an alias. (The user's stacks are pinned in urns/<stack>.json
 * and checked by test/yourStacks.test.ts.)
 *
 * After adding resources on purpose:
 *   npm run urns -- --stack prod --config-file test/stacks/Pulumi.prod.yaml --pin test/stacks/urns/prod.json --write
 */
import * as path from "node:path";
import type { Plan } from "../../plan/types";
import { checkUrnPin, readUrnPin } from "../../plan/urnPin";
import { renderedStack } from "../support/render";
import { TEST_STACKS_DIR } from "../support/stacks";

const PIN = path.join(TEST_STACKS_DIR, "urns", "prod.json");
let plan: Plan;
beforeAll(async () => {
  plan = (await renderedStack("prod")).plan;
}, 120_000);

it("keeps every pinned production URN, or aliases it, and pins every current one", () => {
  expect(checkUrnPin(plan, readUrnPin(PIN)!)).toEqual({ lost: [], unpinned: [] });
});

it("checkUrnPin answers a renamed resource by its alias, and names a lost and an unpinned URN", () => {
  const renamed = structuredClone(plan);
  const r = renamed.resources.find((x) => x.name === "apex-origin")!;
  const old = r.urn;
  r.urn = old.replace("::apex-origin", "::apex-origin-renamed");
  expect(checkUrnPin(renamed, readUrnPin(PIN)!)).toEqual({ lost: [old], unpinned: [r.urn] });
  r.options.aliases = [old];
  expect(checkUrnPin(renamed, readUrnPin(PIN)!).lost).toEqual([]);
});

it("builds URNs the way the engine does: the whole parent type chain, without the root stack", () => {
  expect(plan.resources.map((r) => r.urn)).toContain(
    "urn:pulumi:prod::launch-ready::launch-ready:index:LaunchReady$launch-ready:dns:Dns$cloudflare:index/dnsRecord:DnsRecord::apex-origin",
  );
  expect(plan.resources.some((r) => r.urn.includes("pulumi:pulumi:Stack$"))).toBe(false);
});
