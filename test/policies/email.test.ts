/**
 * Mail authentication policies through the real analyzer: SPF (one record, a strict "all", the
 * lookup budget), DMARC (present, enforced in prod, mailto: reports) and DKIM key strength. TXT
 * values are sent in Cloudflare's quoted content form, long values split as the email component
 * splits them.
 */
import { testRsaPublicKeyBase64 } from "../support/rsaKeys";
import { renderTxtContent } from "../../kernel/txt";
import type { Plan } from "../../plan/types";
import { PROD_POLICY_CONFIG, breakPlan, byPolicy, dnsRecord, resourceNamed, txtRecord, usePolicyPack } from "./harness";

const pack = usePolicyPack();

const add = (...records: ReturnType<typeof dnsRecord>[]) => breakPlan((p) => p.resources.push(...records));
const policiesOf = async (plan: Plan, config?: Record<string, unknown>) => [...new Set((await pack.analyze(plan, config)).map((v) => v.policyName))].sort();
const spf = (name: string, fqdn: string, value: string) => txtRecord(name, fqdn, value);
const setDmarc = (value: string) => breakPlan((p) => (resourceNamed(p, "apex-dmarc").inputs.content = renderTxtContent(value)));

describe("email-spf-single-record", () => {
  test("two SPF records at one name is a violation on the second", async () => {
    const plan = add(spf("spf-a", "example.com", "v=spf1 include:_spf.google.com -all"), spf("spf-b", "example.com", "v=spf1 include:sendgrid.net -all"));
    expect(byPolicy(await pack.analyze(plan), "email-spf-single-record")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "spf-b").urn, message: expect.stringMatching(/^example\.com must publish one SPF record, but spf-a, spf-b each publish one/) }),
    ]);
  });

  test("one SPF record per name, and other TXT records beside it, comply", async () => {
    const plan = add(
      spf("spf-apex", "example.com", "v=spf1 include:_spf.google.com -all"),
      spf("spf-mail", "mail.example.com", "v=spf1 include:amazonses.com -all"),
      txtRecord("verification", "example.com", "google-site-verification=abc123"),
    );
    expect(await policiesOf(plan)).toEqual([]);
  });
});

describe("email-spf-no-permissive-all", () => {
  test.each([
    ["+all", "v=spf1 include:_spf.google.com +all"],
    ["?all", "v=spf1 include:_spf.google.com ?all"],
    ["a bare all (a pass)", "v=spf1 include:_spf.google.com all"],
    ["no all at all (neutral)", "v=spf1 include:_spf.google.com"],
  ])("%s is a violation", async (_what, value) => {
    const plan = add(spf("spf-apex", "example.com", value));
    expect(byPolicy(await pack.analyze(plan), "email-spf-no-permissive-all")).toEqual([expect.objectContaining({ urn: resourceNamed(plan, "spf-apex").urn })]);
  });

  test.each([["-all"], ["~all"], ["redirect=_spf.example.net"]])("%s complies", async (tail) => {
    expect(await policiesOf(add(spf("spf-apex", "example.com", `v=spf1 ip4:192.0.2.0/24 ${tail}`)))).toEqual([]);
  });
});

