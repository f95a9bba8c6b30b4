/** Every command's --help says what its exit statuses mean, so a CI step can act on them. */
import { runCli } from "../support/cli";

describe("launch-ready <command> --help", () => {
  it.each([
    ["plan", /^Exit status: 0 clean, 1 a mandatory policy violation or a failed API contract, 2 /m],
    ["diff", /^Exit status: 0 the diff was written, 2 /m],
    ["handover", /^Exit status: 0 the document was written, 2 /m],
    ["verify", /^Exit status: 0 GO, 1 NO-GO, 2 /m],
    ["secrets-scan", /^Exit status: 0 nothing found, 1 a secret found/m],
  ])("%s documents its exit statuses", (command, expected) => {
    const { status, stdout } = runCli([command, "--help"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(expected);
  });
});
