import { dkimRecord } from "./keys";
import { DMARC, plan, section, zone } from "./helpers";
import { buildEmailPlan, findNameConflicts } from "../../../components/email/records";
import { mxMatchesPattern } from "../../../components/email/mtasts";

const KEY = dkimRecord(2048);
const errors = (p: ReturnType<typeof plan>) => p.problems.filter((x) => x.level === "error").map((x) => x.message);

describe("no-mail mode", () => {
  test("null MX, v=spf1 -all, DMARC p=reject and a revoked wildcard DKIM key", () => {
    const p = plan({ mode: "none" });
    expect(zone(p)).toEqual([
      "example.com MX 0 .",
      "example.com TXT v=spf1 -all",
      "_dmarc.example.com TXT v=DMARC1; p=reject; adkim=s; aspf=s",
      "*._domainkey.example.com TXT v=DKIM1; p=",
    ]);
    expect(p.problems).toEqual([]);
  });

  test("keeps report addresses, and rejects senders, inbound and a weaker policy", () => {
    expect(zone(plan({ mode: "none", dmarc: { p: "reject", rua: ["mailto:d@example.com"] } }), ["dmarc"])).toEqual([
      "_dmarc.example.com TXT v=DMARC1; p=reject; adkim=s; aspf=s; rua=mailto:d@example.com",
    ]);
    const bad = plan({ mode: "none", inbound: { provider: "microsoft-365" }, senders: [{ provider: "microsoft-365", tenant: "x" }], dmarc: { p: "none" } });
    expect(errors(bad)).toEqual([
      expect.stringContaining('mode "none" declares that the domain sends no mail'),
      expect.stringContaining("publishes a null MX"),
      expect.stringContaining('publishes p=reject; "none" would let forgeries through'),
    ]);
  });
});

describe("v=spf1 -all on names mail is sent as but never with their own envelope", () => {
  const ses = { provider: "amazon-ses", host: "mail", mailFrom: "bounce" };
  const spfAt = (p: ReturnType<typeof plan>) => zone(p, ["spf"]);

  test("the apex and a From subdomain whose MAIL FROM is a subdomain get -all; the MAIL FROM keeps its include", () => {
    const p = plan({ senders: [ses], dmarc: DMARC });
    expect(spfAt(p)).toEqual(["bounce.mail.example.com TXT v=spf1 include:amazonses.com -all", "example.com TXT v=spf1 -all", "mail.example.com TXT v=spf1 -all"]);
    expect(p.records.filter((r) => r.value === "v=spf1 -all").map((r) => r.key)).toEqual(["spf-apex", "spf-mail"]);
    expect(errors(p)).toEqual([]);
  });

  test("-all even with spf.all ~all: nothing sends with these names as envelope", () => {
    expect(spfAt(plan({ senders: [ses], spf: { all: "~all" }, dmarc: DMARC }))).toContain("mail.example.com TXT v=spf1 -all");
  });

  test("a name that already has an SPF record keeps its one record", () => {
    const p = plan({ senders: [{ provider: "google-workspace", dkim: { key: KEY } }, { provider: "postmark", dkim: { selector: "s1", key: KEY } }], dmarc: DMARC });
    expect(spfAt(p)).toEqual(["example.com TXT v=spf1 include:_spf.google.com -all"]);
  });

  test("not where an inbound provider receives (its mailboxes may send with that envelope)", () => {
    const p = plan({ inbound: { provider: "google-workspace" }, senders: [ses], dmarc: DMARC });
    expect(spfAt(p)).toEqual(["bounce.mail.example.com TXT v=spf1 include:amazonses.com -all", "mail.example.com TXT v=spf1 -all"]);
  });

  test("not where a custom sender without SPF terms sends (its envelope is unknown)", () => {
    const p = plan({ senders: [{ provider: "custom", host: "news", dkim: [{ selector: "k1", key: KEY }] }], dmarc: DMARC });
    expect(spfAt(p)).toEqual(["example.com TXT v=spf1 -all"]);
  });

  test("not without a DMARC policy to cover the name (a section without senders or inbound needs none)", () => {
    expect(plan({}).records).toEqual([]);
    expect(spfAt(plan({ dmarc: DMARC }))).toEqual(["example.com TXT v=spf1 -all"]);
  });

  test("not at a web host other than the apex (its record may be a CNAME)", () => {
    const p = buildEmailPlan(section({ senders: [{ ...ses, host: "app" }], dmarc: DMARC }), { apex: "example.com", environment: "prod", webHosts: ["example.com", "app.example.com"] });
    expect(zone(p, ["spf"])).toEqual(["bounce.app.example.com TXT v=spf1 include:amazonses.com -all", "example.com TXT v=spf1 -all"]);
  });

  test("not at a name that is a CNAME (a TXT cannot sit beside it)", () => {
    // Mailgun's tracking CNAME email.<host> is also where an SES sender sends From.
    const p = plan({ senders: [{ provider: "mailgun", dkim: { selector: "smtp", key: KEY }, tracking: true }, { provider: "amazon-ses", host: "email" }], dmarc: DMARC });
    expect(spfAt(p)).toEqual(["example.com TXT v=spf1 include:mailgun.org -all"]);
    expect(errors(p)).toEqual([]);
  });
});