describe("email-spf-lookup-limit", () => {
  test("eleven lookups through the provider table is a violation listing the costly terms", async () => {
    // _spf.google.com 3, mailgun.org 5, sendgrid.net 1, a 1, mx 1 = 11
    const plan = add(spf("spf-apex", "example.com", "v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net a mx -all"));
    expect(byPolicy(await pack.analyze(plan), "email-spf-lookup-limit")).toEqual([
      expect.objectContaining({
        urn: resourceNamed(plan, "spf-apex").urn,
        message: "The SPF record of example.com needs 11 DNS lookups; it must need at most 10: include:_spf.google.com (3), include:mailgun.org (5), include:sendgrid.net (1), a (1), mx (1).",
      }),
    ]);
  });

  test("ten lookups comply", async () => {
    expect(await policiesOf(add(spf("spf-apex", "example.com", "v=spf1 include:_spf.google.com include:mailgun.org include:sendgrid.net a -all")))).toEqual([]);
  });

  test("an include of a name the stack declares costs what that record costs", async () => {
    const plan = add(
      spf("spf-nested", "_spf.example.com", "v=spf1 include:mailgun.org include:_spf.google.com a -all"), // 9
      spf("spf-apex", "example.com", "v=spf1 include:_spf.example.com mx -all"), // 1 + 9 + 1 = 11
    );
    const v = byPolicy(await pack.analyze(plan), "email-spf-lookup-limit");
    expect(v).toEqual([expect.objectContaining({ urn: resourceNamed(plan, "spf-apex").urn, message: expect.stringContaining("needs 11 DNS lookups") })]);
  });

  test("an include the table does not know counts 1, or what policy config declares", async () => {
    const plan = add(spf("spf-apex", "example.com", "v=spf1 include:spf.custom-mailer.net include:sendgrid.net -all"));
    expect(await policiesOf(plan)).toEqual([]);
    const config = { ...PROD_POLICY_CONFIG, "email-spf-lookup-limit": { includeLookups: { "spf.custom-mailer.net": 9 } } };
    expect(await policiesOf(plan, config)).toEqual(["email-spf-lookup-limit"]);
  });

  test("an include loop between the stack's own records is a violation (fail closed)", async () => {
    const plan = add(spf("spf-a", "a.example.com", "v=spf1 include:b.example.com -all"), spf("spf-b", "b.example.com", "v=spf1 include:a.example.com -all"));
    const v = byPolicy(await pack.analyze(plan), "email-spf-lookup-limit");
    expect(v.map((x) => x.message)).toEqual([expect.stringContaining("SPF include loop: a.example.com -> b.example.com -> a.example.com")]);
  });

  test("a record with a term that is not SPF cannot be counted: a violation", async () => {
    expect(await policiesOf(add(spf("spf-apex", "example.com", "v=spf1 include: -all")))).toEqual(["email-spf-lookup-limit"]);
  });
});

describe("email-dmarc-present", () => {
  const withoutDmarc = (p: Plan) => (p.resources = p.resources.filter((r) => r.name !== "apex-dmarc"));

  test("an MX without DMARC is a violation on the MX record", async () => {
    const plan = breakPlan(withoutDmarc);
    expect(byPolicy(await pack.analyze(plan), "email-dmarc-present")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "apex-mx").urn, message: "example.com has an MX record, so it must have a DMARC policy at _dmarc.example.com or at a parent domain's _dmarc." }),
    ]);
  });

  test("an SPF on a subdomain is covered by the apex DMARC; without it, it is a violation", async () => {
    const record = spf("spf-bounce", "bounce.mail.example.com", "v=spf1 include:amazonses.com -all");
    expect(await policiesOf(add(record))).toEqual([]);
    const plan = breakPlan((p) => {
      withoutDmarc(p);
      p.resources = p.resources.filter((r) => r.name !== "apex-mx");
      p.resources.push(record);
    });
    expect(byPolicy(await pack.analyze(plan), "email-dmarc-present").map((v) => v.message)).toEqual([expect.stringMatching(/^bounce\.mail\.example\.com has an SPF record/)]);
  });

  test.each([
    ["a record without p=", (p: Plan) => (resourceNamed(p, "apex-dmarc").inputs.content = '"v=DMARC1; rua=mailto:dmarc@example.com"')],
    ["only a report authorization (_report._dmarc)", (p: Plan) => (resourceNamed(p, "apex-dmarc").inputs.name = "example.net._report._dmarc.example.com")],
  ])("%s is not a DMARC policy", async (_what, change) => {
    expect(await policiesOf(breakPlan(change))).toContain("email-dmarc-present");
  });
});

