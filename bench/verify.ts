/**
 * Benchmark of `verify` over a 20-host stack on loopback (the verify tests' stack: web hosts, mail
 * with MTA-STS and STARTTLS, edge headers, CAA): the run should take little more than its slowest
 * check, not the sum of all checks. Prints both. Run: `npx tsx bench/verify.ts` (or `npm run bench`).
 */
import { APEX, EDGE, startStack, stackPlan, zone } from "../test/verify/support/stack";
import { runVerify, targetFromPlan } from "../verify";

const HOSTS = 20;

async function main(): Promise<void> {
  const stack = await startStack();
  try {
    const extra = Array.from({ length: HOSTS - 3 }, (_, i) => `h${i + 1}.${APEX}`);
    const plan = stackPlan({ verify: { performance: { samples: 20 }, routes: { content: { "/login": "Sign in" } } } });
    const config = plan.config as { hosts: Array<Record<string, unknown>> };
    for (const fqdn of extra) config.hosts.push({ name: fqdn.split(".")[0], fqdn, proxied: true, sensitive: false, role: "service" });
    // A slow login (150 ms) makes one check clearly the slowest. `set` resets certificates: issue after.
    stack.set({ slowLoginMs: 150 });
    for (const fqdn of extra) stack.web.certs.set(fqdn, stack.ca.issue([fqdn]));
    stack.dns.set([...zone({}), ...extra.map((name) => ({ name, type: "A" as const, data: EDGE }))]);
    const jobTimes: Array<[string, number]> = [];
    const report = await runVerify(targetFromPlan(plan), stack.options({ timeoutMs: 2000, onProgress: ({ job, ms }) => jobTimes.push([job, ms]) }));
    jobTimes.sort((a, b) => b[1] - a[1]);
    const [slowest, slowestMs] = jobTimes[0]!;
    const hosts = new Set(report.checks.filter((c) => c.id === "tls.chain").map((c) => c.target)).size;
    const failing = report.checks.filter((c) => c.status === "fail").map((c) => `${c.id} ${c.target}`);
    process.stdout.write(
      [
        `verify bench: ${hosts} hosts, ${report.timing.jobs} jobs, ${report.checks.length} checks, verdict ${report.verdict}${failing.length ? ` (failing: ${failing.join(", ")})` : ""}`,
        `  run time:             ${report.timing.runMs} ms`,
        `  sum of check times:   ${report.timing.sumOfJobsMs} ms`,
        `  slowest check:        ${Math.round(slowestMs)} ms (${slowest})`,
        `  run / slowest:        ${(report.timing.runMs / slowestMs).toFixed(2)}x; sum / run: ${(report.timing.sumOfJobsMs / report.timing.runMs).toFixed(1)}x`,
        `  run bound:            ${report.timing.boundMs} ms`,
      ].join("\n") + "\n",
    );
  } finally {
    await stack.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