describe("records", () => {
  test("senders on one name share one SPF record; keys are purpose and host, never content", () => {
    const p = plan({
      inbound: { provider: "google-workspace" },
      senders: [
        { provider: "google-workspace", dkim: { key: KEY } },
        { provider: "custom", spf: ["ip4:192.0.2.10", "include:spf.example.net"], includeLookups: { "spf.example.net": 1 } },
      ],
      dmarc: DMARC,
    });
    expect(zone(p, ["spf"])).toEqual(["example.com TXT v=spf1 include:_spf.google.com ip4:192.0.2.10 include:spf.example.net -all"]);
    expect(p.records.map((r) => r.key)).toEqual(["mx-apex-0", "dkim-google-apex", "spf-apex", "dmarc-apex"]);
    expect(p.problems).toEqual([]);
  });

  test("a 2048-bit DKIM key goes to Cloudflare as quoted 255-octet strings", () => {
    const p = plan({ senders: [{ provider: "google-workspace", dkim: { key: KEY } }], dmarc: DMARC });
    const dkim = p.records.find((r) => r.purpose === "dkim")!;
    expect(KEY.length).toBeGreaterThan(255);
    expect(dkim.content).toBe(`"${KEY.slice(0, 255)}" "${KEY.slice(255, 510)}"${KEY.length > 510 ? ` "${KEY.slice(510)}"` : ""}`);
    expect(p.records.find((r) => r.purpose === "spf")!.content).toBe('"v=spf1 include:_spf.google.com -all"');
  });

  test("~all is allowed by choice, with a warning", () => {
    const p = plan({ senders: [{ provider: "google-workspace", dkim: { key: KEY } }], spf: { all: "~all" }, dmarc: DMARC });
    expect(zone(p, ["spf"])).toEqual(["example.com TXT v=spf1 include:_spf.google.com ~all"]);
    expect(p.problems).toEqual([expect.objectContaining({ level: "warning", path: ["spf", "all"] })]);
  });

  // sp is left out, so subdomains follow the rollout step too (RFC 7489: sp defaults to p).
  test("a rollout step publishes its policy; the target waits", () => {
    const p = plan({ senders: [{ provider: "amazon-ses", mailFrom: "bounce" }], dmarc: { p: "reject", rollout: { policy: "none", until: "2026-12-15" }, rua: ["mailto:d@example.com"] } });
    expect(zone(p, ["dmarc"])).toEqual(["_dmarc.example.com TXT v=DMARC1; p=none; rua=mailto:d@example.com"]);
  });

  test("acceptReportsFor publishes the external report authorization in this zone", () => {
    const p = plan({ inbound: { provider: "google-workspace" }, dmarc: { ...DMARC, acceptReportsFor: ["staging-example.com"] } });
    expect(zone(p, ["dmarc-report-auth"])).toEqual(["staging-example.com._report._dmarc.example.com TXT v=DMARC1"]);
    expect(p.records.find((r) => r.purpose === "dmarc-report-auth")!.key).toBe("dmarc-report-auth-staging-example-com");
  });

  test("a mail domain without DMARC is an error", () => {
    expect(errors(plan({ senders: [{ provider: "google-workspace", dkim: { key: KEY } }] }))).toEqual([expect.stringContaining("a domain with mail needs a DMARC policy")]);
  });

  test("rua that is not a mailto URI is an error at its path", () => {
    const p = plan({ inbound: { provider: "google-workspace" }, dmarc: { p: "reject", rua: ["https://dmarc.example.com/report"] } });
    expect(p.problems).toContainEqual(expect.objectContaining({ level: "error", path: ["dmarc", "rua", 0], message: expect.stringContaining("is not a mailto: URI") }));
  });

  test("a weak DKIM key in a preset is reported at its config path", () => {
    const p = plan({ senders: [{ provider: "google-workspace", dkim: { key: dkimRecord(768) } }], dmarc: DMARC });
    expect(p.problems).toContainEqual(expect.objectContaining({ level: "error", path: ["senders", 0, "dkim", "key"], message: expect.stringContaining("768 bits") }));
  });
});

