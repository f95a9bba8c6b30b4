import { basePlan, expectNoLeak, headFrom, plantSecrets, remove, res, riskySection, risksOf, run } from "../helpers";
import { parseDmarc } from "../../../kernel/dmarc";
import { text as markdownText } from "../../../encode/markdown";

const setDmarc = (plan: ReturnType<typeof basePlan>, text: string) => {
  res(plan, "email-dmarc-apex").inputs.content = `"${text}"`;
};

describe("DMARC weakening", () => {
  test.each([
    ["p quarantine -> none", "v=DMARC1; p=none; rua=mailto:dmarc@example.com", "DMARC policy of _dmarc.example.com is lowered from p=quarantine to p=none."],
    ["pct lowered", "v=DMARC1; p=quarantine; pct=25; rua=mailto:dmarc@example.com", "DMARC pct of _dmarc.example.com is lowered from 100 to 25"],
    ["rua removed", "v=DMARC1; p=quarantine", "DMARC aggregate reports (rua=mailto:dmarc@example.com) of _dmarc.example.com are no longer requested"],
  ])("%s", (_label, text, message) => {
    const base = basePlan();
    const head = headFrom(base, (h) => setDmarc(h, text));
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "dmarc-weakened").map((x) => x.message)).toEqual([expect.stringContaining(message)]);
    expect(riskySection(r.markdown)).toContain(`**DMARC weakened**: ${markdownText(message)}`);
    expectNoLeak(r, secrets);
  });

  test("p reject -> quarantine, and strict alignment relaxed", () => {
    const base = headFrom(basePlan(), (b) => setDmarc(b, "v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@example.com"));
    const head = headFrom(base, (h) => setDmarc(h, "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"));
    expect(risksOf(run(base, head), "dmarc-weakened").map((x) => x.message)).toEqual([
      "DMARC policy of _dmarc.example.com is lowered from p=reject to p=quarantine.",
      "DMARC adkim of _dmarc.example.com is relaxed from strict to relaxed alignment.",
    ]);
  });

  test.each([
    ["sp reject -> none", "v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc@example.com", "v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@example.com", "DMARC subdomain policy of _dmarc.example.com is lowered from sp=reject to sp=none."],
    ["sp reject -> quarantine", "v=DMARC1; p=quarantine; sp=reject; rua=mailto:dmarc@example.com", "v=DMARC1; p=quarantine; sp=quarantine; rua=mailto:dmarc@example.com", "DMARC subdomain policy of _dmarc.example.com is lowered from sp=reject to sp=quarantine."],
    ["sp dropped, so subdomains fall back to a weaker p", "v=DMARC1; p=quarantine; sp=reject; rua=mailto:dmarc@example.com", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com", "DMARC subdomain policy of _dmarc.example.com is lowered from sp=reject to sp=quarantine."],
  ])("%s", (_label, before, after, message) => {
    const base = headFrom(basePlan(), (b) => setDmarc(b, before));
    const head = headFrom(base, (h) => setDmarc(h, after));
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "dmarc-weakened").map((x) => x.message)).toEqual([message]);
    expect(riskySection(r.markdown)).toContain(`**DMARC weakened**: ${markdownText(message)}`);
    expectNoLeak(r, secrets);
  });

  test("sp raised, or an sp equal to the unchanged p removed, is not weakening", () => {
    const base = headFrom(basePlan(), (b) => setDmarc(b, "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com"));
    expect(risksOf(run(base, headFrom(base, (h) => setDmarc(h, "v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc@example.com"))), "dmarc-weakened")).toEqual([]);
    const same = headFrom(basePlan(), (b) => setDmarc(b, "v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc@example.com"));
    expect(risksOf(run(same, headFrom(same, (h) => setDmarc(h, "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"))), "dmarc-weakened")).toEqual([]);
  });

  test("removing the record is weakening", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => remove(h, "email-dmarc-apex"));
    expect(risksOf(run(base, head), "dmarc-weakened")[0]?.message).toContain("DMARC record _dmarc.example.com (p=quarantine) is removed");
  });

  test("tightening is not weakening", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => setDmarc(h, "v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:dmarc@vendor.example"));
    expect(risksOf(run(base, head), "dmarc-weakened")).toEqual([]);
  });

  test("parseDmarc reads tags and refuses non-DMARC text", () => {
    expect(parseDmarc("v=DMARC1; p=reject; pct=50")).toEqual({ v: "DMARC1", p: "reject", pct: "50" });
    expect(parseDmarc("v=spf1 -all")).toBeUndefined();
  });
});
