/**
 * Renders a stack inside the test process. Each call starts from a fresh module registry, so the
 * SDK, the renderer and the program are loaded anew and a test file can render several stacks.
 * (isolateModules would not do: the program is required later, asynchronously, inside the stack
 * resource's initialisation, by when an isolated registry is gone.) Await one render at a time.
 *
 * A stack named without a `configFile` is the test suite's own copy (test/stacks/): the top-level
 * Pulumi.<stack>.yaml files are the user's, and no test renders them as a fixture.
 */
import type { RenderOptions, RenderResult } from "../../plan/render";
import { testStackFile } from "./stacks";

export function renderIsolated(options: RenderOptions = {}): Promise<RenderResult> {
  jest.resetModules();
  const { renderPlan } = require("../../plan/render") as typeof import("../../plan/render");
  return renderPlan(testOwned(options));
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
  const dir = process.env.LR_TEST_PLANS_DIR;
  const file = dir ? require("node:path").join(dir, `${stack}.json`) : undefined;
  const fs = require("node:fs") as typeof import("node:fs");
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as RenderResult;
  return renderIsolated({ stack });
}
