import { PolicyConfigError, resolvePolicyConfig, schemaProblem, type PolicyDescriptor } from "../../../plan/analyzer/policyConfig";

const policies: PolicyDescriptor[] = [
  { name: "a", enforcementLevel: "mandatory", configProperties: { hosts: { type: "array", items: { type: "string" }, default: ["admin"] }, env: { type: "string" } } },
  { name: "b", enforcementLevel: "advisory" },
  { name: "c", enforcementLevel: "mandatory", configProperties: { floor: { type: "integer", minimum: 0 } }, required: ["floor"] },
];
const ok = { c: { floor: 1 } };

test("defaults come from the schema, levels from the policy", () => {
  const r = resolvePolicyConfig(policies, ok);
  expect(r.get("a")).toEqual({ enforcementLevel: "mandatory", properties: { hosts: ["admin"] } });
  expect(r.get("b")).toEqual({ enforcementLevel: "advisory", properties: {} });
});

test("a policy's own level beats all, which beats the default", () => {
  const r = resolvePolicyConfig(policies, { ...ok, all: "advisory", b: "disabled", a: { enforcementLevel: "mandatory", env: "prod" } });
  expect([...r].map(([n, c]) => [n, c.enforcementLevel])).toEqual([["a", "mandatory"], ["b", "disabled"], ["c", "advisory"]]);
  expect(r.get("a")!.properties).toEqual({ hosts: ["admin"], env: "prod" });
});

test("every problem is listed at once, by key path", () => {
  let err: unknown;
  try {
    resolvePolicyConfig(policies, { all: "loud", x: "mandatory", a: { hosts: ["ok", 3], nope: 1 }, b: 7 });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PolicyConfigError);
  expect((err as PolicyConfigError).problems).toEqual([
    'all: "loud" is not an enforcement level; one of advisory, mandatory, remediate, disabled is expected',
    "x: no policy of that name in the pack; known policies: a, b, c",
    "a.hosts: [1]: 3 is not a string",
    "a.nope: the policy has no such setting; known settings: hosts, env",
    "b: an enforcement level or an object of settings is expected",
    "c.floor: required setting is missing",
  ]);
});

test.each([
  [1.5, { type: "integer" }, "1.5 is not an integer"],
  [-1, { type: "integer", minimum: 0 }, "-1 is below the minimum 0"],
  ["x", { enum: ["a", "b"] }, '"x" is not allowed; one of "a", "b" is expected'],
  [true, { type: "string" }, "true is not a string"],
])("schemaProblem(%j, %j)", (value, schema, problem) => {
  expect(schemaProblem(value, schema)).toBe(problem);
});
