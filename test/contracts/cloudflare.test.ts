import { checkContracts } from "../../contracts";
import { usesRegexByText } from "../../contracts/cloudflare/planRules";
import { SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE, type PlannedResource } from "../../plan/types";
import { planOf, resource, withChange } from "./support";

const ZONE_ID = "3f1c6a2e9b7d4c5a8e0f1b2c3d4e5f60";
const RULESET = "cloudflare:index/ruleset:Ruleset";
const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

const setting = (settingId: string, value: unknown) => resource("cloudflare:index/zoneSetting:ZoneSetting", `setting-${settingId}`, { zoneId: ZONE_ID, settingId, value });

const redirects = resource(RULESET, "redirects", {
  zoneId: ZONE_ID,
  kind: "zone",
  phase: "http_request_dynamic_redirect",
  name: "redirects",
  rules: [
    {
      ref: "canonical-host",
      description: "www to apex",
      expression: 'http.host eq "www.example.com"',
      action: "redirect",
      actionParameters: { fromValue: { statusCode: 301, targetUrl: { expression: 'concat("https://example.com", http.request.uri.path)' }, preserveQueryString: true } },
      enabled: true,
    },
  ],
});

const rateLimits = resource(RULESET, "ratelimits", {
  zoneId: ZONE_ID,
  kind: "zone",
  phase: "http_ratelimit",
  name: "rate limits",
  rules: [
    {
      ref: "login",
      description: "login",
      expression: 'http.request.uri.path eq "/login"',
      action: "block",
      ratelimit: { characteristics: ["cf.colo.id", "ip.src"], period: 10, requestsPerPeriod: 5, mitigationTimeout: 10 },
      enabled: true,
    },
  ],
});

const cache = resource(RULESET, "cache", {
  zoneId: ZONE_ID,
  kind: "zone",
  phase: "http_request_cache_settings",
  name: "cache",
  rules: [
    {
      ref: "static",
      expression: 'starts_with(http.request.uri.path, "/assets/")',
      action: "set_cache_settings",
      actionParameters: { cache: true, edgeTtl: { mode: "override_origin", default: 86400 }, browserTtl: { mode: "respect_origin" } },
    },
  ],
});

const headers = resource(RULESET, "headers", {
  zoneId: ZONE_ID,
  kind: "zone",
  phase: "http_response_headers_transform",
  name: "headers",
  rules: [
    {
      ref: "security-headers",
      expression: 'http.host eq "example.com"',
      action: "rewrite",
      actionParameters: { headers: { "X-Frame-Options": { operation: "set", value: "DENY" }, "Content-Security-Policy": { operation: "remove" } } },
    },
  ],
});

const waf = resource(RULESET, "waf", {
  zoneId: ZONE_ID,
  kind: "zone",
  phase: "http_request_firewall_custom",
  name: "waf",
  rules: [{ ref: "admin", expression: 'http.request.uri.path eq "/wp-login.php"', action: "block" }],
});

const dns = (name: string, inputs: Record<string, unknown>) => resource("cloudflare:index/dnsRecord:DnsRecord", name, { zoneId: ZONE_ID, comment: "managed", ...inputs });

const accessPolicy = resource("cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy", "access-allow", {
  accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b",
  decision: "allow",
  includes: [{ emailDomain: { domain: "example.com" } }],
  name: "admins",
  sessionDuration: "24h",
});
const accessApp = resource("cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication", "access-admin", {
  accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b",
  appLauncherVisible: false,
  destinations: [{ type: "public", uri: "admin.example.com" }],
  domain: "admin.example.com",
  name: "admin",
  policies: [{ id: UNKNOWN_VALUE, precedence: 1 }],
  sessionDuration: "24h",
  type: "self_hosted",
});
const healthcheck = resource("cloudflare:index/healthcheck:Healthcheck", "origin-check", {
  zoneId: ZONE_ID,
  name: "origin-app",
  address: "app.example.com",
  type: "HTTPS",
  checkRegions: ["WEU", "ENAM"],
  consecutiveFails: 2,
  interval: 60,
  httpConfig: { method: "GET", path: "/healthz", expectedCodes: ["200"], followRedirects: false, header: { Host: ["app.example.com"] } },
});
const notification = resource("cloudflare:index/notificationPolicy:NotificationPolicy", "origin-alerts", {
  accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b",
  name: "origin down",
  alertType: "health_check_status_notification",
  enabled: true,
  mechanisms: { emails: [{ id: "ops@example.com" }] },
});

