/**
 * The committed schema is what the generator makes from the installed SDK. Generating costs ~8 s
 * of CPU and ~450 MB, so the suite checks the stamp `npm run contracts:schemas` writes beside it (a
 * digest of every input the generator reads, and of the schema it made): an SDK upgrade, an edit of
 * sdkTypes.ts or of the generator's options, or a hand edit of the schema fails here until the
 * script is run again (and the checks meet the new types in review).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installedSchemaInputs, readStamp, SCHEMA_FILE, type SchemaInputs, schemaInputsDigest, STAMP_FILE, stampFor } from "../../scripts/generate-contract-schemas";

const RUN_AGAIN = "run npm run contracts:schemas and review the schema's diff";

test("contracts/schemas/cloudflare.schema.json was generated from the installed SDK, sdkTypes.ts and the generator's options, and not edited since", () => {
  const committed = fs.readFileSync(SCHEMA_FILE, "utf8");
  const current = stampFor(committed, schemaInputsDigest(installedSchemaInputs()));
  const stamp = readStamp();
  if (!stamp) throw new Error(`${STAMP_FILE} is missing or not a stamp: ${RUN_AGAIN}`);
  if (stamp.inputs !== current.inputs) throw new Error(`the contract schema was generated from other inputs (the SDK, sdkTypes.ts, the generator or its options changed since): ${RUN_AGAIN}`);
  if (stamp.schema !== current.schema) throw new Error(`the contract schema was edited since it was generated: ${RUN_AGAIN}`);
  // And it carries the API's own value unions, not just names.
  const schema = JSON.parse(committed) as { definitions: Record<string, { properties?: Record<string, { enum?: unknown[] }> }> };
  expect(schema.definitions["SettingEditResponse.ZonesSSL2"]?.properties?.value?.enum).toEqual(["off", "flexible", "full", "strict"]);
});

describe("the inputs digest", () => {
  let dir: string;
  let inputs: SchemaInputs;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-schema-inputs-"));
    write("sdk/package.json", `{"version":"7.3.0"}`);
    write("sdk/resources/zones.d.ts", "export type Zone = { id: string };");
    write("sdk/resources/zones.js", "exports.x = 1;");
    write("sdk/node_modules/dep/index.d.ts", "export type Dep = 1;");
    write("sdkTypes.ts", "export type CfZone = Zone;\n");
    inputs = { sdkDir: path.join(dir, "sdk"), files: [path.join(dir, "sdkTypes.ts")], versions: ["ts-json-schema-generator@2.4.0", "typescript@5.9.3"] };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("changes with any declaration of the SDK, its package.json, our files or a version", () => {
    const before = schemaInputsDigest(inputs);
    expect(schemaInputsDigest(inputs)).toBe(before);
    const changes: Array<() => void> = [
      () => write("sdk/resources/zones.d.ts", "export type Zone = { id: number };"),
      () => write("sdk/resources/new.d.mts", "export type New = 1;"),
      () => write("sdk/package.json", `{"version":"7.4.0"}`),
      () => write("sdkTypes.ts", "export type CfZone = Zone | null;\n"),
      () => (inputs.versions = ["ts-json-schema-generator@2.5.0", "typescript@5.9.3"]),
    ];
    const seen = new Set([before]);
    for (const change of changes) {
      change();
      const digest = schemaInputsDigest(inputs);
      expect(seen.has(digest)).toBe(false);
      seen.add(digest);
    }
  });

  test("ignores the SDK's JavaScript, its nested node_modules (a dependency it gains shows in its package.json) and CRLF line endings of our files", () => {
    const before = schemaInputsDigest(inputs);
    write("sdk/resources/zones.js", "exports.x = 2;");
    write("sdk/node_modules/dep/index.d.ts", "export type Dep = 2;");
    write("sdkTypes.ts", "export type CfZone = Zone;\r\n");
    expect(schemaInputsDigest(inputs)).toBe(before);
  });

  test("a stamp names both the inputs and the schema; a missing or malformed stamp reads as none", () => {
    expect(stampFor("{}\n", "abc")).toEqual({ inputs: "abc", schema: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stampFor("{ }\n", "abc").schema).not.toBe(stampFor("{}\n", "abc").schema);
    expect(stampFor("{\r\n}\r\n", "abc")).toEqual(stampFor("{\n}\n", "abc"));
    expect(readStamp(path.join(dir, "missing.json"))).toBeUndefined();
    write("bad.json", `{"inputs": 1}`);
    expect(readStamp(path.join(dir, "bad.json"))).toBeUndefined();
    write("notjson.json", "{");
    expect(readStamp(path.join(dir, "notjson.json"))).toBeUndefined();
    expect(readStamp(STAMP_FILE)).toEqual({ inputs: expect.stringMatching(/^[0-9a-f]{64}$/), schema: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
