/**
 * The handover's rate-limit section on both example stacks: on Free the one rule is the auth
 * routes', so the document must tell whoever runs the app that the webhook route is not rate
 * limited at the edge and signatures must be checked; on Pro (a rule for webhooks) it must not.
 */
import { renderHandover } from "../../handover";
import { planJson } from "../../plan/pipeline";
import { toPlan } from "../../plan/model/load";
import { renderedStack } from "../support/render";

const docs: Record<string, string> = {};
beforeAll(async () => {
  for (const stack of ["prod", "staging"]) {
    const result = await renderedStack(stack as "prod" | "staging");
    docs[stack] = renderHandover(toPlan(planJson(result), "rendered plan")).markdown;
  }
});

function rateLimitSection(stack: string): string {
  const markdown = docs[stack]!;
  const start = markdown.indexOf("\n## Rate limits\n");
  expect(start).toBeGreaterThan(-1);
  return markdown.slice(start, markdown.indexOf("\n## ", start + 1));
}

test("prod (Free): the auth rule at 5 per 10 s, and a note that the webhook route is left to signature checks", () => {
  const section = rateLimitSection("prod");
  expect(section).toContain("| `ratelimit-login-signup-password-reset` |");
  expect(section).toContain("| 5 per 10 s |");
  expect(section).toContain("Note: launch-ready:edge.rateLimits.webhooks: /api/webhooks/stripe is not rate limited at the edge");
  expect(section).toContain("verify every webhook's signature");
  // Said once: not again among the limitations.
  expect(docs.prod!.split("/api/webhooks/stripe is not rate limited at the edge").length - 1).toBe(1);
});

test("staging (Pro): webhooks have their own rule, so no such note", () => {
  const section = rateLimitSection("staging");
  expect(section).toContain("| `ratelimit-webhooks` |");
  expect(section).not.toContain("not rate limited at the edge");
});
