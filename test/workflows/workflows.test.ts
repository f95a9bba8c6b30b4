/**
 * The GitHub workflows, checked as parsed data (and, for the two scripts that shape the PR
 * comment, executed): the lint rules of workflowLint.ts, then what each workflow must do.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { allSteps, lintWorkflow, loadWorkflows, type Job, type Step, type Workflow } from "./workflowLint";

const REPO_ROOT = path.resolve(__dirname, "../..");
const MARKER = "<!-- launch-ready-plan-diff -->";
/** The env var the Pulumi program reads to export the deployed commit as a stack output. */
const DEPLOYED_COMMIT_ENV = "LAUNCH_READY_COMMIT";
const STACKS = ["staging", "prod"] as const;

const workflows = loadWorkflows();
const pr = workflows.get("pr.yml")!;
const prComment = workflows.get("pr-comment.yml")!;
const deploy = workflows.get("deploy.yml")!;

const steps = (job: Job): Step[] => job.steps ?? [];
/** Index of the first step whose run script has a line matching `re`; -1 if none. */
const runIndex = (job: Job, re: RegExp) => steps(job).findIndex((s) => (s.run ?? "").split("\n").some((l) => re.test(l.trim())));
const usesIndex = (job: Job, prefix: string) => steps(job).findIndex((s) => s.uses?.startsWith(prefix));
const stepUsing = (job: Job, prefix: string) => steps(job)[usesIndex(job, prefix)];
const perms = (job: Job) => (typeof job.permissions === "object" ? job.permissions : {});

test("the three workflows exist and parse", () => {
  expect([...workflows.keys()]).toEqual(expect.arrayContaining(["pr.yml", "pr-comment.yml", "deploy.yml"]));
  for (const wf of workflows.values()) expect(Object.keys(wf.jobs ?? {}).length).toBeGreaterThan(0);
});

describe.each([...workflows.entries()])("%s", (file, wf) => {
  test("passes the workflow lint (permissions, pinned actions, secrets only via secrets.*)", () => {
    expect(lintWorkflow(file, wf)).toEqual([]);
  });

  test("no if: condition mentions secrets (GitHub rejects it; map to env or a job output first)", () => {
    const conditions = [
      ...Object.values(wf.jobs).map((j) => j.if ?? ""),
      ...allSteps(wf).map((s) => s.step.if ?? ""),
    ];
    for (const c of conditions) expect(c).not.toMatch(/secrets\./);
  });

  test("every pulumi preview/up runs the policy pack with the stack's settings, generated from its stack file just before", () => {
    for (const { job, step } of allSteps(wf)) {
      if (!step.uses?.startsWith("pulumi/actions@") || !["preview", "up"].includes(String(step.with?.command))) continue;
      expect(step.with?.policyPacks).toBe("policies");
      const at = steps(job).indexOf(step);
      for (const stack of stacksOf(job, step)) {
        const generated = steps(job).findIndex((s) => (s.run ?? "").split("\n").some((l) => expand(l.trim(), stack) === `npm run policy-config -- --stack ${stack}`));
        expect([stack, generated >= 0 && generated < at]).toEqual([stack, true]);
        expect(generated).toBeGreaterThan(runIndex(job, /^npm ci$/));
        expect(expand(String(step.with?.policyPackConfigs), stack)).toBe(`policies/config/${stack}.json`);
        expect(fs.existsSync(path.join(REPO_ROOT, `policies/config/${stack}.json`))).toBe(true);
        expect(expand(String(step.with?.["stack-name"]), stack)).toBe(`\${{ vars.PULUMI_ORG }}/${stack}`);
      }
    }
  });

  test("write scopes only where needed: id-token for AWS OIDC, pull-requests for jobs that comment", () => {
    expect(wf.permissions).toEqual({ contents: "read" });
    for (const job of Object.values(wf.jobs)) {
      const p = perms(job);
      const usesOidc = usesIndex(job, "aws-actions/configure-aws-credentials@") >= 0;
      const comments = steps(job).some((s) =>
        s.with?.["comment-on-pr"] === true || /\b(createComment|updateComment)\b/.test(String(s.with?.script ?? "")));
      expect(p["id-token"] === "write").toBe(usesOidc);
      expect(p["pull-requests"] === "write").toBe(comments);
      for (const [scope, level] of Object.entries(p)) if (!["id-token", "pull-requests"].includes(scope)) expect(level).toBe("read");
    }
  });
});

