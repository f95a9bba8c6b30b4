/**
 * Renders a stack inside the test process. Each call starts from a fresh module registry, so the
 * SDK, the renderer and the program are loaded anew and a test file can render several stacks.
 * (isolateModules would not do: the program is required later, asynchronously, inside the stack
 * resource's initialisation, by when an isolated registry is gone.) Await one render at a time.
 */
import type { RenderOptions, RenderResult } from "../../plan/render";

export function renderIsolated(options: RenderOptions = {}): Promise<RenderResult> {
  jest.resetModules();
  const { renderPlan } = require("../../plan/render") as typeof import("../../plan/render");
  return renderPlan(options);
}

/** Resources of one type, by logical name. */
export function byType(result: RenderResult, type: string) {
  return result.plan.resources.filter((r) => r.type === type);
}

export const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
export const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
