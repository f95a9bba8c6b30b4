/**
 * Which stacks verify holds to the no-mail rules: a domain that declares it sends and receives no
 * mail (null MX, v=spf1 -all, DMARC reject), not an apex that only publishes "v=spf1 -all"
 * because nothing sends with it as envelope (staging: mail goes out as mail.<apex>, MAIL FROM bounce.mail).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { planJson } from "../../plan/pipeline";
import { toPlan } from "../../plan/model/load";
import { targetFromPlan } from "../../verify/target";
import { renderIsolated } from "../support/render";
import { testStackFile } from "../support/stacks";

const targetOf = async (options: { stack?: string; configFile?: string }) => targetFromPlan(toPlan(planJson(await renderIsolated(options)), "rendered plan"));

test("staging's apex publishes v=spf1 -all and is checked as an SPF name, not as a no-mail domain", async () => {
  const t = await targetOf({ stack: "staging" });
  expect(t.email.spfNames).toEqual(expect.arrayContaining(["example-staging.com", "mail.example-staging.com", "bounce.mail.example-staging.com"]));
  expect(t.email.noMail).toBe(false);
});

test("a stack in no-mail mode is checked as a no-mail domain", async () => {
  const doc = parseDocument(fs.readFileSync(testStackFile("prod"), "utf8"));
  doc.setIn(["config", "launch-ready:email"], doc.createNode({ mode: "none" }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lr-nomail-")), "Pulumi.prod.yaml");
  fs.writeFileSync(file, doc.toString());
  expect((await targetOf({ configFile: file })).email.noMail).toBe(true);
});
