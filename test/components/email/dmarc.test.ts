import { buildDmarcValue, externalReportDomains, publishedPolicy, reportAuthorizationName, reportUriProblem } from "../../../components/email/dmarc";

describe("DMARC builder", () => {
  test("v=DMARC1 first, then p, then the set tags", () => {
    expect(buildDmarcValue({ p: "quarantine", rua: ["mailto:dmarc@example.com"] })).toBe("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com");
    expect(buildDmarcValue({ p: "reject", sp: "quarantine", adkim: "s", aspf: "r", rua: ["mailto:a@example.com", "mailto:b@example.net"], ruf: ["mailto:f@example.com"], fo: "1" })).toBe(
      "v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; rua=mailto:a@example.com,mailto:b@example.net; ruf=mailto:f@example.com; fo=1",
    );
  });

  test("sp equal to p is left out", () => {
    expect(buildDmarcValue({ p: "reject", sp: "reject" })).toBe("v=DMARC1; p=reject");
  });

  test("a rollout step is published instead of the target", () => {
    expect(publishedPolicy({ p: "quarantine", rollout: { policy: "none", until: "2026-12-15" } })).toBe("none");
    expect(publishedPolicy({ p: "quarantine" })).toBe("quarantine");
  });
});

describe("report URIs", () => {
  test.each([
    ["https://reports.example.com", "is not a mailto: URI"],
    ["dmarc@example.com", "is not a mailto: URI"],
    ["mailto:dmarc", "is not a valid mailto: address"],
    ["mailto:a@example.com,mailto:b@example.com", "is not a valid mailto: address"],
  ])("%s is rejected", (uri, message) => {
    expect(reportUriProblem(uri)).toContain(message);
  });

  test.each(["mailto:dmarc@example.com", "mailto:re+x@dmarc.example.com!10m"])("%s is accepted", (uri) => {
    expect(reportUriProblem(uri)).toBeUndefined();
  });

  test("only report domains outside the zone need an authorization record", () => {
    const uris = ["mailto:dmarc@example.com", "mailto:r@dmarc.example.com", "mailto:x@reports.example.net", "mailto:y@reports.example.net"];
    expect(externalReportDomains(uris, "example.com")).toEqual(["reports.example.net"]);
    expect(externalReportDomains(["mailto:d@notexample.com"], "example.com")).toEqual(["notexample.com"]);
    expect(reportAuthorizationName("example.com", "reports.example.net")).toBe("example.com._report._dmarc.reports.example.net");
  });
});
