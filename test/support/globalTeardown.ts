/** Removes the plans the global setup rendered. */
import * as fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.LR_TEST_PLANS_DIR;
  if (dir && dir.includes("lr-test-plans-")) fs.rmSync(dir, { recursive: true, force: true });
}
