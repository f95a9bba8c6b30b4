/**
 * What the policy pack adds to a prod plan: the pack's start-up (run-policy-pack type-checks the
 * TypeScript pack before it listens), the first analysis of the prod plan (Analyze per resource +
 * AnalyzeStack over gRPC), warm analyses, and the wall time the pack adds beyond rendering: with
 * the pack started while the plan renders (what `plan` does) and, for comparison, one after the
 * other. Target: under 2 s added.
 * Prints figures; asserts nothing. Run: `node --import tsx bench/policies.ts`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startPackEarly, startPolicyPack } from "../plan/analyze";
import { renderPlan } from "../plan/render";
import { percentile } from "../verify/http/perf";
import { checkPlan } from "../plan/pipeline";

const WARM_RUNS = 10;
const TARGET_MS = 2000;

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await run();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

export async function benchPolicies(): Promise<void> {
  const policyConfig = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "policies", "config", "prod.json"), "utf8"));
  // Warm-up render: module loading is paid once per process, as in the plan bench.
  await renderPlan({ stack: "prod" });
  const [renderMs, { plan }] = await time(() => renderPlan({ stack: "prod" }));

  // Sequential: render, then start the pack and analyze.
  const [startMs, pack] = await time(() => startPolicyPack({ policyConfig }));
  let violations = 0;
  const [firstMs] = await time(async () => (violations = (await pack.analyze(plan)).length));
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await time(() => pack.analyze(plan)))[0]);
  const [closeMs] = await time(() => pack.close());
  const sequentialMs = startMs + firstMs + closeMs;

  // Overlapped, through the same calls as `plan`: the pack starts while the program renders (it
  // is a separate process), then analyzes with the stack's facts and its policy config file.
  const [overlapMs] = await time(async () => {
    const starting = startPackEarly();
    const rendered = await renderPlan({ stack: "prod" });
    await checkPlan(rendered, {}, starting);
  });

  const line = (label: string, value: string) => console.log(`${label.padEnd(42)}${value}`);
  console.log(`prod plan: ${plan.resources.length} resources, ${pack.policies.length} policies, ${violations} violations; render ${ms(renderMs)}`);
  line("  pack start (type-checks the pack)", ms(startMs));
  line("  first analysis", ms(firstMs));
  line(`  warm analysis (${WARM_RUNS} runs)`, `median ${ms(percentile(warm, 50)!)}, p90 ${ms(percentile(warm, 90)!)}`);
  line("  pack stop", ms(closeMs));
  line("added to the plan, as `plan` runs it", `${ms(Math.max(0, overlapMs - renderMs))} (target under ${TARGET_MS} ms; render and pack together ${ms(overlapMs)})`);
  line("added if the pack started after render", ms(sequentialMs));
}

if (require.main === module) {
  benchPolicies().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
