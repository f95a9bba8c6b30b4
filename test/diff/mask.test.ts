/**
 * Masking judges property names with the project's one judgement of secret-looking keys
 * (components/secretKeyNames.ts): a route named after the password-reset flow is a route, not a
 * secret, so the diff and handover print it; a key that holds a reset token stays masked.
 */
import { basePlan, expectNoLeak, headFrom, plantSecrets, rule, rules, risksOf, run } from "./helpers";
import { displayValue, isSecretName, scrubber, secretValues } from "../../plan/read/mask";
import { isSecretLookingKey } from "../../components/secretKeyNames";
import { SECRET_PLACEHOLDER, type Plan } from "../../plan/types";

/** The prod fixture with the stack's password-reset route in its config and its rate limit rule. */
function withResetRoute(): Plan {
  return headFrom(basePlan(), (p) => {
    const config = p.config as Record<string, any>;
    config.verify = { routes: { passwordReset: "/password/reset" } };
    config.edge = { rateLimits: { passwordReset: { paths: ["/password/reset", "/forgot-password"], requestsPerPeriod: 5, period: 10 } } };
    rules(p, "edge-rate-limits").push({
      ref: "password-reset-rate-limit",
      expression: '(http.request.uri.path in {"/password/reset" "/forgot-password"})',
      action: "block",
      ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 10, requestsPerPeriod: 5, mitigationTimeout: 10 },
    });
  });
}

describe("secret-looking property names", () => {
  test.each(["passwordReset", "passwordResetRoute", "secretArn", "tokenTtl"])("%s is not secret, for the mask as for the config loader", (name) => {
    expect(isSecretName(name)).toBe(false);
    expect(isSecretName(name)).toBe(isSecretLookingKey(name));
  });

  test.each(["passwordResetToken", "secretString", "apiToken", "webhookSecret", "alertsChatWebhookUrl"])("%s is secret", (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  test("the keys of a map that describes secrets are the secrets' names, and their values print", () => {
    const plan = basePlan();
    plan.outputs = {
      ...plan.outputs,
      secretNames: { "stripe-webhook-secret": "launch-ready/prod/stripe-webhook-secret" },
      secretsKeyAlias: "alias/launch-ready-prod",
      vendor: { "stripe-webhook-secret": "whsec-held-value-0123" },
    };
    const values = secretValues(plan);
    expect(values.has("launch-ready/prod/stripe-webhook-secret")).toBe(false);
    expect(values.has("alias/launch-ready-prod")).toBe(false);
    // Under a name that does not describe secrets, the same key still holds one.
    expect(values.has("whsec-held-value-0123")).toBe(true);
    expect(displayValue("launch-ready/prod/x", ["outputs", "secretNames", "stripe-webhook-secret"])).toBe("launch-ready/prod/x");
    expect(displayValue("whsec-held-value-0123", ["outputs", "vendor", "stripe-webhook-secret"])).toBe(SECRET_PLACEHOLDER);
    // A section named for secrets is not a map of their names: a credential under it stays masked.
    expect(displayValue("held-value-0123", ["inputs", "secrets", "apiToken"])).toBe(SECRET_PLACEHOLDER);
    plan.outputs = { ...plan.outputs, secrets: { apiToken: "held-under-section-0123" } };
    expect(secretValues(plan).has("held-under-section-0123")).toBe(true);
  });

  test("a route under a passwordReset key prints; a value under passwordResetToken does not", () => {
    expect(displayValue("/password/reset", ["verify", "routes", "passwordReset"])).toBe("/password/reset");
    expect(displayValue("reset-0123456789", ["passwordResetToken"])).toBe(SECRET_PLACEHOLDER);
  });

  test("the scrubber keeps the route and the names of secure keys, and still removes secret values", () => {
    const plan = withResetRoute();
    const config = plan.config as Record<string, any>;
    config.app = { passwordResetToken: "reset-token-value-0123" };
    config.secretKeys = ["launch-ready:stripeWebhookSecret"];
    const values = secretValues(plan);
    expect(values.has("/password/reset")).toBe(false);
    expect(values.has("reset-token-value-0123")).toBe(true);
    const scrub = scrubber(plan);
    expect(scrub('path in {"/password/reset"}')).toBe('path in {"/password/reset"}');
    expect(scrub("launch-ready:stripeWebhookSecret")).toBe("launch-ready:stripeWebhookSecret");
    expect(scrub("token reset-token-value-0123 here")).toBe(`token ${SECRET_PLACEHOLDER} here`);
  });
});

describe("diff of a password-reset rate limit", () => {
  test("the risk names the /password/reset route instead of [secret], and secrets stay masked", () => {
    const base = withResetRoute();
    const head = headFrom(base, (h) => {
      const list = rules(h, "edge-rate-limits");
      list.splice(list.indexOf(rule(h, "edge-rate-limits", "password-reset-rate-limit")), 1);
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    const [risk] = risksOf(r, "rate-limit-removed");
    expect(risk?.message).toContain("admin.example.com/password/reset");
    expect(r.markdown).not.toContain(`admin.example.com${SECRET_PLACEHOLDER}`);
    expect(r.json).not.toContain(`admin.example.com${SECRET_PLACEHOLDER}`);
    expectNoLeak(r, secrets);
  });
});

describe("credentials judged by their looks (kernel/credentials.ts), under names that do not look secret", () => {
  const stripe = ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");

  test("displayValue masks the credential and keeps the rest of the text", () => {
    expect(displayValue(`key ${stripe} here`, ["description"])).toBe(`key ${SECRET_PLACEHOLDER} here`);
    expect(displayValue("plain description", ["description"])).toBe("plain description");
  });

  test("a crafted plan's credential under any name is scrubbed from the final text", () => {
    const plan = headFrom(basePlan(), (p) => {
      (p.config as Record<string, unknown>).stripe = { key: stripe };
    });
    expect(secretValues(plan)).toContain(stripe);
    expect(scrubber(plan)(`printed: ${stripe}.`)).toBe(`printed: ${SECRET_PLACEHOLDER}.`);
  });
});
