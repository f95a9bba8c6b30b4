import { emailSchema } from "../../../components/schema/email";
import { validateEmail } from "../../../components/email/validate";
import { dmarcRolloutState } from "../../../policies/email";
import type { SectionContext } from "../../../components/schema/context";
import { dkimRecord } from "./keys";
import { section } from "./helpers";

const TODAY = "2026-11-28";
const prod: SectionContext = { environment: "prod", isProduction: true, apex: "example.com", plan: "free", hosts: [] };
const staging: SectionContext = { ...prod, environment: "staging", isProduction: false, apex: "staging-example.com" };

function run(raw: unknown, context: SectionContext = prod) {
  const issues: string[] = [];
  const warnings: string[] = [];
  const found = validateEmail(section(raw), context, TODAY);
  for (const p of found.errors) issues.push(`${p.path.join(".")}: ${p.message}`);
  for (const p of found.warnings) warnings.push(`${p.path.join(".")}: ${p.message}`);
  return { issues, warnings };
}

const mail = (dmarc: unknown) => ({ inbound: { provider: "google-workspace" }, senders: [{ provider: "google-workspace", dkim: { key: dkimRecord(2048) } }], dmarc });

describe("email schema", () => {
  test.each([
    ["+all", '"+all" authorizes every host on the internet to send as this domain; use "-all" (default) or "~all"'],
    ["?all", '"?all" says nothing about unlisted senders'],
    ["all", "authorizes every host"],
  ])("spf.all %s is rejected", (all, message) => {
    const result = emailSchema.safeParse({ spf: { all } });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain(message);
    expect(result.error!.issues[0]!.path).toEqual(["spf", "all"]);
  });

  test("an all term among a custom sender's terms is rejected", () => {
    const result = emailSchema.safeParse({ senders: [{ provider: "custom", spf: ["include:x.example.net", "+all"] }] });
    expect(result.error!.issues[0]).toMatchObject({ path: ["senders", 0, "spf", 1], message: expect.stringContaining('must not be an "all" term') });
  });

  test("defaults: mode send, ttl 3600, -all, no senders", () => {
    expect(emailSchema.parse({})).toEqual({ mode: "send", ttl: 3600, senders: [], spf: { all: "-all" } });
  });

  test("unknown keys, removed DMARC tags and a third rua are rejected", () => {
    expect(emailSchema.safeParse({ dmarc: { p: "reject", policy: "x" } }).error!.issues[0]!.code).toBe("unrecognized_keys");
    expect(emailSchema.safeParse({ dmarc: { p: "reject", pct: 50 } }).error!.issues[0]!.message).toContain("removed from DMARC by RFC 9989");
    const three = emailSchema.safeParse({ dmarc: { p: "reject", rua: ["mailto:a@x.com", "mailto:b@x.com", "mailto:c@x.com"] } });
    expect(three.error!.issues[0]).toMatchObject({ path: ["dmarc", "rua"], message: expect.stringContaining("more than 2 addresses") });
  });

  test("mtaSts.serve needs the account id, named with the bad value's problem", () => {
    const bad = emailSchema.safeParse({ mtaSts: { serve: { accountId: "5B0F" } } });
    expect(bad.error!.issues[0]).toMatchObject({ path: ["mtaSts", "serve", "accountId"], message: expect.stringContaining("must be the Cloudflare account id (32 lower-case hex characters)") });
    expect(emailSchema.safeParse({ mtaSts: { serve: {} } }).error!.issues[0]!.path).toEqual(["mtaSts", "serve", "accountId"]);
    expect(emailSchema.parse({ mtaSts: { serve: { accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b" } } }).mtaSts?.serve).toEqual({ accountId: "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b" });
  });

  test("a provider's required fields are named", () => {
    const result = emailSchema.safeParse({ senders: [{ provider: "sendgrid", account: "2744887", returnPath: "em1" }] });
    expect(result.error!.issues[0]).toMatchObject({ path: ["senders", 0, "account"], message: expect.stringContaining('"u<id>.wl<n>"') });
  });
});

describe("checkEmail: DMARC policy by environment", () => {
  test("p=none in production is an error", () => {
    const { issues } = run(mail({ p: "none", rua: ["mailto:dmarc@example.com"] }));
    expect(issues).toEqual([expect.stringMatching(/^dmarc\.p: p=none does not protect the prod domain/)]);
  });

  test("p=none outside production is allowed", () => {
    const { issues } = run(mail({ p: "none", rua: ["mailto:dmarc@staging-example.com"] }), staging);
    expect(issues).toEqual([]);
  });

  test("p=none in production as a dated rollout step is allowed", () => {
    const { issues } = run(mail({ p: "quarantine", rollout: { policy: "none", until: "2026-12-15" }, rua: ["mailto:dmarc@example.com"] }));
    expect(issues).toEqual([]);
  });

  test("a rollout step whose date has passed is an error", () => {
    const { issues } = run(mail({ p: "quarantine", rollout: { policy: "none", until: "2026-11-27" }, rua: ["mailto:dmarc@example.com"] }));
    expect(issues).toEqual([expect.stringContaining("dmarc.rollout.until: the rollout step p=none ended on 2026-11-27 (today is 2026-11-28)")]);
  });

  test("a rollout step ending today is still allowed; one more than 90 days away is not", () => {
    expect(run(mail({ p: "reject", rollout: { policy: "quarantine", until: TODAY }, rua: ["mailto:d@example.com"] })).issues).toEqual([]);
    expect(run(mail({ p: "reject", rollout: { policy: "none", until: "2027-06-01" }, rua: ["mailto:d@example.com"] })).issues).toEqual([
      expect.stringContaining("2027-06-01 is 185 days away; a rollout step lasts at most 90 days"),
    ]);
  });

  test("a rollout date that is no calendar day (February 30) is refused, as the production policy refuses it", () => {
    const { issues } = run(mail({ p: "quarantine", rollout: { policy: "none", until: "2027-02-30" }, rua: ["mailto:d@example.com"] }));
    expect(issues).toEqual([expect.stringContaining('dmarc.rollout.until: "2027-02-30" is not a calendar date')]);
    expect(dmarcRolloutState("2027-02-30", TODAY)).toEqual({ inForce: false, why: expect.stringContaining("not a YYYY-MM-DD date") });
    expect(dmarcRolloutState("2026-12-15", TODAY)).toEqual({ inForce: true });
  });

  test("a rollout step must be weaker than the target", () => {
    const { issues } = run(mail({ p: "quarantine", rollout: { policy: "quarantine", until: "2026-12-01" }, rua: ["mailto:d@example.com"] }));
    expect(issues).toEqual([expect.stringContaining("dmarc.rollout.policy: the rollout step p=quarantine must be weaker than the target p=quarantine")]);
  });

  test("an impossible date is an error", () => {
    expect(run(mail({ p: "reject", rollout: { policy: "none", until: "2026-13-45" }, rua: ["mailto:d@example.com"] })).issues).toEqual([
      expect.stringContaining('"2026-13-45" is not a calendar date'),
    ]);
  });

  test("no rua: an error in production, a warning elsewhere", () => {
    expect(run(mail({ p: "reject" })).issues).toEqual([expect.stringContaining("dmarc.rua: has no rua address")]);
    const st = run(mail({ p: "reject" }), staging);
    expect(st.issues).toEqual([]);
    expect(st.warnings).toContainEqual(expect.stringContaining("dmarc.rua: has no rua address"));
  });

  test.each([
    ["p=reject", { p: "reject", sp: "none" }],
    ["p=quarantine during a p=none rollout", { p: "quarantine", sp: "none", rollout: { policy: "none", until: "2026-12-15" } }],
  ])("sp=none in production is an error naming the key, the value and what is expected (%s)", (_what, dmarc) => {
    expect(run(mail({ ...dmarc, rua: ["mailto:d@example.com"] })).issues).toEqual([
      'dmarc.sp: sp=none leaves every subdomain of the prod domain open to forgery; set sp to "quarantine" or "reject", or leave it out to use p=' + dmarc.p,
    ]);
  });

  test("sp=none outside production, and an enforcing or absent sp in production, are allowed", () => {
    expect(run(mail({ p: "reject", sp: "none", rua: ["mailto:d@staging-example.com"] }), staging).issues).toEqual([]);
    for (const sp of ["quarantine", "reject", undefined]) expect(run(mail({ p: "reject", sp, rua: ["mailto:d@example.com"] })).issues).toEqual([]);
  });

  test("reports to another organisation's domain warn about the authorization record", () => {
    const { warnings } = run(mail({ p: "reject", rua: ["mailto:dmarc@example.com"] }), staging);
    expect(warnings).toContainEqual(expect.stringContaining('staging-example.com._report._dmarc.example.com holds "v=DMARC1"'));
    expect(warnings).toContainEqual(expect.stringContaining('list "staging-example.com" in its stack\'s email.dmarc.acceptReportsFor'));
  });

  test("problems found while building the records are reported with their paths", () => {
    const { issues } = run({ senders: [{ provider: "google-workspace", dkim: { key: dkimRecord(768) } }], dmarc: { p: "reject", rua: ["http://x"] } });
    expect(issues).toEqual([expect.stringMatching(/^senders\.0\.dkim\.key: .*768 bits/), expect.stringMatching(/^dmarc\.rua\.0: "http:\/\/x" is not a mailto: URI/)]);
  });

  test("the MTA-STS policy host may not be an app host", () => {
    const ctx: SectionContext = { ...prod, hosts: [{ name: "mta-sts", fqdn: "mta-sts.example.com", proxied: true, sensitive: false }] };
    const { issues } = run({ ...mail({ p: "reject", rua: ["mailto:d@example.com"] }), mtaSts: { mode: "enforce" }, tlsRpt: { rua: ["mailto:tls@example.com"] } }, ctx);
    expect(issues).toEqual([expect.stringContaining("mtaSts: the policy host mta-sts.example.com is also declared in hosts")]);
  });

  test("a mail name that is also a web host is pointed out", () => {
    const ctx: SectionContext = { ...prod, hosts: [{ name: "send", fqdn: "send.example.com", proxied: true, sensitive: false }, { name: "@", fqdn: "example.com", proxied: true, sensitive: false }] };
    const { issues, warnings } = run({ senders: [{ provider: "resend", dkim: { key: dkimRecord(2048) } }], dmarc: { p: "reject", rua: ["mailto:d@example.com"] } }, ctx);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining("send.example.com is both a web host and a mail name")]);
  });
});

describe("checkEmail: no-mail mode", () => {
  test("without rua: no error, even in production, but a warning that nobody sees spoofing attempts", () => {
    for (const raw of [{ mode: "none" }, { mode: "none", dmarc: { p: "reject" } }]) {
      const { issues, warnings } = run(raw);
      expect(issues).toEqual([]);
      expect(warnings).toEqual(['dmarc.rua: has no rua address, so nobody sees who tries to send as example.com; add one, e.g. dmarc: { p: reject, rua: ["mailto:dmarc@example.com"] }']);
    }
  });

  test("with a rua: neither error nor warning", () => {
    expect(run({ mode: "none", dmarc: { p: "reject", rua: ["mailto:dmarc@example.com"] } })).toEqual({ issues: [], warnings: [] });
  });

  test("sp other than reject is an error (the record publishes sp=reject)", () => {
    expect(run({ mode: "none", dmarc: { p: "reject", sp: "quarantine", rua: ["mailto:dmarc@example.com"] } }, staging).issues).toEqual([
      'dmarc.sp: a domain that sends no mail publishes sp=reject; "quarantine" would let forgeries through its subdomains: remove sp',
    ]);
  });
});
