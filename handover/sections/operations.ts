/** Deploy and rollback steps, and how to tell which commit is live (the `deployedCommit` output). */
import { asRecord, knownString } from "../../plan/read/values";
import { code, section } from "../markdown";
import type { HandoverContext } from "./context";

/** The env var the program exports as the `deployedCommit` stack output (index.ts; set by .github/workflows/deploy.yml). */
export const COMMIT_ENV = "LAUNCH_READY_COMMIT";
/** The stack tag the deploy workflow sets after a successful `pulumi up` (.github/workflows/deploy.yml). */
export const COMMIT_TAG = "launch-ready:commit";

export function operationsSection(ctx: HandoverContext): string[] {
  const s = ctx.plan.stack;
  const policy = `--policy-pack policies --policy-pack-config policies/config/${s}.json`;
  const outputs = asRecord(ctx.plan.outputs) ?? {};
  const hasCommitOutput = "deployedCommit" in outputs;
  const recorded = knownString(outputs.deployedCommit);
  const body = [
    "### Which commit is live",
    "",
    hasCommitOutput
      ? `\`pulumi stack output deployedCommit --stack ${s}\` prints the git commit of the last deploy (the program exports env \`${COMMIT_ENV}\`; "unknown" means someone deployed without setting it). The deploy workflow also tags the stack after a successful \`up\`: \`pulumi stack tag get ${COMMIT_TAG} --stack ${s}\`.${recorded && recorded !== "unknown" ? ` This plan was rendered with ${code(`${COMMIT_ENV}=${recorded}`)}.` : ""}`
      : `This plan has no \`deployedCommit\` output: the deployed commit can only be read from the stack tag \`${COMMIT_TAG}\` (\`pulumi stack tag get ${COMMIT_TAG} --stack ${s}\`).`,
    "",
    "### Deploy",
    "",
    "Normally the deploy workflow does this on every push to main (staging first, then prod after a manual approval). By hand:",
    "",
    "```sh",
    "npm ci",
    `npm run plan -- --stack ${s}                # offline: config errors and policy violations in seconds, no credentials`,
    `pulumi stack select ${s}`,
    `pulumi preview --stack ${s} ${policy}`,
    `${COMMIT_ENV}=$(git rev-parse HEAD) pulumi up --stack ${s} ${policy}`,
    `pulumi stack tag set ${COMMIT_TAG} "$(git rev-parse HEAD)" --stack ${s}`,
    `npm run verify -- --stack ${s}              # DNS, redirects, TLS, headers, email auth against the live internet`,
    "```",
    "",
    "### Roll back",
    "",
    "Roll back by deploying an earlier commit, never with `pulumi destroy` or dashboard edits (the next deploy would undo them):",
    "",
    "```sh",
    `git log --oneline                              # find the last good commit (compare with the deployedCommit output)`,
    `git revert <bad-commit> && git push            # preferred: the deploy workflow redeploys main`,
    `# or, in an emergency, from a checkout of the good commit:`,
    `${COMMIT_ENV}=$(git rev-parse HEAD) pulumi up --stack ${s} ${policy}`,
    "```",
    "",
    ctx.production
      ? "Production resources are protected: a rollback that would delete one stops with an error instead. Read the preview; unprotect (`pulumi state unprotect <urn>`) only what you mean to lose."
      : "If a deploy left pending operations (it was interrupted), run `pulumi refresh --stack " + s + "` and `pulumi stack export` before anything else.",
  ];
  return section("Deploy and rollback", body, "");
}