describe("email-dmarc-enforced-in-prod", () => {
  test.each([
    ["p=none", "v=DMARC1; p=none; rua=mailto:dmarc@example.com", "p=none; production must use p=quarantine or p=reject"],
    ["sp=none", "v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@example.com", "sp=none; production subdomains must be quarantine or reject too"],
  ])("%s in prod is a violation", async (_what, value, expected) => {
    const plan = setDmarc(value);
    expect(byPolicy(await pack.analyze(plan), "email-dmarc-enforced-in-prod")).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", urn: resourceNamed(plan, "apex-dmarc").urn, message: expect.stringContaining(expected) }),
    ]);
  });

  describe("a declared, dated rollout step (dmarcRolloutUntil, judged on the plan's date)", () => {
    const withRollout = (until: string | undefined, today = "2026-12-01") => ({
      ...PROD_POLICY_CONFIG,
      "email-dmarc-enforced-in-prod": { environment: "prod", today, ...(until === undefined ? {} : { dmarcRolloutUntil: until }) },
    });
    const rolloutRecord = setDmarc("v=DMARC1; p=none; rua=mailto:dmarc@example.com");

    test.each([
      ["ends later this month", "2026-12-20"],
      ["ends on the plan's date", "2026-12-01"],
      ["ends exactly 90 days later", "2027-03-01"],
    ])("p=none (and sp inherited) complies while the step %s", async (_what, until) => {
      expect(await policiesOf(rolloutRecord, withRollout(until))).toEqual([]);
    });

    test.each([
      ["ended yesterday", "2026-11-30", "the rollout step ended on 2026-11-30 (plan date 2026-12-01)"],
      ["ends 91 days later", "2027-03-02", "the rollout date 2027-03-02 is 91 days after 2026-12-01, more than 90"],
      ["is not a calendar date", "2026-02-30", 'the declared rollout date "2026-02-30" is not a YYYY-MM-DD date'],
    ])("p=none is a violation once the step %s", async (_what, until, why) => {
      expect(byPolicy(await pack.analyze(rolloutRecord, withRollout(until)), "email-dmarc-enforced-in-prod").map((v) => v.message)).toEqual([
        `The DMARC policy of example.com is p=none; production must use p=quarantine or p=reject (${why}).`,
      ]);
    });

    test("the same step expires when the plan's date passes it", async () => {
      expect(await policiesOf(rolloutRecord, withRollout("2026-12-20", "2026-12-20"))).toEqual([]);
      expect(await policiesOf(rolloutRecord, withRollout("2026-12-20", "2026-12-21"))).toEqual(["email-dmarc-enforced-in-prod"]);
    });

    test("a rollout excuses only none: a record without p= is still a violation", async () => {
      expect(byPolicy(await pack.analyze(setDmarc("v=DMARC1; sp=none; rua=mailto:dmarc@example.com"), withRollout("2026-12-20")), "email-dmarc-enforced-in-prod").map((v) => v.message)).toEqual([
        expect.stringContaining("p=(missing)"),
      ]);
    });
  });

  test("p=none outside prod (environment from policy config) and p=quarantine in prod comply", async () => {
    const staging = { ...PROD_POLICY_CONFIG, "email-dmarc-enforced-in-prod": { environment: "staging" } };
    expect(await policiesOf(setDmarc("v=DMARC1; p=none; rua=mailto:dmarc@example.com"), staging)).toEqual([]);
    expect(await policiesOf(setDmarc("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"))).toEqual([]);
  });
});

