/** Contract rows of the Workers resources that serve the MTA-STS policy: the happy pair, then one field broken at a time. */
import { checkContracts } from "../../contracts";
import { WORKERS_CUSTOM_DOMAIN, WORKERS_SCRIPT } from "../../contracts/cloudflare/workers";
import { UNKNOWN_VALUE } from "../../plan/types";
import { planOf, resource, withChange } from "./support";

const ACCOUNT = "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b";
const script = resource(WORKERS_SCRIPT, "email-mta-sts-worker", {
  accountId: ACCOUNT,
  scriptName: "mta-sts-example-com",
  content: "export default { fetch() { return new Response('x'); } };",
  mainModule: "mta-sts.js",
  compatibilityDate: "2025-01-01",
});
const domain = resource(WORKERS_CUSTOM_DOMAIN, "email-mta-sts-domain", { accountId: ACCOUNT, zoneId: "3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60", hostname: "mta-sts.example.com", service: "mta-sts-example-com" });

const failures = (resources = [script, domain]) => checkContracts(planOf(resources)).checked.flatMap((c) => c.failures.map((f) => `${c.name} ${f.field}: ${f.message}`));

test("the Worker and its custom domain as the email component declares them pass, and both are checked", () => {
  const report = checkContracts(planOf([script, domain]));
  expect(report.checked.map((c) => [c.type, c.status])).toEqual([
    [WORKERS_SCRIPT, "passed"],
    [WORKERS_CUSTOM_DOMAIN, "passed"],
  ]);
});

test.each([
  ["a script name with capitals", () => [withChange(script, (s) => (s.inputs.scriptName = "MTA-STS")), withChange(domain, (d) => (d.inputs.service = "MTA-STS"))], "email-mta-sts-worker script_name: must be 1 to 63 lower-case"],
  ["no code", () => [withChange(script, (s) => delete s.inputs.content), domain], "email-mta-sts-worker content: is required (or content_file)"],
  ["content and content_file", () => [withChange(script, (s) => Object.assign(s.inputs, { contentFile: "w.js", contentSha256: "ab" })), domain], "email-mta-sts-worker content: conflicts with content_file"],
  ["module and service-worker syntax at once", () => [withChange(script, (s) => (s.inputs.bodyPart = "w.js")), domain], "email-mta-sts-worker main_module: conflicts with body_part"],
  ["an impossible compatibility date", () => [withChange(script, (s) => (s.inputs.compatibilityDate = "2025-13-01")), domain], 'email-mta-sts-worker compatibility_date: must be a date like "2025-01-01"'],
  ["an account id that is not one", () => [withChange(script, (s) => (s.inputs.accountId = "acct")), domain], "email-mta-sts-worker account_id: must be a 32-character hex identifier"],
  ["a host outside the zone", () => [script, withChange(domain, (d) => (d.inputs.hostname = "mta-sts.example.net"))], "email-mta-sts-domain hostname: must be the zone apex or a subdomain of example.com"],
  ["a service that names no Worker of the plan", () => [script, withChange(domain, (d) => (d.inputs.service = "other"))], 'email-mta-sts-domain service: names no Worker of this plan ("mta-sts-example-com")'],
  ["no zone", () => [script, withChange(domain, (d) => delete d.inputs.zoneId)], "email-mta-sts-domain zone_id: is required (or zone_name)"],
])("%s fails", (_what, resources, expected) => {
  expect(failures(resources())).toEqual([expect.stringContaining(expected)]);
});

test("values known only after deploy are skipped, not guessed", () => {
  expect(failures([script, withChange(domain, (d) => Object.assign(d.inputs, { zoneId: UNKNOWN_VALUE, service: UNKNOWN_VALUE }))])).toEqual([]);
});
