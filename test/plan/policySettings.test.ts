/**
 * The policy pack's settings derived from a stack file (plan/policySettings.ts): the facts by the
 * settings' names, the hand-written choices merged over them, and the refusal of a committed
 * settings file that no longer matches its stack file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { parseStackConfig, type StackConfig } from "../../components/config";
import { loadStackFile } from "../../plan/stackFile";
import {
  derivePolicySettings,
  formatPolicySettings,
  policySettingsForPlan,
  PolicySettingsError,
  readPolicyChoices,
  settingsDifferences,
  stackFactsOf,
} from "../../plan/policySettings";
import { testStackFile } from "../support/stacks";

const configOf = (file: string): StackConfig => {
  const loaded = loadStackFile({ projectDir: path.join(__dirname, "..", ".."), configFile: file });
  return parseStackConfig(loaded.raw, loaded.file).config;
};

/** A temporary project: Pulumi.yaml, the test prod stack edited by `edit`, and a policies/ folder. */
function tempProject(edit: (doc: ReturnType<typeof parseDocument>) => void = () => {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-settings-"));
  fs.copyFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const doc = parseDocument(fs.readFileSync(testStackFile("prod"), "utf8"));
  edit(doc);
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), doc.toString());
  fs.mkdirSync(path.join(dir, "policies", "config"), { recursive: true });
  return { dir, stackFile: path.join(dir, "Pulumi.prod.yaml"), policyDir: path.join(dir, "policies"), settings: path.join(dir, "policies", "config", "prod.json") };
}

const prod = configOf(testStackFile("prod"));

describe("stackFactsOf", () => {
  it("states the stack's zone, environment, plan, sensitive hosts, routes and cookies by the settings' names", () => {
    expect(stackFactsOf(prod)).toEqual({
      zoneName: "example.com",
      environment: "prod",
      cloudflarePlan: "free",
      sensitiveHosts: ["admin"],
      routes: ["POST /login", "POST /signup", "POST /password/reset", "POST /forgot-password"],
      webhookRoutes: ["POST /api/webhooks/stripe"],
      authRoutes: ["/login", "/signup", "/password/reset", "/forgot-password"],
      sessionCookies: ["session", "__Host-session", "__Secure-next-auth.session-token", "next-auth.session-token"],
      privatePaths: ["/api", "/admin"],
      // i18's facts: verify's login/signup/password-reset routes (the schema's defaults here, no
      // query), the app's own session cookies (none declared), the cache's static-asset definition.
      declaredAuthRoutes: ["/login", "/signup", "/password/reset"],
      appSessionCookies: [],
      staticExtensions: ["js", "mjs", "css", "woff", "woff2", "ttf", "otf", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico"],
      staticPathPrefixes: ["/assets/", "/_next/static/"],
    });
  });

  it("follows the stack's own rate-limited paths and methods", () => {
    const { stackFile } = tempProject((doc) => {
      doc.setIn(["config", "launch-ready:edge", "rateLimits"], doc.createNode({ login: { paths: ["/signin"] }, signup: { paths: ["/join"], methods: ["POST", "PUT"] } }));
      doc.setIn(["config", "launch-ready:cloudflarePlan"], "business");
      // verify's login/signup routes move with the limits: a declared auth route no limit counts is a config error (components/guards.ts).
      doc.setIn(["config", "launch-ready:verify", "routes"], doc.createNode({ login: "/signin", signup: "/join" }));
    });
    const facts = stackFactsOf(configOf(stackFile));
    expect(facts.routes).toEqual(["POST /signin", "POST /join", "PUT /join", "POST /password/reset", "POST /forgot-password"]);
    expect(facts.authRoutes).toEqual(["/signin", "/join", "/password/reset", "/forgot-password"]);
    expect(facts.declaredAuthRoutes).toEqual(["/signin", "/join", "/password/reset"]);
  });
});

describe("derivePolicySettings", () => {
  it("gives every policy that takes a fact that fact, and only settings the policy declares", () => {
    const settings = derivePolicySettings(prod, "prod") as Record<string, Record<string, unknown>>;
    expect(settings["dns-names-in-zone"]).toEqual({ zoneName: "example.com" });
    expect(settings["edge-rule-budget"]).toEqual({ cloudflarePlan: "free", zoneName: "example.com" });
    expect(settings["zone-hsts-enabled"]).toBeUndefined();
  });

  it("merges the choices for every stack, then the stack's own (a level alone becomes enforcementLevel)", () => {
    const settings = derivePolicySettings(prod, "prod", {
      every: { "zone-hsts-enabled": { minMaxAgeSeconds: 100 }, "dns-names-in-zone": "advisory" },
      stacks: { prod: { "zone-hsts-enabled": { minMaxAgeSeconds: 200 } }, staging: { "edge-rule-budget": "disabled" } },
    }) as Record<string, Record<string, unknown>>;
    expect(settings["zone-hsts-enabled"]).toEqual({ minMaxAgeSeconds: 200 });
    expect(settings["dns-names-in-zone"]).toEqual({ enforcementLevel: "advisory", zoneName: "example.com" });
    expect(settings["edge-rule-budget"]).toEqual({ cloudflarePlan: "free", zoneName: "example.com" });
  });

  it("moves every zoneName with the domain", () => {
    const { stackFile } = tempProject((doc) => doc.setIn(["config", "launch-ready:domain"], "acme-club.io"));
    const settings = derivePolicySettings(configOf(stackFile), "prod");
    const zoneNames = Object.values(settings).flatMap((s) => ((s as Record<string, unknown>).zoneName === undefined ? [] : [(s as Record<string, unknown>).zoneName]));
    expect(zoneNames.length).toBeGreaterThan(5);
    expect(new Set(zoneNames)).toEqual(new Set(["acme-club.io"]));
  });
});

describe("readPolicyChoices", () => {
  it("reads nothing from a missing file, and names every problem of a malformed one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-choices-"));
    expect(readPolicyChoices(path.join(dir, "none.json"))).toEqual({});
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ every: [], stacks: { prod: 3 }, extra: 1 }));
    expect(() => readPolicyChoices(bad)).toThrow(PolicySettingsError);
    expect(() => readPolicyChoices(bad)).toThrow(/extra: not a known key[\s\S]*every: an object[\s\S]*stacks: an object/);
    fs.writeFileSync(bad, "{nope");
    expect(() => readPolicyChoices(bad)).toThrow(/is not JSON/);
  });

  it("the repository's choices file is well formed", () => {
    expect(() => readPolicyChoices()).not.toThrow();
  });
});

