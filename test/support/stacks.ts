/**
 * The test suite's own example stacks. The top-level Pulumi.<stack>.yaml files belong to the user
 * (a founder edits them for their domain), so no test reads them as a fixture: tests render these
 * copies, which only change when a test needs them to.
 */
import * as path from "node:path";

export const TEST_STACKS_DIR = path.join(__dirname, "..", "stacks");

/** The test-owned stack file of an example stack ("prod" or "staging"). */
export function testStackFile(stack: "prod" | "staging"): string {
  return path.join(TEST_STACKS_DIR, `Pulumi.${stack}.yaml`);
}

/** CLI flags that render a test-owned stack: `plan ...stackArgs("prod")`. */
export function stackArgs(stack: "prod" | "staging"): string[] {
  return ["--stack", stack, "--config-file", testStackFile(stack)];
}

/** The test-owned stack's loaded file (for tests that read its raw config). */
export function loadTestStack(stack: "prod" | "staging") {
  // Required lazily: some suites reset the module registry before rendering.
  const { loadStackFile } = require("../../plan/stackFile") as typeof import("../../plan/stackFile");
  return loadStackFile({ projectDir: path.join(__dirname, "..", ".."), stack, configFile: testStackFile(stack) });
}

/** The policy settings `policy-config` derives for a test-owned stack (what `plan` judges it by). */
export function testPolicySettings(stack: "prod" | "staging"): Record<string, unknown> {
  const { parseStackConfig } = require("../../components/config") as typeof import("../../components/config");
  const { derivePolicySettings, readPolicyChoices } = require("../../plan/policySettings") as typeof import("../../plan/policySettings");
  const file = loadTestStack(stack);
  return derivePolicySettings(parseStackConfig(file.raw, file.file).config, stack, readPolicyChoices());
}

/**
 * Settings as a stack with these facts would derive them: the derived settings carry the stack's
 * facts (plan/policySettings.ts) and a settings value wins over a fact, so a test giving a fact
 * other than its stack's (e.g. another declaredAuthRoutes) sets it in every policy that takes it.
 */
export function withStackFacts(settings: Record<string, unknown>, facts: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!facts) return settings;
  const out = structuredClone(settings);
  for (const [name, value] of Object.entries(out)) {
    if (name === "all" || typeof value !== "object" || value === null || Array.isArray(value)) continue;
    const policy = value as Record<string, unknown>;
    for (const [key, fact] of Object.entries(facts)) if (key in policy) policy[key] = structuredClone(fact);
  }
  return out;
}
