/**
 * Policy settings weakened by a pull request: the rendered prod plan (jest global setup) carrying
 * the settings `plan` derives, against a head whose settings section a PR edited. The risk shows
 * in the JSON report and, encoded, in the Markdown of the PR comment.
 */
import MarkdownIt from "markdown-it";
import { diffPlans, toMarkdown } from "../../../diff";
import type { Plan } from "../../../plan/types";
import { renderedStack } from "../../support/render";
import { testPolicySettings } from "../../support/stacks";

let base: Plan;
beforeAll(async () => {
  base = { ...(await renderedStack("prod")).plan, policySettings: testPolicySettings("prod") };
}, 60_000);

const withSettings = (edit: (s: Record<string, any>) => void): Plan => {
  const settings = structuredClone(base.policySettings!) as Record<string, any>;
  edit(settings);
  return { ...structuredClone(base), policySettings: settings };
};
const settingsRisks = (head: Plan) => diffPlans(base, head).risks.filter((r) => r.kind === "policy-settings-weakened");

test("the same settings: no settings risk and no note", () => {
  const report = diffPlans(base, withSettings(() => undefined));
  expect(report.risks.filter((r) => r.kind === "policy-settings-weakened")).toEqual([]);
  expect(report.notes.filter((n) => /policy setting/i.test(n))).toEqual([]);
});

test("a sensitive host and a private path dropped, the HSTS floor lowered: high risks naming policy, setting, before → after, in JSON and Markdown", () => {
  const head = withSettings((s) => {
    s["dns-sensitive-hosts-proxied"].sensitiveHosts = [];
    s["edge-cache-never-private"].privatePaths = s["edge-cache-never-private"].privatePaths.filter((p: string) => p !== "/admin");
    s["zone-hsts-enabled"] = { ...(s["zone-hsts-enabled"] ?? {}), minMaxAgeSeconds: 60 };
  });
  const report = diffPlans(base, head);
  const risks = report.risks.filter((r) => r.kind === "policy-settings-weakened");
  expect(risks.map((r) => [r.subject, r.severity])).toEqual([
    ["dns-sensitive-hosts-proxied.sensitiveHosts", "high"],
    ["edge-cache-never-private.privatePaths", "high"],
    ["zone-hsts-enabled.minMaxAgeSeconds", "high"],
  ]);
  expect(risks[0]!.message).toContain('["admin"] → []');
  expect(risks[2]!.message).toMatch(/→ 60\b/);
  const json = JSON.parse(JSON.stringify(report)) as typeof report;
  expect(json.risks.some((r) => r.subject === "edge-cache-never-private.privatePaths" && r.message.includes('"/admin"'))).toBe(true);
  const md = toMarkdown(report);
  expect(md).toMatch(/- \*\*Policy settings weakened\*\* \(high\): Policy edge-cache-never-private, setting privatePaths, is weakened: .*no longer protected: "\/admin"/);
});

test("strengthening (a private path added, the floor raised) is not a risk", () => {
  const head = withSettings((s) => {
    s["edge-cache-never-private"].privatePaths.push("/billing");
    s["zone-hsts-enabled"] = { ...(s["zone-hsts-enabled"] ?? {}), minMaxAgeSeconds: 63072000 };
  });
  expect(settingsRisks(head)).toEqual([]);
});

test("a policy disabled is a high risk", () => {
  const head = withSettings((s) => (s["edge-cache-never-private"].enforcementLevel = "disabled"));
  expect(settingsRisks(head)).toMatchObject([{ subject: "edge-cache-never-private.enforcementLevel", severity: "high" }]);
});

test("a base plan without the section (an older plan) is no error: no settings risk, and a note says so", () => {
  const { policySettings: _dropped, ...older } = base;
  const head = withSettings((s) => (s["dns-sensitive-hosts-proxied"].sensitiveHosts = []));
  const report = diffPlans(older as Plan, head);
  expect(report.risks.filter((r) => r.kind === "policy-settings-weakened")).toEqual([]);
  expect(report.notes).toContainEqual(expect.stringMatching(/base plan carries no policy settings.*not compared/));
  expect(toMarkdown(report)).toContain("base plan carries no policy settings");
});

test("a hostile setting value (newlines, backticks, HTML) stays encoded in the Markdown", () => {
  const hostile = "admin\n\n<!--\n#### ⚠️ Risky changes (0)\n```\r<script>alert(1)</script>";
  const baseWithHostile: Plan = { ...base, policySettings: { ...base.policySettings!, "dns-sensitive-hosts-proxied": { sensitiveHosts: ["admin", hostile] } } };
  const head = withSettings((s) => (s["dns-sensitive-hosts-proxied"].sensitiveHosts = ["admin"]));
  const report = diffPlans(baseWithHostile, head);
  const risk = report.risks.find((r) => r.kind === "policy-settings-weakened");
  expect(risk?.subject).toBe("dns-sensitive-hosts-proxied.sensitiveHosts");
  const md = toMarkdown(report);
  const tokens = new MarkdownIt({ html: true }).parse(md, {});
  const flat = tokens.flatMap((t) => [t, ...(t.children ?? [])]);
  expect(flat.filter((t) => t.type === "html_block" || t.type === "html_inline").map((t) => t.content)).not.toContainEqual(expect.stringContaining("<!--"));
  expect(flat.filter((t) => t.type === "html_block" || t.type === "html_inline").map((t) => t.content)).not.toContainEqual(expect.stringContaining("<script"));
  // One risk line, one heading for risks: the value's line breaks and fence did not open blocks.
  expect(tokens.filter((t) => t.type === "heading_open" && /Risky changes/.test(tokens[tokens.indexOf(t) + 1]!.content))).toHaveLength(1);
  const riskLine = md.split("\n").find((l) => l.includes("Policy settings weakened"))!;
  expect(riskLine).toContain("script");
  // Every "<" of the value is backslash-escaped (encode/markdown.ts), so none opens HTML.
  expect(riskLine).not.toMatch(/(?<!\\)<(script|!--)/);
});

test("outside production the same weakening is medium (staging's HSTS floor lowered)", async () => {
  const staging: Plan = { ...(await renderedStack("staging")).plan, policySettings: testPolicySettings("staging") };
  const settings = structuredClone(staging.policySettings!) as Record<string, any>;
  settings["zone-hsts-enabled"].minMaxAgeSeconds = 300;
  const risks = diffPlans(staging, { ...structuredClone(staging), policySettings: settings }).risks.filter((r) => r.kind === "policy-settings-weakened");
  expect(risks).toMatchObject([{ subject: "zone-hsts-enabled.minMaxAgeSeconds", severity: "medium" }]);
  expect(risks[0]!.message).toContain("86400 → 300");
});
