/** The comparison of two policy settings objects: which changes weaken protection (plan/policySettingsStrength.ts). */
import { compareSettings, packDefaults, SETTING_STRENGTHS, type PolicyDefaults } from "../../plan/policySettingsStrength";
import { allPolicies } from "../../policies/definitions";

const none: PolicyDefaults = { levels: {}, settings: {} };
const base = {
  "edge-cache-never-private": { privatePaths: ["/api", "/admin"], sessionCookies: ["session"], staticExtensions: ["js", "css"], zoneName: "example.com" },
  "dns-sensitive-hosts-proxied": { sensitiveHosts: ["admin", "billing"] },
  "zone-hsts-enabled": { minMaxAgeSeconds: 15552000 },
};
const edit = (f: (s: any) => void) => {
  const s = structuredClone(base) as any;
  f(s);
  return s;
};

test("identical settings: no weakening, nothing unjudged", () => {
  expect(compareSettings(base, structuredClone(base), none)).toEqual({ weakenings: [], unjudged: [] });
});

test.each<[string, (s: any) => void, { policy: string; setting: string; members?: unknown[] }]>([
  ["a private path dropped", (s) => (s["edge-cache-never-private"].privatePaths = ["/api"]), { policy: "edge-cache-never-private", setting: "privatePaths", members: ["/admin"] }],
  ["a session cookie dropped", (s) => (s["edge-cache-never-private"].sessionCookies = []), { policy: "edge-cache-never-private", setting: "sessionCookies", members: ["session"] }],
  ["a sensitive host dropped", (s) => (s["dns-sensitive-hosts-proxied"].sensitiveHosts = ["billing"]), { policy: "dns-sensitive-hosts-proxied", setting: "sensitiveHosts", members: ["admin"] }],
  ["a static extension added (caches more)", (s) => s["edge-cache-never-private"].staticExtensions.push("json"), { policy: "edge-cache-never-private", setting: "staticExtensions", members: ["json"] }],
  ["the HSTS floor lowered", (s) => (s["zone-hsts-enabled"].minMaxAgeSeconds = 86400), { policy: "zone-hsts-enabled", setting: "minMaxAgeSeconds" }],
  ["a policy's entry removed", (s) => delete s["dns-sensitive-hosts-proxied"], { policy: "dns-sensitive-hosts-proxied", setting: "sensitiveHosts", members: ["admin", "billing"] }],
  ["a policy disabled", (s) => (s["zone-hsts-enabled"].enforcementLevel = "disabled"), { policy: "zone-hsts-enabled", setting: "enforcementLevel" }],
  ["every policy advisory", (s) => (s.all = "advisory"), { policy: "all", setting: "enforcementLevel" }],
])("%s is a weakening", (_what, change, expected) => {
  const { weakenings } = compareSettings(base, edit(change), none);
  expect(weakenings).toHaveLength(1);
  expect(weakenings[0]).toMatchObject(expected);
});

test.each<[string, (s: any) => void]>([
  ["a private path added", (s) => s["edge-cache-never-private"].privatePaths.push("/billing")],
  ["the HSTS floor raised", (s) => (s["zone-hsts-enabled"].minMaxAgeSeconds = 31536000)],
  ["a static extension removed", (s) => (s["edge-cache-never-private"].staticExtensions = ["js"])],
  ["a list reordered", (s) => s["dns-sensitive-hosts-proxied"].sensitiveHosts.reverse()],
  ["a policy made mandatory", (s) => (s["zone-hsts-enabled"].enforcementLevel = "mandatory")],
  ["the zone renamed (a stack fact, judged by other risks)", (s) => (s["edge-cache-never-private"].zoneName = "example.org")],
])("%s is not a weakening", (_what, change) => {
  expect(compareSettings(base, edit(change), none)).toEqual({ weakenings: [], unjudged: [] });
});

test("a ceiling raised is weaker, lowered is not (a table other than the pack's)", () => {
  const strengths = { maxRequests: { direction: "ceiling" as const, mandatory: true } };
  expect(compareSettings({ p: { maxRequests: 10 } }, { p: { maxRequests: 50 } }, none, strengths).weakenings).toEqual([{ policy: "p", setting: "maxRequests", before: 10, after: 50, mandatory: true }]);
  expect(compareSettings({ p: { maxRequests: 10 } }, { p: { maxRequests: 5 } }, none, strengths).weakenings).toEqual([]);
});

test("a removed setting falls back to the pack's default: dropping staging's lower HSTS floor strengthens it", () => {
  const defaults = packDefaults();
  const staging = { "zone-hsts-enabled": { minMaxAgeSeconds: 86400 } };
  expect(compareSettings(staging, {}, defaults).weakenings).toEqual([]);
  expect(compareSettings({}, staging, defaults).weakenings).toMatchObject([{ policy: "zone-hsts-enabled", setting: "minMaxAgeSeconds", after: 86400 }]);
});

test("a policy's own level removed falls back to its default level", () => {
  const advisory = allPolicies.find((p) => p.enforcementLevel === "advisory");
  const defaults: PolicyDefaults = { levels: { p: "advisory" }, settings: {} };
  expect(compareSettings({ p: { enforcementLevel: "mandatory" } }, { p: {} }, defaults).weakenings).toMatchObject([{ policy: "p", before: "mandatory", after: "advisory" }]);
  if (advisory) expect(packDefaults().levels[advisory.name]).toBe("advisory");
});

test("unclassified settings and values of an unexpected type are unjudged, never silently passed", () => {
  expect(compareSettings({ p: { brandNew: 1 } }, { p: { brandNew: 2 } }, none).unjudged).toEqual(["p.brandNew"]);
  expect(compareSettings({ p: { sensitiveHosts: ["admin"] } }, { p: { sensitiveHosts: "admin" } }, none).unjudged).toEqual(["p.sensitiveHosts"]);
  expect(compareSettings({ p: { enforcementLevel: "mandatory" } }, { p: { enforcementLevel: "lenient" } }, none).unjudged).toEqual(["p.enforcementLevel"]);
});

test("every setting a policy of the pack takes is classified", () => {
  const taken = new Set(allPolicies.flatMap((p) => Object.keys(p.configSchema?.properties ?? {})));
  expect([...taken].filter((k) => !(k in SETTING_STRENGTHS))).toEqual([]);
});
