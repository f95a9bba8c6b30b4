/**
 * Uptime policies through the real analyzer: health checks for the homepage, login and API, and an
 * action on every alarm.
 */
import type { Plan } from "../../plan/types";
import { HEALTH_CHECK, METRIC_ALARM, PROD_POLICY_CONFIG, UNKNOWN_VALUE, ZONE_ID, breakPlan, byPolicy, planned, resourceNamed, usePolicyPack } from "./harness";

const pack = usePolicyPack();

const policiesOf = async (plan: Plan, config?: Record<string, unknown>) => [...new Set((await pack.analyze(plan, config)).map((v) => v.policyName))].sort();
const withoutCheck = (name: string) => (p: Plan) => (p.resources = p.resources.filter((r) => r.name !== `check-${name}`));
const editCheck = (name: string, inputs: Record<string, unknown>) => breakPlan((p) => Object.assign(resourceNamed(p, `check-${name}`).inputs, inputs));

describe("uptime-health-checks-present", () => {
  test("a missing login check is a stack violation naming the route", async () => {
    expect(byPolicy(await pack.analyze(breakPlan(withoutCheck("login"))), "uptime-health-checks-present")).toEqual([
      expect.objectContaining({
        enforcementLevel: "mandatory",
        message: "The stack must health-check login (/login), but no enabled HTTP(S) health check requests that path.",
      }),
    ]);
  });

  test("no checks at all names every route", async () => {
    const plan = breakPlan((p) => ["homepage", "login", "api"].forEach((n) => withoutCheck(n)(p)));
    expect(byPolicy(await pack.analyze(plan), "uptime-health-checks-present").map((v) => v.message)).toEqual([
      "The stack must health-check homepage (/), login (/login), api (/api/*), but no enabled HTTP(S) health check requests those paths.",
    ]);
  });

  test.each([
    ["a disabled check", { disabled: true }],
    ["a TCP check", { type: "TCP" }],
    ["a check of another path", { resourcePath: "/status" }],
  ])("%s does not count", async (_what, inputs) => {
    expect(await policiesOf(editCheck("api", inputs))).toEqual(["uptime-health-checks-present"]);
  });

  test("a query on the path, and a Cloudflare health check, count", async () => {
    expect(await policiesOf(editCheck("login", { resourcePath: "/login?probe=1" }))).toEqual([]);
    const plan = breakPlan((p) => {
      withoutCheck("api")(p);
      p.resources.push(planned("cloudflare:index/healthcheck:Healthcheck", "cf-api", { zoneId: ZONE_ID, name: "api", address: "api.example.com", type: "HTTPS", httpConfig: { path: "/api/v1/ping" } }, false));
    });
    expect(await policiesOf(plan)).toEqual([]);
  });

  test("outside prod a stack without health checks is not judged; one with some must have all", async () => {
    const staging = { ...PROD_POLICY_CONFIG, "uptime-health-checks-present": { environment: "staging" } };
    const none = breakPlan((p) => ["homepage", "login", "api"].forEach((n) => withoutCheck(n)(p)));
    expect(await policiesOf(none, staging)).toEqual([]);
    expect(await policiesOf(breakPlan(withoutCheck("login")), staging)).toEqual(["uptime-health-checks-present"]);
  });

  test("the routes come from policy config", async () => {
    const config = { ...PROD_POLICY_CONFIG, "uptime-health-checks-present": { checks: [{ name: "members", path: "/members" }] } };
    expect(byPolicy(await pack.analyze(breakPlan(() => undefined), config), "uptime-health-checks-present").map((v) => v.message)).toEqual([
      expect.stringContaining("must health-check members (/members)"),
    ]);
  });
});

describe("uptime-alarms-have-actions", () => {
  const editAlarm = (inputs: Record<string, unknown>) => breakPlan((p) => Object.assign(resourceNamed(p, "homepage-down").inputs, inputs));

  test.each([
    ["no alarmActions", { alarmActions: undefined }, "must have at least one alarm action"],
    ["an empty list", { alarmActions: [] }, "must have at least one alarm action"],
    ["actions disabled", { actionsEnabled: false }, "has actionsEnabled false"],
  ])("%s is a violation on the alarm", async (_what, inputs, expected) => {
    const plan = editAlarm(inputs);
    expect(byPolicy(await pack.analyze(plan), "uptime-alarms-have-actions")).toEqual([
      expect.objectContaining({ urn: resourceNamed(plan, "homepage-down").urn, message: expect.stringContaining(expected) }),
    ]);
  });

  test("a composite alarm is judged too", async () => {
    const plan = breakPlan((p) => p.resources.push(planned("aws:cloudwatch/compositeAlarm:CompositeAlarm", "site-down", { alarmName: "site-down", alarmRule: "ALARM(a)" }, false)));
    expect(byPolicy(await pack.analyze(plan), "uptime-alarms-have-actions").map((v) => v.message)).toEqual([expect.stringContaining("Alarm site-down must have at least one alarm action")]);
  });

  test.each([
    ["a topic ARN", { alarmActions: ["arn:aws:sns:us-east-1:123456789012:alerts"] }],
    ["a topic created in the stack (unknown ARN)", { alarmActions: [UNKNOWN_VALUE] }],
    ["a whole list computed at deploy", { alarmActions: UNKNOWN_VALUE }],
  ])("%s complies", async (_what, inputs) => {
    expect(await policiesOf(editAlarm(inputs))).toEqual([]);
  });

  test("only alarms are judged", async () => {
    expect(resourceNamed(breakPlan(() => undefined), "check-login").type).toBe(HEALTH_CHECK);
    expect(resourceNamed(breakPlan(() => undefined), "homepage-down").type).toBe(METRIC_ALARM);
  });
});

describe("uptime-alerts-reach-someone", () => {
  /** The harness alarm wired to a stack topic through its property dependencies, as the engine sends them. */
  const withTopic = (subscribed: boolean) =>
    breakPlan((p) => {
      const topic = planned("aws:sns/topic:Topic", "alerts", { name: "launch-ready-prod-alerts" }, false);
      p.resources.push(topic);
      if (subscribed) {
        const sub = planned("aws:sns/topicSubscription:TopicSubscription", "alerts-email", { topic: UNKNOWN_VALUE, protocol: "email", endpoint: "ops@example.com" }, false);
        sub.propertyDependencies = { topic: [topic.urn] };
        p.resources.push(sub);
      }
      resourceNamed(p, "homepage-down").propertyDependencies = { alarmActions: [topic.urn] };
    });

  test("in prod, an alarm whose topic has no subscription is a violation on the alarm", async () => {
    const plan = withTopic(false);
    expect(byPolicy(await pack.analyze(plan), "uptime-alerts-reach-someone")).toEqual([
      expect.objectContaining({ enforcementLevel: "mandatory", urn: resourceNamed(plan, "homepage-down").urn, message: expect.stringContaining("notifies the topic alerts, which has no subscription") }),
    ]);
  });

  test("a subscribed topic complies, and outside prod an unsubscribed one is not judged", async () => {
    expect(await policiesOf(withTopic(true))).toEqual([]);
    const staging = { ...PROD_POLICY_CONFIG, "uptime-alerts-reach-someone": { environment: "staging" } };
    expect(await policiesOf(withTopic(false), staging)).toEqual([]);
  });
});
