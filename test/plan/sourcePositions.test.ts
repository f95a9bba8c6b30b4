/**
 * An offline render asks the SDK for no source positions (plan/render.ts, withoutSourcePositions):
 * a formatted stack trace per resource that the plan never records. The SDK is the render's own,
 * from this suite's registry.
 */
import { renderIsolated } from "../support/render";

type WithCallsites = { callsites: () => unknown[] };

test("the render never takes a resource's call sites, and leaves the SDK's method as it found it", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resource = (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).Resource as unknown as WithCallsites;
  const original = resource.callsites;
  const spy = jest.fn(original);
  resource.callsites = spy;
  try {
    const { plan } = await renderIsolated({ stack: "staging" });
    expect(plan.resources.length).toBeGreaterThan(20);
    expect(spy).not.toHaveBeenCalled();
    expect(resource.callsites).toBe(spy);
  } finally {
    resource.callsites = original;
  }
});

test("outside a render, the SDK still takes call sites (a real deploy sends source positions)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resource = (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).Resource as unknown as WithCallsites;
  expect(resource.callsites().length).toBeGreaterThan(0);
});