describe("policySettingsForPlan: the committed settings file of the project's own stack file", () => {
  it("is used when it matches, and refused naming both files, the difference and the command when stale", () => {
    const p = tempProject();
    const where = { projectDir: p.dir, policyDir: p.policyDir };
    const derived = derivePolicySettings(configOf(p.stackFile), "prod");
    fs.writeFileSync(p.settings, formatPolicySettings(derived));
    expect(policySettingsForPlan(configOf(p.stackFile), "prod", p.stackFile, where)).toEqual(derived);

    // The founder changes the domain and forgets to regenerate.
    const doc = parseDocument(fs.readFileSync(p.stackFile, "utf8"));
    doc.setIn(["config", "launch-ready:domain"], "acme-club.io");
    fs.writeFileSync(p.stackFile, doc.toString());
    let error: unknown;
    try {
      policySettingsForPlan(configOf(p.stackFile), "prod", p.stackFile, where);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PolicySettingsError);
    const message = (error as Error).message;
    expect(message).toContain("policies/config/prod.json disagrees with");
    expect(message).toContain("Pulumi.prod.yaml");
    expect(message).toMatch(/dns-names-in-zone\.zoneName: the file has "example\.com", the stack file gives "acme-club\.io"/);
    expect(message).toMatch(/\.\.\. and \d+ more/);
    expect(message).toContain("run `npm run policy-config -- --stack prod`");
  });

  it("does not hold another stack file (a --config-file) to the project's committed settings", () => {
    const p = tempProject();
    fs.writeFileSync(p.settings, JSON.stringify({ "dns-names-in-zone": { zoneName: "stale.example" } }));
    const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-other-")), "Pulumi.prod.yaml");
    fs.copyFileSync(p.stackFile, other);
    const settings = policySettingsForPlan(configOf(other), "prod", other, { projectDir: p.dir, policyDir: p.policyDir });
    expect((settings["dns-names-in-zone"] as Record<string, unknown>).zoneName).toBe("example.com");
  });

  it("settingsDifferences lists nothing for equal settings, a level given as a string equal to its object form", () => {
    expect(settingsDifferences({ a: "mandatory", b: { x: [1] } }, { a: { enforcementLevel: "mandatory" }, b: { x: [1] } })).toEqual([]);
    expect(settingsDifferences({ b: { x: [1] } }, { b: { x: [2] }, c: { y: 1 } })).toEqual(["b.x: the file has [1], the stack file gives [2]", "c.y: the file has nothing, the stack file gives 1"]);
  });
});
