/**
 * Plan time for stacks of 10, 100 and 1000 hosts, against the SDK's floor (the same number of
 * bare resources registered under the same mocks). Prints figures; asserts nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { renderPlan } from "../plan/render";

function stackFileWithHosts(dir: string, hosts: number): string {
  const file = path.join(dir, `Pulumi.bench${hosts}.yaml`);
  const config = {
    "launch-ready:environment": "prod",
    "launch-ready:domain": "bench-example.com",
    "launch-ready:zone": { id: "0123456789abcdef0123456789abcdef" },
    "launch-ready:hosts": [
      { name: "@", origin: { cname: "web.vercel.app" } },
      ...Array.from({ length: hosts - 1 }, (_, i) => ({ name: `h${i}`, origin: { cname: `h${i}.fly.dev` } })),
    ],
    // A prod stack must say who hears about an outage; the bench measures hosts, so it keeps the
    // monitoring section to the required minimum.
    "launch-ready:monitoring": { alerts: { emails: ["ops@bench-example.com"] } },
  };
  fs.writeFileSync(file, stringify({ config }));
  return file;
}

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await run();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

export async function benchPlan(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-bench-"));
  // Warm-up: module loading is paid once per process, not per plan.
  await renderPlan({ configFile: stackFileWithHosts(dir, 10) });

  const [prodMs, prod] = await time(() => renderPlan({ stack: "prod" }));
  console.log(`prod plan: ${prodMs.toFixed(0)} ms for ${prod.plan.resources.length} resources (budget 3000 ms)`);
  console.log("hosts  resources  plan ms  floor ms  ratio  ms/host");
  for (const hosts of [10, 100, 1000]) {
    const file = stackFileWithHosts(dir, hosts);
    const [planMs, result] = await time(() => renderPlan({ configFile: file }));
    process.env.LR_BENCH_RESOURCES = String(result.plan.resources.length);
    const [floorMs] = await time(() => renderPlan({ configFile: file, program: path.join(__dirname, "floorProgram.ts") }));
    console.log(
      `${String(hosts).padStart(5)}  ${String(result.plan.resources.length).padStart(9)}  ${planMs.toFixed(0).padStart(7)}  ${floorMs.toFixed(0).padStart(8)}  ${(planMs / floorMs).toFixed(2).padStart(5)}  ${(planMs / hosts).toFixed(2).padStart(7)}`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  benchPlan().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
