/**
 * A zone named by its domain alone: looked up at deploy (getZones, with the stack's account when it
 * names one), known after deploy in the offline plan, and a clear error when Cloudflare has no such
 * zone or more than one.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pickZone, GET_ZONES_TOKEN } from "../../components/zoneLookup";
import type { RenderResult } from "../../plan/render";
import { renderIsolated } from "../support/render";
import type { InvokeCall } from "../../plan/monitor";
import { UNKNOWN_VALUE } from "../../plan/types";

const DOMAIN = "acme-club.io";
const ACCOUNT = "5b0f0e3c8d2a4e6f9a1b7c3d2e4f6a8b";

describe("pickZone", () => {
  it("takes the one zone of that name", () => {
    expect(pickZone(DOMAIN, ACCOUNT, [{ id: "z1", name: DOMAIN }])).toEqual({ id: "z1" });
  });
  it("ignores a zone of another name the filter let through", () => {
    expect(pickZone(DOMAIN, undefined, [{ id: "z0", name: `x${DOMAIN}` }, { id: "z1", name: DOMAIN }])).toEqual({ id: "z1" });
  });
  it("names the domain, the account and the fixes when there is none", () => {
    const result = pickZone(DOMAIN, ACCOUNT, []);
    expect(result).toEqual({ error: expect.stringContaining(`no Cloudflare zone named ${DOMAIN} in account ${ACCOUNT}`) });
    expect((result as { error: string }).error).toContain("zone: {create: {accountId: <id>}}");
  });
  it("lists every candidate when the name is ambiguous, and asks for the account when none is named", () => {
    const result = pickZone(DOMAIN, undefined, [
      { id: "z1", name: DOMAIN, account: { id: "a1" }, status: "active" },
      { id: "z2", name: DOMAIN, account: { id: "a2" }, status: "pending" },
    ]);
    expect((result as { error: string }).error).toBe(
      `2 Cloudflare zones are named ${DOMAIN} visible to the API token: z1 (account a1, active), z2 (account a2, pending); the stack cannot choose: name the account (edge.access.accountId) or set launch-ready:zone to {id: <zone id>} (the zone's Overview page, "Zone ID")`,
    );
  });
});

describe("a stack without a zone id", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-zone-lookup-")), "Pulumi.demo.yaml");
  fs.writeFileSync(
    file,
    [
      "config:",
      "  launch-ready:environment: demo",
      `  launch-ready:domain: ${DOMAIN}`,
      "  launch-ready:hosts:",
      "    - {name: '@', origin: {cname: demo.netlify.app}}",
      "    - {name: admin, origin: {cname: demo.netlify.app}}",
      `  launch-ready:edge: {access: {accountId: ${ACCOUNT}, allowedEmailDomain: ${DOMAIN}}}`,
      "  launch-ready:email: {mode: none}",
      "",
    ].join("\n"),
  );
  const calls: InvokeCall[] = [];
  let offline: RenderResult;
  beforeAll(async () => {
    offline = await renderIsolated({ configFile: file, invokes: (call) => void calls.push(call) });
  });

  it("looks the zone up by the domain, in the account the stack names", () => {
    expect(calls.filter((c) => c.token === GET_ZONES_TOKEN).map((c) => c.inputs)).toEqual([{ name: DOMAIN, account: { id: ACCOUNT } }]);
  });

  it("plans every zone resource with the zone id known after deploy", () => {
    const zoneScoped = offline.plan.resources.filter((r) => r.custom && "zoneId" in r.inputs);
    expect(zoneScoped.length).toBeGreaterThan(5);
    for (const resource of zoneScoped) expect(resource.inputs.zoneId).toBe(UNKNOWN_VALUE);
    expect(offline.plan.resources.some((r) => r.type === "cloudflare:index/zone:Zone")).toBe(false);
  });

  it("stops the preview with the reason when Cloudflare answers no zone, or two", async () => {
    const zones = [
      { id: "a".repeat(32), name: DOMAIN, account: { id: ACCOUNT } },
      { id: "b".repeat(32), name: DOMAIN, account: { id: ACCOUNT } },
    ];
    const answering = (results: unknown[]) => renderIsolated({ configFile: file, invokes: (c) => (c.token === GET_ZONES_TOKEN ? { results } : undefined) });
    await expect(answering([])).rejects.toMatchObject({
      name: "ProgramError",
      message: expect.stringMatching(new RegExp(`^the Pulumi program of stack demo failed: no Cloudflare zone named ${DOMAIN.replace(".", "\\.")} in account ${ACCOUNT}; add the site`)),
    });
    await expect(answering(zones)).rejects.toMatchObject({
      name: "ProgramError",
      message: `the Pulumi program of stack demo failed: 2 Cloudflare zones are named ${DOMAIN} in account ${ACCOUNT}: ${zones[0]!.id} (account ${ACCOUNT}), ${zones[1]!.id} (account ${ACCOUNT}); the stack cannot choose: set launch-ready:zone to {id: <zone id>} (the zone's Overview page, "Zone ID")`,
    });
  });
});
