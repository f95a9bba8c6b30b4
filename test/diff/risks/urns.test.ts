import { basePlan, expectNoLeak, headFrom, plantSecrets, remove, res, riskySection, risksOf, run } from "../helpers";

/** Moves a resource under another parent without an alias, as a refactor that forgets one would. */
function reparent(plan: ReturnType<typeof basePlan>, name: string, withAlias: boolean) {
  const r = res(plan, name);
  const old = r.urn;
  r.urn = old.replace("launch-ready:secrets:SecretsVault$", "launch-ready:secrets:Vault$");
  if (withAlias) r.options.aliases = [...r.options.aliases, old];
  return { old, now: r.urn };
}

describe("production URN changes", () => {
  test("a production URN changed without an alias is risky and says how to keep it", () => {
    const base = basePlan();
    let urns = { old: "", now: "" };
    const head = headFrom(base, (h) => {
      urns = reparent(h, "secrets-secret-session-signing-key", false);
    });
    const secrets = plantSecrets(base, head);
    const r = run(base, head);
    const [risk] = risksOf(r, "production-urn-changed");
    expect(risk?.message).toBe(
      `Production URN changes without an alias: ${urns.old} -> ${urns.now}. Pulumi deletes the aws:secretsmanager/secret:Secret and creates a new one; add \`aliases: ["${urns.old}"]\` to keep it.`,
    );
    expect(riskySection(r.markdown)).toContain("**Production URN change**");
    expectNoLeak(r, secrets);
  });

  test("the same change with an alias is a rename, not a risk", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => reparent(h, "secrets-secret-session-signing-key", true));
    const r = run(base, head);
    expect(r.report.risks).toEqual([]);
    expect(r.report.counts).toEqual(expect.objectContaining({ added: 0, removed: 0, changed: 1 }));
  });

  test("a production resource removed from the program is risky", () => {
    const base = basePlan();
    const head = headFrom(base, (h) => remove(h, "monitoring-alarm-login"));
    expect(risksOf(run(base, head), "production-urn-changed")[0]?.message).toMatch(/^Production resource aws:cloudwatch\/metricAlarm:MetricAlarm "monitoring-alarm-login" is removed/);
  });

  test("staging URN changes are not production risks", () => {
    const base = basePlan("staging");
    const head = headFrom(base, (h) => reparent(h, "secrets-secret-session-signing-key", false));
    expect(risksOf(run(base, head), "production-urn-changed")).toEqual([]);
  });
});
