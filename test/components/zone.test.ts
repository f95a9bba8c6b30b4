import { caaRecords, zoneSettings } from "../../components/zone";
import { parseStackConfig } from "../../components/config";
import { raw, VALID_CORE } from "../support/config";
import { byType, renderIsolated, renderedStack, ZONE_SETTING, DNS_RECORD } from "../support/render";

describe("zoneSettings", () => {
  const tls = parseStackConfig(raw(VALID_CORE)).config.tls;

  it("sends values in the Cloudflare API's own shape", () => {
    const settings = Object.fromEntries(zoneSettings(tls).map((s) => [s.settingId, s.value]));
    expect(settings).toEqual({
      ssl: "strict",
      always_use_https: "on",
      min_tls_version: "1.2",
      tls_1_3: "on",
      automatic_https_rewrites: "on",
      security_header: {
        strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true },
      },
    });
  });

  it("follows the TLS config", () => {
    const custom = parseStackConfig(raw({ ...VALID_CORE, tls: { minVersion: "1.3", tls13: false, hsts: { maxAge: 63072000, preload: true } } })).config.tls;
    const settings = Object.fromEntries(zoneSettings(custom).map((s) => [s.settingId, s.value]));
    expect(settings.min_tls_version).toBe("1.3");
    expect(settings.tls_1_3).toBe("off");
    expect(settings.security_header).toMatchObject({ strict_transport_security: { max_age: 63072000, preload: true } });
  });
});

describe("caaRecords", () => {
  it("issues, wildcard issues and reports, keyed by role and CA", () => {
    const records = caaRecords("example.com", { issuers: ["letsencrypt.org"], wildcardIssuers: ["pki.goog"], iodef: "mailto:sec@example.com" });
    expect(records.map((r) => [r.key, r.data])).toEqual([
      ["caa-issue-letsencrypt.org", { flags: 0, tag: "issue", value: "letsencrypt.org" }],
      ["caa-issuewild-pki.goog", { flags: 0, tag: "issuewild", value: "pki.goog" }],
      ["caa-iodef", { flags: 0, tag: "iodef", value: "mailto:sec@example.com" }],
    ]);
    expect(records.every((r) => r.name === "example.com" && r.type === "CAA" && !r.proxied)).toBe(true);
  });
});

describe("ZoneBaseline in the example stacks", () => {
  it("prod: protected settings on the existing zone, no zone created", async () => {
    const result = await renderedStack("prod");
    const settings = byType(result, ZONE_SETTING);
    expect(settings.map((s) => s.inputs.settingId).sort()).toEqual(
      ["always_use_https", "automatic_https_rewrites", "min_tls_version", "security_header", "ssl", "tls_1_3"],
    );
    expect(settings.every((s) => s.options.protect && s.inputs.zoneId === "3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60")).toBe(true);
    expect(byType(result, "cloudflare:index/zone:Zone")).toHaveLength(0);
    const caa = byType(result, DNS_RECORD).filter((r) => r.inputs.type === "CAA");
    expect(caa.map((r) => (r.inputs.data as { value: string }).value)).toContain("mailto:security@example.com");
  });

  it("creates and always protects the zone when asked to, and turns on DNSSEC", async () => {
    const result = await renderIsolated({
      stack: "staging",
      overrides: {
        "launch-ready:zone": { value: { create: { accountId: "0123456789abcdef0123456789abcdef" } }, secret: false },
        "launch-ready:dnssec": { value: true, secret: false },
      },
    });
    const [zone] = byType(result, "cloudflare:index/zone:Zone");
    expect(zone?.inputs).toMatchObject({ name: "example-staging.com", account: { id: "0123456789abcdef0123456789abcdef" }, type: "full" });
    expect(zone?.options.protect).toBe(true);
    expect(byType(result, "cloudflare:index/zoneDnssec:ZoneDnssec")[0]?.inputs.status).toBe("active");
    // The zone id is unknown before the zone exists: settings must wait for it, not guess it.
    expect(byType(result, ZONE_SETTING).every((s) => s.options.dependencies.includes(zone!.urn))).toBe(true);
  });
});
