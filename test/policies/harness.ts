/**
 * Test harness for the policy pack: a happy-path prod plan built by hand (resources exactly as the
 * engine would send them), helpers to break one field, and one real pack process per test file.
 */
import { RunningPolicyPack, startPolicyPack } from "../../plan/analyze";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE, type Plan, type PlannedResource, type PolicyViolation } from "../../plan/types";
import prodConfig from "../../policies/config/prod.json";

export const PROD_POLICY_CONFIG: Record<string, unknown> = prodConfig;
export const ZONE_ID = "3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60";
const PROJECT = "launch-ready";

export const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
export { UNKNOWN_VALUE };

export const urnOf = (type: string, name: string, stack = "prod") => `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;

export function planned(type: string, name: string, inputs: Record<string, unknown>, protect = true): PlannedResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    inputs,
    options: { protect, deleteBeforeReplace: false, retainOnDelete: false, ignoreChanges: [], dependencies: [], aliases: [], additionalSecretOutputs: [] },
  };
}

const ZS = "cloudflare:index/zoneSetting:ZoneSetting";
const DNS = "cloudflare:index/dnsRecord:DnsRecord";

export const zoneSetting = (settingId: string, value: unknown) => planned(ZS, `setting-${settingId}`, { zoneId: ZONE_ID, settingId, value });
export const dnsRecord = (name: string, inputs: Record<string, unknown>) =>
  planned(DNS, name, { zoneId: ZONE_ID, ttl: 1, proxied: true, comment: "managed by launch-ready", ...inputs });

/** A prod plan that every policy accepts (zero violations at any level with config/prod.json). */
export function happyPlan(): Plan {
  return {
    project: PROJECT,
    stack: "prod",
    config: { environment: "prod", domain: "example.com" },
    outputs: {},
    resources: [
      zoneSetting("ssl", "strict"),
      zoneSetting("always_use_https", "on"),
      zoneSetting("min_tls_version", "1.2"),
      zoneSetting("security_header", {
        strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true },
      }),
      dnsRecord("apex-a", { name: "example.com", type: "A", content: "93.184.216.34" }),
      dnsRecord("app-cname", { name: "app.example.com", type: "CNAME", content: "example-web.vercel.app" }),
      dnsRecord("admin-cname", { name: "admin.example.com", type: "CNAME", content: "example-web.vercel.app" }),
      dnsRecord("help-cname", { name: "help.example.com", type: "CNAME", content: "custom.intercom.help", proxied: false, ttl: 3600 }),
      dnsRecord("apex-mx", { name: "example.com", type: "MX", content: "mx.example.net", priority: 10, proxied: false, ttl: 3600 }),
      planned("aws:kms/key:Key", "secrets-key", { enableKeyRotation: true, description: "prod secrets" }),
      planned("aws:secretsmanager/secret:Secret", "stripe-key", { name: "launch-ready/prod/stripe", kmsKeyId: UNKNOWN_VALUE, recoveryWindowInDays: 7 }),
      planned("aws:secretsmanager/secretVersion:SecretVersion", "stripe-key-version", { secretId: UNKNOWN_VALUE, secretString: secret("sk_" + "live_" + "x".repeat(24)) }, false),
    ],
  };
}

/** The happy plan with one change applied to a deep copy. */
export function breakPlan(change: (plan: Plan) => void): Plan {
  const plan = structuredClone(happyPlan());
  change(plan);
  return plan;
}

export function resourceNamed(plan: Plan, name: string): PlannedResource {
  const r = plan.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name} in the test plan`);
  return r;
}

export const byPolicy = (violations: PolicyViolation[], policyName: string) => violations.filter((v) => v.policyName === policyName);

/** Starts the real pack before the file's tests and stops it after them. */
export function usePolicyPack(): { analyze(plan: Plan, config?: Record<string, unknown>): Promise<PolicyViolation[]> } {
  let pack: RunningPolicyPack | undefined;
  beforeAll(async () => {
    pack = await startPolicyPack({ policyConfig: PROD_POLICY_CONFIG });
  }, 120_000);
  afterAll(async () => {
    await pack?.close();
  });
  return {
    analyze: (plan, config) => {
      if (!pack) throw new Error("the policy pack did not start");
      return pack.analyze(plan, config);
    },
  };
}