const HAPPY: PlannedResource[] = [
  setting("ssl", "strict"),
  setting("min_tls_version", "1.2"),
  setting("always_use_https", "on"),
  setting("security_header", { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true } }),
  redirects,
  rateLimits,
  cache,
  headers,
  waf,
  dns("apex", { name: "example.com", type: "CNAME", content: "example-web.vercel.app", proxied: true, ttl: 1 }),
  dns("www", { name: "www.example.com", type: "AAAA", content: "100::", proxied: true, ttl: 1 }),
  dns("ip", { name: "origin.example.com", type: "A", content: "192.0.2.10", proxied: false, ttl: 300 }),
  dns("mx", { name: "example.com", type: "MX", content: "mx1.mail.example.net", priority: 10, ttl: 3600 }),
  dns("spf", { name: "example.com", type: "TXT", content: '"v=spf1 include:_spf.example.net -all"', ttl: 3600 }),
  dns("caa", { name: "example.com", type: "CAA", data: { flags: 0, tag: "issue", value: "letsencrypt.org" }, ttl: 3600 }),
  dns("dkim", { name: "abc._domainkey.example.com", type: "CNAME", content: "abc.dkim.amazonses.com", ttl: 3600, proxied: false }),
  accessPolicy,
  accessApp,
  healthcheck,
  notification,
  resource("cloudflare:index/zone:Zone", "zone", { account: { id: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b" }, name: "example.com", type: "full" }),
  resource("cloudflare:index/zoneDnssec:ZoneDnssec", "dnssec", { zoneId: UNKNOWN_VALUE, status: "active" }),
];

/** Checks one resource (among the happy set, so cross-resource rules see a full plan). */
function failuresOf(changed: PlannedResource, config?: Record<string, unknown>) {
  const resources = HAPPY.map((r) => (r.name === changed.name ? changed : r));
  if (!resources.includes(changed)) resources.push(changed);
  const report = checkContracts(planOf(resources, config));
  const entry = report.checked.find((c) => c.urn === changed.urn);
  if (!entry) throw new Error(`${changed.name} was not checked`);
  return entry;
}

describe("Cloudflare contracts", () => {
  test("every happy-path resource passes and is listed", () => {
    const report = checkContracts(planOf(HAPPY));
    const failed = report.checked.filter((c) => c.status === "failed");
    expect(failed).toEqual([]);
    expect(report.checked.map((c) => c.name)).toEqual(HAPPY.map((r) => r.name));
    expect(report.summary).toEqual({ passed: HAPPY.length, failed: 0 });
  });

  const rule0 = (r: PlannedResource) => (r.inputs.rules as Record<string, any>[])[0]!;

  test.each<[string, PlannedResource, string, RegExp]>([
    ["ssl: strictest", setting("ssl", "strictest"), "value", /ssl must be one of "off", "flexible", "full", "strict"; got "strictest"/],
    ["min_tls_version 1.4", setting("min_tls_version", "1.4"), "value", /must be one of "1\.0", "1\.1", "1\.2", "1\.3"/],
    ["HSTS max_age as text", setting("security_header", { strict_transport_security: { enabled: true, max_age: "1y" } }), "value.strict_transport_security.max_age", /must be of type number; got "1y"/],
    ["an HSTS typo", setting("security_header", { strict_transport_security: { enabled: true, maxAge: 600 } }), "value.strict_transport_security.maxAge", /not a field the API accepts/],
    ["a setting id the API lacks", setting("ssl_mode", "strict"), "settingId", /"ssl_mode" is not a zone setting/],
    ["a redirect without target_url", withChange(redirects, (r) => delete rule0(r).actionParameters.fromValue.targetUrl), "rules[0].action_parameters.from_value.target_url", /is required by the API and missing/],
    ["a redirect status 310", withChange(redirects, (r) => (rule0(r).actionParameters.fromValue.statusCode = 310)), "rules[0].action_parameters.from_value.status_code", /must be one of 301, 302, 303, 307, 308; got 310.*Pulumi input rules\[0\]\.actionParameters\.fromValue\.statusCode/],
    ["a redirect in the cache phase", withChange(cache, (r) => (rule0(r).action = "redirect")), "rules[0].action", /"redirect" is not an action of http_request_cache_settings/],
    ["an action the API lacks", withChange(waf, (r) => (rule0(r).action = "deny")), "rules[0].action", /must be one of block, challenge/],
    ["a rate-limit period of 45 on Free", withChange(rateLimits, (r) => (rule0(r).ratelimit.period = 45)), "rules[0].ratelimit.period", /the free plan counts over at most 10 s; got 45/],
    ["a rate-limit period Cloudflare never accepts", withChange(rateLimits, (r) => (rule0(r).ratelimit.period = 11)), "rules[0].ratelimit.period", /must be one of 10, 15, 20/],
    ["a mitigation timeout of 1 h on Free", withChange(rateLimits, (r) => (rule0(r).ratelimit.mitigationTimeout = 3600)), "rules[0].ratelimit.mitigation_timeout", /blocks for at most 10 s; got 3600/],
    ["rate limiting by method on Free", withChange(rateLimits, (r) => (rule0(r).expression = 'http.request.method eq "POST"')), "rules[0].expression", /uses http\.request\.method; rate limiting on the free plan may only use path, bot fields/],
    ["counting by user agent below Enterprise", withChange(rateLimits, (r) => (rule0(r).ratelimit.characteristics = ["cf.colo.id", "http.user_agent"])), "rules[0].ratelimit.characteristics", /missing ip\.src.*cannot count by http\.user_agent/],
    ["a second rate-limit rule on Free", withChange(rateLimits, (r) => (r.inputs.rules as unknown[]).push({ ...rule0(r), ref: "signup" })), "rules", /2 rate limiting rules; the free plan allows 1 in http_ratelimit/],
    ["a rate-limit rule without ratelimit", withChange(rateLimits, (r) => delete rule0(r).ratelimit), "rules[0].ratelimit", /is required/],
    ["matches on Free", withChange(waf, (r) => (rule0(r).expression = 'http.request.uri.path matches "^/wp-"')), "rules[0].expression", /regular expression.*business or enterprise; the free plan has none/],
    ["matches beside a field our parser lacks, on Free", withChange(waf, (r) => (rule0(r).expression = 'http.request.uri.path matches "^/wp-" and cf.bot_management.ja4 eq "x"')), "rules[0].expression", /regular expression.*business or enterprise; the free plan has none/],
    ["the ~ form of matches in an unreadable expression, on Free", withChange(waf, (r) => (rule0(r).expression = 'http.host ~ r"^adm" and not_a_function(http.host)')), "rules[0].expression", /regular expression/],
    ["regex_replace in a redirect target on Free", withChange(redirects, (r) => (rule0(r).actionParameters.fromValue.targetUrl = { expression: 'regex_replace(http.request.full_uri, "^http://www\\.", "https://")' })), "rules[0].action_parameters.from_value.target_url.expression", /regular expression.*the free plan has none/],
    ["an edge TTL under Free's minimum", withChange(cache, (r) => (rule0(r).actionParameters.edgeTtl.default = 60)), "rules[0].action_parameters.edge_ttl.default", /at least 7200 s; got 60/],
    ["an edge TTL mode the API lacks", withChange(cache, (r) => (rule0(r).actionParameters.edgeTtl.mode = "forever")), "rules[0].action_parameters.edge_ttl.mode", /must be one of "respect_origin", "bypass_by_default", "override_origin"/],
    ["a header operation the API lacks", withChange(headers, (r) => (rule0(r).actionParameters.headers["X-Frame-Options"].operation = "replace")), 'rules[0].action_parameters.headers["X-Frame-Options"]', /matches none of the shapes/],
    ["a ruleset kind the API lacks", withChange(waf, (r) => (r.inputs.kind = "zonal")), "kind", /must be one of "managed", "custom", "root", "zone"/],
    ["a second ruleset in a phase", withChange(waf, (r) => (r.inputs.phase = "http_request_cache_settings")), "phase", /one http_request_cache_settings ruleset and cache already is it/],
    ["a DNS type the API lacks", dns("apex", { name: "example.com", type: "ALIAS", content: "x.example.net", ttl: 1 }), "type", /must be one of .*CNAME/],
    ["an A record holding a name", dns("ip", { name: "origin.example.com", type: "A", content: "origin.example.net", ttl: 300 }), "content", /IPv4 address; got "origin\.example\.net"/],
    ["an AAAA record holding IPv4", dns("www", { name: "www.example.com", type: "AAAA", content: "192.0.2.1", proxied: true, ttl: 1 }), "content", /IPv6 address/],
    ["a CNAME holding a URL", dns("apex", { name: "example.com", type: "CNAME", content: "https://example-web.vercel.app/", proxied: true, ttl: 1 }), "content", /host name \(no scheme/],
    ["a TTL of 30 below Enterprise", dns("ip", { name: "origin.example.com", type: "A", content: "192.0.2.10", ttl: 30 }), "ttl", /1 \(automatic\) or a whole number of seconds from 60 to 86400; got 30/],
    ["a proxied record with a TTL", dns("apex", { name: "example.com", type: "CNAME", content: "example-web.vercel.app", proxied: true, ttl: 300 }), "ttl", /proxied record's TTL is automatic/],
    ["a proxied MX", dns("mx", { name: "example.com", type: "MX", content: "mx1.mail.example.net", priority: 10, ttl: 1, proxied: true }), "proxied", /only A, AAAA, CNAME records can be proxied; this is MX/],
    ["an MX without priority", dns("mx", { name: "example.com", type: "MX", content: "mx1.mail.example.net", ttl: 3600 }), "priority", /is required for MX records/],
    ["an MX priority over 16 bits", dns("mx", { name: "example.com", type: "MX", content: "mx1.mail.example.net", priority: 70000, ttl: 3600 }), "priority", /0 to 65535; got 70000/],
    ["a CAA tag the CAs do not read", dns("caa", { name: "example.com", type: "CAA", data: { flags: 0, tag: "issuer", value: "letsencrypt.org" }, ttl: 3600 }), "data.tag", /issue, issuewild, iodef; got "issuer"/],
    ["CAA flags over one octet", dns("caa", { name: "example.com", type: "CAA", data: { flags: 256, tag: "issue", value: "letsencrypt.org" }, ttl: 3600 }), "data.flags", /0 to 255; got 256/],
    ["a DKIM key sent as one unquoted string", dns("spf", { name: "sel._domainkey.example.com", type: "TXT", content: `v=DKIM1; k=rsa; p=${"A".repeat(392)}`, ttl: 3600 }), "content", /is one unquoted string of 410 bytes; send quoted strings of at most 255 bytes each/],
    ["a quoted TXT string of 300 bytes", dns("spf", { name: "sel._domainkey.example.com", type: "TXT", content: `"${"A".repeat(255)}" "${"B".repeat(300)}"`, ttl: 3600 }), "content", /string 2 of 2 is 300 bytes; a TXT character-string holds at most 255/],
    ["a TXT string that never closes", dns("spf", { name: "example.com", type: "TXT", content: '"v=spf1 -all', ttl: 3600 }), "content", /quoted string that never closes/],
    ["TXT text outside its quotes", dns("spf", { name: "example.com", type: "TXT", content: '"v=spf1" -all', ttl: 3600 }), "content", /text outside its quoted strings at character 10/],
    ["a TXT record over 4096 bytes on the wire", dns("spf", { name: "big.example.com", type: "TXT", content: Array.from({ length: 16 }, () => `"${"x".repeat(255)}"`).join(" "), ttl: 3600 }), "content", /record of 4123 bytes on the wire; Cloudflare accepts at most 4096/],
    ["a short record name", dns("apex", { name: "app", type: "CNAME", content: "example-web.vercel.app", proxied: true, ttl: 1 }), "name", /full name inside the zone example\.com/],
    ["an Access policy decision the API lacks", withChange(accessPolicy, (r) => (r.inputs.decision = "permit")), "decision", /must be one of "allow", "deny", "non_identity", "bypass"/],
    ["an Access include rule the API lacks", withChange(accessPolicy, (r) => (r.inputs.includes = [{ emailDomains: { domain: "example.com" } }])), "include[0]", /matches none of the shapes/],
    ["an Access session of one day written as 1d", withChange(accessApp, (r) => (r.inputs.sessionDuration = "1d")), "session_duration", /duration such as 24h/],
    ["a health check name with a dot", withChange(healthcheck, (r) => (r.inputs.name = "origin.app")), "name", /letters, digits, hyphens and underscores/],
    ["a health check region the API lacks", withChange(healthcheck, (r) => (r.inputs.checkRegions = ["EU"])), "check_regions[0]", /must be one of "WNAM", "ENAM"/],
    ["a health check method the API lacks", withChange(healthcheck, (r) => ((r.inputs.httpConfig as Record<string, unknown>).method = "POST")), "http_config.method", /must be one of "GET", "HEAD"/],
    ["a health check type the API lacks", withChange(healthcheck, (r) => (r.inputs.type = "ICMP")), "type", /HTTP, HTTPS, TCP; got "ICMP"/],
    ["an alert type the API lacks", withChange(notification, (r) => (r.inputs.alertType = "origin_down")), "alert_type", /must be one of .*"health_check_status_notification"/],
  ])("%s fails, naming the field", (_label, changed, field, message) => {
    const entry = failuresOf(changed);
    expect(entry.status).toBe("failed");
    expect(entry.name).toBe(changed.name);
    expect(entry.failures).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  });

  test("plan limits follow the stack's plan: Pro counts over 60 s, Business may use matches", () => {
    const pro = withChange(rateLimits, (r) => (rule0(r).ratelimit.period = 60));
    expect(failuresOf(pro, { cloudflarePlan: "pro", domain: "example.com" }).status).toBe("passed");
    expect(failuresOf(pro, { cloudflarePlan: "free", domain: "example.com" }).status).toBe("failed");
    const regex = withChange(waf, (r) => (rule0(r).expression = 'http.request.uri.path matches "^/wp-"'));
    expect(failuresOf(regex, { cloudflarePlan: "business", domain: "example.com" }).status).toBe("passed");
  });

  test("the text search for regular expressions skips string literals and allows them on Business", () => {
    const literal = withChange(waf, (r) => (rule0(r).expression = 'http.request.uri.path eq "/matches~regex_replace(" and cf.bot_management.ja4 eq r#"matches"#'));
    expect(failuresOf(literal).status).toBe("passed");
    const regex = withChange(waf, (r) => (rule0(r).expression = 'http.request.uri.path matches "^/wp-" and cf.bot_management.ja4 eq "x"'));
    expect(failuresOf(regex, { cloudflarePlan: "business", domain: "example.com" }).status).toBe("passed");
    expect(usesRegexByText('lower(http.host) matches "x"')).toBe(true);
    expect(usesRegexByText('regex_replace (http.host, "a", "b")')).toBe(true);
    expect(usesRegexByText('concat("https://example.com", http.request.uri.path)')).toBe(false);
    expect(usesRegexByText('http.request.uri.path eq "a \\" matches"')).toBe(false);
  });

  test("a config without cloudflarePlan is held to Free, and says so", () => {
    const entry = failuresOf(withChange(rateLimits, (r) => (rule0(r).ratelimit.period = 60)), {});
    expect(entry.failures[0]!.message).toMatch(/the free plan \(assumed: the stack config names no cloudflarePlan\)/);
  });

  test("a long DKIM key split into quoted 255-byte strings passes; TXT records of one name share 8192 characters", () => {
    const key = "M".repeat(600);
    const split = `"v=DKIM1; k=rsa; p=${key.slice(0, 237)}" "${key.slice(237, 492)}" "${key.slice(492)}"`;
    expect(failuresOf(dns("spf", { name: "sel._domainkey.example.com", type: "TXT", content: split, ttl: 3600 })).status).toBe("passed");
    expect(failuresOf(dns("spf", { name: "example.com", type: "TXT", content: "v=spf1 -all", ttl: 3600 })).status).toBe("passed");
    const big = Array.from({ length: 11 }, () => `"${"y".repeat(255)}"`).join(" "); // 2,837 characters (2,816 bytes of strings)
    const verify = (n: number) => dns(`verify-${n}`, { name: "example.com", type: "TXT", content: big, ttl: 3600 });
    const report = checkContracts(planOf([...HAPPY, verify(1), verify(2), verify(3)]));
    const entry = report.checked.find((c) => c.name === "verify-1")!;
    expect(entry.failures).toEqual([{ field: "content", message: expect.stringMatching(/the 4 TXT records of example\.com hold 8549 characters of content together; Cloudflare accepts at most 8192/) }]);
    expect(checkContracts(planOf([...HAPPY, verify(1), verify(2)])).summary.failed).toBe(0);
  });

  test("values unknown before deployment are skipped, not failed", () => {
    const unknownZone = withChange(redirects, (r) => (r.inputs.zoneId = UNKNOWN_VALUE));
    expect(failuresOf(unknownZone).status).toBe("passed");
    const unknownTarget = withChange(redirects, (r) => (rule0(r).actionParameters.fromValue.targetUrl = UNKNOWN_VALUE));
    expect(failuresOf(unknownTarget).status).toBe("passed");
    const unknownSetting = setting("ssl", UNKNOWN_VALUE);
    expect(failuresOf(unknownSetting).status).toBe("passed");
  });

  test("a secret value is checked but never printed", () => {
    const entry = failuresOf(withChange(accessApp, (r) => (r.inputs.domain = secret(42))));
    expect(entry.failures).toEqual([{ field: "domain", message: "must be of type string; got [secret]" }]);
  });
});
