/** The handover names the MTA-STS policy host when the stack serves it (prod), and only then. */
import { renderHandover } from "../../handover";
import { planJson } from "../../plan/pipeline";
import { toPlan } from "../../plan/model/load";
import { renderedStack } from "../support/render";

const SERVED = "The MTA-STS policy is served by the stack: a Cloudflare Worker (Free plan) on the custom domain `mta-sts.example.com` answers `https://mta-sts.example.com/.well-known/mta-sts.txt`";

test("prod serves its MTA-STS policy from a Worker: the email section says where; staging (no MTA-STS) says nothing of it", async () => {
  const doc = async (stack: string) => renderHandover(toPlan(planJson(await renderedStack(stack as "prod" | "staging")), "rendered plan")).markdown;
  const prod = await doc("prod");
  const email = prod.slice(prod.indexOf("\n## Email authentication\n"));
  expect(email.slice(0, email.indexOf("\n## ", 5))).toContain(SERVED);
  expect(await doc("staging")).not.toContain("MTA-STS policy is served");
});