/** The stacks a pulumi step runs for: its matrix entries, or the stack named in stack-name. */
function stacksOf(job: Job, step: Step): string[] {
  const include = job.strategy?.matrix?.include as Array<{ stack: string }> | undefined;
  if (include) return include.map((m) => m.stack);
  const m = /\/(\w+)$/.exec(String(step.with?.["stack-name"]));
  return m ? [m[1]!] : [];
}
function expand(text: string, stack: string): string {
  return text.replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack);
}

describe("workflow lint rejects", () => {
  const base = (): Workflow => ({
    name: "t",
    on: { push: {} },
    permissions: { contents: "read" },
    jobs: { a: { steps: [{ uses: "actions/checkout@v6" }, { run: "npm ci", env: { NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" } }] } },
  });
  const withStep = (step: Step): Workflow => {
    const wf = base();
    wf.jobs.a!.steps!.push(step);
    return wf;
  };
  const fakePulumiToken = () => ["pul", "-", "0123456789abcdef".repeat(2), "01234567"].join("");
  const fakeSlack = () => ["xo", "xb-"].join("") + "2345678901-2345678901234-AbCdEfGhIjKl";

  test("nothing in the happy path", () => expect(lintWorkflow("t.yml", base())).toEqual([]));

  test.each<[string, Workflow, RegExp]>([
    ["a literal token in env", withStep({ run: "pulumi up", env: { PULUMI_ACCESS_TOKEN: fakePulumiToken() } }), /literal Pulumi access token/],
    ["a secret-looking input not from secrets.*", withStep({ uses: "pulumi/actions@v7", with: { "github-token": "abc" } }), /must be exactly \$\{\{ secrets\.NAME \}\}/],
    ["a literal Slack token in a script", withStep({ run: `curl -H "Authorization: Bearer ${fakeSlack()}" x` }), /literal Slack token/],
    ["an action on a branch", withStep({ uses: "actions/setup-node@main" }), /must be pinned .* not "main"/],
    ["an action with no ref", withStep({ uses: "pulumi/actions" }), /must be pinned .* not nothing/],
    ["an action on latest", withStep({ uses: "someone/tool@latest" }), /must be pinned/],
    ["a docker image on latest", withStep({ uses: "docker://alpine:latest" }), /tag or digest other than latest/],
    ["a secret expanded into a script", withStep({ run: "curl -H 'x: ${{ secrets.API_KEY }}' x" }), /expands a secret into the script text/],
    ["an env secret expanded into a script", withStep({ run: "echo ok; deploy --token ${{ env.NPM_TOKEN }}", env: { NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" } }), /expands \$\{\{ env\.NPM_TOKEN \}\}/],
    ["an echo of a secret env var", withStep({ run: 'echo "token is $NPM_TOKEN"', env: { NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" } }), /prints \$NPM_TOKEN/],
  ])("%s", (_name, wf, expected) => {
    const problems = lintWorkflow("t.yml", wf);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  test("missing or write-all permissions, and pull_request_target", () => {
    const noPerms = base();
    delete noPerms.permissions;
    expect(lintWorkflow("t.yml", noPerms)).toEqual(["t.yml: permissions: top-level permissions must be declared (least privilege, e.g. {contents: read})"]);
    const writeAll = base();
    writeAll.jobs.a!.permissions = "write-all";
    expect(lintWorkflow("t.yml", writeAll)[0]).toMatch(/jobs\.a\.permissions: write-all/);
    const prt = base();
    prt.on = { pull_request_target: {} };
    expect(lintWorkflow("t.yml", prt)[0]).toMatch(/pull_request_target/);
  });

  test("accepts sha pins, local actions and booleans under credential-looking keys", () => {
    const wf = withStep({ uses: `actions/checkout@${"a".repeat(40)}`, with: { "persist-credentials": false } });
    wf.jobs.a!.steps!.push({ uses: "./.github/actions/local" });
    expect(lintWorkflow("t.yml", wf)).toEqual([]);
  });
});

describe("pr.yml", () => {
  const test_ = pr.jobs.test!;
  const plan = pr.jobs["plan-diff"]!;

  test("runs on pull_request (never pull_request_target)", () => {
    expect(Object.keys(pr.on as object)).toEqual(["pull_request"]);
  });

  test("tests: full-history checkout, Node 20 with npm cache, npm ci before npm test before the schema check and the secret scan in PR mode", () => {
    expect(stepUsing(test_, "actions/checkout@")!.with?.["fetch-depth"]).toBe(0);
    expect(stepUsing(test_, "actions/setup-node@")!.with).toMatchObject({ "node-version": 20, cache: "npm" });
    const ci = runIndex(test_, /^npm ci$/);
    const tst = runIndex(test_, /^npm test$/);
    const scan = runIndex(test_, /^npm run secrets:scan -- --base "\$BASE_SHA"$/);
    // PR mode: the scan's own config comes from the base commit (issue 17).
    expect(steps(test_)[scan]!.env?.BASE_SHA).toBe("${{ github.event.pull_request.base.sha }}");
    expect(ci).toBeGreaterThan(usesIndex(test_, "actions/setup-node@"));
    expect(tst).toBeGreaterThan(ci);
    expect(scan).toBeGreaterThan(tst);
    // The contract schema generated in full (npm test checks only its stamp).
    expect(runIndex(test_, /^npm run contracts:schemas -- --check$/)).toBeGreaterThan(ci);
  });

  test("plans both stacks on the head and on the base (a worktree of base.sha with its own npm ci), then diffs them", () => {
    expect(stepUsing(plan, "actions/checkout@")!.with).toMatchObject({ ref: "${{ github.event.pull_request.head.sha }}", "fetch-depth": 0 });
    const ci = runIndex(plan, /^npm ci$/);
    const worktree = runIndex(plan, /^git worktree add "\$RUNNER_TEMP\/base" "\$BASE_SHA"$/);
    expect(steps(plan)[worktree]!.env?.BASE_SHA).toBe("${{ github.event.pull_request.base.sha }}");
    const baseDir = "${{ runner.temp }}/base";
    const baseCi = steps(plan).findIndex((s) => s.run === "npm ci" && s["working-directory"] === baseDir);
    expect(worktree).toBeGreaterThan(ci);
    expect(baseCi).toBeGreaterThan(worktree);
    for (const stack of STACKS) {
      const head = runIndex(plan, new RegExp(`^npm run --silent plan -- --stack ${stack} --json > head-${stack}\\.json\\b`));
      const basePlan = runIndex(plan, new RegExp(`^npm run --silent plan -- --stack ${stack} --json > "\\$GITHUB_WORKSPACE/base-${stack}\\.json"`));
      const diff = runIndex(plan, new RegExp(`^npm run --silent diff -- base-${stack}\\.json head-${stack}\\.json > diff-${stack}\\.md\\b`));
      expect(head).toBeGreaterThan(ci);
      expect(basePlan).toBeGreaterThan(baseCi);
      expect(steps(plan)[basePlan]!["working-directory"]).toBe(baseDir);
      expect(diff).toBeGreaterThan(Math.max(head, basePlan));
    }
  });

  test("the comment is still produced and uploaded when the head plan fails (violations are what reviewers need to see)", () => {
    const headPlan = runIndex(plan, /--json > head-staging\.json/);
    const after = steps(plan).slice(headPlan + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expect(s.if).toBe("${{ !cancelled() }}");
    const upload = stepUsing(plan, "actions/upload-artifact@")!;
    expect(upload.with).toMatchObject({ name: "plan-diff", path: "plan-diff/" });
    expect(usesIndex(plan, "actions/upload-artifact@")).toBeGreaterThan(runIndex(plan, /plan-diff\/comment\.md/));
  });

  test("the diff job holds no secrets and no write scope, so it works the same for forks", () => {
    expect(JSON.stringify(plan)).not.toMatch(/secrets\./);
    expect(plan.permissions).toBeUndefined(); // inherits {contents: read}
  });

  test("the compose step writes the marker, each stack's diff (or a fallback) and the PR number", () => {
    const compose = steps(plan).find((s) => s.run?.includes("plan-diff/comment.md"))!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-compose-"));
    try {
      fs.writeFileSync(path.join(dir, "diff-staging.md"), "**2 changed** resources\n");
      // no diff-prod.md: the prod diff failed
      const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", compose.run!], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH, PR_NUMBER: "42", BASE_SHA: "a".repeat(40), HEAD_SHA: "b".repeat(40), RUN_URL: "https://example.invalid/run/1" },
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const comment = fs.readFileSync(path.join(dir, "plan-diff/comment.md"), "utf8");
      expect(comment.startsWith(`${MARKER}\n`)).toBe(true);
      expect(comment).toContain("Base `aaaaaaa` → head `bbbbbbb`");
      expect(comment).toMatch(/### `staging`\n\n\*\*2 changed\*\* resources/);
      expect(comment).toMatch(/### `prod`\n\n_No diff could be produced for prod/);
      expect(fs.readFileSync(path.join(dir, "plan-diff/pr-number.txt"), "utf8")).toBe("42\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("pulumi preview runs only when PULUMI_ACCESS_TOKEN is set, decided by a job output", () => {
    const preview = pr.jobs["pulumi-preview"]!;
    const gateId = String(preview.needs);
    const gate = pr.jobs[gateId]!;
    const check = steps(gate).find((s) => s.id === "check")!;
    expect(check.env?.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
    expect(check.run).toMatch(/if \[ -n "\$PULUMI_ACCESS_TOKEN" \]/);
    expect(gate.outputs?.present).toBe("${{ steps.check.outputs.present }}");
    expect(preview.if).toBe(`needs.${gateId}.outputs.present == 'true'`);
  });

  test("pulumi preview: pulumi/actions v7 per stack, comment-on-pr, diff, no upsert for prod", () => {
    const preview = pr.jobs["pulumi-preview"]!;
    const step = stepUsing(preview, "pulumi/actions@")!;
    expect(step.uses).toBe("pulumi/actions@v7");
    expect(step.with).toMatchObject({ command: "preview", "comment-on-pr": true, diff: true });
    expect(step.env?.PULUMI_ACCESS_TOKEN).toBe("${{ secrets.PULUMI_ACCESS_TOKEN }}");
    const include = preview.strategy?.matrix?.include as Array<{ stack: string; upsert: boolean }>;
    expect(include.map((m) => m.stack).sort()).toEqual([...STACKS].sort());
    expect(include.find((m) => m.stack === "prod")!.upsert).toBe(false);
    expect(step.with?.upsert).toBe("${{ matrix.upsert }}");
    expect(usesIndex(preview, "pulumi/actions@")).toBeGreaterThan(runIndex(preview, /^npm ci$/));
  });
});

describe("pr-comment.yml", () => {
  const job = prComment.jobs.comment!;
  const script = steps(job).find((s) => s.name === "Post or update the comment")!.with!.script as string;

  test("runs after the PR workflow, in the base repository, without checking out PR code", () => {
    expect(prComment.on).toEqual({ workflow_run: { workflows: [pr.name], types: ["completed"] } });
    expect(job.if).toMatch(/github\.event\.workflow_run\.event == 'pull_request'/);
    expect(usesIndex(job, "actions/checkout@")).toBe(-1);
    expect(stepUsing(job, "actions/download-artifact@")!.with).toMatchObject({
      name: "plan-diff", "run-id": "${{ github.event.workflow_run.id }}",
    });
  });

  type Comment = { id: number; user: { login: string }; body: string };
  async function post(opts: { prNumber: string; headSha?: string; prHeadSha?: string; comments?: Comment[]; body?: string }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-comment-"));
    fs.writeFileSync(path.join(dir, "pr-number.txt"), `${opts.prNumber}\n`);
    fs.writeFileSync(path.join(dir, "comment.md"), opts.body ?? `${MARKER}\n## diff\nstuff\n`);
    const calls = { created: [] as Array<Record<string, unknown>>, updated: [] as Array<Record<string, unknown>>, failed: [] as string[] };
    const listComments = async () => ({ data: opts.comments ?? [] });
    const github = {
      paginate: async (fn: unknown, args: { issue_number: number }) => {
        expect(fn).toBe(listComments);
        expect(args.issue_number).toBe(Number(opts.prNumber));
        return opts.comments ?? [];
      },
      rest: {
        pulls: { get: async (a: { pull_number: number }) => ({ data: { number: a.pull_number, head: { sha: opts.prHeadSha ?? "h1" } } }) },
        issues: {
          listComments,
          createComment: async (a: Record<string, unknown>) => (calls.created.push(a), { data: { id: 1000 } }),
          updateComment: async (a: Record<string, unknown>) => (calls.updated.push(a), { data: {} }),
        },
      },
    };
    const core = { setFailed: (m: string) => calls.failed.push(m), notice: () => undefined, info: () => undefined };
    const context = { repo: { owner: "acme", repo: "launch-ready" } };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    try {
      await new AsyncFunction("require", "github", "context", "core", "process", script)(
        require, github, context, core, { env: { ARTIFACT_DIR: dir, HEAD_SHA: opts.headSha ?? "h1" } },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return calls;
  }

  test("creates one comment, marker first, when there is none", async () => {
    const calls = await post({ prNumber: "7", comments: [{ id: 1, user: { login: "alice" }, body: "LGTM" }] });
    expect(calls.updated).toEqual([]);
    expect(calls.created).toHaveLength(1);
    expect(calls.created[0]).toMatchObject({ owner: "acme", repo: "launch-ready", issue_number: 7 });
    expect(String(calls.created[0]!.body)).toBe(`${MARKER}\n## diff\nstuff\n`);
  });

  test("updates the bot's previous comment instead of adding another", async () => {
    const calls = await post({
      prNumber: "7",
      comments: [
        { id: 1, user: { login: "alice" }, body: `quoting ${MARKER}` },
        { id: 2, user: { login: "github-actions[bot]" }, body: `${MARKER}\nold diff` },
      ],
    });
    expect(calls.created).toEqual([]);
    expect(calls.updated).toEqual([expect.objectContaining({ comment_id: 2, body: `${MARKER}\n## diff\nstuff\n` })]);
  });

  test("posts nothing for a stale run (the PR has moved on) or a forged PR number", async () => {
    const stale = await post({ prNumber: "7", headSha: "old", prHeadSha: "new" });
    expect(stale.created.length + stale.updated.length).toBe(0);
    const forged = await post({ prNumber: "7; rm -rf /" });
    expect(forged.created.length + forged.updated.length).toBe(0);
    expect(forged.failed[0]).toMatch(/must hold a pull request number/);
  });

  test("keeps one marker and stays under GitHub's 65536-character limit", async () => {
    const calls = await post({ prNumber: "7", body: `${MARKER}\n${MARKER}\n${"x".repeat(70000)}` });
    const body = String(calls.created[0]!.body);
    expect(body.length).toBeLessThan(65536);
    expect(body.split(MARKER).length - 1).toBe(1);
    expect(body).toMatch(/truncated/);
  });
});

describe("deploy.yml", () => {
  const staging = deploy.jobs.staging!;
  const prod = deploy.jobs.prod!;

  test("runs on pushes to main, one deploy at a time, never cancelling a running one", () => {
    expect(deploy.on).toEqual({ push: { branches: ["main"] } });
    expect(deploy.concurrency).toEqual({ group: "launch-ready-deploy", "cancel-in-progress": false });
  });

  test("prod needs staging and waits in the protected production environment", () => {
    expect([prod.needs].flat()).toContain("staging");
    expect(prod.environment).toBe("production");
    expect(staging.environment).toBe("staging");
  });

  describe.each([["staging", staging], ["prod", prod]] as const)("%s job", (stack, job) => {
    test("npm ci, AWS credentials by OIDC, then pulumi up with the policy pack", () => {
      const up = stepUsing(job, "pulumi/actions@")!;
      expect(up.with).toMatchObject({
        command: "up", "stack-name": `\${{ vars.PULUMI_ORG }}/${stack}`, policyPacks: "policies", policyPackConfigs: `policies/config/${stack}.json`,
      });
      const aws = stepUsing(job, "aws-actions/configure-aws-credentials@")!;
      expect(aws.with?.["role-to-assume"]).toBe("${{ secrets.AWS_DEPLOY_ROLE_ARN }}");
      expect(up.env).toMatchObject({
        PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}", CLOUDFLARE_API_TOKEN: "${{ secrets.CLOUDFLARE_API_TOKEN }}",
      });
      const upAt = usesIndex(job, "pulumi/actions@");
      expect(upAt).toBeGreaterThan(usesIndex(job, "aws-actions/configure-aws-credentials@"));
      expect(upAt).toBeGreaterThan(runIndex(job, /^npm ci$/));
    });

    test(`records the deployed commit: ${DEPLOYED_COMMIT_ENV} for the stack output, then the stack tag`, () => {
      const env = { ...deploy.env, ...job.env, ...stepUsing(job, "pulumi/actions@")!.env };
      expect(env[DEPLOYED_COMMIT_ENV]).toBe("${{ github.sha }}");
      const tag = runIndex(job, new RegExp(`^pulumi stack tag set launch-ready:commit "\\$GITHUB_SHA" --stack "\\$STACK"$`));
      expect(tag).toBeGreaterThan(usesIndex(job, "pulumi/actions@"));
      expect(steps(job)[tag]!.env?.STACK).toBe(`\${{ vars.PULUMI_ORG }}/${stack}`);
      expect(steps(job)[tag]!.if).toBeUndefined(); // only after a successful up
    });
  });
});

test("the marker in the two workflows is the same string", () => {
  const composeRun = steps(pr.jobs["plan-diff"]!).find((s) => s.run?.includes("plan-diff/comment.md"))!.run!;
  expect(composeRun).toContain(`echo "${MARKER}"`);
  const script = steps(prComment.jobs.comment!).find((s) => s.name === "Post or update the comment")!.with!.script as string;
  expect(script).toContain(`const MARKER = ${JSON.stringify(MARKER)};`);
});