describe("conflicts", () => {
  test("two MX sources at one name (inbound and Resend's bounce host)", () => {
    const p = plan({ inbound: { provider: "google-workspace", host: "send" }, senders: [{ provider: "resend", dkim: { key: KEY } }], dmarc: DMARC });
    expect(errors(p)).toEqual([expect.stringContaining("send.example.com gets MX records from inbound (google-workspace) and from senders[0] (resend)")]);
  });

  test("the same DKIM selector twice", () => {
    const p = plan({
      senders: [
        { provider: "mailgun", dkim: { selector: "mx", key: KEY } },
        { provider: "custom", dkim: [{ selector: "mx", key: KEY }] },
      ],
      dmarc: DMARC,
    });
    expect(errors(p)).toContainEqual(expect.stringContaining('two records share the key "dkim-mx-apex"'));
  });

  test("two SPF records at one name, and a CNAME beside other records", () => {
    const messages = findNameConflicts([
      { name: "example.com", type: "TXT", value: "v=spf1 include:_spf.google.com -all" },
      { name: "example.com", type: "TXT", value: "v=spf1 include:sendgrid.net -all" },
      { name: "example.com", type: "TXT", value: "google-site-verification=abc" },
      { name: "mail.example.com", type: "CNAME", value: "x.example.net" },
      { name: "mail.example.com", type: "TXT", value: "v=spf1 -all" },
    ]);
    expect(messages).toEqual([
      expect.stringContaining("example.com would have 2 SPF records"),
      expect.stringContaining("mail.example.com has a CNAME (x.example.net) beside 1 other record(s)"),
    ]);
  });

  test("a custom sender may not add a second whole SPF record", () => {
    const p = plan({ senders: [{ provider: "custom", spf: ["v=spf1 include:x.example.net -all"] }], dmarc: DMARC });
    expect(errors(p)).toEqual([expect.stringContaining("is a whole SPF record")]);
  });
});

describe("MTA-STS and TLS-RPT", () => {
  test("TXT with a content-derived id, the policy text, and _smtp._tls", () => {
    const p = plan({ inbound: { provider: "microsoft-365" }, dmarc: DMARC, mtaSts: { mode: "enforce", mx: ["*.mail.protection.outlook.com"] }, tlsRpt: { rua: ["mailto:tls@example.com"] } });
    expect(p.mtaSts!.policy).toBe("version: STSv1\r\nmode: enforce\r\nmx: *.mail.protection.outlook.com\r\nmax_age: 604800\r\n");
    expect(p.mtaSts!.id).toMatch(/^[0-9a-f]{20}$/);
    expect(p.mtaSts!.policyHost).toBe("mta-sts.example.com");
    expect(zone(p, ["mta-sts", "tls-rpt"])).toEqual([`_mta-sts.example.com TXT v=STSv1; id=${p.mtaSts!.id}`, "_smtp._tls.example.com TXT v=TLSRPTv1; rua=mailto:tls@example.com"]);
    const testing = plan({ inbound: { provider: "microsoft-365" }, dmarc: DMARC, mtaSts: { mode: "testing", mx: ["*.mail.protection.outlook.com"] } });
    expect(testing.mtaSts!.id).not.toBe(p.mtaSts!.id);
  });

  test("defaults the mx patterns to the inbound hosts; a pattern missing an MX host is an error", () => {
    expect(plan({ inbound: { provider: "google-workspace" }, dmarc: DMARC, mtaSts: {} }).mtaSts!.policy).toContain("mx: smtp.google.com\r\n");
    const p = plan({ inbound: { provider: "google-workspace", mx: "legacy" }, dmarc: DMARC, mtaSts: { mx: ["aspmx.l.google.com"] } });
    expect(errors(p)).toHaveLength(4);
    expect(errors(p)[0]).toContain("alt1.aspmx.l.google.com matches none of");
  });

  test("wildcards match exactly one label", () => {
    expect(mxMatchesPattern("example-com.mail.protection.outlook.com", "*.mail.protection.outlook.com")).toBe(true);
    expect(mxMatchesPattern("a.b.mail.protection.outlook.com", "*.mail.protection.outlook.com")).toBe(false);
    expect(mxMatchesPattern("mail.protection.outlook.com", "*.mail.protection.outlook.com")).toBe(false);
  });

  test("MTA-STS needs inbound mail", () => {
    expect(errors(plan({ senders: [{ provider: "amazon-ses", mailFrom: "b" }], dmarc: DMARC, mtaSts: {} }))).toEqual([expect.stringContaining("no inbound provider is configured")]);
  });
});
