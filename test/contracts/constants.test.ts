/**
 * Plan limits and API value limits live in components/constants (one source, with sources named):
 * the contract checks and the config schema read them from there and declare none of their own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ACTIONS_BY_PHASE, DNS_TTL_DEFAULT_UNPROXIED, DNS_TTL_MAX, DNS_TTL_MIN, EDGE_PHASES, RATE_LIMIT_NO_TIMEOUT } from "../../components/constants/cloudflare";
import * as AWS from "../../components/constants/aws";
import { CLOUDFLARE_TTL_MAX, CLOUDFLARE_TTL_MIN } from "../../components/constants/email";
import { DEFAULT_UNPROXIED_TTL, MAX_TTL, MIN_TTL } from "../../components/schema/core";

const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

/** `export const NAME = <number | array | object | regex>` : a limit declared in place. */
const LIMIT_DECLARATION = /^export const ([A-Z][A-Z0-9_]*)(?::[^=]+)? = (?:-?\d|\[|\{|\/)/gm;

describe("one constants module", () => {
  test("the contract checks and the core config schema declare no limit of their own", () => {
    const files = [...sources("contracts"), "components/schema/core.ts"];
    const declared = files.flatMap((file) => [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(LIMIT_DECLARATION)].map((m) => `${file}: ${m[1]}`));
    // Not limits: the tables of checks, lists read from the SDK's schema, the record-shape facts the
    // DNS and health-check contracts state beside their checks, and the CAA issuer default.
    const allowed = [
      /contracts\/index\.ts: CONTRACT_CHECKS$/,
      /contracts\/aws\/table\.ts: AWS_CONTRACTS?(_TYPES)?$/,
      /contracts\/cloudflare\/\w+\.ts: (DNS_RECORD_TYPES|RULE_ACTIONS|ZONE_SETTING_IDS|HEALTHCHECK_TYPES)$/,
      /contracts\/cloudflare\/dnsRecord\.ts: (PROXIABLE_TYPES|PRIORITY_MAX|CAA_FLAGS_MAX|CAA_TAGS)$/,
    ];
    expect(declared.filter((d) => !allowed.some((a) => a.test(d)))).toEqual([]);
  });

  test("the contract modules that held constants are gone", () => {
    expect(fs.existsSync(path.join(ROOT, "contracts/cloudflare/constants.ts"))).toBe(false);
    expect(fs.existsSync(path.join(ROOT, "contracts/aws/constants.ts"))).toBe(false);
  });

  test("the config schema's TTL bounds (core and email) are the DNS record contract's, declared once", () => {
    expect([MIN_TTL, MAX_TTL, DEFAULT_UNPROXIED_TTL]).toEqual([DNS_TTL_MIN, DNS_TTL_MAX, DNS_TTL_DEFAULT_UNPROXIED]);
    expect([CLOUDFLARE_TTL_MIN, CLOUDFLARE_TTL_MAX]).toEqual([DNS_TTL_MIN, DNS_TTL_MAX]);
    const declaredTtl = /^export const \w*TTL_(MIN|MAX)\w* = \d/m;
    for (const file of ["components/constants/email.ts", "components/schema/core.ts", "contracts/cloudflare/dnsRecord.ts"]) {
      expect([file, declaredTtl.test(fs.readFileSync(path.join(ROOT, file), "utf8"))]).toEqual([file, false]);
    }
  });

  test("every edge phase names its actions; challenge rules may have no timeout", () => {
    expect(Object.keys(ACTIONS_BY_PHASE).sort()).toEqual([...EDGE_PHASES].sort());
    expect(RATE_LIMIT_NO_TIMEOUT).toBe(0);
  });

  test("the AWS contract limits are exported from components/constants/aws.ts", () => {
    expect(AWS.KMS_ROTATION_PERIOD_MIN_DAYS).toBe(90);
    expect(AWS.IAM_POLICY_MAX_CHARS).toBe(6144);
    expect(AWS.KMS_ALIAS_RESERVED_PREFIX).toBe("alias/aws/");
    expect(AWS.SQS_REDRIVE_SOURCE_QUEUES_MAX).toBe(10);
  });
});
