/** The handover document: every section for both example stacks, secrets never in it, generated from the plan. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SECRET_SIG, SECRET_SIG_KEY, type Plan } from "../../plan/types";
import { HANDOVER_SECTIONS, renderHandover } from "../../handover";
import { planJson } from "../../plan/pipeline";
import { toPlan } from "../../plan/model/load";
import { renderIsolated } from "../support/render";

const fixture = (stack: string) => JSON.parse(readFileSync(join(__dirname, "../fixtures/diff", `base-${stack}.json`), "utf8")) as Plan;
const planted = () => ["PLANTED", Math.random().toString(36).slice(2, 14), "x9Q"].join("-");
const headings = (md: string) => [...md.matchAll(/^## (.*)$/gm)].map((m) => m[1]);

describe.each(["prod", "staging"])("handover of the %s fixture", (stack) => {
  const doc = renderHandover(fixture(stack));

  test("has every section, in order", () => {
    expect(headings(doc.markdown)).toEqual(HANDOVER_SECTIONS);
  });

  test("lists the declared records, rules, mail records, secrets and checks from the plan", () => {
    const apex = stack === "prod" ? "example.com" : "example-staging.com";
    expect(doc.zoneFileName).toBe(`${apex}.zone`);
    expect(doc.markdown).toContain(`| app.${apex} | CNAME |`);
    expect(doc.markdown).toContain("| `www-to-apex` | www." + apex);
    expect(doc.markdown).toContain("| `login-rate-limit` | `(http.request.uri.path eq \"/login\")` | 5 per 10 s | 10 s | block |");
    expect(doc.markdown).toContain("| `bypass-member-pages` |");
    expect(doc.markdown).toContain("set X-Frame-Options: DENY");
    expect(doc.markdown).toContain(`| DMARC policy | \\_dmarc.${apex} | TXT |`);
    expect(doc.markdown).toContain(`| \`launch-ready/${stack}/session-signing-key\` | known after deploy:`);
    expect(doc.markdown).toContain(`pulumi stack output deployedCommit --stack ${stack}`);
    expect(doc.markdown).toContain(`| \`monitoring-check-login\` | https://${apex}/login |`);
    expect(doc.markdown).toContain("| Zone · DNS · Edit | DnsRecord |");
  });
});

test("a serialized secret planted in a resource input, and plain values under secret names, never appear", () => {
  const plan = fixture("prod");
  const [a, b, c] = [planted(), planted(), planted()];
  plan.resources.find((r) => r.name === "secrets-secret-stripe-webhook-secret-value")!.inputs.secretString = { [SECRET_SIG_KEY]: SECRET_SIG, value: a };
  plan.resources.find((r) => r.name === "monitoring-alerts-chat")!.inputs.endpoint = { [SECRET_SIG_KEY]: SECRET_SIG, value: `https://hooks.example.net/${b}` };
  plan.resources.find((r) => r.name === "secrets-secret-postmark-server-token-value")!.inputs.secretString = c; // an older plan, unmarked
  const doc = renderHandover(plan);
  for (const s of [a, b, c]) {
    expect(doc.markdown).not.toContain(s);
    expect(doc.zone.text).not.toContain(s);
  }
  expect(doc.markdown).toContain("| `monitoring-alerts-chat` | https | https webhook (URL is secret) |");
});

test("a secret planted in the stack config of a real render never reaches the document", async () => {
  const value = planted();
  const result = await renderIsolated({ stack: "prod", overrides: { "launch-ready:someSecretKey": { value, secret: true } } as never });
  expect(result.stackFile.runtimeConfig["launch-ready:someSecretKey"]).toBe(value); // the program was given it...
  const doc = renderHandover(toPlan(planJson(result), "rendered plan"));
  expect(doc.markdown).not.toContain(value); // ...the document does not
  expect(doc.zone.text).not.toContain(value);
  expect(headings(doc.markdown)).toEqual(HANDOVER_SECTIONS);
});

test("a plan with nothing but DNS still gives every section, each saying what is missing", () => {
  const plan = fixture("prod");
  plan.resources = plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && !r.name.startsWith("email-"));
  delete plan.violations;
  delete plan.ruleBudget;
  const doc = renderHandover(plan);
  expect(headings(doc.markdown)).toEqual(HANDOVER_SECTIONS);
  expect(doc.markdown).toContain("_The plan declares no rate limit rule._");
  expect(doc.markdown).toContain("_The plan declares no mail record");
  expect(doc.markdown).toContain("_The plan declares no application secret._");
  expect(doc.markdown).toContain("_The plan declares no queue: webhook handlers do their work inline");
  expect(doc.markdown).toContain("No uptime check is declared");
});
