/**
 * The committed schemas are exactly what the generator makes from the installed SDK: an SDK
 * upgrade that changes an API type fails here until `npm run contracts:schemas` is run (and the
 * checks meet the new types in review).
 */
import * as fs from "node:fs";
import { generateCloudflareSchema, SCHEMA_FILE } from "../../scripts/generate-contract-schemas";
import { GENERATED_SCHEMA_FILE, runFile } from "../support/globalSetup";

/** The schema as the global setup generated it for this run (in a process of its own), or generated here without one. */
function generatedCloudflareSchema(): string {
  const file = runFile(GENERATED_SCHEMA_FILE);
  return file ? fs.readFileSync(file, "utf8") : generateCloudflareSchema();
}

test("contracts/schemas/cloudflare.schema.json is up to date with the cloudflare SDK", () => {
  const committed = fs.readFileSync(SCHEMA_FILE, "utf8");
  const fresh = generatedCloudflareSchema();
  expect(fresh === committed).toBe(true);
  // And it carries the API's own value unions, not just names.
  const schema = JSON.parse(fresh) as { definitions: Record<string, { properties?: Record<string, { enum?: unknown[] }> }> };
  expect(schema.definitions["SettingEditResponse.ZonesSSL2"]?.properties?.value?.enum).toEqual(["off", "flexible", "full", "strict"]);
}, 120000);
