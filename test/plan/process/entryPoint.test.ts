/**
 * The program under @pulumi/pulumi's real entry point (cmd/run, as the language host starts it,
 * with the project's tsx loader) against the loopback engine registers exactly what the offline
 * plan reports: URNs, inputs and options, for each test-owned stack.
 */
import { runUnderEntryPoint, type RealRunResult } from "../../../plan/engine/realProgram";
import { renderedStack } from "../../support/render";
import { testStackFile } from "../../support/stacks";
import type { PlannedResource } from "../../../plan/types";

const byUrn = (resources: PlannedResource[]) => Object.fromEntries(resources.map((r) => [r.urn, r]));

describe.each(["prod", "staging"] as const)("the %s stack under the real entry point", (stack) => {
  let run: RealRunResult;
  beforeAll(async () => {
    run = await runUnderEntryPoint({ stack, configFile: testStackFile(stack) });
  }, 180_000);

  it("exits 0 without an error logged to the engine", () => {
    expect(run.logs.filter((l) => l.severity === 3).map((l) => l.message)).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  it("registers the offline plan's resources: the same URNs, inputs and options", async () => {
    const offline = (await renderedStack(stack)).plan.resources;
    expect(run.resources.length).toBeGreaterThan(20);
    expect(run.resources.map((r) => r.urn).sort()).toEqual(offline.map((r) => r.urn).sort());
    // Through JSON, as the rendered plans are stored: the comparison is of values, not of objects.
    expect(JSON.parse(JSON.stringify(byUrn(run.resources)))).toEqual(byUrn(offline));
  });

  it("exports the offline plan's stack outputs", async () => {
    expect(JSON.parse(JSON.stringify(run.outputs))).toEqual((await renderedStack(stack)).plan.outputs);
  });

  it("reports the child's peak memory", () => {
    expect(run.maxRssKb).toBeGreaterThan(10_000);
  });
});
