/**
 * Generates contracts/schemas/cloudflare.schema.json: JSON Schemas of the Cloudflare API request
 * types named in contracts/cloudflare/sdkTypes.ts, read from the official `cloudflare` SDK's type
 * definitions by ts-json-schema-generator. Run after upgrading the SDK:
 *
 *   npm run contracts:schemas            (writes the file and its stamp)
 *   npm run contracts:schemas -- --check (generates in memory; exit 1 if the committed file is stale)
 *
 * Beside the schema, cloudflare.schema.stamp.json records a digest of everything the generator
 * reads (below) and of the schema it wrote. The generator is a pure function of those inputs, and
 * costs ~8 s of CPU and ~450 MB (a TypeScript program over the whole SDK), so the test suite checks
 * the stamp instead of generating (test/contracts/schemas.test.ts): an SDK upgrade, an edit of
 * sdkTypes.ts, of the options here or of the schema by hand all fail it until this is run again.
 * The generator is pinned at 2.4.0, its last release that runs on Node 20; it brings its own
 * TypeScript 5.9 to read the SDK's declaration files.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
export const SDK_TYPES_FILE = path.join(ROOT, "contracts/cloudflare/sdkTypes.ts");
export const SCHEMA_FILE = path.join(ROOT, "contracts/schemas/cloudflare.schema.json");
export const STAMP_FILE = path.join(ROOT, "contracts/schemas/cloudflare.schema.stamp.json");
const TSCONFIG = path.join(ROOT, "scripts/contract-schemas.tsconfig.json");
const SDK_DIR = path.join(ROOT, "node_modules/cloudflare");


/** What the generator reads: the files that choose the types and options, and the packages it runs on. */
export interface SchemaInputs {
  /** The SDK's folder: its declaration files and package.json are read (its JavaScript is not). */
  sdkDir: string;
  /** sdkTypes.ts, the tsconfig and this script (the generator's options). */
  files: string[];
  /**
   * The versions of the generator and of every package it depends on (its TypeScript reads the
   * declarations), and the project's module type (which decides how sdkTypes.ts's imports resolve).
   */
  versions: string[];
}

const DECLARATION = /(\.d\.[cm]?ts|package\.json)$/;

type PackageJson = { version?: string; type?: string; dependencies?: Record<string, string> };
const readPackage = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;

// The SDK's package.json is not in its "exports", so it is read from its folder.
const sdkVersion = () => readPackage(path.join(SDK_DIR, "package.json")).version;

/** The package.json Node would load `name` from, starting in `dir` (a package's own "exports" may hide it from require.resolve). */
function installedPackage(name: string, dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    const file = path.join(at, "node_modules", name, "package.json");
    if (fs.existsSync(file)) return file;
    if (path.dirname(at) === at) throw new Error(`${name} is not installed (needed by ts-json-schema-generator): run npm ci`);
  }
}

function generatorVersions(): string[] {
  const generatorDir = path.dirname(installedPackage("ts-json-schema-generator", ROOT));
  const generator = readPackage(path.join(generatorDir, "package.json"));
  const dependencies = Object.keys(generator.dependencies ?? {}).sort();
  return [
    `ts-json-schema-generator@${generator.version}`,
    ...dependencies.map((name) => `${name}@${readPackage(installedPackage(name, generatorDir)).version}`),
    `module type ${readPackage(path.join(ROOT, "package.json")).type ?? "commonjs"}`,
  ];
}

export function installedSchemaInputs(): SchemaInputs {
  return { sdkDir: SDK_DIR, files: [SDK_TYPES_FILE, TSCONFIG, __filename], versions: generatorVersions() };
}

/** One digest of every input: any byte of a declaration, a file or a version changes it (~0.4 s over the SDK's 20 MB). */
export function schemaInputsDigest(inputs: SchemaInputs): string {
  const hash = createHash("sha256");
  const add = (name: string, content: string | Buffer) => hash.update(`${name}\0${content.length}\0`).update(content);
  // The SDK's own node_modules are left out: it has no dependencies today, and one it gains shows in
  // its package.json, which is read.
  const declarations = fs
    .readdirSync(inputs.sdkDir, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => DECLARATION.test(file) && !file.split("/").includes("node_modules"))
    .sort();
  for (const file of declarations) add(`sdk/${file}`, fs.readFileSync(path.join(inputs.sdkDir, file)));
  // Our own files with their line endings made plain, so a checkout that writes CRLF digests the same.
  for (const file of inputs.files) add(path.basename(file), fs.readFileSync(file, "utf8").replace(/\r\n/g, "\n"));
  for (const version of inputs.versions) add("version", version);
  return hash.digest("hex");
}

/** The stamp written beside the schema: the digest of its inputs and of the schema made from them. */
export interface SchemaStamp {
  inputs: string;
  schema: string;
}

/** The schema digested with plain line endings too, as our own inputs are. */
export const stampFor = (schemaText: string, inputsDigest: string): SchemaStamp => ({
  inputs: inputsDigest,
  schema: createHash("sha256").update(schemaText.replace(/\r\n/g, "\n")).digest("hex"),
});

/** The committed stamp, or undefined when there is none or it is not a stamp. */
export function readStamp(file = STAMP_FILE): SchemaStamp | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<SchemaStamp>;
    return typeof stamp.inputs === "string" && typeof stamp.schema === "string" ? { inputs: stamp.inputs, schema: stamp.schema } : undefined;
  } catch {
    return undefined;
  }
}

const stampText = (stamp: SchemaStamp) =>
  `${JSON.stringify({ "//": "Written by npm run contracts:schemas: digests of the generator's inputs and of the schema it made from them.", ...stamp }, null, 2)}\n`;

/** The schema file's exact text, as the generator produces it now. */
export function generateCloudflareSchema(): string {
  // Loaded here, not on import: the generator brings a TypeScript of its own, and the test suite
  // reads this module's stamp helpers without ever generating.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createGenerator } = require("ts-json-schema-generator") as typeof import("ts-json-schema-generator");
  const generator = createGenerator({
    path: SDK_TYPES_FILE,
    tsconfig: TSCONFIG,
    type: "*",
    expose: "export",
    topRef: true,
    // The SDK is type-checked by tsc already; the generator only needs its declarations.
    skipTypeCheck: true,
    jsDoc: "none",
    // The API rejects fields it does not know, so the schemas do too (typos fail the check).
    additionalProperties: false,
    sortProps: true,
  });
  const schema = generator.createSchema("*");
  const out = {
    $comment: `Generated by scripts/generate-contract-schemas.ts from cloudflare@${sdkVersion()} (contracts/cloudflare/sdkTypes.ts). Do not edit: regenerate with npm run contracts:schemas.`,
    ...schema,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

if (require.main === module) {
  const text = generateCloudflareSchema();
  const stamp = stampFor(text, schemaInputsDigest(installedSchemaInputs()));
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    const committedStamp = readStamp();
    if (current !== text || committedStamp?.inputs !== stamp.inputs || committedStamp.schema !== stamp.schema) {
      console.error(`${path.relative(ROOT, SCHEMA_FILE)} or its stamp is stale: run npm run contracts:schemas`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, SCHEMA_FILE)} is up to date`);
  } else {
    fs.writeFileSync(SCHEMA_FILE, text);
    fs.writeFileSync(STAMP_FILE, stampText(stamp));
    console.log(`wrote ${path.relative(ROOT, SCHEMA_FILE)} (${text.length} bytes) and ${path.relative(ROOT, STAMP_FILE)}`);
  }
}
