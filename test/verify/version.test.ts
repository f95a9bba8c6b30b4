/** `app.commit`: the app's version route against the deployed commit. */
import { judgeCommit, liveCommit, sameCommit } from "../../verify/http/version";
import { targetFromPlan } from "../../verify/target";
import { stackPlan } from "./support/stack";

const SHA = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
const res = (body: string, headers: string[] = []) => ({ body, rawHeaders: headers });

test("the commit is read from a header, a dotted JSON field, or the body", () => {
  expect(liveCommit({ path: "/v", header: "X-App-Commit" }, res("", ["x-app-commit", ` ${SHA} `]))).toBe(SHA);
  expect(liveCommit({ path: "/v", jsonField: "build.commit" }, res(JSON.stringify({ build: { commit: SHA.slice(0, 7) } })))).toBe(SHA.slice(0, 7));
  expect(liveCommit({ path: "/v", jsonField: "build.commit" }, res("<html>not json"))).toBeUndefined();
  expect(liveCommit({ path: "/v" }, res(`${SHA}\n`))).toBe(SHA);
});

test("a short SHA matches its full form; another commit does not", () => {
  expect(sameCommit(SHA.slice(0, 7), SHA)).toBe(true);
  expect(sameCommit(SHA, SHA.toUpperCase())).toBe(true);
  expect(sameCommit("abcdef0", SHA)).toBe(false);
  expect(sameCommit("abc", "abcdef0")).toBe(false);
});

test("a wrong live commit is NO-GO naming both; no expected commit warns; a failing route fails", () => {
  const v = { path: "/version", header: "X-App-Commit" };
  const wrong = judgeCommit("https://x.example/version", v, SHA, "0123456789abcdef", 200);
  expect(wrong.status).toBe("fail");
  expect(wrong.message).toContain("0123456789abcdef");
  expect(wrong.message).toContain(SHA);
  expect(judgeCommit("t", v, SHA, SHA.slice(0, 12), 200).status).toBe("pass");
  expect(judgeCommit("t", v, undefined, SHA, 200).status).toBe("warn");
  expect(judgeCommit("t", v, SHA, undefined, 404).status).toBe("fail");
});

test("the target carries verify.version and the plan's known deployedCommit; 'unknown' is no commit", () => {
  const plan = stackPlan({ verify: { version: { path: "/api/version", jsonField: "commit" } } });
  plan.outputs = { ...plan.outputs, deployedCommit: SHA };
  expect(targetFromPlan(plan).version).toEqual({ path: "/api/version", jsonField: "commit", expected: SHA });
  plan.outputs = { ...plan.outputs, deployedCommit: "unknown" };
  expect(targetFromPlan(plan).version).toEqual({ path: "/api/version", jsonField: "commit" });
  expect(targetFromPlan(stackPlan()).version).toBeUndefined();
});
