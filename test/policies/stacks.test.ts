/** Acceptance: both example stacks, rendered from the real program, pass the pack with their config files. */
import * as fs from "node:fs";
import * as path from "node:path";
import { startPolicyPack, type RunningPolicyPack } from "../../plan/analyze";
import { renderPlan } from "../../plan/render";

let pack: RunningPolicyPack;
beforeAll(async () => {
  pack = await startPolicyPack();
}, 120_000);
afterAll(() => pack?.close());

test.each(["prod", "staging"])("the %s stack has no mandatory violation", async (stack) => {
  const { plan } = await renderPlan({ stack });
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "config", `${stack}.json`), "utf8"));
  const mandatory = (await pack.analyze(plan, config)).filter((v) => v.enforcementLevel === "mandatory");
  expect(mandatory).toEqual([]);
}, 60_000);