describe("email-dmarc-rua-mailto", () => {
  test.each([
    ["no rua", "v=DMARC1; p=reject", "must name a rua report address"],
    ["an https rua", "v=DMARC1; p=reject; rua=https://reports.example.com/dmarc", 'has rua "https://reports.example.com/dmarc"'],
    ["one bad rua among good ones", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:not-an-address", '"mailto:not-an-address"'],
  ])("%s is a violation", async (_what, value, expected) => {
    expect(byPolicy(await pack.analyze(setDmarc(value)), "email-dmarc-rua-mailto").map((v) => v.message)).toEqual([expect.stringContaining(expected)]);
  });

  describe("a domain declared to send no mail (null MX, v=spf1 -all, p=reject) may leave rua out", () => {
    const noMail = (change: (p: Plan) => void = () => undefined) =>
      breakPlan((p) => {
        Object.assign(resourceNamed(p, "apex-mx").inputs, { content: ".", priority: 0 });
        p.resources.push(spf("spf-apex", "example.com", "v=spf1 -all"));
        resourceNamed(p, "apex-dmarc").inputs.content = renderTxtContent("v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s");
        change(p);
      });

    test("the no-mail records without rua comply", async () => {
      expect(await policiesOf(noMail())).toEqual([]);
    });

    test.each([
      ["the MX is a real host", (p: Plan) => Object.assign(resourceNamed(p, "apex-mx").inputs, { content: "mx.example.net", priority: 10 })],
      ["the SPF authorizes a sender", (p: Plan) => (resourceNamed(p, "spf-apex").inputs.content = '"v=spf1 include:amazonses.com -all"')],
      ["there is no SPF record", (p: Plan) => (p.resources = p.resources.filter((r) => r.name !== "spf-apex"))],
      ["DMARC is p=quarantine", (p: Plan) => (resourceNamed(p, "apex-dmarc").inputs.content = '"v=DMARC1; p=quarantine"')],
      ["DMARC sp=none", (p: Plan) => (resourceNamed(p, "apex-dmarc").inputs.content = '"v=DMARC1; p=reject; sp=none"')],
      ["the null MX sits at another name", (p: Plan) => (resourceNamed(p, "apex-mx").inputs.name = "parked.example.com")],
    ])("without rua is a violation when %s", async (_what, change) => {
      const plan = noMail(change);
      expect(byPolicy(await pack.analyze(plan), "email-dmarc-rua-mailto")).toEqual([
        expect.objectContaining({ urn: resourceNamed(plan, "apex-dmarc").urn, message: "The DMARC policy of example.com must name a rua report address (mailto:)." }),
      ]);
    });

    test("a rua given on a no-mail domain must still be mailto:", async () => {
      const plan = noMail((p) => (resourceNamed(p, "apex-dmarc").inputs.content = '"v=DMARC1; p=reject; rua=https://reports.example.com"'));
      expect(byPolicy(await pack.analyze(plan), "email-dmarc-rua-mailto").map((v) => v.message)).toEqual([expect.stringContaining("every rua must be a mailto: address")]);
    });
  });

  test("two mailto: addresses, one with a size limit, comply", async () => {
    expect(await policiesOf(setDmarc("v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:reports@dmarc.example.net!10m"))).toEqual([]);
  });
});

describe("email-dkim-key-strength", () => {
  const rsaKey = (bits: number) => testRsaPublicKeyBase64(bits, "dkim");
  const dkim = (value: string) => add(dnsRecord("dkim", { name: "s1._domainkey.example.com", type: "TXT", content: renderTxtContent(value), proxied: false, ttl: 3600 }));

  test("a 512-bit RSA key is a violation", async () => {
    const plan = dkim(`v=DKIM1; k=rsa; p=${rsaKey(512)}`);
    expect(byPolicy(await pack.analyze(plan), "email-dkim-key-strength")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "dkim").urn, message: "The DKIM key at s1._domainkey.example.com has 512 bits; it must have at least 1024." }),
    ]);
  });

  test("a p= that is not a key is a violation (fail closed)", async () => {
    expect(await policiesOf(dkim("v=DKIM1; k=rsa; p=bm90IGEga2V5"))).toEqual(["email-dkim-key-strength"]);
  });

  test.each([
    ["a 1024-bit key", () => `v=DKIM1; k=rsa; p=${rsaKey(1024)}`],
    ["a 2048-bit key split over two TXT strings", () => `v=DKIM1; k=rsa; p=${rsaKey(2048)}`],
    ["a revoked key (empty p=)", () => "v=DKIM1; k=rsa; p="],
    ["an ed25519 key", () => `v=DKIM1; k=ed25519; p=${Buffer.alloc(32, 7).toString("base64")}`],
  ])("%s complies", async (_what, value) => {
    expect(await policiesOf(dkim(value()))).toEqual([]);
  });
});
