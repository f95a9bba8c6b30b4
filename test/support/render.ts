/**
 * Renders a stack inside the test process. The program (index.ts) exports a function that each
 * render calls, so renders share the module registry and the SDK loaded once for the file, as the
 * bench renders several stacks in one process. A fixture program that declares at its top level
 * (it runs once per registry) renders in a registry of its own, which the suite's modules never
 * see (a suite holding the policy pack's analyzer keeps it). After a render that failed in the
 * shared registry, the registry is reset: a program that threw may leave outputs and RPCs of its
 * stack pending in the SDK. Await one render at a time.
 *
 * A stack named without a `configFile` is the test suite's own copy (test/stacks/): the top-level
 * Pulumi.<stack>.yaml files are the user's, and no test renders them as a fixture.
 */
import type { RenderOptions, RenderResult } from "../../plan/render";
import { testStackFile } from "./stacks";
import { runFile } from "./globalSetup";

let lastRenderFailed = false;

export async function renderIsolated(options: RenderOptions = {}): Promise<RenderResult> {
  const render = () => (require("../../plan/render") as typeof import("../../plan/render")).renderPlan(testOwned(options));
  if (options.program !== undefined) {
    let result: RenderResult | undefined;
    await jest.isolateModulesAsync(async () => void (result = await render()));
    return result!;
  }
  if (lastRenderFailed) jest.resetModules();
  lastRenderFailed = true;
  const result = await render();
  lastRenderFailed = false;
  return result;
}

/** `options` with a named example stack pointed at its test-owned copy. */
export function testOwned(options: RenderOptions): RenderOptions {
  if (options.configFile !== undefined || options.projectDir !== undefined) return options;
  const stack = options.stack ?? "staging";
  if (stack !== "prod" && stack !== "staging") throw new Error(`no test-owned stack ${stack}: pass a configFile`);
  return { ...options, stack, configFile: testStackFile(stack) };
}

/** Resources of one type, by logical name. */
export function byType(result: RenderResult, type: string) {
  return result.plan.resources.filter((r) => r.type === type);
}

export const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
export const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";

/**
 * The test-owned stack as the global setup rendered it once for the run (test/support/globalSetup.ts):
 * for suites that only read the plan. Renders here when the run has no such file.
 */
export async function renderedStack(stack: "prod" | "staging"): Promise<RenderResult> {
  const file = runFile(`${stack}.json`);
  if (file) return JSON.parse((require("node:fs") as typeof import("node:fs")).readFileSync(file, "utf8")) as RenderResult;
  return renderIsolated({ stack });
}
