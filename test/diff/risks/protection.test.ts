import { basePlan, expectNoLeak, headFrom, plantSecrets, res, riskySection, risksOf, run } from "../helpers";

describe("protection removed", () => {
  test("protect true -> false is risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => {
      res(h, "secrets-key").options.protect = false;
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    expect(risksOf(r, "protection-removed")).toEqual([expect.objectContaining({ subject: "secrets-key", message: 'Protection is removed from aws:kms/key:Key "secrets-key": a later change or destroy can now delete it.' })]);
    expect(riskySection(r.markdown)).toContain("**Protection removed**");
    expect(r.report.changes).toContainEqual(expect.objectContaining({ name: "secrets-key", properties: [{ path: "options.protect", before: "true", after: "false" }] }));
    expectNoLeak(r, secrets);
  });

  test("adding protection is not risky", () => {
    const base = basePlan("staging");
    const head = headFrom(base, (h) => {
      res(h, "secrets-key").options.protect = true;
    });
    expect(risksOf(run(base, head), "protection-removed")).toEqual([]);
  });
});
