/**
 * The PR workflow posts the drift between the head's staging and prod plans beside the diff:
 * the drift step reads the head plans, never fails the check, and the compose step puts its
 * report (or a fallback) into the comment.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadWorkflows, type Step } from "./workflowLint";

const job = loadWorkflows().get("pr.yml")!.jobs["plan-diff"]!;
const steps: Step[] = job.steps ?? [];
const indexOf = (re: RegExp) => steps.findIndex((s) => (s.run ?? "").split("\n").some((l) => re.test(l.trim())));

function compose(files: Record<string, string>): string {
  const step = steps.find((s) => s.run?.includes("plan-diff/comment.md"))!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-drift-compose-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH, PR_NUMBER: "7", BASE_SHA: "a".repeat(40), HEAD_SHA: "b".repeat(40), RUN_URL: "https://example.invalid/run/1" },
    });
    expect(r.status).toBe(0);
    return fs.readFileSync(path.join(dir, "plan-diff/comment.md"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("the drift step compares the head's two plans, after both are written, and cannot fail the check", () => {
  const drift = indexOf(/^npm run --silent drift -- --base-file head-staging\.json --head-file head-prod\.json > drift\.md \|\| rm -f drift\.md$/);
  expect(drift).toBeGreaterThan(indexOf(/--json > head-prod\.json/));
  expect(drift).toBeLessThan(steps.findIndex((s) => s.run?.includes("plan-diff/comment.md")));
  expect(steps[drift]!.if).toBe("${{ !cancelled() }}");
});

test("the comment carries the drift report after the diffs, or says it could not be produced", () => {
  const withDrift = compose({ "diff-staging.md": "staging diff\n", "diff-prod.md": "prod diff\n", "drift.md": "#### Drift between `staging` and `prod`\n" });
  expect(withDrift).toMatch(/prod diff\n\n### Drift between `staging` and `prod` \(head\)\n\n#### Drift between `staging` and `prod`\n$/);
  expect(compose({})).toContain("_No drift report could be produced: see the workflow run log._");
});
