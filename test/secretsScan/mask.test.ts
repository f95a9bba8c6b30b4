import { maskSecret, replaceStarRuns } from "../../secretsScan/mask";

describe("maskSecret", () => {
  test.each([
    ["abcd-2345678901-2345678901234", "abcd…"],
    ["short-pass", "…"], // under 12 characters: a 4-character prefix would give most of it away
    ["-----BEGIN RSA KEY-----\nMIIabc", "----…"],
    ["", "…"],
  ])("%j -> %j", (input, expected) => expect(maskSecret(input)).toBe(expected));
});

test("replaceStarRuns swaps secretlint's star masks for the preview, leaving short runs", () => {
  expect(replaceStarRuns("found slack token: ************************", "xoxb…")).toBe("found slack token: xoxb…");
  expect(replaceStarRuns("a ** b", "p…")).toBe("a ** b");
});
