import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { emailSchema, type EmailConfig } from "../../../components/schema/email";
import { buildEmailPlan, type EmailPlan } from "../../../components/email/records";

/** Parses a raw `email` section through the real schema (defaults applied), failing loudly. */
export function section(raw: unknown): EmailConfig {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  return parsed.data;
}

export function plan(raw: unknown, apex = "example.com", environment = "prod"): EmailPlan {
  return buildEmailPlan(section(raw), { apex, environment });
}

/** The records as a reader of DNS sees them: "name TYPE [priority] value". */
export function zone(p: EmailPlan, purposes?: string[]): string[] {
  return p.records
    .filter((r) => !purposes || purposes.includes(r.purpose))
    .map((r) => `${r.name} ${r.type} ${r.priority !== undefined ? `${r.priority} ` : ""}${r.value}`);
}

export const DMARC = { p: "quarantine", rua: ["mailto:dmarc@example.com"] };

/** One of the example stacks' `email` sections in test/fixtures/email, parsed. */
export function loadFixture(name: "prod" | "staging"): EmailConfig {
  return section(parse(readFileSync(join(__dirname, "../../fixtures/email", `${name}.yaml`), "utf8")));
}
