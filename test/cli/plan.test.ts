import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runMain, STACK_TRACE } from "../support/cli";
import { writeCoreStackFile } from "../support/config";
import { renderedStack, renderIsolated } from "../support/render";
import { testStackFile } from "../support/stacks";
import { formatPlan } from "../../plan/format";
import { planJson } from "../../plan/pipeline";

/**
 * For errors the render raises: without it `plan` starts the policy pack's process first and waits
 * for it to start (seconds of CPU) before stopping it. What the pack does when the render fails is
 * test/cli/planChecks.test.ts's; the message and exit status do not depend on it.
 */
const NO_PACK = ["--no-policies"];

describe("launch-ready plan", () => {
  it("renders the staging stack, grouped by component, with a summary", async () => {
    const { plan } = await renderedStack("staging");
    const table = formatPlan(plan, { width: 120 });
    expect(table).toContain("Plan for stack staging");
    expect(table).toContain("ZoneBaseline(zone)");
    expect(table).toContain("ssl = strict");
    expect(table).toMatch(/\d+ resources: \d+ cloudflare:DnsRecord, .*6 cloudflare:ZoneSetting/);
  });

  it("prints the prod plan as JSON with URNs, types, parents and inputs", async () => {
    const plan = JSON.parse(JSON.stringify(planJson(await renderedStack("prod"))));
    expect(plan).toMatchObject({ stack: "prod", project: "launch-ready" });
    const apex = plan.resources.find((r: { name: string }) => r.name === "apex-origin");
    expect(apex).toMatchObject({
      type: "cloudflare:index/dnsRecord:DnsRecord",
      urn: expect.stringContaining("::apex-origin"),
      parent: expect.stringContaining("launch-ready:dns:Dns"),
      inputs: { name: "example.com", type: "CNAME", proxied: true, ttl: 1 },
    });
  });

  it("renders any stack file given with --config-file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-"));
    const file = path.join(dir, "Pulumi.demo.yaml");
    fs.writeFileSync(file, [
      "config:",
      "  launch-ready:environment: demo",
      "  launch-ready:domain: demo-community.org",
      "  launch-ready:zone: {id: \"00000000000000000000000000000001\"}",
      "  launch-ready:canonicalHost: www",
      "  launch-ready:hosts:",
      "    - {name: www, origin: {cname: demo.netlify.app}}",
      "",
    ].join("\n"));
    const { plan } = await renderIsolated({ configFile: file });
    expect(plan.stack).toBe("demo");
    const names = plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => (r.inputs as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(["www.demo-community.org", "demo-community.org"]));
  });

  it("fails cleanly on a bad config: every problem with its key path, exit 2, no stack trace", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-"));
    const file = path.join(dir, "Pulumi.bad.yaml");
    fs.writeFileSync(file, [
      "config:",
      "  launch-ready:environment: prod",
      "  launch-ready:domain: example.com",
      "  launch-ready:zone: {id: \"00000000000000000000000000000001\"}",
      "  launch-ready:tls: {sslMode: flexible}",
      "  launch-ready:hosts:",
      "    - {name: '@', origin: {cname: web.vercel.app}}",
      "    - {name: api, origin: {addresses: [10.0.0.4]}}",
      "",
    ].join("\n"));
    const { status, stdout, stderr } = await runMain(["plan", "--config-file", file, ...NO_PACK]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("launch-ready:tls.sslMode");
    expect(stderr).toContain('launch-ready:hosts[1].origin.addresses[0]: "10.0.0.4" is a private address; a public origin is expected');
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it.each([
    ["a missing stack file", ["plan", "--stack", "nope", ...NO_PACK], "Pulumi.nope.yaml: no such file"],
    ["an unknown flag", ["plan", "--frobnicate"], "unknown option"],
  ])("exits 2 on %s", async (_label, args, message) => {
    const { status, stderr } = await runMain(args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it("names the line of a stack file that is not YAML", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-"));
    const file = path.join(dir, "Pulumi.broken.yaml");
    fs.writeFileSync(file, "config:\n  launch-ready:domain: [unclosed\n");
    const { status, stderr } = await runMain(["plan", "--config-file", file, ...NO_PACK]);
    expect(status).toBe(2);
    expect(stderr).toContain("is not valid YAML");
    expect(stderr).toMatch(/line \d+/);
  });
});

describe("launch-ready plan: a program that fails", () => {
  const stagingWithoutRegion = () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-")), "Pulumi.noregion.yaml");
    fs.writeFileSync(file, fs.readFileSync(testStackFile("staging"), "utf8").replace(/^ {2}aws:region: .+\n/m, ""));
    return file;
  };

  it("reports a check the program makes (no aws:region for the webhook queue) with exit 2 and no stack trace", async () => {
    const region = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
    process.env.AWS_REGION = process.env.AWS_DEFAULT_REGION = "";
    const { status, stdout, stderr } = await runMain(["plan", "--config-file", stagingWithoutRegion(), ...NO_PACK]).finally(() => Object.assign(process.env, region));
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("the Pulumi program of stack noregion failed: aws:region: not set;");
    expect(stderr).not.toMatch(STACK_TRACE);
  });

  it("reports a program that fails after it has loaded (inside an apply) instead of crashing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-plan-"));
    const program = path.join(dir, "program.ts");
    fs.writeFileSync(
      program,
      [
        // The project's SDK by path: the program sits outside the project.
        `import * as pulumi from ${JSON.stringify(require.resolve("@pulumi/pulumi"))};`,
        'export const later = pulumi.output("x").apply(() => { throw new Error("failed inside an apply"); });',
        "",
      ].join("\n"),
    );
    await expect(renderIsolated({ stack: "staging", program })).rejects.toMatchObject({
      name: "ProgramError",
      message: "the Pulumi program of stack staging failed: failed inside an apply",
    });
  });
});

describe("launch-ready plan: a stack with only the core sections", () => {
  it("exports null for the AWS outputs it has no section for, without a warning per output", async () => {
    const result = await renderIsolated({ configFile: writeCoreStackFile("core") });
    const plan = JSON.parse(JSON.stringify(planJson(result)));
    expect(plan.outputs).toMatchObject({ alertTopicArn: null, dashboardName: null, webhookQueueUrl: null, webhookDeadLetterQueueUrl: null, secretsReadPolicyArn: null, secretsKeyAlias: null, secretArns: {}, secretNames: {}, healthCheckIds: {} });
    expect(plan.diagnostics.map((d: { message: string }) => d.message)).not.toContainEqual(expect.stringContaining("will not show as a stack output"));
  });
});
