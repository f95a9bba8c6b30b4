/**
 * The MTA-STS policy host the stack serves: the Worker module, run by a real Node (the same
 * fetch/Request/Response API as the Workers runtime), and what the email component declares.
 */
import { spawnSync } from "node:child_process";
import { buildMtaStsPolicy, buildMtaStsWorker, mtaStsWorkerName } from "../../../components/email/mtasts";

const POLICY = buildMtaStsPolicy({ mode: "enforce", mx: ["smtp.google.com", "*.mail.protection.outlook.com"], maxAge: 604800 });

/** Imports the Worker module and sends it each request; returns status, content-type and body. */
function serve(worker: string, requests: Array<{ url: string; method?: string }>) {
  const script = [
    `const m = await import("data:text/javascript," + encodeURIComponent(${JSON.stringify(worker)}));`,
    `const out = [];`,
    `for (const r of ${JSON.stringify(requests)}) {`,
    `  const res = await m.default.fetch(new Request(r.url, { method: r.method ?? "GET" }));`,
    `  out.push({ status: res.status, type: res.headers.get("content-type"), body: await res.text() });`,
    `}`,
    `console.log(JSON.stringify(out));`,
  ].join("\n");
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Array<{ status: number; type: string | null; body: string }>;
}

describe("the MTA-STS policy Worker", () => {
  test("serves the exact policy as text/plain at /.well-known/mta-sts.txt, 404 elsewhere, 405 for other methods", () => {
    const [policy, head, other, post] = serve(buildMtaStsWorker(POLICY), [
      { url: "https://mta-sts.example.com/.well-known/mta-sts.txt" },
      { url: "https://mta-sts.example.com/.well-known/mta-sts.txt", method: "HEAD" },
      { url: "https://mta-sts.example.com/" },
      { url: "https://mta-sts.example.com/.well-known/mta-sts.txt", method: "POST" },
    ]);
    expect(policy).toEqual({ status: 200, type: "text/plain; charset=utf-8", body: POLICY });
    expect(policy!.body).toBe("version: STSv1\r\nmode: enforce\r\nmx: smtp.google.com\r\nmx: *.mail.protection.outlook.com\r\nmax_age: 604800\r\n");
    expect(head).toEqual({ status: 200, type: "text/plain; charset=utf-8", body: "" });
    expect(other!.status).toBe(404);
    expect(post!.status).toBe(405);
  });

  test("a policy with quotes or backslashes stays exact (embedded as a JSON string literal)", () => {
    const odd = 'version: STSv1\r\nmode: testing\r\nmx: "\\weird`${x}`\r\nmax_age: 86400\r\n';
    expect(serve(buildMtaStsWorker(odd), [{ url: "https://mta-sts.example.com/.well-known/mta-sts.txt" }])[0]!.body).toBe(odd);
  });

  test.each([
    ["example.com", "mta-sts-example-com"],
    ["mail.staging-example.com", "mta-sts-mail-staging-example-com"],
    [`${"a".repeat(60)}.example.com`, `mta-sts-${"a".repeat(55)}`],
  ])("the Worker of %s is named %s (at most 63 characters, no trailing dash)", (domain, name) => {
    expect(mtaStsWorkerName(domain)).toBe(name);
    expect(name.length).toBeLessThanOrEqual(63);
  });
});
