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
