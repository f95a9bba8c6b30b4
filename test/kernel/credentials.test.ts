/**
 * The one judge of "this value is a credential" (kernel/credentials.ts): every shape it knows is
 * recognised inside longer text, look-alikes that are public or placeholders are not, and the
 * config walk names key paths.
 */
import { CREDENTIAL_SHAPES, credentialLeaves, credentialShapeOf, findCredentials, OWN_SCAN_RULE_ID } from "../../kernel/credentials";
import { credentialSamples } from "../secretsScan/fakeCredentials";

const samples = credentialSamples();

test("there is a sample for every shape (a new shape must be tested by the judge, the config, the pack and the scan)", () => {
  expect(Object.keys(samples).sort()).toEqual(CREDENTIAL_SHAPES.map((s) => s.id).sort());
});

test.each(Object.entries(samples))("%s is recognised alone and inside other text, at its position", (id, value) => {
  expect(credentialShapeOf(value)?.id).toBe(id);
  const text = `before ${value} after`;
  const found = findCredentials(text);
  expect(found.map((f) => f.shape.id)).toEqual([id]);
  expect(found[0]!.index).toBe(7);
  expect(text.slice(found[0]!.index, found[0]!.index + found[0]!.text.length)).toBe(found[0]!.text);
});

test.each([
  ["a Stripe publishable key (public by design)", ["pk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_")],
  ["a Stripe test key", ["sk", "test", "4eC39HqLyjWDarjtT1zdp7dc"].join("_")],
  ["a too-short live prefix", ["sk", "live", "abc"].join("_")],
  ["a placeholder password in a URL", "https://deploy:password@members.example.com/"],
  ["a templated password in a URL", "https://deploy:${DEPLOY_PASSWORD}@members.example.com/"],
  ["a URL without a password", "https://members.example.com/login?next=/a:b@c"],
  ["an MD5 hash", "d41d8cd98f00b204e9800998ecf8427e"],
])("%s is not a credential", (_what, value) => {
  expect(findCredentials(value)).toEqual([]);
});

test("Stripe's shapes are reported by our own secretlint rule; the preset's shapes by the preset rule", () => {
  const own = CREDENTIAL_SHAPES.filter((s) => s.scanRule === OWN_SCAN_RULE_ID).map((s) => s.id);
  expect(own).toEqual(expect.arrayContaining(["stripe-secret-key", "stripe-webhook-secret"]));
  expect(CREDENTIAL_SHAPES.filter((s) => s.scanRule !== OWN_SCAN_RULE_ID).every((s) => s.scanRule.startsWith("@secretlint/secretlint-rule-"))).toBe(true);
});

test("credentialLeaves walks maps and lists, names the key path, skips encrypted leaves and finds a credential used as a key", () => {
  const encrypted = { secure: "v1:AAAA" };
  const value = {
    key: samples["stripe-secret-key"],
    items: [{ description: `signing secret ${samples["stripe-webhook-secret"]}` }, encrypted],
    redirects: [{ to: samples["url-basic-auth"] }],
    headers: { [samples["github-token"]!]: "x" },
    plain: "nothing here",
  };
  const leaves = credentialLeaves(value, "launch-ready:stripe", (v) => v === encrypted);
  expect(leaves.map((l) => `${l.path} ${l.shape.id}`)).toEqual([
    "launch-ready:stripe.key stripe-secret-key",
    "launch-ready:stripe.items[0].description stripe-webhook-secret",
    "launch-ready:stripe.redirects[0].to url-basic-auth",
    "launch-ready:stripe.headers github-token",
  ]);
});
